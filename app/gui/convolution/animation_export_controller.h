#pragma once

#include <QObject>
#include <QStringList>

#include "app/gui/convolution/animation_export_request.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

class AnimationExportWorker;

/// Exports animations off the GUI thread. One export at a time: start() while busy is refused with failed().
/// Exactly one of finished, failed or cancelled ends every accepted start().
class AnimationExportController : public QObject {
    Q_OBJECT
public:
    explicit AnimationExportController(QObject* parent = nullptr);
    /// Cancels a running export (its partial files are removed), then stops the thread.
    ~AnimationExportController() override;

    void start(const AnimationExportRequest& request);
    /// Asks the running export to stop before its next frame; cancelled() follows. No effect when idle.
    void cancel();
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    void progress(int done, int total);
    /// The files written: one GIF or AVI, or every PNG frame.
    void finished(QStringList files);
    void failed(QString message);
    void cancelled();

private:
    JobRunner m_jobs;
    AnimationExportWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
