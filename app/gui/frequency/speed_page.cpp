#include "app/gui/frequency/speed_page.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/plot/line_plot_view.h"
#include "widgets/plot/plot_export.h"

namespace convscope::gui {

namespace {
const QColor kDirect(0, 114, 178);
const QColor kFft(213, 94, 0);
}  // namespace

SpeedPage::SpeedPage(QWidget* parent) : QWidget(parent) {
    m_measure = new QPushButton(tr("Measure on this image"));
    m_measure->setObjectName(QStringLiteral("freqMeasure"));
    m_measure->setToolTip(
        tr("Filter the current image with square kernels from 3×3 to 63×63, by direct summation "
           "and through the FFT, on this machine"));
    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_export = new QToolButton;
    m_export->setText(tr("Export…"));
    m_export->setEnabled(false);
    connect(m_export, &QToolButton::clicked, this, &SpeedPage::chooseExport);
    m_summary = new QLabel(tr("Press Measure to time both methods on the current image."));
    m_summary->setObjectName(QStringLiteral("freqSpeedSummary"));
    m_summary->setWordWrap(true);
    m_plot = new widgets::LinePlotView;
    m_plot->setObjectName(QStringLiteral("freqSpeedPlot"));
    m_plot->setTitle(tr("Filtering time against kernel size"));
    m_plot->setAxisTitles(tr("kernel size k (k × k)"), tr("time (ms, log scale)"));
    m_plot->setLogY(true);
    m_plot->setXTickStep(1.0);
    m_plot->setLegendPosition(Qt::TopLeftCorner);

    auto* top = new QHBoxLayout;
    top->addWidget(m_measure);
    top->addWidget(m_progress, 1);
    top->addStretch(0);
    top->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_plot, 1);
    connect(m_measure, &QPushButton::clicked, this, [this] {
        if (m_running)
            Q_EMIT cancelRequested();
        else
            Q_EMIT measureRequested();
    });
}

void SpeedPage::setRunning(bool running) {
    m_running = running;
    m_measure->setText(running ? tr("Cancel") : tr("Measure on this image"));
    m_progress->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_summary->setText(tr("Measuring… the window stays usable; a large photograph takes a while."));
    }
}

void SpeedPage::setProgress(int done, int total) {
    m_progress->setMaximum(total);
    m_progress->setValue(done);
}

void SpeedPage::setMessage(const QString& message) {
    m_summary->setText(message);
}

void SpeedPage::setResult(const SpeedView& v) {
    m_view = v;
    QVector<widgets::PlotSeries> series = {
        {tr("direct summation (measured)"), v.sizes, v.directMs, kDirect, false, true},
        {tr("FFT, overlap-save (measured)"), v.sizes, v.fftMs, kFft, false, true},
        {tr("direct (cost model)"), v.sizes, v.predictedDirectMs, kDirect, true},
        {tr("FFT (cost model)"), v.sizes, v.predictedFftMs, kFft, true},
    };
    m_plot->setSeries(series);
    QVector<widgets::PlotMarker> markers;
    if (v.crossover > 0)
        markers.push_back({v.crossover, tr("crossover k = %1").arg(v.crossover), QColor(60, 60, 60)});
    m_plot->setMarkers(markers);

    // How the automatic choice does against the faster measurement, where both were measured.
    double worst = 0.0;
    int worstSize = 0, skipped = 0;
    for (int i = 0; i < v.sizes.size(); ++i) {
        if (std::isnan(v.directMs[i])) {
            ++skipped;
            continue;
        }
        const double best = std::min(v.directMs[i], v.fftMs[i]);
        const double chosen = v.autoChoosesFft[i] ? v.fftMs[i] : v.directMs[i];
        const double loss = chosen / best - 1.0;
        if (loss > worst) {
            worst = loss;
            worstSize = int(v.sizes[i]);
        }
    }
    QString text =
        tr("%1 × %2, %3 channel(s). ").arg(v.imageSize.width()).arg(v.imageSize.height()).arg(v.channels);
    text += v.crossover > 0 ? tr("The FFT is faster from %1×%1 on. ").arg(v.crossover)
                            : tr("Direct summation was faster at every size measured. ");
    text += worst <= 0.0
                ? tr("The automatic choice picked the faster method at every measured size.")
                : tr("The automatic choice was at most %1% slower than the faster method (at %2×%2).")
                      .arg(QString::number(100.0 * worst, 'f', 0))
                      .arg(worstSize);
    if (skipped)
        text += tr(" Direct summation was not run for the %1 largest sizes (predicted over 6 s each).")
                    .arg(skipped);
    if (!v.calibrated) text += tr(" The cost model is not calibrated yet: its dashed lines are defaults.");
    m_summary->setText(text);
    m_export->setEnabled(true);
}

QString SpeedPage::exportPlot(const QString& path) const {
    QString error;
    auto render = [this](QPainter& p, const QRect& r) { m_plot->render(p, r); };
    const QSize size(800, 500);
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
    const bool ok = svg ? widgets::savePlotSvg(path, size, tr("Filtering time"), render, &error)
                        : widgets::savePlotPng(path, size, render, &error);
    return ok ? QString() : error;
}

QString SpeedPage::exportCsv(const QString& path) const {
    QString error;
    QVector<double> autoFft;
    for (bool b : m_view.autoChoosesFft) autoFft.push_back(b ? 1.0 : 0.0);
    const bool ok = widgets::saveCsv(path,
                                     {tr("kernel_size"), tr("direct_ms"), tr("fft_ms"), tr("model_direct_ms"),
                                      tr("model_fft_ms"), tr("auto_chooses_fft")},
                                     {m_view.sizes, m_view.directMs, m_view.fftMs, m_view.predictedDirectMs,
                                      m_view.predictedFftMs, autoFft},
                                     &error);
    return ok ? QString() : error;
}

void SpeedPage::chooseExport() {
    QMenu menu(this);
    menu.addAction(tr("Plot as PNG or SVG…"));
    QAction* csv = menu.addAction(tr("Timings as CSV…"));
    QAction* chosen = menu.exec(m_export->mapToGlobal(QPoint(0, m_export->height())));
    if (!chosen) return;
    const bool isCsv = chosen == csv;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), isCsv ? QStringLiteral("fft_speed.csv") : QStringLiteral("fft_speed.png"),
        isCsv ? tr("CSV (*.csv)") : tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty()) return;
    const QString error = isCsv ? exportCsv(path) : exportPlot(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
}

}  // namespace convscope::gui
