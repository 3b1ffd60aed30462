#include "app/gui/training/embedding_controller.h"

#include "app/gui/training/embedding_worker.h"

namespace convscope::gui {

EmbeddingController::EmbeddingController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("embedding"), 1, this) {
    qRegisterMetaType<EmbeddingFrame>();
    qRegisterMetaType<EmbeddingRequest>();
    // The worker (with its model and test set) is destroyed on its own thread.
    m_worker = m_jobs.adopt(new EmbeddingWorker);
    connect(m_worker, &EmbeddingWorker::progress, this,
            [this](quint64 generation, int done, int total, const QString& step) {
                if (m_jobs.isCurrent(0, generation)) Q_EMIT progress(done, total, step);
            });
    connect(m_worker, &EmbeddingWorker::ready, this, [this](quint64 generation, const EmbeddingFrame& frame) {
        if (m_jobs.finish(0, generation)) Q_EMIT ready(frame);
    });
    connect(m_worker, &EmbeddingWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
    });
    connect(&m_jobs, &JobRunner::jobFailed, this,
            [this](int lane, quint64 generation, const QString& message) {
                if (m_jobs.finish(lane, generation)) Q_EMIT failed(message);
            });
}

EmbeddingController::~EmbeddingController() = default;

quint64 EmbeddingController::request(const EmbeddingRequest& request) {
    return m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->compute(token, request); });
}

}  // namespace convscope::gui
