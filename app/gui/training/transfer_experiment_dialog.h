#pragma once

#include <QDialog>
#include <QString>
#include <optional>

#include "app/gui/support/job_runner.h"
#include "app/gui/training/transfer_types.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace convscope::gui {

class TransferChart;
class TransferWorker;

/// Tools ▸ Transfer-Learning Experiment: pretrain on some Fashion-MNIST classes, then learn the others
/// from a few images per class, fine-tuned from the pretrained weights and from scratch, and watch the
/// accuracy curves grow side by side (the engine is nn::runTransferExperiment, run by a TransferWorker on a
/// thread of its own). Non-modal; closing it stops a running experiment, and destroying it waits for the
/// running batch to end.
class TransferExperimentDialog : public QDialog {
    Q_OBJECT
public:
    explicit TransferExperimentDialog(QWidget* parent = nullptr);
    ~TransferExperimentDialog() override;

    /// Fashion-MNIST's folder (the Training panel's); empty: Debian's dataset-fashion-mnist.
    void setDataDirectory(const QString& directory);
    QString dataDirectory() const { return m_dataDirectory; }
    /// Where the checkpoints go; by default "transfer" in the application's data folder, so that the
    /// pretraining is reused by the next experiment with the same settings.
    void setOutputDirectory(const QString& directory);
    QString outputDirectory() const { return m_outputDirectory; }
    static QString defaultOutputDirectory();
    /// The model trained (tests choose a small one); nothing: the engine's ResNet-18.
    void setModel(const std::optional<nn::ModelConfig>& model) { m_model = model; }
    void setThreads(int threads) { m_threads = threads; }
    void setLimitTest(qint64 images) { m_limitTest = images; }

    /// The form as a request; nothing, and `error` set to one sentence, when it cannot run.
    std::optional<TransferRequest> request(QString* error = nullptr) const;
    /// Parses "10, 50, 200" (commas or spaces); nothing unless every entry is a whole number ≥ 1.
    static std::optional<QVector<qint64>> parseCounts(const QString& text);

    /// Starts the experiment the form describes; false (with the reason in the status line) when the form
    /// is incomplete or one is running.
    bool start();
    /// Asks the running experiment to stop after its current batch.
    void stop();
    bool isRunning() const;
    /// How the last experiment ended (status empty before the first one ends).
    const TransferOutcome& outcome() const { return m_outcome; }

    QTableWidget* classTable() const { return m_classes; }
    QLineEdit* countsEdit() const { return m_counts; }
    QSpinBox* epochsBox() const { return m_epochs; }
    QSpinBox* pretrainEpochsBox() const { return m_pretrainEpochs; }
    QComboBox* freezeCombo() const { return m_freeze; }
    QSpinBox* seedBox() const { return m_seed; }
    QComboBox* deviceCombo() const { return m_device; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    TransferChart* chart() const { return m_chart; }

Q_SIGNALS:
    void runningChanged(bool running);
    void finished(convscope::gui::TransferOutcome outcome);

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    QWidget* buildForm();
    void fillClasses();
    void onFinished(quint64 generation, const TransferOutcome& outcome);
    void setRunning(bool running);

    JobRunner m_jobs;
    TransferWorker* m_worker = nullptr;
    QString m_dataDirectory;
    QString m_outputDirectory;
    std::optional<nn::ModelConfig> m_model;
    int m_threads = 0;
    qint64 m_limitTest = 1000;
    TransferOutcome m_outcome;

    QTableWidget* m_classes = nullptr;
    QLineEdit* m_counts = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_pretrainEpochs = nullptr;
    QComboBox* m_freeze = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_device = nullptr;
    QLabel* m_dataLabel = nullptr;
    QLabel* m_outputLabel = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    TransferChart* m_chart = nullptr;
};

}  // namespace convscope::gui
