#pragma once

#include <QDialog>

#include "app/gui/support/job_runner.h"
#include "app/gui/training/lr_finder_worker.h"
#include "app/gui/training/training_types.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace convscope::widgets {
class LinePlotView;
}  // namespace convscope::widgets

namespace convscope::gui {

class TrainingForm;

/// The Training panel's "Find…" next to the learning rate: the learning-rate range test
/// (nn::findLearningRate, run by an LrFinderWorker on a thread of its own) with the form's settings, the
/// smoothed loss (and the raw one, faint) against the learning rate on a logarithmic axis as it grows, the
/// suggested rate marked, and Apply, which hands the suggestion to the form (applied) and closes. Closing
/// stops a running test; the run's own starting weights are never touched.
class LrFinderDialog : public QDialog {
    Q_OBJECT
public:
    explicit LrFinderDialog(QWidget* parent = nullptr);
    ~LrFinderDialog() override;

    /// The range the next start() tests: fastai's 1e-7 to 10 in 100 steps unless set (tests choose less).
    void setRange(double startLr, double endLr, int steps);
    /// Starts a test with these settings, stopping one that runs.
    void start(const convscope::gui::TrainingRequest& request);
    /// Shows the dialog and tests the form's settings and data folder; when they cannot start a run, says
    /// why instead (the reason a run would refuse). False then.
    bool startFrom(const TrainingForm& form);
    void stop();
    bool isRunning() const;
    /// How the last test ended (status empty before the first one ends).
    const LrFinderOutcome& outcome() const { return m_outcome; }

    widgets::LinePlotView* plot() const { return m_plot; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* statusLabel() const { return m_status; }
    QProgressBar* progressBar() const { return m_progress; }

Q_SIGNALS:
    /// Apply was pressed: the suggested learning rate.
    void applied(double learningRate);

protected:
    void reject() override;

private:
    void onPoint(quint64 generation, double lr, double loss, double smoothedLoss, int step, int steps);
    void onFinished(quint64 generation, const convscope::gui::LrFinderOutcome& outcome);
    /// The curve as it stands (from the throttle timer, and once at the end with the suggestion).
    void showCurve();
    void setRunning(bool running);

    JobRunner m_jobs;
    LrFinderWorker* m_worker = nullptr;
    widgets::LinePlotView* m_plot = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_rule = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_apply = nullptr;
    QTimer* m_repaint = nullptr;
    double m_startLr = 1e-7, m_endLr = 10.0;
    int m_steps = 100;
    QVector<double> m_lr, m_loss, m_smoothed;
    LrFinderOutcome m_outcome;
};

}  // namespace convscope::gui
