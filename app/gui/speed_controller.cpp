#include "app/gui/speed_controller.h"

namespace convscope::gui {

SpeedController::SpeedController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<SpeedRequest>();
    qRegisterMetaType<SpeedView>();
    m_worker = new SpeedWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SpeedWorker::progress, this, &SpeedController::progress);
    connect(m_worker, &SpeedWorker::finished, this, [this](const SpeedView& v) {
        m_busy = false;
        Q_EMIT finished(v);
    });
    connect(m_worker, &SpeedWorker::cancelled, this, [this] {
        m_busy = false;
        Q_EMIT cancelled();
    });
    connect(m_worker, &SpeedWorker::failed, this, [this](const QString& message) {
        m_busy = false;
        Q_EMIT failed(message);
    });
    m_thread.setObjectName(QStringLiteral("speed measurement"));
    m_thread.start();
}

SpeedController::~SpeedController() {
    *m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

bool SpeedController::start(const SpeedRequest& request) {
    if (m_busy) return false;
    m_busy = true;
    *m_cancel = false;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request] { worker->measure(request); }, Qt::QueuedConnection);
    return true;
}

void SpeedController::cancel() {
    if (m_busy) *m_cancel = true;
}

}  // namespace convscope::gui
