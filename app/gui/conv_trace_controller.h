#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/conv_lab_setup.h"
#include "app/gui/conv_trace_worker.h"

namespace convscope::gui {

/// Owns the trace worker's thread. request() may be called for every control change: only the newest
/// request's result is delivered (older ones are cancelled between output rows or dropped on arrival).
class ConvTraceController : public QObject {
    Q_OBJECT
public:
    explicit ConvTraceController(QObject* parent = nullptr);
    ~ConvTraceController() override;

    void request(const ConvLabSetup& setup);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// The trace of the newest request and its output-shape arithmetic ("H: floor(...) = 4; W: ...").
    void traceReady(convscope::gui::ConvTracePtr trace, QString shapeArithmetic);
    void traceFailed(QString message);
    void busyChanged(bool busy);

private:
    void onComputed(quint64 generation, convscope::gui::ConvTracePtr trace, QString arithmetic);
    void onFailed(quint64 generation, QString message);
    void setBusy(bool busy);

    QThread m_thread;
    ConvTraceWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    bool m_busy = false;
};

}  // namespace convscope::gui
