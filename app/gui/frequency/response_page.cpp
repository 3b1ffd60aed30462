#include "app/gui/frequency/response_page.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include "widgets/common/number_text.h"

#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"
#include "widgets/plot/plot_export.h"

namespace convscope::gui {

namespace {

// Values in the read-outs and the classification: four significant digits.
QString fourDigits(double v) {
    return widgets::formatValue(v, 4);
}

constexpr double kPi = 3.14159265358979323846;
const QColor kColors[2][2] = {{QColor(0, 114, 178), QColor(86, 180, 233)},  // A: fx slice, fy slice
                              {QColor(213, 94, 0), QColor(230, 159, 0)}};   // B

}  // namespace

QString scaleLabel(spectral::MagnitudeScale scale) {
    switch (scale) {
        case spectral::MagnitudeScale::Linear:
            return ResponsePage::tr("|H|");
        case spectral::MagnitudeScale::Decibel:
            return ResponsePage::tr("20 log₁₀ |H| (dB)");
        case spectral::MagnitudeScale::Log1p:
        default:
            return ResponsePage::tr("ln(1 + |H|)");
    }
}

ResponsePage::ResponsePage(QWidget* parent) : QWidget(parent) {
    auto* grid = new QWidget;
    auto* gridLayout = new QGridLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    for (int slot = 0; slot < 2; ++slot) {
        auto* column = new QWidget;
        auto* layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        m_summary[slot] = new QLabel;
        m_summary[slot]->setObjectName(slot == 0 ? QStringLiteral("freqSummaryA")
                                                 : QStringLiteral("freqSummaryB"));
        m_summary[slot]->setWordWrap(true);
        m_summary[slot]->setTextFormat(Qt::RichText);
        m_summary[slot]->setMinimumHeight(m_summary[slot]->fontMetrics().height() * 3);
        m_summary[slot]->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        m_magnitude[slot] = new widgets::HeatmapView;
        m_magnitude[slot]->setColormap(common::Colormap::Gray);
        m_phase[slot] = new widgets::HeatmapView;
        m_phase[slot]->setColormap(common::Colormap::Twilight);
        m_phase[slot]->setValueRange(-kPi, kPi);
        m_phase[slot]->setColorBarLabel(tr("phase (rad)"));
        auto* maps = new QHBoxLayout;
        maps->addWidget(m_magnitude[slot], 1);
        maps->addWidget(m_phase[slot], 1);
        layout->addWidget(m_summary[slot]);
        layout->addLayout(maps, 1);
        gridLayout->addWidget(column, slot, 0);
        m_columns[slot] = column;
        for (widgets::HeatmapView* view : {m_magnitude[slot], m_phase[slot]}) {
            connect(view, &widgets::HeatmapView::hovered, this,
                    [this, slot](int row, int col, double, double, double) { showHover(slot, row, col); });
            connect(view, &widgets::HeatmapView::left, this,
                    [this] { m_readout->setText(tr("Hover a plot to read it.")); });
            view->setHoverText([this, slot](int row, int col) {
                const ResponseView& v = m_views[std::size_t(slot)];
                if (v.size == 0) return QString();
                const std::size_t i = std::size_t(row) * v.size + col;
                return tr("|H| %1 · phase %2 rad")
                    .arg(fourDigits(v.magnitude[qsizetype(i)]), fourDigits(v.phase[qsizetype(i)]));
            });
        }
    }
    m_columns[1]->setVisible(false);

    m_slices = new widgets::LinePlotView;
    m_slices->setObjectName(QStringLiteral("freqSlices"));
    m_slices->setTitle(tr("Centre slices: along f_x at f_y = 0, along f_y at f_x = 0"));
    m_radial = new widgets::LinePlotView;
    m_radial->setObjectName(QStringLiteral("freqRadial"));
    m_radial->setTitle(tr("Radial profile: mean |H| over each ring"));
    m_radial->setAxisTitles(tr("radius (cycles/pixel)"), tr("mean |H|"));
    auto* plots = new QWidget;
    auto* plotsLayout = new QHBoxLayout(plots);
    plotsLayout->setContentsMargins(0, 0, 0, 0);
    plotsLayout->addWidget(m_slices, 1);
    plotsLayout->addWidget(m_radial, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(grid);
    splitter->addWidget(plots);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_readout = new QLabel(tr("Hover a plot to read it."));
    m_readout->setObjectName(QStringLiteral("freqReadout"));
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QToolButton;
    m_export->setObjectName(QStringLiteral("freqExport"));
    m_export->setText(tr("Export…"));
    m_export->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_export, &QToolButton::clicked, this, &ResponsePage::chooseExport);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_readout, 1);
    bottom->addWidget(m_export);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
}

void ResponsePage::setResponse(const ResponseView& v) {
    const int slot = v.slot;
    m_views[std::size_t(slot)] = v;
    // Cell centres from −⌊N/2⌋/N to (N − 1 − ⌊N/2⌋)/N: the last is 0.5 − 1/N for even N.
    const double first = v.frequencies.front(), last = v.frequencies.back();
    for (widgets::HeatmapView* view : {m_magnitude[slot], m_phase[slot]}) {
        view->setEnabled(true);
        view->setAxes(first, last, first, last, tr("f_x (cycles/pixel)"), tr("f_y (cycles/pixel)"));
    }
    m_magnitude[slot]->setData(v.size, v.size, v.scaled);
    m_magnitude[slot]->setTitle(tr("%1 — magnitude").arg(v.title));
    m_magnitude[slot]->setColorBarLabel(scaleLabel(v.scale));
    m_phase[slot]->setData(v.size, v.size, v.phase);
    m_phase[slot]->setTitle(tr("%1 — phase").arg(v.title));
    m_summary[slot]->setText(tr("<b>%1</b>: %2 · DC gain %3 · peak %4<br>%5")
                                 .arg(v.title.toHtmlEscaped(), v.kind, fourDigits(v.dcGain),
                                      fourDigits(v.peakGain), v.summary.toHtmlEscaped()));
    m_summary[slot]->setStyleSheet(QString());
    m_columns[slot]->setVisible(true);
    updatePlots();
}

void ResponsePage::clearComparison() {
    m_views[1] = ResponseView{};
    m_views[1].slot = 1;
    m_columns[1]->setVisible(false);
    updatePlots();
}

void ResponsePage::setError(int slot, const QString& message) {
    m_summary[slot]->setText(message.toHtmlEscaped());
    m_summary[slot]->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_magnitude[slot]->setEnabled(false);
    m_phase[slot]->setEnabled(false);
    m_columns[slot]->setVisible(true);
}

void ResponsePage::showHover(int slot, int row, int col) {
    const ResponseView& v = m_views[std::size_t(slot)];
    if (v.size == 0) return;
    const std::size_t i = std::size_t(row) * v.size + col;
    const double fx = v.frequencies[col], fy = v.frequencies[row];
    const double phase = v.phase[qsizetype(i)];
    m_readout->setText(tr("%1 at f = (%2, %3) cycles/pixel: |H| = %4, %5 = %6, phase = %7 rad (%8°)")
                           .arg(v.title, fourDigits(fx), fourDigits(fy),
                                fourDigits(v.magnitude[qsizetype(i)]), scaleLabel(v.scale),
                                fourDigits(v.scaled[qsizetype(i)]), fourDigits(phase),
                                fourDigits(phase * 180.0 / kPi)));
}

void ResponsePage::updatePlots() {
    QVector<widgets::PlotSeries> slices, radial;
    for (int slot = 0; slot < 2; ++slot) {
        const ResponseView& v = m_views[std::size_t(slot)];
        if (v.size == 0) continue;
        slices.push_back({tr("%1 · f_x").arg(v.title), v.frequencies, v.sliceX, kColors[slot][0]});
        slices.push_back({tr("%1 · f_y").arg(v.title), v.frequencies, v.sliceY, kColors[slot][1], true});
        radial.push_back({v.title, v.radialRadius, v.radialMean, kColors[slot][0]});
    }
    const spectral::MagnitudeScale scale =
        m_views[0].size ? m_views[0].scale : spectral::MagnitudeScale::Log1p;
    m_slices->setAxisTitles(tr("frequency (cycles/pixel)"), scaleLabel(scale));
    m_slices->setSeries(slices);
    m_radial->setSeries(radial);
}

QString ResponsePage::exportPlots(const QString& path) const {
    // One picture: the heatmaps of each shown kernel in a row, the two line plots below.
    const int cell = 420, plotHeight = 320;
    const int rows = hasResponse(1) ? 2 : 1;
    const QSize size(2 * cell, rows * cell + plotHeight);
    auto render = [this, rows, cell, plotHeight](QPainter& p, const QRect& target) {
        for (int slot = 0; slot < rows; ++slot) {
            m_magnitude[slot]->render(p, QRect(target.x(), target.y() + slot * cell, cell, cell));
            m_phase[slot]->render(p, QRect(target.x() + cell, target.y() + slot * cell, cell, cell));
        }
        const int y = target.y() + rows * cell;
        m_slices->render(p, QRect(target.x(), y, cell, plotHeight));
        m_radial->render(p, QRect(target.x() + cell, y, cell, plotHeight));
    };
    QString error;
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
    const bool ok = svg ? widgets::savePlotSvg(path, size, tr("Frequency response"), render, &error)
                        : widgets::savePlotPng(path, size, render, &error);
    return ok ? QString() : error;
}

QString ResponsePage::exportCsv(const QString& path, bool grid) const {
    QString error;
    QStringList header;
    QVector<QVector<double>> columns;
    if (grid) {
        const ResponseView& v = m_views[0];
        header << tr("f_y") << tr("f_x") << tr("magnitude") << tr("phase_rad");
        columns.resize(4);
        for (int r = 0; r < v.size; ++r)
            for (int c = 0; c < v.size; ++c) {
                const qsizetype i = qsizetype(r) * v.size + c;
                columns[0].push_back(v.frequencies[r]);
                columns[1].push_back(v.frequencies[c]);
                columns[2].push_back(v.magnitude[i]);
                columns[3].push_back(v.phase[i]);
            }
    } else {
        for (int slot = 0; slot < 2; ++slot) {
            const ResponseView& v = m_views[std::size_t(slot)];
            if (v.size == 0) continue;
            const QString name = v.title;
            header << tr("%1 frequency").arg(name) << tr("%1 slice f_x").arg(name)
                   << tr("%1 slice f_y").arg(name) << tr("%1 radius").arg(name)
                   << tr("%1 radial mean |H|").arg(name);
            columns << v.frequencies << v.sliceX << v.sliceY << v.radialRadius << v.radialMean;
        }
    }
    return widgets::saveCsv(path, header, columns, &error) ? QString() : error;
}

void ResponsePage::chooseExport() {
    QMenu menu(this);
    QAction* png = menu.addAction(tr("Plots as PNG…"));
    QAction* svg = menu.addAction(tr("Plots as SVG…"));
    menu.addAction(tr("Slices and radial profiles as CSV…"));
    QAction* gridCsv = menu.addAction(tr("Magnitude and phase of every frequency as CSV…"));
    for (QAction* a : menu.actions()) a->setEnabled(hasResponse(0));
    QAction* chosen = menu.exec(m_export->mapToGlobal(QPoint(0, m_export->height())));
    if (!chosen) return;
    const QString filter = chosen == png   ? tr("PNG image (*.png)")
                           : chosen == svg ? tr("SVG image (*.svg)")
                                           : tr("CSV (*.csv)");
    const QString suggested = chosen == png   ? QStringLiteral("frequency_response.png")
                              : chosen == svg ? QStringLiteral("frequency_response.svg")
                                              : QStringLiteral("frequency_response.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), suggested, filter);
    if (path.isEmpty()) return;
    const QString error =
        (chosen == png || chosen == svg) ? exportPlots(path) : exportCsv(path, chosen == gridCsv);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
}

}  // namespace convscope::gui
