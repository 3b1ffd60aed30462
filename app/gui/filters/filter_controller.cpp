#include "app/gui/filters/filter_controller.h"

#include "app/gui/filters/filter_worker.h"

namespace convscope::gui {

FilterController::FilterController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("filters"), 2, this) {
    qRegisterMetaType<FilterRequest>();
    qRegisterMetaType<FilterFrame>();
    qRegisterMetaType<AllFiltersRequest>();
    qRegisterMetaType<FilterTileResult>();
    m_worker = m_jobs.adopt(new FilterWorker);
    // A preview is followed by the full resolution: only the full frame (or a failure) ends the job.
    connect(m_worker, &FilterWorker::frameReady, this, [this](const FilterFrame& frame) {
        if (frame.preview ? m_jobs.isCurrent(kInteractive, frame.generation)
                          : m_jobs.finish(kInteractive, frame.generation))
            Q_EMIT frameReady(frame);
    });
    connect(m_worker, &FilterWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(kInteractive, generation)) Q_EMIT failed(generation, message);
    });
    connect(m_worker, &FilterWorker::tileReady, this, [this](const FilterTileResult& tile) {
        if (m_jobs.isCurrent(kTiles, tile.generation)) Q_EMIT tileReady(tile);
    });
    connect(m_worker, &FilterWorker::tilesFinished, this, [this](quint64 generation) {
        if (m_jobs.finish(kTiles, generation)) Q_EMIT tilesFinished(generation);
    });
}

FilterController::~FilterController() = default;

quint64 FilterController::submit(const FilterRequest& request) {
    return m_jobs.post(
        kInteractive, [worker = m_worker, request](const JobToken& token) { worker->apply(token, request); });
}

quint64 FilterController::submitAll(const AllFiltersRequest& request) {
    return m_jobs.post(
        kTiles, [worker = m_worker, request](const JobToken& token) { worker->applyAll(token, request); });
}

void FilterController::cancel() {
    m_jobs.drop(kInteractive);
}

void FilterController::cancelAll() {
    m_jobs.drop(kInteractive);
    m_jobs.drop(kTiles);
}

}  // namespace convscope::gui
