#pragma once

#include <QLabel>
#include <QMap>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "app/gui/training/degradation_types.h"
#include "app/gui/training/instrument_frame.h"

namespace convscope::widgets {
class LinePlotView;
}

namespace convscope::gui {

class GradientHeatmapView;

/// The degradation experiment drawn as He et al.'s figure 6: training loss against step and test error
/// against epoch for every run, one colour per depth, plain networks dashed and ResNets solid; below them
/// one gradient-norm heatmap per run (depth × step), side by side with one shared colour scale, so that a
/// row that is darker in one network than in another is a smaller gradient there. Values arrive at any
/// rate; the plots redraw at most five times a second.
class DegradationChart : public QWidget {
    Q_OBJECT
public:
    explicit DegradationChart(QWidget* parent = nullptr);

    /// Empties everything and names the heatmaps after the models about to run.
    void reset(const QStringList& models);
    void addRun(const convscope::gui::DegradationRunInfo& info);
    void addLoss(int run, qint64 step, double loss);
    void addFrame(int run, const convscope::gui::InstrumentFrame& frame);
    void addEpoch(int run, int epoch, double testError);
    /// The experiment's end: its sentences under the plots.
    void setOutcome(const convscope::gui::DegradationOutcome& outcome);

    widgets::LinePlotView* lossPlot() const { return m_loss; }
    widgets::LinePlotView* errorPlot() const { return m_error; }
    GradientHeatmapView* heatmap(int run) const { return m_heatmaps.value(run); }
    int heatmapCount() const { return int(m_heatmaps.size()); }
    QLabel* summaryLabel() const { return m_summary; }
    /// The shared colour scale of the heatmaps, in log10 units (low > high before any gradient arrived).
    double log10Low() const { return m_low; }
    double log10High() const { return m_high; }
    /// The colour of a depth (20 and 56 as in the paper's figure: the same colour for plain and ResNet).
    static QColor colorForDepth(int depth);
    /// The loss curve drawn: an exponential moving average of the logged batch losses (weight `kSmoothing`
    /// on the past), which keeps the gap between runs readable through the batch-to-batch noise.
    static constexpr double kSmoothing = 0.6;

private:
    struct Run {
        DegradationRunInfo info;
        QVector<double> steps, losses, smoothed;
        QVector<double> epochs, errors;
    };
    void scheduleRedraw();
    void redraw();

    QMap<int, Run> m_runs;
    QStringList m_models;
    double m_low = 1.0, m_high = 0.0;
    widgets::LinePlotView* m_loss = nullptr;
    widgets::LinePlotView* m_error = nullptr;
    QVector<GradientHeatmapView*> m_heatmaps;
    QWidget* m_heatmapRow = nullptr;
    QLabel* m_summary = nullptr;
    QTimer m_redraw;
};

}  // namespace convscope::gui
