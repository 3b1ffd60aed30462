#include "app/gui/training/training_charts.h"

#include <QHBoxLayout>

#include "widgets/plot/line_plot_view.h"

namespace convscope::gui {

namespace {
const QColor kCurrent(0, 114, 178);
const QColor kTrain(86, 180, 233);
const QColor kOverlay[] = {QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167),
                           QColor(230, 159, 0), QColor(120, 120, 120)};
}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent) {
    m_loss = new widgets::LinePlotView;
    m_loss->setObjectName(QStringLiteral("trainLossPlot"));
    m_loss->setTitle(tr("Training loss per batch"));
    m_loss->setAxisTitles(tr("step (batches)"), tr("cross-entropy loss"));
    m_accuracy = new widgets::LinePlotView;
    m_accuracy->setObjectName(QStringLiteral("trainAccuracyPlot"));
    m_accuracy->setTitle(tr("Accuracy per epoch"));
    m_accuracy->setAxisTitles(tr("epoch"), tr("accuracy (%)"));
    m_accuracy->setLegendPosition(Qt::BottomRightCorner);
    m_accuracy->setXTickStep(1.0);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_accuracy, 1);
    m_redraw.setSingleShot(true);
    m_redraw.setInterval(100);
    connect(&m_redraw, &QTimer::timeout, this, &TrainingCharts::redraw);
}

QVector<double> TrainingCharts::smoothed(const QVector<double>& values, double weight) {
    QVector<double> out;
    out.reserve(values.size());
    double ema = 0.0;
    for (int i = 0; i < values.size(); ++i) {
        ema = i == 0 ? values[i] : (1.0 - weight) * ema + weight * values[i];
        out.push_back(ema);
    }
    return out;
}

void TrainingCharts::setCurrentRun(const QString& title) {
    m_title = title;
    scheduleRedraw();
}

void TrainingCharts::addBatch(const BatchPoint& point) {
    m_batches.push_back(point);
    scheduleRedraw();
}

void TrainingCharts::addEpoch(const EpochPoint& point) {
    m_epochs.push_back(point);
    scheduleRedraw();
}

void TrainingCharts::clearCurrent() {
    m_batches.clear();
    m_epochs.clear();
    m_title.clear();
    scheduleRedraw();
}

void TrainingCharts::setOverlays(const QVector<RunRecord>& runs) {
    m_overlays = runs;
    scheduleRedraw();
}

void TrainingCharts::scheduleRedraw() {
    if (!m_redraw.isActive()) m_redraw.start();
}

void TrainingCharts::redraw() {
    QVector<widgets::PlotSeries> loss, accuracy;
    auto lossSeries = [](const QVector<BatchPoint>& batches, QVector<double>* steps,
                         QVector<double>* values) {
        for (const BatchPoint& b : batches) {
            steps->push_back(double(b.step));
            values->push_back(b.loss);
        }
    };
    int colour = 0;
    for (const RunRecord& run : m_overlays) {
        const QColor c = kOverlay[colour++ % 5];
        QVector<double> steps, values;
        lossSeries(run.batches, &steps, &values);
        loss.push_back({run.title + tr(" (smoothed)"), steps, smoothed(values), c, true});
        QVector<double> epochs, test;
        for (const EpochPoint& e : run.epochs) {
            epochs.push_back(e.epoch);
            test.push_back(100.0 * e.testAccuracy);
        }
        accuracy.push_back({run.title + tr(" · test"), epochs, test, c, true, true});
    }
    if (!m_batches.isEmpty()) {
        QVector<double> steps, values;
        lossSeries(m_batches, &steps, &values);
        loss.push_back({tr("this run, raw"), steps, values, kTrain});
        loss.push_back({tr("this run, smoothed"), steps, smoothed(values), kCurrent});
    }
    if (!m_epochs.isEmpty()) {
        QVector<double> epochs, train, test;
        for (const EpochPoint& e : m_epochs) {
            epochs.push_back(e.epoch);
            train.push_back(100.0 * e.trainAccuracy);
            test.push_back(100.0 * e.testAccuracy);
        }
        accuracy.push_back({tr("this run · train"), epochs, train, kTrain, false, true});
        accuracy.push_back({tr("this run · test"), epochs, test, kCurrent, false, true});
    }
    m_loss->setSeries(loss);
    m_accuracy->setSeries(accuracy);
}

}  // namespace convscope::gui
