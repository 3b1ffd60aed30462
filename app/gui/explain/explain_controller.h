#pragma once

#include <QObject>
#include <QString>

#include "app/gui/explain/explain_frame.h"
#include "app/gui/explain/explain_request.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class ExplainWorker;

/// Computes the Explain panel's frames off the GUI thread. Only the newest request's progress, result or
/// error is delivered. The header needs no LibTorch, so the panel can include it.
class ExplainController : public QObject {
    Q_OBJECT
public:
    explicit ExplainController(QObject* parent = nullptr);
    /// Cancels the running request (it stops at the next batch) and waits for it.
    ~ExplainController() override;

    quint64 request(const ExplainRequest& request);
    /// Stops the running request and forgets it (the window is closing).
    void cancel() { m_jobs.drop(); }
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    /// `done` of `total` steps finished; `step` names the one running now ("SmoothGrad").
    void progress(int done, int total, const QString& step);
    void ready(const convscope::gui::ExplainFrame& frame);
    void failed(const QString& message);

private:
    JobRunner m_jobs;
    ExplainWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
