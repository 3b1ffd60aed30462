#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <mutex>

#include "app/gui/explain/explain_frame.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/support/job_token.h"
#include "app/gui/training/instrument_frame.h"
#include "app/gui/training/training_types.h"

namespace convscope::nn {
class Trainer;
struct ImageDataset;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs one training at a time on the controller's thread: loads the data (kept for the next run), builds the
/// trainer, records the run in the RunStore and reports batches, epochs and live feature maps as Qt values.
/// pause() and resume() are called from the GUI thread and act on the running trainer at once; the job's
/// token cancels it (within one batch, or within 50 ms while paused).
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    TrainingWorker();
    ~TrainingWorker() override;

    void pause();
    void resume();
    /// Whether each live snapshot also explains the pinned image (Grad-CAM and occlusion): on while the
    /// Explain panel follows the run, off otherwise, since it costs the training a few passes a second.
    /// Any thread.
    void setExplainLive(bool on) { m_explainLive.store(on); }

    /// Runs on the worker thread.
    void run(const convscope::gui::JobToken& token, const convscope::gui::TrainingRequest& request);

Q_SIGNALS:
    void started(convscope::gui::RunRecord run, QString device, qint64 parameters);
    void samples(convscope::gui::TestSamples samples);
    void batch(convscope::gui::BatchPoint point);
    void epoch(convscope::gui::EpochPoint point);
    /// The instruments of training at each logged step (right after batch()).
    void instruments(convscope::gui::InstrumentFrame frame);
    void features(convscope::gui::FeatureFrame frame);
    void explanation(convscope::gui::ExplainFrame frame);
    void message(QString text);
    /// Decoding an image folder before a run: `done` of `total` files (both splits).
    void decoding(qint64 done, qint64 total);
    /// status: finished, stopped, diverged or failed; the run's record as stored.
    void finished(quint64 generation, QString status, QString message, convscope::gui::RunRecord run);

private:
    /// Guards m_trainer: set and cleared on the worker thread, used by pause() and resume().
    std::mutex m_mutex;
    nn::Trainer* m_trainer = nullptr;
    std::unique_ptr<nn::ImageDataset> m_train, m_test;
    QString m_dataDirectory;
    std::atomic<bool> m_explainLive{false};
};

}  // namespace convscope::gui
