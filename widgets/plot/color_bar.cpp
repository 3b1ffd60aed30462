#include "widgets/plot/color_bar.h"

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kTicks = 5;
constexpr int kBarWidth = 16;
constexpr int kTickLength = 4;
constexpr int kGap = 4;
constexpr int kMargin = 4;

// Fixed decimals for all ticks, as few as represent every tick exactly (0, 0.25, 0.5 ...), else enough for
// three significant digits of the step; very large or tiny values fall back to compact notation.
QStringList formatTicks(const double (&ticks)[kTicks], double step) {
    QStringList labels;
    const double largest = std::max(std::abs(ticks[0]), std::abs(ticks[kTicks - 1]));
    if (largest >= 1e6 || step < 1e-4) {
        for (double t : ticks) labels << compactNumber(t, 3);
        return labels;
    }
    int decimals = -1;
    for (int d = 0; d <= 3 && decimals < 0; ++d) {
        const double scale = std::pow(10.0, d);
        bool exact = true;
        for (double t : ticks)
            exact = exact && std::abs(std::round(t * scale) - t * scale) <= 1e-6 * scale * step;
        if (exact) decimals = d;
    }
    if (decimals < 0) decimals = std::clamp(2 - int(std::floor(std::log10(step))), 0, 6);
    for (double t : ticks) {
        // Avoid "-0.00" for values that round to zero.
        const double shown = std::abs(t) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : t;
        labels << withTypographicMinus(QString::number(shown, 'f', decimals));
    }
    return labels;
}
}  // namespace

ColorBar::ColorBar(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    setToolTip(
        tr("Colour scale: the bottom colour stands for the low value, the top colour for the high value"));
    setAccessibleName(tr("Colour scale"));
}

void ColorBar::setColors(const QVector<QColor>& colors) {
    m_colors = colors;
    update();
}

void ColorBar::setRange(double low, double high, const QString& label) {
    m_low = low;
    m_high = high;
    m_label = label;
    setAccessibleDescription(tr("%1 from %2 to %3").arg(label, compactNumber(low), compactNumber(high)));
    updateGeometry();
    update();
}

QStringList ColorBar::tickLabels() const {
    if (!std::isfinite(m_low) || !std::isfinite(m_high)) return {QStringLiteral("—")};
    if (!(m_high > m_low)) return {compactNumber(m_low)};
    double ticks[kTicks];
    const double step = (m_high - m_low) / (kTicks - 1);
    for (int i = 0; i < kTicks; ++i) ticks[i] = i == kTicks - 1 ? m_high : m_low + i * step;
    return formatTicks(ticks, step);
}

int ColorBar::barTop() const {
    return kMargin + fontMetrics().height() / 2;
}
int ColorBar::barBottom() const {
    return height() - kMargin - fontMetrics().height() / 2;
}

QRect ColorBar::barRect() const {
    const int labelColumn = m_label.isEmpty() ? 0 : fontMetrics().height() + kGap;
    return QRect(kMargin + labelColumn, barTop(), kBarWidth, std::max(1, barBottom() - barTop()));
}

QSize ColorBar::sizeHint() const {
    const QFontMetrics fm = fontMetrics();
    int widest = 0;
    for (const QString& label : tickLabels()) widest = std::max(widest, fm.horizontalAdvance(label));
    const int labelColumn = m_label.isEmpty() ? 0 : fm.height() + kGap;
    const int w = kMargin + labelColumn + kBarWidth + kTickLength + kGap + widest + kMargin;
    return {std::max(70, w), 240};
}

QSize ColorBar::minimumSizeHint() const {
    return {sizeHint().width(), fontMetrics().height() * kTicks + 2 * kMargin};
}

void ColorBar::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QRect bar = barRect();
    // One colour per device row, chosen so that the bottom row is exactly the first colour and the top row
    // exactly the last, whatever the bar's height.
    QVector<QColor> colors = m_colors;
    if (colors.isEmpty()) colors = {Qt::black, Qt::white};
    const double dpr = devicePixelRatioF();
    const int rows = std::max(1, int(std::lround(bar.height() * dpr)));
    QImage strip(1, rows, QImage::Format_RGB32);
    const int last = int(colors.size()) - 1;
    for (int y = 0; y < rows; ++y) {
        const double t = rows > 1 ? double(rows - 1 - y) / (rows - 1) : 0.5;
        strip.setPixel(0, y, colors[int(std::lround(t * last))].rgb());
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(bar, strip);
    painter.setPen(QPen(palette().color(QPalette::Mid), 0));
    painter.drawRect(bar.adjusted(-1, -1, 0, 0));

    const QFontMetrics fm = fontMetrics();
    const QColor text = palette().color(QPalette::WindowText);
    const QStringList labels = tickLabels();
    const int left = bar.right() + 1;
    for (int i = 0; i < labels.size(); ++i) {
        // One label sits in the middle; otherwise label i goes from the bottom (low) to the top (high).
        const double t = labels.size() == 1 ? 0.5 : double(i) / (labels.size() - 1);
        const int y = int(std::lround(bar.bottom() + 1 - t * bar.height()));
        const int tickY = std::clamp(y, bar.top(), bar.bottom());
        painter.setPen(QPen(text, 0));
        painter.drawLine(left, tickY, left + kTickLength, tickY);
        const QRect labelRect(left + kTickLength + kGap, y - fm.height() / 2,
                              width() - left - kTickLength - kGap, fm.height());
        painter.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
    }
    if (!m_label.isEmpty()) {
        painter.save();
        // Rotated so that the label reads upwards, centred along the bar.
        painter.translate(kMargin, bar.center().y());
        painter.rotate(-90);
        const int length = bar.height();
        const QRect area(-length / 2, 0, length, fm.height());
        painter.setPen(text);
        painter.drawText(area, Qt::AlignCenter, fm.elidedText(m_label, Qt::ElideRight, length));
        painter.restore();
    }
}

}  // namespace convscope::widgets
