#include "app/gui/features/equivariance_controller.h"

#include "app/gui/features/equivariance_worker.h"

namespace convscope::gui {

EquivarianceController::EquivarianceController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("equivariance"), 1, this) {
    qRegisterMetaType<EquivarianceFrame>();
    qRegisterMetaType<EquivarianceRequest>();
    m_worker = m_jobs.adopt(new EquivarianceWorker);
    connect(m_worker, &EquivarianceWorker::ready, this,
            [this](quint64 generation, const EquivarianceFrame& f) {
                if (m_jobs.finish(0, generation)) Q_EMIT ready(f);
            });
    connect(m_worker, &EquivarianceWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
}

EquivarianceController::~EquivarianceController() = default;

quint64 EquivarianceController::request(const EquivarianceRequest& request) {
    return m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->compute(token, request); });
}

}  // namespace convscope::gui
