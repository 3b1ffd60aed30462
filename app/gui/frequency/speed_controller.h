#pragma once

#include <QObject>

#include "app/gui/frequency/speed_worker.h"
#include "app/gui/support/job_runner.h"

namespace convscope::gui {

/// Runs the direct-against-FFT measurement off the GUI thread. One measurement at a time; cancel() stops it
/// between runs and cancelled() follows.
class SpeedController : public QObject {
    Q_OBJECT
public:
    explicit SpeedController(QObject* parent = nullptr);
    ~SpeedController() override;

    /// Refused (false) while a measurement runs.
    bool start(const SpeedRequest& request);
    void cancel();
    bool isBusy() const { return m_jobs.isBusy(); }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(convscope::gui::SpeedView view);
    void cancelled();
    void failed(QString message);

private:
    JobRunner m_jobs;
    SpeedWorker* m_worker = nullptr;
};

}  // namespace convscope::gui
