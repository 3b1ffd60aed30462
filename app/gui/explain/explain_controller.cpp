#include "app/gui/explain/explain_controller.h"

#include "app/gui/explain/explain_worker.h"

namespace convscope::gui {

ExplainController::ExplainController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("explain"), 1, this) {
    qRegisterMetaType<ExplainFrame>();
    qRegisterMetaType<ExplainRequest>();
    // The worker (and the model it holds) is destroyed on its own thread.
    m_worker = m_jobs.adopt(new ExplainWorker);
    connect(m_worker, &ExplainWorker::progress, this,
            [this](quint64 generation, int done, int total, const QString& step) {
                if (m_jobs.isCurrent(0, generation)) Q_EMIT progress(done, total, step);
            });
    connect(m_worker, &ExplainWorker::ready, this, [this](quint64 generation, const ExplainFrame& frame) {
        if (m_jobs.finish(0, generation)) Q_EMIT ready(frame);
    });
    connect(m_worker, &ExplainWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
    // An exception that escaped the worker still ends the request with a sentence.
    connect(&m_jobs, &JobRunner::jobFailed, this,
            [this](int lane, quint64 generation, const QString& message) {
                if (m_jobs.finish(lane, generation)) Q_EMIT failed(message);
            });
}

ExplainController::~ExplainController() = default;

quint64 ExplainController::request(const ExplainRequest& request) {
    return m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->compute(token, request); });
}

}  // namespace convscope::gui
