#pragma once

#include <QObject>
#include <QString>

#include "app/gui/explain/error_analysis_frame.h"
#include "app/gui/explain/error_analysis_request.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class ErrorAnalysisWorker;

/// Computes the error page's frames off the GUI thread ("error analysis" thread). The newest request wins:
/// only its progress, result or error is delivered. The header needs no LibTorch, so the view can include it.
class ErrorAnalysisController : public QObject {
    Q_OBJECT
public:
    explicit ErrorAnalysisController(QObject* parent = nullptr);
    /// Cancels the running request (it stops at the next batch or image) and waits for it.
    ~ErrorAnalysisController() override;

    quint64 request(const ErrorAnalysisRequest& request);
    /// Stops the running request and forgets it (the window is closing).
    void cancel() { m_jobs.drop(); }
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    /// `done` of `total` units of `step` ("evaluating the test set": images; "Grad-CAM": gallery images).
    void progress(int done, int total, const QString& step);
    void ready(const convscope::gui::ErrorAnalysisFrame& frame);
    void failed(const QString& message);

private:
    JobRunner m_jobs;
    ErrorAnalysisWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
