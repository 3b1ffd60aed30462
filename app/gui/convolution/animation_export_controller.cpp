#include "app/gui/convolution/animation_export_controller.h"

#include "app/gui/convolution/animation_export_worker.h"

namespace convscope::gui {

AnimationExportController::AnimationExportController(QObject* parent)
    : QObject(parent), m_jobs(QStringLiteral("animation export"), 1, this) {
    qRegisterMetaType<AnimationExportRequest>();
    m_worker = m_jobs.adopt(new AnimationExportWorker);
    connect(m_worker, &AnimationExportWorker::progress, this,
            [this](quint64 generation, int done, int total) {
                if (m_jobs.isCurrent(0, generation)) Q_EMIT progress(done, total);
            });
    connect(m_worker, &AnimationExportWorker::finished, this,
            [this](quint64 generation, const QStringList& files) {
                if (m_jobs.finish(0, generation)) Q_EMIT finished(files);
            });
    connect(m_worker, &AnimationExportWorker::failed, this,
            [this](quint64 generation, const QString& message) {
                if (m_jobs.finish(0, generation)) Q_EMIT failed(message);
            });
    connect(m_worker, &AnimationExportWorker::cancelled, this, [this](quint64 generation) {
        if (m_jobs.finish(0, generation)) Q_EMIT cancelled();
    });
}

AnimationExportController::~AnimationExportController() = default;

void AnimationExportController::start(const AnimationExportRequest& request) {
    if (m_jobs.isBusy()) {
        Q_EMIT failed(tr("An animation export is already running; wait for it or cancel it first."));
        return;
    }
    m_jobs.post(
        [worker = m_worker, request](const JobToken& token) { worker->exportAnimation(token, request); });
}

void AnimationExportController::cancel() {
    m_jobs.cancel();
}

}  // namespace convscope::gui
