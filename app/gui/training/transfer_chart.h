#pragma once

#include <QMap>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "app/gui/training/transfer_types.h"

class QLabel;
class QTableWidget;

namespace convscope::widgets {
class LinePlotView;
}

namespace convscope::gui {

/// The transfer-learning experiment's result: test accuracy against epoch for every run, one colour per
/// images-per-class count, fine-tuned solid and from scratch dashed; below it a table of the final
/// accuracies (fine-tuned, from scratch, the difference) and what the learner sees. Curves arrive at any
/// rate; the chart redraws at most ten times a second.
class TransferChart : public QWidget {
    Q_OBJECT
public:
    explicit TransferChart(QWidget* parent = nullptr);

    /// Empties the chart and fixes the counts of the experiment about to run (their colours and rows).
    void reset(const QVector<qint64>& perClass);
    /// A run's curve so far (the pretraining, index −1, only feeds the sentence above the table).
    void addCurve(const TransferCurve& curve);
    /// The experiment's end: its curves replace the live ones and the table shows its final accuracies.
    void setOutcome(const TransferOutcome& outcome);

    widgets::LinePlotView* plot() const { return m_plot; }
    QTableWidget* table() const { return m_table; }
    QLabel* emptyLabel() const { return m_empty; }
    QLabel* summaryLabel() const { return m_summary; }
    /// Curves received (the pretraining's excluded).
    int curveCount() const { return int(m_curves.size()); }
    /// The colour of a count's two lines.
    static QColor colorFor(int countIndex);

private:
    void scheduleRedraw();
    void redraw();
    void fillTable();

    QVector<qint64> m_counts;
    QMap<int, TransferCurve> m_curves;  ///< by run index
    TransferCurve m_pretrain;
    bool m_hasPretrain = false;
    bool m_final = false;
    widgets::LinePlotView* m_plot = nullptr;
    QLabel* m_empty = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QTimer m_redraw;
};

}  // namespace convscope::gui
