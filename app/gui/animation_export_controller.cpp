#include "app/gui/animation_export_controller.h"

#include <QMetaObject>

#include "app/gui/animation_export_worker.h"

namespace convscope::gui {

AnimationExportController::AnimationExportController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<AnimationExportRequest>();
    m_thread.setObjectName(QStringLiteral("AnimationExport"));
    m_worker = new AnimationExportWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &AnimationExportWorker::progress, this, &AnimationExportController::progress);
    connect(m_worker, &AnimationExportWorker::finished, this, [this](const QStringList& files) {
        finish();
        Q_EMIT finished(files);
    });
    connect(m_worker, &AnimationExportWorker::failed, this, [this](const QString& message) {
        finish();
        Q_EMIT failed(message);
    });
    connect(m_worker, &AnimationExportWorker::cancelled, this, [this] {
        finish();
        Q_EMIT cancelled();
    });
    m_thread.start();
}

AnimationExportController::~AnimationExportController() {
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void AnimationExportController::start(const AnimationExportRequest& request) {
    if (m_busy) {
        Q_EMIT failed(tr("An animation export is already running; wait for it or cancel it first."));
        return;
    }
    m_busy = true;
    // A fresh flag per run: a cancel meant for the previous export can never stop this one.
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    AnimationExportWorker::CancelFlag flag = m_cancel;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request, flag] { worker->exportAnimation(request, flag); },
        Qt::QueuedConnection);
}

void AnimationExportController::cancel() {
    if (m_busy && m_cancel) m_cancel->store(true);
}

void AnimationExportController::finish() {
    m_busy = false;
    m_cancel.reset();
}

}  // namespace convscope::gui
