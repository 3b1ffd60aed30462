#include "app/gui/conv_trace_controller.h"

#include <QMetaObject>

namespace convscope::gui {

ConvTraceController::ConvTraceController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ConvTracePtr>();
    qRegisterMetaType<ConvLabSetup>();
    m_thread.setObjectName(QStringLiteral("ConvTrace"));
    m_worker = new ConvTraceWorker(m_latest);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ConvTraceWorker::computed, this, &ConvTraceController::onComputed);
    connect(m_worker, &ConvTraceWorker::failed, this, &ConvTraceController::onFailed);
    m_thread.start();
}

ConvTraceController::~ConvTraceController() {
    m_latest->fetch_add(1);  // cancels the running trace at its next check
    m_thread.quit();
    m_thread.wait();
}

void ConvTraceController::request(const ConvLabSetup& setup) {
    const quint64 generation = m_latest->fetch_add(1) + 1;
    setBusy(true);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, setup] { worker->compute(generation, setup); },
        Qt::QueuedConnection);
}

void ConvTraceController::onComputed(quint64 generation, ConvTracePtr trace, QString arithmetic) {
    if (generation != m_latest->load()) return;
    setBusy(false);
    Q_EMIT traceReady(std::move(trace), arithmetic);
}

void ConvTraceController::onFailed(quint64 generation, QString message) {
    if (generation != m_latest->load()) return;
    setBusy(false);
    Q_EMIT traceFailed(message);
}

void ConvTraceController::setBusy(bool busy) {
    if (m_busy == busy) return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

}  // namespace convscope::gui
