#pragma once

#include <QObject>

#include "app/gui/convolution/conv_lab_setup.h"
#include "app/gui/convolution/conv_trace_worker.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

/// Traces convolutions off the GUI thread. request() may be called for every control change: only the newest
/// request's result is delivered (older ones are cancelled between output rows or dropped on arrival).
class ConvTraceController : public QObject {
    Q_OBJECT
public:
    explicit ConvTraceController(QObject* parent = nullptr);
    ~ConvTraceController() override;

    void request(const ConvLabSetup& setup);
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    /// The trace of the newest request and its output-shape arithmetic ("H: floor(...) = 4; W: ...").
    void traceReady(convscope::gui::ConvTracePtr trace, QString shapeArithmetic);
    void traceFailed(QString message);
    void busyChanged(bool busy);

private:
    JobRunner m_jobs;
    ConvTraceWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
