#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/support/job_token.h"
#include "app/gui/training/degradation_types.h"
#include "app/gui/training/instrument_frame.h"

namespace convscope::nn {
struct ImageDataset;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs the degradation experiment (nn::runDegradationExperiment) on its JobRunner's thread: loads
/// Fashion-MNIST (kept for the next experiment on the same folder), reports which model trains and the
/// share done, every logged step (loss and instruments) and every epoch of every run, and how it ended. The
/// job's token stops it within one batch.
class DegradationWorker : public QObject {
    Q_OBJECT
public:
    DegradationWorker();
    ~DegradationWorker() override;

    /// Runs on the worker thread.
    void run(const convscope::gui::JobToken& token, const convscope::gui::DegradationRequest& request);

Q_SIGNALS:
    /// "Training plain56 (2 of 4)", 0 … 1 of the whole experiment.
    void progress(QString stage, double fraction);
    void runStarted(convscope::gui::DegradationRunInfo info);
    /// A logged step of run `run`: its batch loss and the instruments' reading.
    void batch(int run, qint64 step, double loss, convscope::gui::InstrumentFrame frame);
    /// An epoch of run `run` ended: its mean training loss and the test error (0 … 1).
    void epoch(int run, int epoch, qint64 step, double trainLoss, double testError);
    void message(QString text);
    void finished(quint64 generation, convscope::gui::DegradationOutcome outcome);

private:
    std::unique_ptr<nn::ImageDataset> m_train, m_test;
    QString m_dataDirectory;
};

}  // namespace convscope::gui
