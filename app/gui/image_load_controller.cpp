#include "app/gui/image_load_controller.h"

namespace convscope::gui {

ImageLoadController::ImageLoadController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ImageLoadResult>();
    m_thread.setObjectName(QStringLiteral("ImageLoader"));
    m_worker = new ImageLoadWorker;
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ImageLoadWorker::loaded, this, &ImageLoadController::onLoaded);
    connect(m_worker, &ImageLoadWorker::failed, this, &ImageLoadController::onFailed);
    m_thread.start();
}

ImageLoadController::~ImageLoadController() {
    // Skip every queued request, then let the current decode finish; its queued result dies with `this`.
    m_worker->setLatestGeneration(~quint64{0});
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

quint64 ImageLoadController::open(const QString& path) {
    ++m_generation;
    m_pending = true;
    m_worker->setLatestGeneration(m_generation);
    Q_EMIT started(m_generation, path);
    // Queued onto the worker's thread (the functor runs in the context object's thread).
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation = m_generation, path] { worker->load(generation, path); });
    return m_generation;
}

void ImageLoadController::cancel() {
    ++m_generation;
    m_pending = false;
    m_worker->setLatestGeneration(m_generation);
}

void ImageLoadController::onLoaded(quint64 generation, const ImageLoadResult& result) {
    if (generation != m_generation) return;
    m_pending = false;
    Q_EMIT loaded(generation, result);
}

void ImageLoadController::onFailed(quint64 generation, const QString& path, const QString& message) {
    if (generation != m_generation) return;
    m_pending = false;
    Q_EMIT failed(generation, path, message);
}

}  // namespace convscope::gui
