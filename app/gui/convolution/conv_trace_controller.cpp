#include "app/gui/convolution/conv_trace_controller.h"

namespace convscope::gui {

ConvTraceController::ConvTraceController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("convolution trace"), 1, this) {
    qRegisterMetaType<ConvTracePtr>();
    qRegisterMetaType<ConvLabSetup>();
    m_worker = m_jobs.adopt(new ConvTraceWorker);
    connect(m_worker, &ConvTraceWorker::computed, this,
            [this](quint64 generation, const ConvTracePtr& trace, const QString& arithmetic) {
                if (!m_jobs.finish(0, generation)) return;
                Q_EMIT busyChanged(false);
                Q_EMIT traceReady(trace, arithmetic);
            });
    connect(m_worker, &ConvTraceWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (!m_jobs.finish(0, generation)) return;
        Q_EMIT busyChanged(false);
        Q_EMIT traceFailed(message);
    });
}

ConvTraceController::~ConvTraceController() = default;

void ConvTraceController::request(const ConvLabSetup& setup) {
    const bool wasBusy = m_jobs.isBusy();
    m_jobs.post([worker = m_worker, setup](const JobToken& token) { worker->compute(token, setup); });
    if (!wasBusy) Q_EMIT busyChanged(true);
}

}  // namespace convscope::gui
