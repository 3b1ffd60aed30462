#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <mutex>

#include "app/gui/feature_frame.h"
#include "app/gui/training_types.h"

namespace convscope::nn {
class Trainer;
struct ImageDataset;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs one training at a time on the controller's thread: loads the data (kept for the next run), builds the
/// trainer, records the run in the RunStore and reports batches, epochs and live feature maps as Qt values.
/// pause(), resume() and cancel() are called from the GUI thread and act on the running trainer at once.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    TrainingWorker();
    ~TrainingWorker() override;

    void pause();
    void resume();
    void cancel();

public Q_SLOTS:
    void run(const convscope::gui::TrainingRequest& request);

Q_SIGNALS:
    void started(convscope::gui::RunRecord run, QString device, qint64 parameters);
    void samples(convscope::gui::TestSamples samples);
    void batch(convscope::gui::BatchPoint point);
    void epoch(convscope::gui::EpochPoint point);
    void features(convscope::gui::FeatureFrame frame);
    void message(QString text);
    /// status: finished, stopped, diverged or failed; the run's record as stored.
    void finished(QString status, QString message, convscope::gui::RunRecord run);

private:
    std::mutex
        m_mutex;  ///< guards m_trainer (set and cleared on the worker thread, used from the GUI thread)
    nn::Trainer* m_trainer = nullptr;
    bool m_cancelled = false;
    std::unique_ptr<nn::ImageDataset> m_train, m_test;
    QString m_dataDirectory;
};

}  // namespace convscope::gui
