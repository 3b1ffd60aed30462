#include "app/gui/frequency/speed_controller.h"

namespace convscope::gui {

SpeedController::SpeedController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("speed measurement"), 1, this) {
    qRegisterMetaType<SpeedRequest>();
    qRegisterMetaType<SpeedView>();
    m_worker = m_jobs.adopt(new SpeedWorker);
    connect(m_worker, &SpeedWorker::progress, this, [this](quint64 generation, int done, int total) {
        if (m_jobs.isCurrent(0, generation)) Q_EMIT progress(done, total);
    });
    connect(m_worker, &SpeedWorker::finished, this, [this](quint64 generation, const SpeedView& v) {
        if (m_jobs.finish(0, generation)) Q_EMIT finished(v);
    });
    connect(m_worker, &SpeedWorker::cancelled, this, [this](quint64 generation) {
        if (m_jobs.finish(0, generation)) Q_EMIT cancelled();
    });
    connect(m_worker, &SpeedWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
}

SpeedController::~SpeedController() = default;

bool SpeedController::start(const SpeedRequest& request) {
    if (m_jobs.isBusy()) return false;
    m_jobs.post([worker = m_worker, request](const JobToken& token) { worker->measure(token, request); });
    return true;
}

void SpeedController::cancel() {
    m_jobs.cancel();
}

}  // namespace convscope::gui
