#pragma once

#include <QLabel>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "app/gui/training/instrument_frame.h"

class QStackedLayout;

namespace convscope::widgets {
class HeatmapView;
}

namespace convscope::gui {

/// The depth × step picture of a run's gradients: one row per weight tensor of a convolution or linear layer
/// (rank ≥ 2, in the model's order: the input's layer at the top, the head at the bottom; biases and
/// batch-norm parameters are left out, they would double the rows without telling more about depth), one
/// column per logged step, the colour log10 of the gradient's L2 norm. A vanishing gradient shows as rows
/// that darken towards the input.
///
/// Frames arrive at any rate; the picture is rebuilt at most four times a second. Memory stays bounded: past
/// maxColumns() columns, neighbouring columns are merged in pairs (the mean of their log10 norms, i.e. the
/// geometric mean of the norms) and later frames are averaged in groups of the same size, so every column
/// covers the same number of logged steps.
class GradientHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit GradientHeatmapView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void clear();
    /// Appends one column (the frame's step); the repaint is throttled.
    void addFrame(const convscope::gui::InstrumentFrame& frame);
    /// Replaces everything with these frames and repaints at once.
    void setFrames(const QVector<convscope::gui::InstrumentFrame>& frames);
    /// A fixed colour scale in log10 units, e.g. one shared by several views side by side.
    void setValueRange(double log10Low, double log10High);
    /// The colour scale follows the data, widened to round steps (the default).
    void setAutoRange();
    widgets::HeatmapView* heatmap() const { return m_heatmap; }

    /// Columns kept before neighbours are merged.
    static constexpr int maxColumns() { return 400; }
    /// Norms below this (exact zeros included) are drawn as log10 = −12.
    static constexpr double kLog10Floor = -12.0;

private:
    struct Column {
        qint64 firstStep = 0;
        qint64 lastStep = 0;
        int frames = 0;
        QVector<double> log10Sum;  ///< per row
        QVector<int> count;        ///< per row: the frames that had it
    };
    /// The frame's conv/linear weight rows (names and norms), by rank when the frame has ranks, else by name.
    static void layerRows(const InstrumentFrame& frame, QStringList* names, QVector<double>* norms);
    void append(const InstrumentFrame& frame);
    void mergePairs();
    void scheduleRebuild();
    void rebuild();
    QString hoverText(int row, int col) const;

    QStringList m_rows;
    QVector<Column> m_columns;
    int m_framesPerColumn = 1;  ///< doubles at every merge
    bool m_autoRange = true;
    QString m_title;
    widgets::HeatmapView* m_heatmap = nullptr;
    QLabel* m_placeholder = nullptr;
    QStackedLayout* m_stack = nullptr;
    QTimer m_rebuild;
};

}  // namespace convscope::gui
