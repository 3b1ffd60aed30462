#include "app/gui/feature_maps_controller.h"

#include "app/gui/feature_maps_worker.h"

namespace convscope::gui {

FeatureMapsController::FeatureMapsController(QObject* parent)
    : QObject(parent), m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<FeatureFrame>();
    qRegisterMetaType<FeatureMapsRequest>();
    m_worker = new FeatureMapsWorker(m_latest);
    m_worker->moveToThread(&m_thread);
    // The worker (and the model it holds) is destroyed on its own thread once the loop ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &FeatureMapsWorker::ready, this, [this](quint64 generation, const FeatureFrame& frame) {
        if (generation != m_latest->load()) return;
        m_busy = false;
        Q_EMIT ready(frame);
    });
    connect(m_worker, &FeatureMapsWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (generation != m_latest->load()) return;
        m_busy = false;
        Q_EMIT failed(message);
    });
    m_thread.setObjectName(QStringLiteral("feature maps worker"));
    m_thread.start();
}

FeatureMapsController::~FeatureMapsController() {
    // Queued requests then see a generation that is no longer the newest and return at once.
    m_latest->store(0);
    m_thread.quit();
    m_thread.wait();
}

quint64 FeatureMapsController::request(FeatureMapsRequest request) {
    request.generation = ++*m_latest;
    m_busy = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->compute(request); }, Qt::QueuedConnection);
    return request.generation;
}

}  // namespace convscope::gui
