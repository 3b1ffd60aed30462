#pragma once

#include <QVector>
#include <QWidget>

#include "app/gui/architecture/architecture_types.h"

class QGroupBox;
class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace convscope::widgets {
class LogBarChart;
}

namespace convscope::gui {

class FactorisationBox;
class LabelSmoothingBox;

/// The Architecture panel's "Costs" page: the seeds' three cost comparisons (depthwise separable
/// convolution, BasicBlock against Bottleneck, Inception's 1×1 reductions), each with its measured counts
/// and the arithmetic behind them, the factorised convolutions and ResNet's bias (FactorisationBox, computed
/// here as the learner edits its settings), then EfficientNet's compound scaling as a table and a log-scale
/// chart. Everything scrolls, so the page stays readable in a small window.
class CostComparisonPage : public QWidget {
    Q_OBJECT
public:
    explicit CostComparisonPage(QWidget* parent = nullptr);

    void setComparisons(const CostComparisons& comparisons);

    /// One group box per comparison, in order (objectName "costComparison0", …).
    const QVector<QGroupBox*>& comparisonBoxes() const { return m_boxes; }
    FactorisationBox* factorisation() const { return m_factorisation; }
    LabelSmoothingBox* labelSmoothing() const { return m_labelSmoothing; }
    QLabel* scalingHeader() const { return m_scalingHeader; }
    QTableWidget* scalingTable() const { return m_scalingTable; }
    widgets::LogBarChart* scalingChart() const { return m_chart; }

private:
    QGroupBox* comparisonBox(const CostComparisonView& comparison, int index);
    void fillScaling(const QVector<ScalingRowView>& rows);

    QWidget* m_content = nullptr;
    QVBoxLayout* m_comparisonLayout = nullptr;
    QVector<QGroupBox*> m_boxes;
    QLabel* m_empty = nullptr;
    FactorisationBox* m_factorisation = nullptr;
    LabelSmoothingBox* m_labelSmoothing = nullptr;
    QLabel* m_scalingHeader = nullptr;
    QTableWidget* m_scalingTable = nullptr;
    widgets::LogBarChart* m_chart = nullptr;
};

}  // namespace convscope::gui
