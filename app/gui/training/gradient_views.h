#pragma once

#include <QString>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "app/gui/training/instrument_frame.h"

class QComboBox;
class QLabel;
class QStackedWidget;

namespace convscope::widgets {
class HeatmapView;
class LinePlotView;
}  // namespace convscope::widgets

namespace convscope::gui {

class GradientHeatmapView;
class TrainingController;
class TrainingRunList;

/// The Training panel's "Gradients" tab: the instruments of training over the steps of one run.
///
/// - the gradient norm of every convolution and linear layer, depth × step (GradientHeatmapView);
/// - the share of zeros in every ReLU output ("dead" units), tap × step;
/// - for one layer chosen in a list: the histogram of its weights and of log10 |gradient| at every logged
///   step (x = step, y = bin, colour = share of the tensor's values), and its update-to-weight ratio
///   ‖Δw‖ / ‖w‖ on a log scale next to 10⁻³, a common rule of thumb for a healthy learning rate.
///
/// Which run: the one being trained while a run is in progress (frames arrive live, repainted at most four
/// times a second); otherwise the run selected in the list, else the newest stored run, read from its
/// instruments.jsonl (RunStore::loadInstruments) when the tab is shown. Memory is bounded: the heatmap
/// merges columns (GradientHeatmapView), the other views keep at most maxFrames() logged steps and drop every
/// other one beyond that.
class GradientViews : public QWidget {
    Q_OBJECT
public:
    /// `training` and `runs` may be null: the views then show only what addFrame / setFrames give them.
    explicit GradientViews(TrainingController* training, TrainingRunList* runs, QWidget* parent = nullptr);

    void clear();
    void addFrame(const InstrumentFrame& frame);
    /// Shows a stored run's frames at once.
    void setFrames(const QVector<InstrumentFrame>& frames, const QString& title);

    GradientHeatmapView* gradientHeatmap() const { return m_heatmap; }
    widgets::HeatmapView* deadReluView() const { return m_dead; }
    widgets::HeatmapView* weightHistogramView() const { return m_weightHist; }
    widgets::HeatmapView* gradientHistogramView() const { return m_gradHist; }
    widgets::LinePlotView* updateRatioPlot() const { return m_update; }
    QComboBox* layerBox() const { return m_layer; }
    /// "Training …" or the stored run's title; empty before anything is shown.
    QString sourceTitle() const { return m_title; }
    /// The folder of the stored run on show ("" while none or while training).
    QString shownRunDirectory() const { return m_shownDirectory; }

    static constexpr int maxFrames() { return 400; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void followRun(const QString& directory, const QString& title);
    void onRunFinished();
    void onRunsReloaded();
    void onRunSelected(int row);
    void loadPending();
    void scheduleRedraw();
    void redraw();
    void updateLayers();
    void drawHistogram(bool gradients);
    void drawDeadRelu();
    void drawUpdateRatio();

    /// The chosen layer's histograms as drawn (copies: hover text reads them after m_frames has changed).
    struct HistogramColumns {
        QVector<qint64> steps;
        QVector<InstrumentHistogram> histograms;
    };
    QString histogramHover(const HistogramColumns& columns, bool gradients, int row, int col) const;

    TrainingRunList* m_runs = nullptr;
    HistogramColumns m_weightColumns;
    HistogramColumns m_gradColumns;
    QVector<qint64> m_deadSteps;
    QStringList m_deadTaps;
    QVector<InstrumentFrame> m_frames;
    bool m_live = false;
    bool m_userSelected = false;  ///< a run was picked in the list: reloads keep it
    QString m_title;
    QString m_shownDirectory;
    QString m_pendingDirectory;  ///< a stored run to read once the tab is visible
    QString m_pendingTitle;
    QTimer m_redraw;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_source = nullptr;
    GradientHeatmapView* m_heatmap = nullptr;
    widgets::HeatmapView* m_dead = nullptr;
    QComboBox* m_layer = nullptr;
    widgets::HeatmapView* m_weightHist = nullptr;
    widgets::HeatmapView* m_gradHist = nullptr;
    widgets::LinePlotView* m_update = nullptr;
};

}  // namespace convscope::gui
