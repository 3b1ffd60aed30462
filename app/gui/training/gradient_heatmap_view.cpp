#include "app/gui/training/gradient_heatmap_view.h"

#include <QStackedLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/gui/training/tidy_range.h"
#include "widgets/common/number_text.h"
#include "widgets/plot/heatmap_view.h"

namespace convscope::gui {

namespace {

double gradientLog10Norm(double norm) {
    if (!std::isfinite(norm)) return std::numeric_limits<double>::quiet_NaN();
    return std::max(GradientHeatmapView::kLog10Floor, std::log10(norm));
}

// Without ranks (frames made elsewhere), a weight is a convolution's or linear layer's unless its name says
// it is a normalisation's.
bool looksLikeLayerWeightName(const QString& name) {
    if (!name.endsWith(QLatin1String("weight"))) return false;
    const QString lower = name.toLower();
    return !lower.contains(QLatin1String("bn")) && !lower.contains(QLatin1String("norm"));
}

}  // namespace

GradientHeatmapView::GradientHeatmapView(QWidget* parent) : QWidget(parent) {
    m_heatmap = new widgets::HeatmapView;
    m_heatmap->setObjectName(QStringLiteral("gradientHeatmap"));
    m_heatmap->setKeepAspect(false);
    m_heatmap->setColormap(common::Colormap::Viridis);
    m_heatmap->setColorBarLabel(QStringLiteral("log₁₀ ‖∇W‖"));
    m_heatmap->setAxisTitles(tr("step"), tr("layer (depth)"));
    m_heatmap->setHoverText([this](int row, int col) { return hoverText(row, col); });
    m_heatmap->setToolTip(
        tr("Rows: the weights of the convolution and linear layers, input at the top, head at the bottom "
           "(biases and batch-norm parameters left out). Columns: logged steps; past %1 columns, neighbours "
           "are merged in pairs (geometric mean of the norms).")
            .arg(maxColumns()));
    m_placeholder = new QLabel(tr("Start a run to see the gradient norms of every layer, step by step."));
    m_placeholder->setObjectName(QStringLiteral("gradientHeatmapPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedLayout;
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_heatmap);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_stack);
    m_rebuild.setSingleShot(true);
    m_rebuild.setInterval(250);
    connect(&m_rebuild, &QTimer::timeout, this, &GradientHeatmapView::rebuild);
}

void GradientHeatmapView::setTitle(const QString& title) {
    m_title = title;
    m_heatmap->setTitle(title);
}

void GradientHeatmapView::clear() {
    m_rebuild.stop();
    m_rows.clear();
    m_columns.clear();
    m_framesPerColumn = 1;
    rebuild();
}

void GradientHeatmapView::addFrame(const InstrumentFrame& frame) {
    append(frame);
    scheduleRebuild();
}

void GradientHeatmapView::setFrames(const QVector<InstrumentFrame>& frames) {
    m_rebuild.stop();
    m_rows.clear();
    m_columns.clear();
    m_framesPerColumn = 1;
    for (const InstrumentFrame& f : frames) append(f);
    rebuild();
}

void GradientHeatmapView::setValueRange(double log10Low, double log10High) {
    m_autoRange = false;
    m_heatmap->setValueRange(log10Low, log10High);
}

void GradientHeatmapView::setAutoRange() {
    m_autoRange = true;
    rebuild();
}

void GradientHeatmapView::layerRows(const InstrumentFrame& frame, QStringList* names,
                                    QVector<double>* norms) {
    const bool ranked = frame.parameterRanks.size() == frame.parameters.size();
    for (int i = 0; i < frame.parameters.size() && i < frame.gradNorms.size(); ++i) {
        const bool layer =
            ranked ? frame.parameterRanks[i] >= 2 : looksLikeLayerWeightName(frame.parameters[i]);
        if (!layer) continue;
        names->push_back(frame.parameters[i]);
        norms->push_back(frame.gradNorms[i]);
    }
}

void GradientHeatmapView::append(const InstrumentFrame& frame) {
    QStringList names;
    QVector<double> norms;
    layerRows(frame, &names, &norms);
    if (names.isEmpty()) return;
    // Rows in the order first seen (one run has one set; a new model without clear() adds rows below).
    for (const QString& n : names)
        if (!m_rows.contains(n)) m_rows.push_back(n);
    if (m_columns.isEmpty() || m_columns.back().frames >= m_framesPerColumn) {
        Column c;
        c.firstStep = frame.step;
        m_columns.push_back(c);
    }
    Column& c = m_columns.back();
    c.log10Sum.resize(m_rows.size(), 0.0);
    c.count.resize(m_rows.size(), 0);
    c.lastStep = frame.step;
    ++c.frames;
    for (int i = 0; i < names.size(); ++i) {
        const double v = gradientLog10Norm(norms[i]);
        if (std::isnan(v)) continue;
        const int row = int(m_rows.indexOf(names[i]));
        c.log10Sum[row] += v;
        ++c.count[row];
    }
    if (m_columns.size() > maxColumns()) mergePairs();
}

void GradientHeatmapView::mergePairs() {
    QVector<Column> merged;
    merged.reserve(m_columns.size() / 2 + 1);
    for (int i = 0; i < m_columns.size(); i += 2) {
        Column c = m_columns[i];
        if (i + 1 < m_columns.size()) {
            const Column& d = m_columns[i + 1];
            c.lastStep = d.lastStep;
            c.frames += d.frames;
            c.log10Sum.resize(m_rows.size(), 0.0);
            c.count.resize(m_rows.size(), 0);
            for (int r = 0; r < d.log10Sum.size(); ++r) {
                c.log10Sum[r] += d.log10Sum[r];
                c.count[r] += d.count[r];
            }
        }
        merged.push_back(c);
    }
    m_columns = std::move(merged);
    m_framesPerColumn *= 2;
}

void GradientHeatmapView::scheduleRebuild() {
    if (!m_rebuild.isActive()) m_rebuild.start();
}

void GradientHeatmapView::rebuild() {
    const int rows = int(m_rows.size()), cols = int(m_columns.size());
    if (rows == 0 || cols == 0) {
        m_heatmap->clear();
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    QVector<float> values(qsizetype(rows) * cols, std::numeric_limits<float>::quiet_NaN());
    for (int c = 0; c < cols; ++c) {
        const Column& col = m_columns[c];
        for (int r = 0; r < rows && r < col.count.size(); ++r)
            if (col.count[r] > 0) values[qsizetype(r) * cols + c] = float(col.log10Sum[r] / col.count[r]);
    }
    // Columns are drawn evenly spaced: logged steps are (a merged column's x is its middle step).
    auto middle = [](const Column& c) { return 0.5 * double(c.firstStep + c.lastStep); };
    if (m_autoRange) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (float v : values) {
            if (!std::isfinite(v)) continue;
            low = std::min(low, double(v));
            high = std::max(high, double(v));
        }
        const auto [first, last] = tidyRange(low, high);
        if (std::isfinite(first) && std::isfinite(last)) m_heatmap->setValueRange(first, last);
    }
    m_heatmap->setData(rows, cols, std::move(values));
    m_heatmap->setAxes(middle(m_columns.front()), middle(m_columns.back()), 1.0, double(rows), tr("step"),
                       tr("layer (depth)"));
    m_heatmap->setMinTickSteps(1.0, 1.0);  // whole steps and layers
    m_stack->setCurrentWidget(m_heatmap);
}

QString GradientHeatmapView::hoverText(int row, int col) const {
    if (row < 0 || col < 0 || row >= m_rows.size() || col >= m_columns.size()) return {};
    const Column& c = m_columns[col];
    QString text = tr("layer %1 of %2: %3").arg(row + 1).arg(m_rows.size()).arg(m_rows[row]);
    text += QLatin1Char('\n');
    text += c.frames > 1 ? tr("steps %1–%2 (geometric mean of %3 logged steps)")
                               .arg(widgets::groupedNumber(c.firstStep), widgets::groupedNumber(c.lastStep))
                               .arg(c.frames)
                         : tr("step %1").arg(widgets::groupedNumber(c.lastStep));
    if (row < c.count.size() && c.count[row] > 0) {
        const double log10 = c.log10Sum[row] / c.count[row];
        const QString norm =
            log10 <= kLog10Floor ? tr("≤ 1e−12") : widgets::compactNumber(std::pow(10.0, log10), 4);
        text += QLatin1Char('\n') + tr("gradient norm ‖∇W‖ = %1").arg(norm);
    } else {
        text += QLatin1Char('\n') + tr("no gradient at this step");
    }
    return text;
}

}  // namespace convscope::gui
