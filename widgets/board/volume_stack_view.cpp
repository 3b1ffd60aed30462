#include "widgets/board/volume_stack_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

// Named, not anonymous: the library builds in unity batches, where helpers of the same name in other files
// would collide.
namespace volume_stack_detail {

constexpr int kMargin = 8;
constexpr double kArrowWidth = 44.0;
constexpr double kMinCell = 6.0;
constexpr double kMaxCell = 56.0;
const QColor kKernel(240, 140, 30);
const QColor kWritten(60, 160, 80);

// Plane offsets in cells: far enough apart that every plane shows a strip of its own (and its label fits in
// the strip below its left corner), close enough that the planes read as one volume.
double offsetX(const PlaneStack& s) {
    return std::clamp(0.3 * s.width, 2.0, double(std::max(s.width, 2)));
}
double offsetY(const PlaneStack& s) {
    return std::clamp(0.25 * s.height, 1.0, double(std::max(s.height, 1)));
}
double extentX(const PlaneStack& s) {
    return s.width + std::max(0, s.depth - 1) * offsetX(s);
}
double extentY(const PlaneStack& s) {
    return s.height + std::max(0, s.depth - 1) * offsetY(s);
}

double maxAbsOf(const PlaneStack& s) {
    double m = 0.0;
    for (double v : s.values)
        if (std::isfinite(v)) m = std::max(m, std::abs(v));
    return m > 0 ? m : 1.0;
}

}  // namespace volume_stack_detail

using namespace volume_stack_detail;

VolumeStackView::VolumeStackView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void VolumeStackView::setStacks(const PlaneStack& input, const PlaneStack& output) {
    m_input = input;
    m_output = output;
    m_maxAbs[Input] = maxAbsOf(m_input);
    m_maxAbs[Output] = maxAbsOf(m_output);
    update();
}

void VolumeStackView::setKernelBox(int z0, int z1, int y0, int y1, int x0, int x1) {
    const int box[6] = {z0, z1, y0, y1, x0, x1};
    std::copy(box, box + 6, m_box);
    update();
}

QSize VolumeStackView::sizeHint() const {
    return {900, 520};
}

QSize VolumeStackView::minimumSizeHint() const {
    return {360, 220};
}

VolumeStackView::Geometry VolumeStackView::geometry() const {
    Geometry g;
    const QFontMetrics metrics(font());
    const double titleH = metrics.height() + 6;
    const double labelH = metrics.height() + 4;
    const double inX = extentX(m_input), outX = extentX(m_output);
    const double inY = extentY(m_input), outY = extentY(m_output);
    if (inX + outX <= 0 || std::max(inY, outY) <= 0) return g;
    // Side by side or one above the other, whichever gives the larger cells (long videos of wide frames fit
    // better stacked vertically).
    const double sideW = width() - 2.0 * kMargin - kArrowWidth;
    const double sideH = height() - 2.0 * kMargin - titleH - labelH;
    const double side = std::min(sideW / (inX + outX), sideH / std::max(inY, outY));
    const double aboveW = width() - 2.0 * kMargin;
    const double aboveH = height() - 2.0 * kMargin - 2 * (titleH + labelH) - kArrowWidth;
    const double above = std::min(aboveW / std::max(inX, outX), aboveH / (inY + outY));
    if (std::max(side, above) <= 0) return g;
    g.vertical = above > side * 1.1;
    g.cell = std::clamp(std::max(side, above), kMinCell, kMaxCell);
    const PlaneStack* stacks[2] = {&m_input, &m_output};
    for (int s = 0; s < 2; ++s) {
        g.offX[s] = offsetX(*stacks[s]) * g.cell;
        g.offY[s] = offsetY(*stacks[s]) * g.cell;
    }
    if (!g.vertical) {
        const double used = (inX + outX) * g.cell + kArrowWidth;
        const double left = kMargin + std::max(0.0, (width() - 2.0 * kMargin - used) / 2);
        g.origin[0] = QPointF(left, kMargin + titleH + (sideH - inY * g.cell) / 2);
        g.origin[1] =
            QPointF(left + inX * g.cell + kArrowWidth, kMargin + titleH + (sideH - outY * g.cell) / 2);
        const double midY = kMargin + titleH + sideH / 2;
        g.arrow = QRectF(left + inX * g.cell + 8, midY - 8, kArrowWidth - 16, 16);
        return g;
    }
    const double top = kMargin + titleH + std::max(0.0, (aboveH - (inY + outY) * g.cell) / 2);
    g.origin[0] = QPointF(kMargin + (aboveW - inX * g.cell) / 2, top);
    const double arrowTop = top + inY * g.cell + labelH;
    g.origin[1] = QPointF(kMargin + (aboveW - outX * g.cell) / 2, arrowTop + kArrowWidth + titleH);
    g.arrow = QRectF(width() / 2.0 - 8, arrowTop + 4, 16, kArrowWidth - 8);
    return g;
}

QRectF VolumeStackView::planeRect(Stack which, int z) const {
    const PlaneStack& s = stack(which);
    if (z < 0 || z >= s.depth) return {};
    const Geometry g = geometry();
    return QRectF(g.origin[which].x() + z * g.offX[which], g.origin[which].y() + z * g.offY[which],
                  s.width * g.cell, s.height * g.cell);
}

QRectF VolumeStackView::cellRect(Stack which, int z, int y, int x) const {
    const PlaneStack& s = stack(which);
    if (y < 0 || y >= s.height || x < 0 || x >= s.width) return {};
    const QRectF plane = planeRect(which, z);
    if (plane.isNull()) return {};
    const double cell = plane.width() / s.width;
    return QRectF(plane.left() + x * cell, plane.top() + y * cell, cell, cell);
}

QString VolumeStackView::planeLabel(Stack which, int z) const {
    const PlaneStack& s = stack(which);
    if (z < 0 || z >= s.depth) return {};
    const int d = z - s.padDepth;
    if (d < 0 || d >= s.depth - 2 * s.padDepth) return tr("pad");
    return QStringLiteral("d=%1").arg(d);
}

void VolumeStackView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const Geometry g = geometry();
    if (g.cell <= 0) return;
    paintStack(painter, g, Input);
    paintStack(painter, g, Output);
    paintKernelBox(painter, g);
    // The arrow from input to output.
    painter.setPen(QPen(palette().text().color(), 2));
    const QRectF a = g.arrow;
    if (g.vertical) {
        painter.drawLine(QPointF(a.center().x(), a.top()), QPointF(a.center().x(), a.bottom()));
        painter.drawLine(QPointF(a.left() + 2, a.bottom() - 7), QPointF(a.center().x(), a.bottom()));
        painter.drawLine(QPointF(a.right() - 2, a.bottom() - 7), QPointF(a.center().x(), a.bottom()));
    } else {
        painter.drawLine(QPointF(a.left(), a.center().y()), QPointF(a.right(), a.center().y()));
        painter.drawLine(QPointF(a.right() - 7, a.top() + 2), QPointF(a.right(), a.center().y()));
        painter.drawLine(QPointF(a.right() - 7, a.bottom() - 2), QPointF(a.right(), a.center().y()));
    }
}

void VolumeStackView::paintStack(QPainter& painter, const Geometry& g, Stack which) const {
    const PlaneStack& s = stack(which);
    if (s.depth <= 0) return;
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().text().color());
    const QFontMetrics metrics(bold);
    painter.drawText(QPointF(g.origin[which].x(), g.origin[which].y() - 6 - metrics.descent()),
                     QStringLiteral("%1  %2×%3×%4").arg(s.title).arg(s.depth).arg(s.height).arg(s.width));
    painter.setFont(font());
    // Back to front; planes the step touches go last so that their cells are never hidden.
    QVector<bool> active(s.depth, false);
    for (int i : s.marked)
        if (i >= 0 && i < s.depth * s.height * s.width) active[i / (s.height * s.width)] = true;
    for (int z = 0; z < s.depth; ++z)
        if (!active[z]) paintPlane(painter, g, which, z, false);
    for (int z = 0; z < s.depth; ++z)
        if (active[z]) paintPlane(painter, g, which, z, true);
    // The outlines of the cells the step reads or writes once more on top, seen through any plane in front of
    // them (their numbers stay with their plane, so that overlapping planes never mix their texts).
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen((which == Input ? kKernel : kWritten).darker(150), 2));
    for (int i : s.marked) {
        const int plane = s.height * s.width;
        if (i >= 0 && i < s.depth * plane)
            painter.drawRect(cellRect(which, i / plane, (i % plane) / s.width, i % s.width));
    }
    // Labels below each plane's left corner: that strip is never covered by a later plane.
    painter.setPen(palette().text().color());
    for (int z = 0; z < s.depth; ++z) {
        const QRectF plane = planeRect(which, z);
        const QRectF label(plane.left(), plane.bottom() + 1, std::max(g.offX[which], 30.0),
                           font().pointSizeF() * 2);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignTop, planeLabel(which, z));
    }
}

void VolumeStackView::paintPlane(QPainter& painter, const Geometry& g, Stack which, int z,
                                 bool active) const {
    const PlaneStack& s = stack(which);
    QVector<bool> marked(s.height * s.width, false);
    for (int i : s.marked)
        if (i >= 0 && i / (s.height * s.width) == z) marked[i % (s.height * s.width)] = true;
    // Semi-transparent: the planes behind show through, which is what makes the cards read as a volume.
    const int alpha = active ? 245 : 225;
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x)
            paintCell(painter, g, which, z, y, x, alpha, marked[y * s.width + x]);
    const QRectF plane = planeRect(which, z);
    painter.setPen(QPen(active ? palette().text().color() : QColor(90, 90, 90), active ? 2 : 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plane);
}

void VolumeStackView::paintCell(QPainter& painter, const Geometry& g, Stack which, int z, int y, int x,
                                int alpha, bool marked) const {
    const PlaneStack& s = stack(which);
    const QRectF r =
        QRectF(planeRect(which, z).topLeft() + QPointF(x * g.cell, y * g.cell), QSizeF(g.cell, g.cell));
    const double v = s.values.value(s.index(z, y, x), std::nan(""));
    const bool pad = z < s.padDepth || z >= s.depth - s.padDepth || y < s.padHeight ||
                     y >= s.height - s.padHeight || x < s.padWidth || x >= s.width - s.padWidth;
    QColor fill(255, 255, 255);
    if (marked) {
        fill = which == Input ? kKernel : kWritten;
    } else if (pad) {
        fill = QColor(225, 225, 225);
    } else if (!std::isnan(v)) {
        // Pale tints, so that the kernel's orange and the written cell's green stand out.
        const QColor t = divergingTint(v, m_maxAbs[which]);
        fill = QColor((t.red() + 255) / 2, (t.green() + 255) / 2, (t.blue() + 255) / 2);
    }
    fill.setAlpha(alpha);
    painter.fillRect(r, fill);
    painter.setBrush(Qt::NoBrush);
    if (marked) {
        painter.setPen(QPen(fill.darker(150), 2));
    } else {
        painter.setPen(QPen(QColor(140, 140, 140, alpha), 1));
    }
    painter.drawRect(r);
    if (g.cell >= 13 && !std::isnan(v)) {
        QFont cellFont = font();
        cellFont.setPixelSize(std::max(7, static_cast<int>(g.cell * 0.36)));
        painter.setFont(cellFont);
        painter.setPen(pad && !marked ? QColor(120, 120, 120) : readableTextOn(fill));
        painter.drawText(r, Qt::AlignCenter, compactNumber(v, 3));
        painter.setFont(font());
    }
}

void VolumeStackView::paintKernelBox(QPainter& painter, const Geometry&) const {
    if (!hasKernelBox()) return;
    const QRectF first =
        cellRect(Input, m_box[0], m_box[2], m_box[4]).united(cellRect(Input, m_box[0], m_box[3], m_box[5]));
    const QRectF last =
        cellRect(Input, m_box[1], m_box[2], m_box[4]).united(cellRect(Input, m_box[1], m_box[3], m_box[5]));
    if (first.isNull() || last.isNull()) return;
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kKernel.darker(170), 2.5));
    painter.drawRect(first);
    painter.drawRect(last);
    QPen edge(kKernel.darker(170), 1.5, Qt::DashLine);
    painter.setPen(edge);
    painter.drawLine(first.topLeft(), last.topLeft());
    painter.drawLine(first.topRight(), last.topRight());
    painter.drawLine(first.bottomLeft(), last.bottomLeft());
    painter.drawLine(first.bottomRight(), last.bottomRight());
}

}  // namespace convscope::widgets
