#include "app/gui/filter_controller.h"

#include "app/gui/filter_worker.h"

namespace convscope::gui {

FilterController::FilterController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<FilterRequest>();
    qRegisterMetaType<FilterFrame>();
    qRegisterMetaType<AllFiltersRequest>();
    qRegisterMetaType<FilterTileResult>();
    m_thread.setObjectName(QStringLiteral("FilterWorker"));
    m_worker = new FilterWorker;
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &FilterWorker::frameReady, this, &FilterController::onFrame);
    connect(m_worker, &FilterWorker::failed, this, &FilterController::onFailed);
    connect(m_worker, &FilterWorker::tileReady, this, &FilterController::onTile);
    connect(m_worker, &FilterWorker::tilesFinished, this, &FilterController::onTilesFinished);
    m_thread.start();
}

FilterController::~FilterController() {
    // The running job sees the shutdown at its next band and every queued one is skipped unread; results
    // already queued to this object die with it.
    m_worker->cancelAll();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

quint64 FilterController::submit(FilterRequest request) {
    request.generation = ++m_generation;
    m_worker->setLatestGeneration(m_generation);
    // Queued onto the worker's thread (a functor runs in the thread of its context object).
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->apply(request); });
    return request.generation;
}

quint64 FilterController::submitAll(AllFiltersRequest request) {
    request.generation = ++m_tilesGeneration;
    m_worker->setLatestTilesGeneration(m_tilesGeneration);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->applyAll(request); });
    return request.generation;
}

void FilterController::cancel() {
    m_worker->setLatestGeneration(++m_generation);
}

void FilterController::cancelAll() {
    cancel();
    m_worker->setLatestTilesGeneration(++m_tilesGeneration);
}

void FilterController::onFrame(const FilterFrame& frame) {
    if (frame.generation != m_generation) return;  // a newer request exists: its result will follow
    Q_EMIT frameReady(frame);
}

void FilterController::onFailed(quint64 generation, const QString& message) {
    if (generation != m_generation) return;
    Q_EMIT failed(generation, message);
}

void FilterController::onTile(const FilterTileResult& tile) {
    if (tile.generation != m_tilesGeneration) return;
    Q_EMIT tileReady(tile);
}

void FilterController::onTilesFinished(quint64 generation) {
    if (generation != m_tilesGeneration) return;
    Q_EMIT tilesFinished(generation);
}

}  // namespace convscope::gui
