#pragma once

#include <QDialog>
#include <QString>

#include "app/gui/support/job_runner.h"
#include "app/gui/training/degradation_types.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace convscope::gui {

class DegradationChart;
class DegradationWorker;

/// Tools ▸ Degradation Experiment: He et al. 2016's figure 6 on Fashion-MNIST, live. Plain-20, Plain-56,
/// ResNet-20 and ResNet-56 train one after another with the paper's recipe, the same seed and the same
/// batches; their training loss, test error and gradient-norm heatmaps are drawn over each other as they
/// come (the engine is nn::runDegradationExperiment, run by a DegradationWorker on a thread of its own).
/// Non-modal; closing it stops a running experiment, and destroying it waits for the running batch to end.
class DegradationExperimentDialog : public QDialog {
    Q_OBJECT
public:
    explicit DegradationExperimentDialog(QWidget* parent = nullptr);
    ~DegradationExperimentDialog() override;

    /// Fashion-MNIST's folder (the Training panel's); empty: Debian's dataset-fashion-mnist.
    void setDataDirectory(const QString& directory);
    QString dataDirectory() const { return m_dataDirectory; }
    /// Tests: fewer threads, fewer test images, smaller batches and other models than the preset's.
    void setThreads(int threads) { m_threads = threads; }
    void setLimitTest(qint64 images) { m_limitTest = images; }
    void setBatchSize(int batchSize) { m_batchSize = batchSize; }
    void setModels(const QStringList& models) { m_models = models; }

    /// The form as a request.
    DegradationRequest request() const;
    /// Starts the experiment the form describes; false when one is running.
    bool start();
    /// Asks the running experiment to stop after its current batch.
    void stop();
    bool isRunning() const;
    /// How the last experiment ended (status empty before the first one ends).
    const DegradationOutcome& outcome() const { return m_outcome; }

    QSpinBox* epochsBox() const { return m_epochs; }
    QSpinBox* imagesBox() const { return m_images; }
    QSpinBox* seedBox() const { return m_seed; }
    QComboBox* deviceCombo() const { return m_device; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* timingLabel() const { return m_timing; }
    DegradationChart* chart() const { return m_chart; }

Q_SIGNALS:
    void runningChanged(bool running);
    void finished(convscope::gui::DegradationOutcome outcome);

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    QWidget* buildForm();
    void onFinished(quint64 generation, const DegradationOutcome& outcome);
    void setRunning(bool running);

    JobRunner m_jobs;
    DegradationWorker* m_worker = nullptr;
    QString m_dataDirectory;
    int m_threads = 0;
    qint64 m_limitTest = DegradationRequest{}.limitTest;
    int m_batchSize = 0;
    QStringList m_models = DegradationRequest{}.models;
    DegradationOutcome m_outcome;

    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_images = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_device = nullptr;
    QLabel* m_dataLabel = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_timing = nullptr;
    DegradationChart* m_chart = nullptr;
};

}  // namespace convscope::gui
