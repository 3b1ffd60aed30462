#pragma once

#include <QTimer>
#include <QVector>
#include <QWidget>

#include "app/gui/training/training_types.h"

namespace convscope::widgets {
class LinePlotView;
}

namespace convscope::gui {

/// The Training panel's two live charts: the loss per logged batch (raw, and smoothed with an exponential
/// moving average) and the train and test accuracy per epoch. Other runs chosen for comparison are overlaid
/// (smoothed loss and test accuracy, dashed). Points arrive at any rate; the charts redraw at most ten times
/// a second.
class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    void setCurrentRun(const QString& title);
    void addBatch(const BatchPoint& point);
    void addEpoch(const EpochPoint& point);
    void clearCurrent();
    void setOverlays(const QVector<RunRecord>& runs);

    widgets::LinePlotView* lossPlot() const { return m_loss; }
    widgets::LinePlotView* accuracyPlot() const { return m_accuracy; }
    int batchCount() const { return int(m_batches.size()); }
    int epochCount() const { return int(m_epochs.size()); }
    /// The exponential moving average the smoothed curve draws (weight 0.1 for each new point).
    static QVector<double> smoothed(const QVector<double>& values, double weight = 0.1);

private:
    void scheduleRedraw();
    void redraw();

    QString m_title;
    QVector<BatchPoint> m_batches;
    QVector<EpochPoint> m_epochs;
    QVector<RunRecord> m_overlays;
    widgets::LinePlotView* m_loss = nullptr;
    widgets::LinePlotView* m_accuracy = nullptr;
    QTimer m_redraw;
};

}  // namespace convscope::gui
