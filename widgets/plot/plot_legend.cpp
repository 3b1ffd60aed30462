#include "widgets/plot/plot_legend.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <limits>

namespace convscope::widgets {

namespace {
constexpr int kPad = 6;
constexpr int kSample = 22;
constexpr int kSampleGap = 6;
constexpr int kInset = 6;
constexpr int kSegmentSamples = 8;
constexpr int kAvoidWeight = 1000;  // covering a marker label counts as much as a lot of data
const QColor kText(35, 35, 35);
const QColor kFrame(195, 195, 195);

// How much of `lines` and `avoid` a box would hide: points count fully, segments by samples along them.
int coverage(const QRectF& box, const QVector<QPolygonF>& lines, const QVector<QRectF>& avoid) {
    int count = 0;
    for (const QRectF& r : avoid) count += r.intersects(box) ? kAvoidWeight : 0;
    for (const QPolygonF& line : lines) {
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (box.contains(line[i])) count += kSegmentSamples;
            if (i == 0) continue;
            for (int k = 1; k < kSegmentSamples; ++k) {
                const double t = double(k) / kSegmentSamples;
                count += box.contains(line[i - 1] + t * (line[i] - line[i - 1])) ? 1 : 0;
            }
        }
    }
    return count;
}
}  // namespace

QSizeF PlotLegend::sizeFor(const QVector<Entry>& entries, const QFontMetrics& fm, double maxWidth) {
    int nameW = 0;
    for (const Entry& e : entries) nameW = std::max(nameW, fm.horizontalAdvance(e.name));
    // Two pixels of slack: advances are whole pixels here, fractional where the text is elided.
    const double w = 2 * kPad + kSample + kSampleGap + nameW + 2;
    return {std::max(0.0, std::min(w, maxWidth - 2 * kInset)), 2.0 * kPad + entries.size() * fm.height()};
}

QRectF PlotLegend::boxAt(const QRectF& plot, const QSizeF& size, Qt::Corner corner) {
    const bool right = corner == Qt::TopRightCorner || corner == Qt::BottomRightCorner;
    const bool top = corner == Qt::TopLeftCorner || corner == Qt::TopRightCorner;
    const double x = right ? plot.right() - kInset - size.width() : plot.left() + kInset;
    const double y = top ? plot.top() + kInset : plot.bottom() - kInset - size.height();
    return {QPointF(x, y), size};
}

Qt::Corner PlotLegend::place(const QRectF& plot, const QSizeF& size, Qt::Corner preferred,
                             const QVector<QPolygonF>& lines, const QVector<QRectF>& avoid) {
    int best = std::numeric_limits<int>::max();
    Qt::Corner chosen = preferred;
    for (Qt::Corner corner :
         {preferred, Qt::TopRightCorner, Qt::TopLeftCorner, Qt::BottomRightCorner, Qt::BottomLeftCorner}) {
        const int count = coverage(boxAt(plot, size, corner), lines, avoid);
        if (count < best) {
            best = count;
            chosen = corner;
        }
        if (best == 0) break;
    }
    return chosen;
}

void PlotLegend::paint(QPainter& painter, const QRectF& box, const QVector<Entry>& entries,
                       const QFontMetrics& fm) {
    if (entries.isEmpty() || box.isEmpty()) return;
    painter.save();
    painter.setPen(QPen(kFrame, 0));
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRect(box);
    const double nameLeft = box.left() + kPad + kSample + kSampleGap;
    const int nameW = std::max(0, int(box.right() - kPad - nameLeft) + 2);
    double y = box.top() + kPad;
    for (const Entry& e : entries) {
        const double cy = y + fm.height() / 2.0;
        const double x = box.left() + kPad;
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(e.color, 1.8, e.dashed ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(QPointF(x, cy), QPointF(x + kSample, cy));
        if (e.markers) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(e.color);
            painter.drawEllipse(QPointF(x + kSample / 2.0, cy), 2.8, 2.8);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(kText);
        painter.drawText(QRectF(nameLeft, y, nameW, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(e.name, Qt::ElideRight, nameW));
        y += fm.height();
    }
    painter.restore();
}

}  // namespace convscope::widgets
