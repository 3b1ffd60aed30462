#pragma once

#include <QObject>
#include <QStringList>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/animation_export_request.h"

namespace convscope::gui {

class AnimationExportWorker;

/// Owns the export worker's thread. One export at a time: start() while busy is refused with failed().
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
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void progress(int done, int total);
    /// The files written: one GIF or AVI, or every PNG frame.
    void finished(QStringList files);
    void failed(QString message);
    void cancelled();

private:
    void finish();

    QThread m_thread;
    AnimationExportWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_busy = false;
};

}  // namespace convscope::gui
