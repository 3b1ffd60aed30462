#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "app/gui/support/job_token.h"
#include "app/gui/training/transfer_types.h"

namespace convscope::nn {
struct ImageDataset;
}  // namespace convscope::nn

namespace convscope::gui {

/// Runs the transfer-learning experiment (nn::runTransferExperiment) on its JobRunner's thread: loads
/// Fashion-MNIST (kept for the next experiment on the same folder), reports the stage and its share, every
/// epoch of every run as a TransferCurve, and how it ended. The job's token stops it within one batch.
class TransferWorker : public QObject {
    Q_OBJECT
public:
    TransferWorker();
    ~TransferWorker() override;

    /// Runs on the worker thread.
    void run(const convscope::gui::JobToken& token, const convscope::gui::TransferRequest& request);

Q_SIGNALS:
    /// "Fine-tuning on 50 images per class", 0 … 1 of the whole experiment.
    void progress(QString stage, double fraction);
    /// After every epoch of every run (the pretraining's index is −1).
    void curve(convscope::gui::TransferCurve curve);
    void message(QString text);
    void finished(quint64 generation, convscope::gui::TransferOutcome outcome);

private:
    std::unique_ptr<nn::ImageDataset> m_train, m_test;
    QString m_dataDirectory;
};

}  // namespace convscope::gui
