#include "widgets/board/grid_plane_painter.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/board/grid_board_layout.h"
#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

const QColor GridPlanePainter::kAccent(230, 97, 0);

namespace {
const QColor kEmpty(255, 255, 255);  // not computed yet: the page shows through
const QColor kPadFill(236, 236, 236);
const QColor kHatch(178, 178, 178);
const QColor kPadText(112, 112, 112);
const QColor kFadedText(150, 150, 150);
const QColor kGridLine(0, 0, 0, 40);
const QColor kFrameLine(125, 125, 125);
const QColor kIndexText(140, 140, 140);
const QColor kWinner(35, 35, 35);
// Light sequential ramp for unsigned planes: readable black text at both ends, empty cells stay distinct.
// Green, not blue: signed planes use blue for negative and red for positive, and a board shows both kinds
// side by side, so an unsigned plane must not look negative.
const QColor kSequentialLow(236, 246, 238);
const QColor kSequentialHigh(84, 166, 116);
constexpr int kHatchStep = 5;
constexpr int kMinValuePixels = 8;  // smaller value text is not worth printing

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor(int(std::lround(a.red() + (b.red() - a.red()) * t)),
                  int(std::lround(a.green() + (b.green() - a.green()) * t)),
                  int(std::lround(a.blue() + (b.blue() - a.blue()) * t)));
}

// Diagonal stripes clipped to a square cell, computed rather than clipped so that hatching many cells is
// cheap.
void hatch(QPainter& painter, const QRect& r) {
    const int side = r.width();
    for (int k = 3; k < 2 * side; k += kHatchStep) {
        const int u0 = std::max(0, k - side);
        const int u1 = std::min(side, k);
        painter.drawLine(QPointF(r.x() + u0, r.y() + side - (k - u0)),
                         QPointF(r.x() + u1, r.y() + side - (k - u1)));
    }
}

// Steps of 1, 2, 5, 10, 20, 50 ... so that thinned indices stay round numbers.
int niceStep(int minimum) {
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        if (step >= minimum) return step;
    }
    return 2000;
}

QString indexText(int index) {
    return withTypographicMinus(QString::number(index));
}
}  // namespace

GridPlanePainter::GridPlanePainter(const GridPlane& plane, const QRect& grid, int cell)
    : m_plane(plane), m_grid(grid), m_cell(std::max(1, cell)) {
    // The tint range covers the plane's real values: padding (usually 0) and cells not computed yet do not
    // stretch it, so 1..36 uses the whole ramp whether or not the border is shown.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int i = 0; i < m_plane.rows * m_plane.cols; ++i) {
        const double v = valueAt(i);
        if (!std::isfinite(v) || (flagsAt(i) & CellPadded)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo <= hi) {
        m_low = lo;
        m_high = hi;
    }
    m_signed = m_low < 0.0;
}

double GridPlanePainter::valueAt(int index) const {
    return index < m_plane.values.size() ? m_plane.values[index] : std::numeric_limits<double>::quiet_NaN();
}

quint8 GridPlanePainter::flagsAt(int index) const {
    return index < m_plane.flags.size() ? m_plane.flags[index] : quint8(CellNone);
}

QColor GridPlanePainter::cellColor(int index) const {
    const double v = valueAt(index);
    const quint8 f = flagsAt(index);
    QColor c;
    if (f & CellPadded) {
        c = kPadFill;
    } else if (std::isnan(v)) {
        c = kEmpty;
    } else if (m_signed) {
        const double maxAbs = std::max(std::abs(m_low), std::abs(m_high));
        c = mix(divergingTint(v, maxAbs), Qt::white, 0.3);
    } else {
        const double t = m_high > m_low ? std::clamp((v - m_low) / (m_high - m_low), 0.0, 1.0) : 0.35;
        c = mix(kSequentialLow, kSequentialHigh, t);
    }
    if (f & (CellCropped | CellSkipped)) c = mix(c, Qt::white, 0.6);
    // Window cells keep their value's tint (the outline marks them); padding under the window is washed with
    // the window colour, since grey hatching alone would hide that the kernel reads it.
    if ((f & CellInWindow) && (f & CellPadded)) c = mix(c, kAccent, 0.22);
    return c;
}

void GridPlanePainter::paintCells(QPainter& painter) const {
    if (m_cell < GridBoardLayout::kImageCell) {
        paintAsImage(painter);
        return;
    }
    const int rows = m_plane.rows;
    const int cols = m_plane.cols;
    painter.setPen(QPen(kHatch, 0));
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            const QRect cell(m_grid.x() + c * m_cell, m_grid.y() + r * m_cell, m_cell, m_cell);
            painter.fillRect(cell, cellColor(i));
            if ((flagsAt(i) & CellPadded) && m_cell >= 6) hatch(painter, cell);
        }
    }
    if (m_cell >= 6) {
        painter.setPen(QPen(kGridLine, 0));
        for (int c = 1; c < cols; ++c) {
            const int x = m_grid.x() + c * m_cell;
            painter.drawLine(x, m_grid.top(), x, m_grid.bottom());
        }
        for (int r = 1; r < rows; ++r) {
            const int y = m_grid.y() + r * m_cell;
            painter.drawLine(m_grid.left(), y, m_grid.right(), y);
        }
    }
    if (m_cell >= GridBoardLayout::kNumberCell) paintValues(painter);
    painter.setPen(QPen(kFrameLine, 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(m_grid.adjusted(0, 0, -1, -1));

    // Dilation holes: a dashed frame says "inside the window, but not read".
    QPen dashed(kAccent, 1, Qt::DashLine);
    painter.setPen(dashed);
    for (int i = 0; i < rows * cols; ++i) {
        if (!(flagsAt(i) & CellSkipped) || (flagsAt(i) & CellInWindow) || m_cell < 8) continue;
        const QRect cell(m_grid.x() + (i % cols) * m_cell, m_grid.y() + (i / cols) * m_cell, m_cell, m_cell);
        painter.drawRect(cell.adjusted(2, 2, -3, -3));
    }
    paintOutline(painter, CellInWindow, QPen(kAccent, 3, Qt::SolidLine, Qt::SquareCap));
    paintOutline(painter, CellCurrent, QPen(kAccent, 5, Qt::SolidLine, Qt::SquareCap));
    painter.setPen(QPen(kWinner, 2));
    for (int i = 0; i < rows * cols; ++i) {
        if (!(flagsAt(i) & CellWinner)) continue;
        const QRect cell(m_grid.x() + (i % cols) * m_cell, m_grid.y() + (i / cols) * m_cell, m_cell, m_cell);
        painter.drawRect(QRectF(cell).adjusted(4, 4, -4, -4));
    }
}

void GridPlanePainter::paintOutline(QPainter& painter, quint8 flag, const QPen& pen) const {
    // The outline of the flagged region, not of each cell: a 3x3 window reads as one box, the taps of a
    // dilated window as separate boxes.
    const int rows = m_plane.rows;
    const int cols = m_plane.cols;
    auto has = [&](int r, int c) {
        return r >= 0 && c >= 0 && r < rows && c < cols && (flagsAt(r * cols + c) & flag);
    };
    painter.setPen(pen);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (!has(r, c)) continue;
            const double x0 = m_grid.x() + c * m_cell;
            const double y0 = m_grid.y() + r * m_cell;
            const double x1 = x0 + m_cell;
            const double y1 = y0 + m_cell;
            if (!has(r - 1, c)) painter.drawLine(QPointF(x0, y0), QPointF(x1, y0));
            if (!has(r + 1, c)) painter.drawLine(QPointF(x0, y1), QPointF(x1, y1));
            if (!has(r, c - 1)) painter.drawLine(QPointF(x0, y0), QPointF(x0, y1));
            if (!has(r, c + 1)) painter.drawLine(QPointF(x1, y0), QPointF(x1, y1));
        }
    }
}

void GridPlanePainter::paintValues(QPainter& painter) const {
    const int n = m_plane.rows * m_plane.cols;
    QFont font = GridBoardLayout::valueFont(m_cell);
    // Every value of the plane fits its cell or none is printed, so no plane is half-labelled; long numbers
    // get a smaller font, then fewer significant digits (the tooltip always has the exact value).
    int digits = 0;
    const int room = m_cell - 4;
    for (int significant : {4, 3}) {
        QFont bold = font;
        bold.setBold(true);
        const QFontMetrics fm(bold);
        int widest = 0;
        for (int i = 0; i < n; ++i) {
            if (!std::isnan(valueAt(i)))
                widest = std::max(widest, fm.horizontalAdvance(compactNumber(valueAt(i), significant)));
        }
        if (widest <= room) {
            digits = significant;
            break;
        }
        const int pixels = font.pixelSize() * room / widest;
        if (pixels >= kMinValuePixels) {
            font.setPixelSize(pixels);
            digits = significant;
            break;
        }
    }
    if (digits == 0) return;
    QFont italic = font;
    italic.setItalic(true);
    QFont bold = font;
    bold.setBold(true);
    for (int i = 0; i < n; ++i) {
        const double v = valueAt(i);
        if (std::isnan(v)) continue;
        const quint8 f = flagsAt(i);
        const QRect cell(m_grid.x() + (i % m_plane.cols) * m_cell, m_grid.y() + (i / m_plane.cols) * m_cell,
                         m_cell, m_cell);
        if (f & CellPadded) {
            painter.setFont(italic);
            painter.setPen(kPadText);
        } else {
            painter.setFont((f & CellWinner) ? bold : font);
            painter.setPen((f & (CellCropped | CellSkipped)) ? kFadedText : readableTextOn(cellColor(i)));
        }
        painter.drawText(cell, Qt::AlignCenter, compactNumber(v, digits));
    }
}

void GridPlanePainter::paintAsImage(QPainter& painter) const {
    // One pixel per cell, scaled without smoothing: a 229x229 plane costs one image, not 52441 rectangles.
    const int rows = m_plane.rows;
    const int cols = m_plane.cols;
    QImage image(cols, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < cols; ++c) line[c] = cellColor(r * cols + c).rgb();
    }
    painter.drawImage(QRectF(m_grid), image);
    painter.setPen(QPen(kFrameLine, 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(m_grid.adjusted(0, 0, -1, -1));

    // Cells are too small for per-cell outlines: frame the window's bounding box and each current cell.
    int r0 = rows, r1 = -1, c0 = cols, c1 = -1;
    for (int i = 0; i < rows * cols; ++i) {
        if (!(flagsAt(i) & (CellInWindow | CellSkipped))) continue;
        r0 = std::min(r0, i / cols);
        r1 = std::max(r1, i / cols);
        c0 = std::min(c0, i % cols);
        c1 = std::max(c1, i % cols);
    }
    painter.setPen(QPen(kAccent, 2));
    if (r1 >= 0) {
        const QRect box(m_grid.x() + c0 * m_cell, m_grid.y() + r0 * m_cell, (c1 - c0 + 1) * m_cell,
                        (r1 - r0 + 1) * m_cell);
        painter.drawRect(box.adjusted(-2, -2, 1, 1));
    }
    for (int i = 0; i < rows * cols; ++i) {
        if (!(flagsAt(i) & CellCurrent)) continue;
        const QRect cell(m_grid.x() + (i % cols) * m_cell, m_grid.y() + (i / cols) * m_cell, m_cell, m_cell);
        painter.drawRect(cell.adjusted(-3, -3, 2, 2));
    }
}

void GridPlanePainter::paintIndices(QPainter& painter, int leftGutter, int topGutter) const {
    if (!m_plane.showIndices || topGutter <= 0) return;
    const QFont font = GridBoardLayout::indexFont();
    const QFontMetrics fm(font);
    painter.setFont(font);
    painter.setPen(kIndexText);
    // Thin the labels to every 2nd, 5th, 10th ... index when cells are narrower than the labels.
    const int firstCol = m_plane.firstColIndex;
    const int widest = std::max(fm.horizontalAdvance(indexText(firstCol)),
                                fm.horizontalAdvance(indexText(firstCol + m_plane.cols - 1)));
    const int colStep = niceStep((widest + 4 + m_cell - 1) / m_cell);
    for (int c = 0; c < m_plane.cols; ++c) {
        const int index = firstCol + c;
        if (index % colStep != 0) continue;
        const int centre = m_grid.x() + c * m_cell + m_cell / 2;
        painter.drawText(QRect(centre - 40, m_grid.y() - topGutter, 80, topGutter - 1),
                         Qt::AlignHCenter | Qt::AlignBottom, indexText(index));
    }
    const int rowStep = niceStep((fm.height() + m_cell - 1) / m_cell);
    for (int r = 0; r < m_plane.rows; ++r) {
        const int index = m_plane.firstRowIndex + r;
        if (index % rowStep != 0) continue;
        const int centre = m_grid.y() + r * m_cell + m_cell / 2;
        painter.drawText(
            QRect(m_grid.x() - leftGutter, centre - fm.height() / 2 - 1, leftGutter - 4, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, indexText(index));
    }
}

}  // namespace convscope::widgets
