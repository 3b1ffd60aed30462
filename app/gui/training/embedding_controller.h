#pragma once

#include <QObject>
#include <QString>

#include "app/gui/support/job_runner.h"
#include "app/gui/training/embedding_types.h"

namespace convscope::gui {

class EmbeddingWorker;

/// Computes the Embedding tab's frames off the GUI thread ("embedding" thread). The newest request wins: a
/// new epoch's request cancels a stale t-SNE, and only the newest request's progress, result or error is
/// delivered. The header needs no LibTorch.
class EmbeddingController : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingController(QObject* parent = nullptr);
    /// Cancels the running request (it stops at its next batch or iteration) and waits for it.
    ~EmbeddingController() override;

    quint64 request(const EmbeddingRequest& request);
    /// Stops the running request and forgets it.
    void cancel() { m_jobs.drop(); }
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    /// `done` of `total` units of `step` ("activations": images; "t-SNE": iterations).
    void progress(int done, int total, const QString& step);
    void ready(const convscope::gui::EmbeddingFrame& frame);
    void failed(const QString& message);

private:
    JobRunner m_jobs;
    EmbeddingWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
