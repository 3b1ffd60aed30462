#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

#include "app/gui/speed_worker.h"

namespace convscope::gui {

/// Owns the speed measurement's thread. One measurement at a time; cancel() stops it between runs.
class SpeedController : public QObject {
    Q_OBJECT
public:
    explicit SpeedController(QObject* parent = nullptr);
    ~SpeedController() override;

    /// Refused (false) while a measurement runs.
    bool start(const SpeedRequest& request);
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(convscope::gui::SpeedView view);
    void cancelled();
    void failed(QString message);

private:
    QThread m_thread;
    SpeedWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    bool m_busy = false;
};

}  // namespace convscope::gui
