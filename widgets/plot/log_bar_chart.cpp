#include "widgets/plot/log_bar_chart.h"

#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 12;
constexpr int kTickLength = 5;
constexpr int kMinorTick = 3;
constexpr double kGroupFill = 0.78;  // share of a category's slot its bars take
constexpr int kMaxDecades = 400;
const QColor kBackground(255, 255, 255);
const QColor kText(35, 35, 35);
const QColor kMuted(100, 100, 100);
const QColor kAxis(90, 90, 90);
const QColor kGrid(222, 222, 222);
const QColor kFallbackColors[] = {{78, 121, 167}, {242, 142, 43}, {89, 161, 79}, {225, 87, 89}};

// The exponent e with 10^e <= v < 10^(e+1), exact for powers of ten whatever log10 rounds to.
int floorDecade(double v) {
    int e = int(std::floor(std::log10(v)));
    if (std::pow(10.0, e + 1) <= v) ++e;
    if (std::pow(10.0, e) > v) --e;
    return e;
}

QString superscript(int exponent) {
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString text;
    for (const QChar ch : QString::number(exponent)) {
        text += ch == QLatin1Char('-') ? QChar(0x207B) : digits[ch.digitValue()];
    }
    return QStringLiteral("10") + text;
}

bool drawable(double v) {
    return std::isfinite(v) && v > 0.0;
}

QColor seriesColor(const BarSeries& s, int index) {
    return s.color.isValid() ? s.color : kFallbackColors[index % int(std::size(kFallbackColors))];
}
}  // namespace

LogBarChart::LogBarChart(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Bar chart"));
}

void LogBarChart::setData(const QString& title, const QString& categoryAxisTitle,
                          const QString& valueAxisTitle, const QStringList& categories,
                          const QVector<BarSeries>& series) {
    m_title = title;
    m_categoryTitle = categoryAxisTitle;
    m_valueTitle = valueAxisTitle;
    m_categories = categories;
    m_series = series;
    setAccessibleDescription(title);
    update();
}

QString LogBarChart::valueLabel(double value) {
    if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::round(value)) {
        return withTypographicMinus(QLocale(QLocale::English).toString(qlonglong(value)));
    }
    return compactNumber(value, 6);
}

bool LogBarChart::decadeRange(const QVector<BarSeries>& series, int* lowest, int* highest) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = 0.0;
    for (const BarSeries& s : series) {
        for (double v : s.values) {
            if (!drawable(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!(hi > 0.0)) return false;
    // A bar never has zero height (the axis starts a decade below a power of ten) and never touches the top.
    const int below = floorDecade(lo);
    const int low = std::pow(10.0, below) == lo ? below - 1 : below;
    const int high = std::min(floorDecade(hi) + 1, low + kMaxDecades);
    if (lowest) *lowest = low;
    if (highest) *highest = high;
    return true;
}

QImage LogBarChart::render(const QSize& size) const {
    if (size.isEmpty()) return {};
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(kBackground);
    QPainter painter(&image);
    paintChart(painter, image.rect());
    return image;
}

QSize LogBarChart::sizeHint() const {
    return {720, 460};
}

QSize LogBarChart::minimumSizeHint() const {
    return {320, 220};
}

void LogBarChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paintChart(painter, rect());
}

void LogBarChart::paintChart(QPainter& painter, const QRect& rect) const {
    painter.save();
    painter.fillRect(rect, kBackground);
    const QFont base = font();
    QFont titleFont = base;
    titleFont.setBold(true);
    if (base.pointSizeF() > 0) titleFont.setPointSizeF(base.pointSizeF() * 1.2);
    QFont small = base;
    if (base.pointSizeF() > 0) small.setPointSizeF(base.pointSizeF() * 0.9);
    const QFontMetrics fm(base, painter.device());
    const QFontMetrics tfm(titleFont, painter.device());
    const QFontMetrics sfm(small, painter.device());
    const QRect area = rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);

    int lowest = 0;
    int highest = 0;
    if (m_categories.isEmpty() || !decadeRange(m_series, &lowest, &highest)) {
        painter.setPen(kMuted);
        painter.setFont(base);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         m_categories.isEmpty()
                             ? tr("No data")
                             : tr("No positive values: a logarithmic axis cannot show them"));
        painter.restore();
        return;
    }

    // Title, then the legend centred under it.
    int y = area.top();
    painter.setPen(kText);
    if (!m_title.isEmpty()) {
        painter.setFont(titleFont);
        painter.drawText(QRect(area.left(), y, area.width(), tfm.height()), Qt::AlignCenter,
                         tfm.elidedText(m_title, Qt::ElideRight, area.width()));
        y += tfm.height() + 6;
    }
    painter.setFont(base);
    const int swatch = fm.height() - 4;
    int legendW = 0;
    for (const BarSeries& s : m_series) {
        if (!s.name.isEmpty()) legendW += swatch + 6 + fm.horizontalAdvance(s.name) + 18;
    }
    if (legendW > 0) {  // series without a name need no legend entry
        int lx = area.left() + std::max(0, (area.width() - legendW + 18) / 2);
        for (int i = 0; i < m_series.size(); ++i) {
            if (m_series[i].name.isEmpty()) continue;
            painter.fillRect(QRect(lx, y + 2, swatch, swatch), seriesColor(m_series[i], i));
            lx += swatch + 6;
            const int w = fm.horizontalAdvance(m_series[i].name);
            painter.setPen(kText);
            painter.drawText(QRect(lx, y, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                             m_series[i].name);
            lx += w + 18;
        }
        y += fm.height() + 6;
    }

    // The plot: tick labels and the rotated value-axis title on the left, categories and their title below,
    // and a line of headroom above for the labels of the tallest bars.
    int tickW = 0;
    for (int d = lowest; d <= highest; ++d) tickW = std::max(tickW, fm.horizontalAdvance(superscript(d)));
    const int left = area.left() + (m_valueTitle.isEmpty() ? 0 : fm.height() + 8) + tickW + kTickLength + 6;
    const int bottom =
        area.bottom() + 1 - (m_categoryTitle.isEmpty() ? 0 : fm.height() + 4) - fm.height() - 8;
    const int labelTop = y;
    const QRect plot(left, y + sfm.height() + 6, std::max(1, area.right() + 1 - left), 0);
    const int top = plot.top();
    const int baseY = std::max(top + 1, bottom);
    const double decades = highest - lowest;
    // One mapping for grid lines and bar tops: a value of exactly 10^d ends on the 10^d line, pixel for
    // pixel.
    auto yFor = [&](double log) {
        return int(std::lround(baseY - (log - lowest) / decades * (baseY - top)));
    };

    const double spacing = (baseY - top) / decades;
    const int labelStep = std::max(1, int(std::ceil((fm.height() + 2) / spacing)));
    painter.setFont(base);
    for (int d = lowest; d <= highest; ++d) {
        const int gy = yFor(d);
        const bool labelled = (d - lowest) % labelStep == 0;
        if (d > lowest && (labelled || spacing >= 3)) {
            painter.setPen(QPen(kGrid, 0));
            painter.drawLine(left + 1, gy, plot.right(), gy);
        }
        painter.setPen(QPen(kAxis, 0));
        if (!labelled) continue;
        painter.drawLine(left - kTickLength, gy, left, gy);
        painter.setPen(kText);
        painter.drawText(
            QRect(area.left(), gy - fm.height() / 2, left - kTickLength - 4 - area.left(), fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, superscript(d));
    }
    if (spacing >=
        30) {  // minor ticks at 2..9 × 10^d, on the axis only, so the grid stays one line per decade
        painter.setPen(QPen(kAxis, 0));
        for (int d = lowest; d < highest; ++d) {
            for (int m = 2; m <= 9; ++m) {
                const int my = yFor(d + std::log10(double(m)));
                painter.drawLine(left - kMinorTick, my, left, my);
            }
        }
    }
    if (!m_valueTitle.isEmpty()) {
        painter.save();
        painter.translate(area.left(), (top + baseY) / 2.0);
        painter.rotate(-90);
        const int h = baseY - top;
        painter.setPen(kText);
        painter.drawText(QRect(-h / 2, 0, h, fm.height()), Qt::AlignCenter,
                         fm.elidedText(m_valueTitle, Qt::ElideRight, h));
        painter.restore();
    }

    // Bars, each from the axis floor up to log10(value); labels above, turned upright or put inside when
    // crowded.
    const int nc = m_categories.size();
    const int ns = std::max(1, int(m_series.size()));
    const double slot = double(plot.width()) / nc;
    const double groupW = slot * kGroupFill;
    const double barW = groupW / ns;
    QVector<QRectF> placed;
    auto collides = [&](const QRectF& r) {
        return std::any_of(placed.cbegin(), placed.cend(), [&](const QRectF& p) { return p.intersects(r); });
    };
    painter.setFont(small);
    for (int k = 0; k < nc; ++k) {
        const double groupX = left + k * slot + (slot - groupW) / 2.0;
        for (int s = 0; s < m_series.size(); ++s) {
            const double v =
                s < m_series.size() && k < m_series[s].values.size() ? m_series[s].values[k] : 0.0;
            const int x0 = int(std::lround(groupX + s * barW));
            const int x1 = int(std::lround(groupX + (s + 1) * barW));
            const int gap = x1 - x0 > 8 ? 1 : 0;
            const QRect bar(x0 + gap, 0, std::max(1, x1 - x0 - 2 * gap), 0);
            const double cx = (x0 + x1) / 2.0;
            if (!drawable(v)) {
                painter.setPen(kMuted);
                painter.drawText(QRectF(cx - 30, baseY - sfm.height() - 2, 60, sfm.height()), Qt::AlignCenter,
                                 tr("n/a"));
                continue;
            }
            const int barTop = yFor(std::log10(v));
            const QColor color = seriesColor(m_series[s], s);
            painter.fillRect(QRect(bar.x(), barTop, bar.width(), baseY - barTop), color);

            const QString text = valueLabel(v);
            const double tw = sfm.horizontalAdvance(text) + 2;
            const double th = sfm.height();
            // Centred over the bar, but kept inside the chart: the last bar's long label must not be cut off.
            QRectF flat(cx - tw / 2.0, barTop - 2 - th, tw, th);
            flat.moveLeft(
                std::clamp(flat.left(), double(left), std::max(double(left), area.right() + 1 - tw)));
            const QRectF upright(cx - th / 2.0, barTop - 3 - tw, th, tw);
            auto drawUpright = [&](double bottomY, const QColor& pen) {
                painter.save();
                painter.translate(cx, bottomY);
                painter.rotate(-90);
                painter.setPen(pen);
                painter.drawText(QRectF(0, -th / 2.0, tw, th), Qt::AlignLeft | Qt::AlignVCenter, text);
                painter.restore();
            };
            if (!collides(flat) && flat.top() >= labelTop) {
                painter.setPen(kText);
                painter.drawText(flat, Qt::AlignCenter, text);
                placed << flat;
            } else if (!collides(upright) && upright.top() >= labelTop) {
                drawUpright(barTop - 3, kText);
                placed << upright;
            } else if (baseY - barTop >= tw + 6 && bar.width() >= th) {
                drawUpright(barTop + 3 + tw, readableTextOn(color));
            } else {
                painter.setPen(kText);
                painter.drawText(flat, Qt::AlignCenter, text);
                placed << flat;
            }
        }
        painter.setFont(base);
        painter.setPen(kText);
        const QRectF label(left + k * slot, baseY + kTickLength + 2, slot, fm.height());
        painter.drawText(label, Qt::AlignHCenter | Qt::AlignTop,
                         fm.elidedText(m_categories[k], Qt::ElideRight, int(slot)));
        painter.setFont(small);
    }
    painter.setFont(base);
    painter.setPen(QPen(kAxis, 0));
    painter.drawLine(left, top, left, baseY);
    painter.drawLine(left, baseY, plot.right(), baseY);
    if (!m_categoryTitle.isEmpty()) {
        painter.setPen(kText);
        painter.drawText(QRect(left, area.bottom() + 1 - fm.height(), plot.width(), fm.height()),
                         Qt::AlignCenter, fm.elidedText(m_categoryTitle, Qt::ElideRight, plot.width()));
    }
    painter.restore();
}

}  // namespace convscope::widgets
