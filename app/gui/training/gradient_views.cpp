#include "app/gui/training/gradient_views.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/gui/training/gradient_heatmap_view.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/tidy_range.h"
#include "app/gui/training/training_controller.h"
#include "app/gui/training/training_run_list.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

namespace convscope::gui {

namespace {

constexpr double kRuleOfThumbRatio = 1e-3;

const InstrumentHistogram* histogramOf(const QVector<InstrumentHistogram>& all, const QString& parameter) {
    for (const InstrumentHistogram& h : all)
        if (h.parameter == parameter) return &h;
    return nullptr;
}

bool hasInstrumentsFile(const RunRecord& run) {
    return QFileInfo::exists(run.directory + QStringLiteral("/instruments.jsonl"));
}

widgets::HeatmapView* makeStepHeatmap(const QString& objectName, const QString& barLabel) {
    auto* view = new widgets::HeatmapView;
    view->setObjectName(objectName);
    view->setKeepAspect(false);
    view->setColorBarLabel(barLabel);
    view->setMinimumSize(220, 170);
    return view;
}

}  // namespace

GradientViews::GradientViews(TrainingController* training, TrainingRunList* runs, QWidget* parent)
    : QWidget(parent), m_runs(runs) {
    m_empty =
        new QLabel(tr("Start a run to see its gradients, weights and dead ReLUs through the layers, step "
                      "by step; or select a finished run in the list."));
    m_empty->setObjectName(QStringLiteral("gradientViewsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_source = new QLabel;
    m_source->setObjectName(QStringLiteral("gradientViewsSource"));
    m_source->setWordWrap(true);

    m_heatmap = new GradientHeatmapView;
    m_heatmap->setTitle(tr("Gradient norm per layer"));
    m_heatmap->setMinimumSize(320, 220);
    m_dead = makeStepHeatmap(QStringLiteral("deadReluHeatmap"), tr("dead (%)"));
    m_dead->setTitle(tr("Dead ReLU outputs (share of zeros)"));
    m_dead->setValueRange(0.0, 100.0);
    m_dead->setToolTip(
        tr("Per ReLU output (tap), the share of its values in the batch that are exactly zero."));
    m_dead->setHoverText([this](int row, int col) {
        if (row >= m_deadTaps.size() || col >= m_deadSteps.size()) return QString();
        return tr("%1 at step %2").arg(m_deadTaps[row], widgets::groupedNumber(m_deadSteps[col]));
    });

    m_layer = new QComboBox;
    m_layer->setObjectName(QStringLiteral("gradientLayerBox"));
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_layer->setToolTip(tr("The convolution or linear layer whose weights and gradients are shown below"));
    m_weightHist = makeStepHeatmap(QStringLiteral("weightHistogramView"), tr("share (%)"));
    m_weightHist->setHoverText(
        [this](int row, int col) { return histogramHover(m_weightColumns, false, row, col); });
    m_gradHist = makeStepHeatmap(QStringLiteral("gradientHistogramView"), tr("share (%)"));
    m_gradHist->setHoverText(
        [this](int row, int col) { return histogramHover(m_gradColumns, true, row, col); });
    m_update = new widgets::LinePlotView;
    m_update->setObjectName(QStringLiteral("updateRatioPlot"));
    m_update->setLogY(true);
    m_update->setAxisTitles(tr("step"), tr("‖Δw‖ / ‖w‖"));
    m_update->setMinimumSize(220, 170);
    m_update->setLegendPosition(Qt::BottomLeftCorner);

    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_heatmap);
    top->addWidget(m_dead);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto* layerRow = new QHBoxLayout;
    layerRow->addWidget(new QLabel(tr("Layer:")));
    layerRow->addWidget(m_layer);
    layerRow->addStretch(1);
    auto* plots = new QSplitter(Qt::Horizontal);
    plots->addWidget(m_weightHist);
    plots->addWidget(m_gradHist);
    plots->addWidget(m_update);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(layerRow);
    bottomLayout->addWidget(plots, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* views = new QWidget;
    auto* viewsLayout = new QVBoxLayout(views);
    viewsLayout->setContentsMargins(0, 0, 0, 0);
    viewsLayout->addWidget(m_source);
    viewsLayout->addWidget(split, 1);

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_empty);
    m_pages->addWidget(views);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(250);
    connect(&m_redraw, &QTimer::timeout, this, &GradientViews::redraw);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        drawHistogram(false);
        drawHistogram(true);
        drawUpdateRatio();
    });
    if (training) {
        connect(training, &TrainingController::started, this,
                [this](const RunRecord& run) { followRun(run.directory, run.title); });
        connect(training, &TrainingController::instruments, this, &GradientViews::addFrame);
        connect(training, &TrainingController::finished, this, &GradientViews::onRunFinished);
    }
    if (m_runs) {
        connect(m_runs, &TrainingRunList::reloaded, this, &GradientViews::onRunsReloaded);
        connect(m_runs->list(), &QListWidget::currentRowChanged, this, &GradientViews::onRunSelected);
    }
}

void GradientViews::clear() {
    m_redraw.stop();
    m_frames.clear();
    m_title.clear();
    m_heatmap->clear();
    redraw();
}

void GradientViews::addFrame(const InstrumentFrame& frame) {
    m_frames.push_back(frame);
    if (m_frames.size() > maxFrames()) {
        // Every other step goes; the first and the newest stay.
        QVector<InstrumentFrame> kept;
        kept.reserve(m_frames.size() / 2 + 1);
        for (int i = 0; i < m_frames.size(); i += 2) kept.push_back(m_frames[i]);
        if (kept.back().step != m_frames.back().step) kept.push_back(m_frames.back());
        m_frames = std::move(kept);
    }
    m_heatmap->addFrame(frame);
    scheduleRedraw();
}

void GradientViews::setFrames(const QVector<InstrumentFrame>& frames, const QString& title) {
    m_redraw.stop();
    m_frames.clear();
    m_heatmap->clear();
    for (const InstrumentFrame& f : frames) addFrame(f);
    m_heatmap->setFrames(frames);
    m_title = title;
    redraw();
}

void GradientViews::followRun(const QString& directory, const QString& title) {
    m_live = true;
    m_pendingDirectory.clear();
    clear();
    m_title = tr("Training %1").arg(title);
    m_shownDirectory = directory;
    m_source->setText(m_title);
}

void GradientViews::onRunFinished() {
    m_live = false;
}

void GradientViews::onRunsReloaded() {
    if (m_live || m_userSelected || !m_runs) return;
    // No run picked: the newest one that recorded its instruments.
    for (const RunRecord& run : m_runs->runs()) {
        if (!hasInstrumentsFile(run)) continue;
        if (run.directory == m_shownDirectory) return;
        m_pendingDirectory = run.directory;
        m_pendingTitle = run.title;
        loadPending();
        return;
    }
}

void GradientViews::onRunSelected(int row) {
    if (m_live || !m_runs || row < 0 || row >= m_runs->runs().size()) return;
    const RunRecord& run = m_runs->runs()[row];
    m_userSelected = true;
    if (run.directory == m_shownDirectory) return;
    if (!hasInstrumentsFile(run)) {
        clear();
        m_shownDirectory = run.directory;
        m_empty->setText(tr("%1 recorded no instruments of training (runs made before they were kept, or "
                            "stopped before the first logged step). Start a run to see them.")
                             .arg(run.title));
        return;
    }
    m_pendingDirectory = run.directory;
    m_pendingTitle = run.title;
    loadPending();
}

void GradientViews::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    loadPending();
}

void GradientViews::loadPending() {
    // Read when the tab is visible: a long run's file takes a moment to parse.
    if (m_pendingDirectory.isEmpty() || !isVisible()) return;
    const QString directory = m_pendingDirectory;
    m_pendingDirectory.clear();
    setFrames(RunStore::loadInstruments(directory), m_pendingTitle);
    m_shownDirectory = directory;
}

void GradientViews::scheduleRedraw() {
    if (!m_redraw.isActive()) m_redraw.start();
}

void GradientViews::redraw() {
    if (m_frames.isEmpty()) {
        m_pages->setCurrentWidget(m_empty);
        m_empty->setText(m_live ? tr("Waiting for the first logged step…")
                                : tr("Start a run to see its gradients, weights and dead ReLUs through the "
                                     "layers, step by step; or select a finished run in the list."));
        m_dead->clear();
        m_weightHist->clear();
        m_gradHist->clear();
        m_update->clear();
        return;
    }
    m_pages->setCurrentIndex(1);
    m_source->setText(
        tr("%1: %2 logged steps, up to step %3.\nRows: the convolution and linear weights, from the "
           "input (top) to the head (bottom); biases and batch-norm parameters are left out.")
            .arg(m_title.isEmpty() ? tr("Run") : m_title)
            .arg(m_frames.size())
            .arg(widgets::groupedNumber(m_frames.back().step)));
    updateLayers();
    drawDeadRelu();
    drawHistogram(false);
    drawHistogram(true);
    drawUpdateRatio();
}

void GradientViews::updateLayers() {
    const InstrumentFrame& last = m_frames.back();
    QStringList layers;
    for (const InstrumentHistogram& h : last.weightHistograms) layers << h.parameter;
    if (layers.isEmpty())
        for (int i = 0; i < last.parameters.size(); ++i)
            if (last.parameterRanks.value(i) >= 2) layers << last.parameters[i];
    QStringList current;
    for (int i = 0; i < m_layer->count(); ++i) current << m_layer->itemData(i).toString();
    if (current == layers) return;
    const QString chosen = m_layer->currentData().toString();
    const QSignalBlocker block(m_layer);
    m_layer->clear();
    for (int i = 0; i < layers.size(); ++i)
        m_layer->addItem(tr("%1. %2").arg(i + 1).arg(layers[i]), layers[i]);
    m_layer->setCurrentIndex(std::max(0, m_layer->findData(chosen)));
}

void GradientViews::drawHistogram(bool gradients) {
    widgets::HeatmapView* view = gradients ? m_gradHist : m_weightHist;
    HistogramColumns& columns = gradients ? m_gradColumns : m_weightColumns;
    const QString layer = m_layer->currentData().toString();
    columns = {};
    for (const InstrumentFrame& f : m_frames) {
        const InstrumentHistogram* h = histogramOf(gradients ? f.gradHistograms : f.weightHistograms, layer);
        if (!h || h->counts.isEmpty()) continue;
        columns.steps.push_back(f.step);
        columns.histograms.push_back(*h);
    }
    view->setTitle(gradients ? tr("Gradients of %1").arg(layer) : tr("Weights of %1").arg(layer));
    if (columns.histograms.isEmpty()) {
        view->clear();
        return;
    }
    const InstrumentHistogram& last = columns.histograms.back();
    const int bins = int(last.counts.size()), cols = int(columns.histograms.size());
    QVector<float> values(qsizetype(bins) * cols, std::numeric_limits<float>::quiet_NaN());
    for (int c = 0; c < cols; ++c) {
        const InstrumentHistogram& h = columns.histograms[c];
        qint64 total = h.zeros;
        for (qint64 n : h.counts) total += n;
        if (total == 0 || h.counts.size() != bins) continue;
        // Row 0 is the top: the highest bin.
        for (int b = 0; b < bins; ++b)
            values[qsizetype(bins - 1 - b) * cols + c] = float(100.0 * double(h.counts[b]) / double(total));
    }
    const double width = (last.high - last.low) / bins;
    float top = 0.0f;
    for (float v : values)
        if (std::isfinite(v)) top = std::max(top, v);
    view->setValueRange(0.0, tidyRange(0.0, std::max(1.0, double(top))).second);
    view->setData(bins, cols, std::move(values));
    view->setAxes(double(columns.steps.front()), double(columns.steps.back()), last.high - width / 2,
                  last.low + width / 2, tr("step"), gradients ? tr("log₁₀ |g|") : tr("weight value"));
    view->setMinTickSteps(1.0, 0.0);
}

QString GradientViews::histogramHover(const HistogramColumns& columns, bool gradients, int row,
                                      int col) const {
    if (col < 0 || col >= columns.histograms.size()) return {};
    const InstrumentHistogram& h = columns.histograms[col];
    const int bins = int(h.counts.size()), b = bins - 1 - row;
    if (b < 0 || b >= bins) return {};
    qint64 total = h.zeros;
    for (qint64 n : h.counts) total += n;
    const double width = (h.high - h.low) / bins, low = h.low + b * width, high = low + width;
    QString text = tr("step %1").arg(widgets::groupedNumber(columns.steps[col]));
    const QString range =
        gradients
            ? tr("|g| from %1 to %2")
                  .arg(widgets::compactNumber(std::pow(10.0, low), 3),
                       widgets::compactNumber(std::pow(10.0, high), 3))
            : tr("w from %1 to %2").arg(widgets::compactNumber(low, 3), widgets::compactNumber(high, 3));
    text += QLatin1Char('\n') + range;
    if (b == 0) text += tr(" (and below)");
    if (b == bins - 1) text += tr(" (and above)");
    text += QLatin1Char('\n') + tr("%1 of the %2 values counted")
                                    .arg(widgets::groupedNumber(h.counts[b]), widgets::groupedNumber(total));
    if (gradients && h.zeros > 0)
        text += QLatin1Char('\n') + tr("exact zeros: %1").arg(widgets::groupedNumber(h.zeros));
    return text;
}

void GradientViews::drawDeadRelu() {
    m_deadTaps = m_frames.back().reluTaps;
    m_deadSteps.clear();
    const int rows = int(m_deadTaps.size()), cols = int(m_frames.size());
    if (rows == 0) {
        m_dead->clear();
        return;
    }
    QVector<float> values(qsizetype(rows) * cols, std::numeric_limits<float>::quiet_NaN());
    for (int c = 0; c < cols; ++c) {
        const InstrumentFrame& f = m_frames[c];
        m_deadSteps.push_back(f.step);
        for (int i = 0; i < f.reluTaps.size() && i < f.deadRelu.size(); ++i) {
            const int r = int(m_deadTaps.indexOf(f.reluTaps[i]));
            if (r >= 0) values[qsizetype(r) * cols + c] = float(100.0 * f.deadRelu[i]);
        }
    }
    m_dead->setData(rows, cols, std::move(values));
    m_dead->setAxes(double(m_deadSteps.front()), double(m_deadSteps.back()), 1.0, double(rows), tr("step"),
                    tr("ReLU (depth)"));
    m_dead->setMinTickSteps(1.0, 1.0);
}

void GradientViews::drawUpdateRatio() {
    const QString layer = m_layer->currentData().toString();
    widgets::PlotSeries ratio;
    ratio.name = tr("‖Δw‖ / ‖w‖ of %1").arg(layer);
    for (const InstrumentFrame& f : m_frames) {
        const int i = int(f.parameters.indexOf(layer));
        if (i < 0 || i >= f.updateRatios.size()) continue;
        const double v = f.updateRatios[i];
        ratio.x.push_back(double(f.step));
        ratio.y.push_back(std::isfinite(v) && v > 0.0 ? v : std::numeric_limits<double>::quiet_NaN());
    }
    m_update->setTitle(tr("Update ratio per step"));
    if (ratio.x.isEmpty()) {
        m_update->clear();
        return;
    }
    widgets::PlotSeries rule;
    rule.name = tr("10⁻³ (rule of thumb)");
    rule.x = {ratio.x.front(), ratio.x.back()};
    rule.y = {kRuleOfThumbRatio, kRuleOfThumbRatio};
    rule.dashed = true;
    rule.color = QColor(120, 120, 120);
    ratio.color = QColor(0, 114, 178);
    m_update->setSeries({ratio, rule});
}

}  // namespace convscope::gui
