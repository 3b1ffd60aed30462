#pragma once

#include <QObject>

#include "app/gui/explain/explain_frame.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/support/job_runner.h"
#include "app/gui/training/instrument_frame.h"
#include "app/gui/training/training_types.h"

namespace convscope::gui {

class TrainingWorker;

/// Trains off the GUI thread. One run at a time; start() while running is refused. stop() cancels within one
/// batch; the destructor (the window closing) stops a run and waits for it, so the application never quits in
/// the middle of writing a checkpoint.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    bool start(const TrainingRequest& request);
    void pause();
    void resume();
    void stop();
    /// See TrainingWorker::setExplainLive; kept across runs.
    void setExplainLive(bool on);
    bool isRunning() const { return m_jobs.isBusy(); }
    bool isPaused() const { return m_paused; }

Q_SIGNALS:
    void started(convscope::gui::RunRecord run, QString device, qint64 parameters);
    void samples(convscope::gui::TestSamples samples);
    void batch(convscope::gui::BatchPoint point);
    void epoch(convscope::gui::EpochPoint point);
    void instruments(convscope::gui::InstrumentFrame frame);
    void features(convscope::gui::FeatureFrame frame);
    void explanation(convscope::gui::ExplainFrame frame);
    void message(QString text);
    void decoding(qint64 done, qint64 total);
    void finished(QString status, QString message, convscope::gui::RunRecord run);
    void runningChanged(bool running);

private:
    JobRunner m_jobs;
    TrainingWorker* m_worker = nullptr;
    bool m_paused = false;
};

}  // namespace convscope::gui
