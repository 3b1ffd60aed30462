#include "widgets/diagram/diagram_value_legend.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/diagram/diagram_items.h"

namespace convscope::widgets {

namespace {
struct ArchitectureDiagram {
    Q_DECLARE_TR_FUNCTIONS(ArchitectureDiagram)
};

constexpr double kPad = 8;
constexpr double kBarWidth = 240;
constexpr double kBarHeight = 12;

// The decades between the scale's ends (both ends always), thinned to at most five labels.
QVector<double> decades(double low, double high) {
    QVector<double> values;
    const int first = int(std::ceil(std::log10(low) - 1e-9));
    const int last = int(std::floor(std::log10(high) + 1e-9));
    const int count = last - first + 1;
    const int step = std::max(1, int(std::ceil(count / 5.0)));
    for (int e = first; e <= last; e += step) values << std::pow(10.0, e);
    return values;
}
}  // namespace

QSizeF diagramLegendSize(const DiagramFonts& fonts) {
    const QFontMetricsF header(fonts.header);
    const QFontMetricsF small(fonts.small);
    return {kBarWidth + 2 * kPad, kPad + header.height() + small.height() + 4 + kBarHeight + 3 +
                                      small.height() + 6 + small.height() + kPad};
}

void paintDiagramLegend(QPainter* painter, const QRectF& rect, const DiagramValueOverlay& overlay,
                        const DiagramFonts& fonts) {
    if (!overlay.isActive()) return;
    const DiagramNodeValues& v = overlay.values();
    const QFontMetricsF header(fonts.header);
    const QFontMetricsF small(fonts.small);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(QColor(185, 194, 206), 1));
    painter->setBrush(QColor(255, 255, 255, 240));
    painter->drawRoundedRect(rect, 6, 6);

    double y = rect.top() + kPad;
    const double left = rect.left() + kPad;
    QString title = v.name;
    if (!title.isEmpty()) title[0] = title[0].toUpper();
    painter->setPen(diagramPalette::kText);
    painter->setFont(fonts.header);
    painter->drawText(QPointF(left, y + header.ascent()),
                      header.elidedText(title, Qt::ElideRight, kBarWidth));
    y += header.height();
    painter->setFont(fonts.small);
    painter->setPen(diagramPalette::kMuted);
    painter->drawText(
        QPointF(left, y + small.ascent()),
        small.elidedText(v.context.isEmpty() ? ArchitectureDiagram::tr("log scale")
                                             : v.context + ArchitectureDiagram::tr(" · log scale"),
                         Qt::ElideRight, kBarWidth));
    y += small.height() + 4;

    const QRectF bar(left, y, kBarWidth, kBarHeight);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int k = 0; k <= 16; ++k) {
        const double t = k / 16.0;
        const double value = std::pow(10.0, std::log10(v.low) + t * (std::log10(v.high) - std::log10(v.low)));
        gradient.setColorAt(t, overlay.colorFor(value));
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(gradient);
    painter->drawRect(bar);
    painter->setPen(QPen(diagramPalette::kMuted, 0.8));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(bar);
    y += kBarHeight + 3;

    // Tick marks and plain-number labels at the decades; the outer labels stay inside the bar's width.
    // A label that would touch the one before it is left out (its tick stays).
    painter->setPen(diagramPalette::kText);
    double lastRight = -1e9;
    for (double d : decades(v.low, v.high)) {
        const double x = bar.left() + overlay.scalePosition(d) * bar.width();
        painter->drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 2.5));
        const QString label = diagramPlainNumber(d);
        const double w = small.horizontalAdvance(label);
        const double lx = std::clamp(x - w / 2, rect.left() + 4, rect.right() - 4 - w);
        if (lx < lastRight + 6) continue;
        painter->drawText(QPointF(lx, y + small.ascent()), label);
        lastRight = lx + w;
    }
    y += small.height() + 6;

    const QRectF swatch(left, y + (small.height() - 10) / 2, 16, 10);
    painter->setPen(QPen(DiagramValueOverlay::neutralBorder(), 1));
    painter->setBrush(DiagramValueOverlay::neutralFill());
    painter->drawRoundedRect(swatch, 2, 2);
    painter->setPen(diagramPalette::kMuted);
    painter->drawText(QPointF(swatch.right() + 6, y + small.ascent()),
                      ArchitectureDiagram::tr("no parameters"));
    painter->restore();
}

DiagramLegendItem::DiagramLegendItem(std::shared_ptr<const DiagramPaintData> data, const QRectF& rect)
    : m_data(std::move(data)), m_rect(rect) {
    setZValue(3);
}

void DiagramLegendItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    paintDiagramLegend(painter, m_rect, m_data->overlay, m_data->fonts);
}

}  // namespace convscope::widgets
