#include "app/gui/features/feature_maps_controller.h"

#include "app/gui/features/feature_maps_worker.h"

namespace convscope::gui {

FeatureMapsController::FeatureMapsController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("feature maps"), 1, this) {
    qRegisterMetaType<FeatureFrame>();
    qRegisterMetaType<FeatureMapsRequest>();
    // The worker (and the model it holds) is destroyed on its own thread.
    m_worker = m_jobs.adopt(new FeatureMapsWorker);
    connect(m_worker, &FeatureMapsWorker::ready, this, [this](quint64 generation, const FeatureFrame& frame) {
        if (m_jobs.finish(0, generation)) Q_EMIT ready(frame);
    });
    connect(m_worker, &FeatureMapsWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
}

FeatureMapsController::~FeatureMapsController() = default;

quint64 FeatureMapsController::request(const FeatureMapsRequest& request) {
    return m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->compute(token, request); });
}

}  // namespace convscope::gui
