#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

#include "app/gui/animation_export_request.h"

namespace convscope::gui {

/// Renders the frames of an animation and writes them with imaging::AnimationWriter, on the controller's
/// thread. One frame at a time is held in memory, so long animations of big boards cost only time.
class AnimationExportWorker : public QObject {
    Q_OBJECT
public:
    using CancelFlag = std::shared_ptr<const std::atomic<bool>>;

public Q_SLOTS:
    /// Runs on the worker thread. `cancel` is checked before every frame; once set, the unfinished writer is
    /// destroyed (removing what it wrote) and cancelled() is emitted.
    void exportAnimation(const convscope::gui::AnimationExportRequest& request,
                         convscope::gui::AnimationExportWorker::CancelFlag cancel);

Q_SIGNALS:
    void progress(int done, int total);
    void finished(QStringList files);
    void failed(QString message);
    void cancelled();

private:
    QStringList run(const AnimationExportRequest& request, const std::atomic<bool>& cancel);
};

}  // namespace convscope::gui
