#include "app/gui/frequency/theorem_page.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/common/number_text.h"

#include "widgets/image/tile_grid_view.h"
#include "widgets/plot/plot_export.h"

namespace convscope::gui {

namespace {

// Values in captions: three significant digits are enough to read a magnitude.
QString threeDigits(double v) {
    return widgets::formatValue(v, 3);
}
}  // namespace

TheoremPage::TheoremPage(QWidget* parent) : QWidget(parent) {
    m_pad = new QCheckBox(tr("Pad the image first (linear convolution)"));
    m_pad->setObjectName(QStringLiteral("freqPad"));
    m_pad->setChecked(true);
    m_pad->setToolTip(
        tr("The DFT treats the image as periodic. Padding it by the border rule (and the "
           "kernel's size) first makes the product of the spectra the ordinary, linear "
           "filter; without padding the kernel wraps around the image's edges."));
    m_export = new QToolButton;
    m_export->setText(tr("Export…"));
    m_export->setObjectName(QStringLiteral("freqTheoremExport"));
    connect(m_export, &QToolButton::clicked, this, &TheoremPage::chooseExport);
    m_difference = new QLabel;
    m_difference->setObjectName(QStringLiteral("freqDifference"));
    m_difference->setWordWrap(true);
    m_difference->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_tiles = new widgets::TileGridView;
    m_tiles->setObjectName(QStringLiteral("freqTheoremTiles"));
    m_tiles->setTileWidth(230);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_tiles);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* top = new QHBoxLayout;
    top->addWidget(m_pad);
    top->addStretch(1);
    top->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_difference);
    layout->addWidget(m_note);
    layout->addWidget(scroll, 1);
    connect(m_pad, &QCheckBox::toggled, this, &TheoremPage::paddingChanged);
}

bool TheoremPage::padded() const {
    return m_pad->isChecked();
}

void TheoremPage::setBusy(const QString& message) {
    m_note->setText(message);
}

void TheoremPage::setError(const QString& message) {
    m_difference->setText(message);
    m_difference->setStyleSheet(QStringLiteral("color: #b00020;"));
}

void TheoremPage::setView(const TheoremView& v) {
    m_view = v;
    const QString sizeText = tr("%1 × %2").arg(v.transformCols).arg(v.transformRows);
    QVector<widgets::Tile> tiles = {
        {v.image, tr("Image (luminance)"), tr("%1 × %2").arg(v.cols).arg(v.rows)},
        {v.spectrum, tr("Its spectrum F"),
         tr("ln(1 + |F|), 0 … %1\n%2 transform").arg(threeDigits(v.spectrumMax), sizeText)},
        {v.response, tr("Kernel response H"),
         tr("ln(1 + |H|), 0 … %1\nat the same %2").arg(threeDigits(v.responseMax), sizeText)},
        {v.product, tr("Product F · H*"),
         tr("ln(1 + |F · H*|), 0 … %1\n(correlation: H conjugated)").arg(threeDigits(v.productMax))},
        {v.inverse, tr("Inverse transform of the product"), tr("shown with the spatial result's range")},
        {v.spatial, tr("Spatial result (direct summation)"), tr("what the Filters panel computes")},
        {v.difference, tr("|inverse − spatial|"),
         tr("log: black ≤ %1, yellow %2\nwidened by a %3×%3 max filter")
             .arg(threeDigits(v.agreement))
             .arg(threeDigits(v.maxDifference))
             .arg(2 * v.differenceSpread + 1)},
    };
    m_tiles->setTiles(tiles);
    const double relative = v.maxAbsResult > 0 ? v.maxDifference / v.maxAbsResult : v.maxDifference;
    m_difference->setStyleSheet(QString());
    if (v.circular) {
        m_difference->setText(
            tr("Without padding: max |inverse − spatial| = %1 (%2 of the result's range), along the image's "
               "borders, where the kernel wrapped around to the opposite edge. The interior agrees.")
                .arg(threeDigits(v.maxDifference),
                     QString::number(100.0 * relative, 'f', 1) + QLatin1Char('%')));
    } else {
        m_difference->setText(
            tr("Padded: max |inverse − spatial| = %1, %2 of the result's largest value — float "
               "rounding: the product of the spectra is the filter.")
                .arg(threeDigits(v.maxDifference), threeDigits(relative)));
    }
    m_note->setText(v.note);
}

QString TheoremPage::exportPicture(const QString& path) const {
    if (m_view.rows == 0) return tr("There is nothing to export yet.");
    const QSize size = m_tiles->size().expandedTo(QSize(900, 600));
    auto render = [this](QPainter& p, const QRect& target) {
        p.save();
        p.translate(target.topLeft());
        m_tiles->render(&p);
        p.restore();
    };
    QString error;
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
    const bool ok = svg ? widgets::savePlotSvg(path, size, tr("Convolution theorem"), render, &error)
                        : widgets::savePlotPng(path, size, render, &error);
    return ok ? QString() : error;
}

void TheoremPage::chooseExport() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("convolution_theorem.png"),
                                     tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty()) return;
    const QString error = exportPicture(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
}

}  // namespace convscope::gui
