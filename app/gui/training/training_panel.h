#pragma once

#include <QString>
#include <QVector>

#include "app/gui/architecture/architecture_types.h"
#include "app/gui/explain/explain_frame.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/support/panel.h"
#include "app/gui/training/instrument_frame.h"
#include "app/gui/training/training_types.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace convscope::widgets {
class HeatmapView;
class TileGridView;
}  // namespace convscope::widgets

namespace convscope::gui {

class TrainingCharts;
class TrainingController;
class LrFinderDialog;
class TrainingForm;
class TrainingRunList;

/// The Training tab: the settings form with presets, Start / Pause / Stop, a progress bar with the ETA and
/// the images per second, the live loss and accuracy charts, the first test images with their true and
/// predicted labels, the confusion matrix, and every run kept on disk — tick runs to overlay them on the
/// charts (with and without skip connections, basic against bottleneck blocks). Training runs on a worker
/// thread; closing the window stops it cleanly.
class TrainingPanel : public Panel {
    Q_OBJECT
public:
    /// `runsDirectory`: where runs are kept (RunStore::defaultDirectory() when empty).
    explicit TrainingPanel(const QString& runsDirectory = QString(), QWidget* parent = nullptr);
    ~TrainingPanel() override;

    void start();
    void togglePause();
    void stop();
    bool isRunning() const;
    /// Reads the runs folder again (also done at start-up and after every run).
    void reloadRuns();
    /// Live snapshots also explain the pinned image (explanationAvailable); the Explain panel asks for it
    /// while it follows the run.
    void setExplainLive(bool on);

    TrainingForm* form() const { return m_form; }
    /// The learning-rate range test's window (made on first use): the form's "Find…" runs it, Apply sets
    /// the form's learning rate.
    LrFinderDialog* lrFinderDialog();
    TrainingCharts* charts() const { return m_charts; }
    /// The run's live views, one tab each (loss and accuracy first).
    QTabWidget* viewTabs() const { return m_viewTabs; }
    widgets::TileGridView* samplesView() const { return m_samples; }
    widgets::HeatmapView* confusionView() const { return m_confusion; }
    QListWidget* runList() const;
    TrainingRunList* runListBox() const { return m_runList; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stopButton() const { return m_stop; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    const QVector<RunRecord>& runs() const;

    QString title() const override;
    /// The form (preset and every option) and the data folder.
    void saveState() const override;
    void restoreState() override;
    /// A run in progress stops within one batch.
    void windowClosing() override;

Q_SIGNALS:
    /// Live feature maps of the run being trained (about once a second).
    void featuresAvailable(const convscope::gui::FeatureFrame& frame);
    /// What the run being trained looks at in the same image (Grad-CAM and occlusion), while
    /// setExplainLive(true) asks for it.
    void explanationAvailable(const convscope::gui::ExplainFrame& frame);
    /// The instruments of training of the run being trained, at each logged step.
    void instrumentsAvailable(const convscope::gui::InstrumentFrame& frame);
    void liveChanged(bool live);
    /// The user asked to look inside a finished run's model.
    void inspectCheckpoint(const QString& path);
    /// The user clicked cell (trueClass, predictedClass) of the confusion matrix of a run with a checkpoint:
    /// its test images are to be shown (the Explain panel's error page).
    void confusionCellActivated(const QString& checkpointPath, const QString& dataDirectory, int trueClass,
                                int predictedClass);
    /// The form's model (after every edit): the Architecture panel follows it.
    void modelChosen(const convscope::gui::ArchitectureRequest& request);
    /// The user asked to see the form's model in the Architecture tab.
    void architectureRequested(const convscope::gui::ArchitectureRequest& request);

public:
    /// The form's model and input as the Architecture panel describes them.
    ArchitectureRequest architectureRequest() const;
    static ArchitectureRequest architectureRequestFor(const nn::TrainConfig& config);

private:
    void onStarted(const RunRecord& run, const QString& device, qint64 parameters);
    void onBatch(const BatchPoint& point);
    void onEpoch(const EpochPoint& point);
    void onSamples(const TestSamples& samples);
    void onFinished(const QString& status, const QString& message, const RunRecord& run);
    void updateButtons();
    void showConfusion(const EpochPoint& point);
    void onConfusionClicked(int row, int col);  // training_panel_confusion.cpp

    QString m_runsDirectory;
    TrainingForm* m_form = nullptr;
    LrFinderDialog* m_lrFinder = nullptr;
    TrainingCharts* m_charts = nullptr;
    QTabWidget* m_viewTabs = nullptr;
    TrainingController* m_controller = nullptr;
    widgets::TileGridView* m_samples = nullptr;
    widgets::HeatmapView* m_confusion = nullptr;
    QString m_confusionCheckpoint;  ///< the checkpoint of the run whose confusion matrix is on show
    QString m_confusionData;        ///< and the folder of its test set (Fashion-MNIST's, or its image folder)
    TrainingRunList* m_runList = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    TestSamples m_sampleSet;
    QString m_currentRunId;
    int m_epochs = 0;
};

}  // namespace convscope::gui
