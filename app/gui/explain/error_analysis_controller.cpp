#include "app/gui/explain/error_analysis_controller.h"

#include "app/gui/explain/error_analysis_worker.h"

namespace convscope::gui {

ErrorAnalysisController::ErrorAnalysisController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("error analysis"), 1, this) {
    qRegisterMetaType<ErrorAnalysisFrame>();
    qRegisterMetaType<ErrorAnalysisRequest>();
    // The worker (with its model, test set and outcomes) is destroyed on its own thread.
    m_worker = m_jobs.adopt(new ErrorAnalysisWorker);
    connect(m_worker, &ErrorAnalysisWorker::progress, this,
            [this](quint64 generation, int done, int total, const QString& step) {
                if (m_jobs.isCurrent(0, generation)) Q_EMIT progress(done, total, step);
            });
    connect(m_worker, &ErrorAnalysisWorker::ready, this,
            [this](quint64 generation, const ErrorAnalysisFrame& frame) {
                if (m_jobs.finish(0, generation)) Q_EMIT ready(frame);
            });
    connect(m_worker, &ErrorAnalysisWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
    // An exception that escaped the worker still ends the request with a sentence.
    connect(&m_jobs, &JobRunner::jobFailed, this,
            [this](int lane, quint64 generation, const QString& message) {
                if (m_jobs.finish(lane, generation)) Q_EMIT failed(message);
            });
}

ErrorAnalysisController::~ErrorAnalysisController() = default;

quint64 ErrorAnalysisController::request(const ErrorAnalysisRequest& request) {
    return m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->compute(token, request); });
}

}  // namespace convscope::gui
