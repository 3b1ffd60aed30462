#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "app/gui/convolution/animation_export_request.h"
#include "app/gui/support/job_token.h"

namespace convscope::gui {

/// Renders the frames of an animation and writes them with imaging::AnimationWriter, on the controller's
/// thread. One frame at a time is held in memory, so long animations of big boards cost only time.
class AnimationExportWorker : public QObject {
    Q_OBJECT
public:
    /// Runs on the worker thread. The token is checked before every frame; once it is cancelled, the
    /// unfinished writer is destroyed (removing what it wrote) and cancelled() is emitted. Every report
    /// carries the token's generation.
    void exportAnimation(const convscope::gui::JobToken& token,
                         const convscope::gui::AnimationExportRequest& request);

Q_SIGNALS:
    void progress(quint64 generation, int done, int total);
    void finished(quint64 generation, QStringList files);
    void failed(quint64 generation, QString message);
    void cancelled(quint64 generation);

private:
    QStringList run(const JobToken& token, const AnimationExportRequest& request);
};

}  // namespace convscope::gui
