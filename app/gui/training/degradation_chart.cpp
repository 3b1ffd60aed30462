#include "app/gui/training/degradation_chart.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/gui/training/gradient_heatmap_view.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

namespace convscope::gui {

namespace {

// Okabe–Ito, as the transfer chart: 20 layers blue, 56 vermillion (the paper's figure has one colour per
// depth too), the other depths after them.
QColor depthColour(int depth) {
    switch (depth) {
        case 20:
            return QColor(0, 114, 178);
        case 32:
            return QColor(0, 158, 115);
        case 44:
            return QColor(230, 159, 0);
        case 56:
            return QColor(213, 94, 0);
        default:
            return QColor(204, 121, 167);
    }
}

// The rows the heatmap draws (GradientHeatmapView::layerRows): convolution and linear weights.
bool isLayerRow(const InstrumentFrame& f, int i) {
    if (f.parameterRanks.size() == f.parameters.size()) return f.parameterRanks[i] >= 2;
    const QString lower = f.parameters[i].toLower();
    return lower.endsWith(QLatin1String("weight")) && !lower.contains(QLatin1String("bn")) &&
           !lower.contains(QLatin1String("norm"));
}

}  // namespace

DegradationChart::DegradationChart(QWidget* parent) : QWidget(parent) {
    m_loss = new widgets::LinePlotView;
    m_loss->setObjectName(QStringLiteral("degradationLossPlot"));
    m_loss->setTitle(tr("Training loss"));
    m_loss->setAxisTitles(tr("step (batches of 128)"), tr("training loss (moving average)"));
    m_loss->setLegendPosition(Qt::TopRightCorner);
    m_loss->setMinimumSize(360, 240);
    m_error = new widgets::LinePlotView;
    m_error->setObjectName(QStringLiteral("degradationErrorPlot"));
    m_error->setTitle(tr("Test error"));
    m_error->setAxisTitles(tr("epoch"), tr("test error (%)"));
    m_error->setXTickStep(1.0);
    m_error->setLegendPosition(Qt::TopRightCorner);
    m_error->setMinimumSize(300, 240);
    auto* plots = new QHBoxLayout;
    plots->addWidget(m_loss, 3);
    plots->addWidget(m_error, 2);

    m_heatmapRow = new QWidget;
    m_heatmapRow->setObjectName(QStringLiteral("degradationHeatmaps"));
    auto* row = new QHBoxLayout(m_heatmapRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_heatmapRow->setMinimumHeight(240);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("degradationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* explanation = new QLabel(
        tr("Colours are depths, dashed lines plain networks, solid lines ResNets; every run has the same "
           "recipe, seed and batches. Degradation is the dashed 56-layer curve staying above the dashed "
           "20-layer one: the deeper plain network fits its training images worse, so it is not "
           "overfitting. The heatmaps below share one colour scale (log₁₀ of each layer's gradient norm, "
           "input at the top)."));
    explanation->setObjectName(QStringLiteral("degradationExplanation"));
    explanation->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(plots, 3);
    layout->addWidget(m_heatmapRow, 2);
    layout->addWidget(m_summary);
    layout->addWidget(explanation);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(200);
    connect(&m_redraw, &QTimer::timeout, this, &DegradationChart::redraw);
    reset(DegradationRequest{}.models);
}

QColor DegradationChart::colorForDepth(int depth) {
    return depthColour(depth);
}

void DegradationChart::reset(const QStringList& models) {
    m_runs.clear();
    m_models = models;
    m_low = 1.0;
    m_high = 0.0;
    m_summary->clear();
    qDeleteAll(m_heatmaps);
    m_heatmaps.clear();
    for (int i = 0; i < models.size(); ++i) {
        auto* view = new GradientHeatmapView;
        view->setObjectName(QStringLiteral("degradationHeatmap%1").arg(i));
        view->setTitle(models[i]);
        view->setMinimumWidth(160);
        m_heatmapRow->layout()->addWidget(view);
        m_heatmaps.push_back(view);
    }
    redraw();
}

void DegradationChart::addRun(const DegradationRunInfo& info) {
    Run& run = m_runs[info.index];
    run.info = info;
    if (GradientHeatmapView* view = m_heatmaps.value(info.index)) {
        view->clear();
        // The model alone: four heatmaps side by side leave little width for a longer title.
        view->setTitle(info.model);
        view->setToolTip(
            tr("%1: %2 weighted layers, %3 parameters, %4 training images")
                .arg(info.model)
                .arg(info.depth)
                .arg(widgets::groupedNumber(info.parameters), widgets::groupedNumber(info.trainImages)));
    }
    scheduleRedraw();
}

void DegradationChart::addLoss(int index, qint64 step, double loss) {
    Run& run = m_runs[index];
    const double smoothed =
        run.smoothed.isEmpty() ? loss : kSmoothing * run.smoothed.last() + (1.0 - kSmoothing) * loss;
    run.steps.push_back(double(step));
    run.losses.push_back(loss);
    run.smoothed.push_back(smoothed);
    scheduleRedraw();
}

void DegradationChart::addFrame(int index, const InstrumentFrame& frame) {
    GradientHeatmapView* view = m_heatmaps.value(index);
    if (!view) return;
    // One colour scale for all four: widened to every norm seen so far.
    for (int i = 0; i < frame.parameters.size() && i < frame.gradNorms.size(); ++i) {
        if (!isLayerRow(frame, i) || !std::isfinite(frame.gradNorms[i])) continue;
        const double v = std::max(GradientHeatmapView::kLog10Floor, std::log10(frame.gradNorms[i]));
        if (m_low > m_high) {
            m_low = m_high = v;
        } else {
            m_low = std::min(m_low, v);
            m_high = std::max(m_high, v);
        }
    }
    view->addFrame(frame);
    scheduleRedraw();
}

void DegradationChart::addEpoch(int index, int epoch, double testError) {
    Run& run = m_runs[index];
    run.epochs.push_back(epoch);
    run.errors.push_back(100.0 * testError);
    scheduleRedraw();
}

void DegradationChart::setOutcome(const DegradationOutcome& outcome) {
    m_redraw.stop();
    redraw();
    QString text = outcome.summary;
    if (outcome.status == QLatin1String("stopped") && !text.isEmpty())
        text = tr("Stopped. Of the runs that finished: %1").arg(text);
    m_summary->setText(text);
}

void DegradationChart::scheduleRedraw() {
    if (!m_redraw.isActive()) m_redraw.start();
}

void DegradationChart::redraw() {
    QVector<widgets::PlotSeries> losses, errors;
    for (const Run& run : std::as_const(m_runs)) {
        widgets::PlotSeries s;
        s.name = run.info.model;
        s.color = depthColour(run.info.depth);
        s.dashed = !run.info.residual;
        if (!run.steps.isEmpty()) {
            s.x = run.steps;
            s.y = run.smoothed;
            losses.push_back(s);
        }
        if (!run.epochs.isEmpty()) {
            s.x = run.epochs;
            s.y = run.errors;
            s.markers = true;
            errors.push_back(s);
        }
    }
    m_loss->setSeries(losses);
    m_error->setSeries(errors);
    if (m_low <= m_high) {
        // Widened to whole half-decades (round colour-bar ticks) and to at least one decade, so that a few
        // steps do not stretch noise over the whole scale.
        const double low = std::floor(2.0 * m_low) / 2.0;
        const double high = std::max(std::ceil(2.0 * m_high) / 2.0, low + 1.0);
        for (GradientHeatmapView* view : std::as_const(m_heatmaps)) view->setValueRange(low, high);
    }
}

}  // namespace convscope::gui
