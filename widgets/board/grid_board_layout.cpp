#include "widgets/board/grid_board_layout.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 12;
constexpr int kRowGap = 22;
constexpr int kOperatorPad = 14;
constexpr int kPlaneGap = 28;      // between planes of one row that have no operator
constexpr int kTitleCap = 260;     // a longer title does not widen its plane, it is elided
constexpr int kCaptionCap = 1400;  // the natural width counts at most this much caption; the rest is elided
constexpr int kReadableSide = 64;  // larger planes are never shown with readable numbers at 4000 px

QString indexText(int index) {
    return withTypographicMinus(QString::number(index));
}

bool drawable(const GridPlane& p) {
    return p.rows > 0 && p.cols > 0 && p.rows <= GridBoardLayout::kMaxSide &&
           p.cols <= GridBoardLayout::kMaxSide;
}

// Everything about a frame's layout that does not depend on the cell size, measured once per layout.
struct Metrics {
    QVector<QVector<int>> rows;  // drawable planes per layout row, top to bottom, in frame order
    QVector<int> side;           // drawable besideRows planes, top to bottom
    int sideGap = 0;             // between the rows and the side column (room for operatorBefore)
    QVector<int> leftGutter;
    QVector<int> topGutter;
    QVector<int> titleWidth;
    QVector<int> gapAfter;  // space to the next plane of the same row (the operator's box)
    int titleH = 0;
    int statusH = 0;
    int captionH = 0;
    int statusW = 0;
    int captionW = 0;
};

Metrics measure(const GridBoardFrame& frame) {
    Metrics m;
    const int n = frame.planes.size();
    m.leftGutter.fill(0, n);
    m.topGutter.fill(0, n);
    m.titleWidth.fill(0, n);
    m.gapAfter.fill(0, n);
    const QFontMetrics indexFm(GridBoardLayout::indexFont());
    const QFontMetrics titleFm(GridBoardLayout::titleFont());
    const QFontMetrics opFm(GridBoardLayout::operatorFont());
    QVector<int> rowKeys;
    for (const GridPlane& p : frame.planes) {
        if (drawable(p) && !p.besideRows && !rowKeys.contains(p.layoutRow)) rowKeys.push_back(p.layoutRow);
    }
    std::sort(rowKeys.begin(), rowKeys.end());
    m.rows.resize(rowKeys.size());
    for (int i = 0; i < n; ++i) {
        const GridPlane& p = frame.planes[i];
        if (!drawable(p)) continue;
        if (p.besideRows) {
            m.side.push_back(i);
            const int op = p.operatorBefore.isEmpty() ? 0 : opFm.horizontalAdvance(p.operatorBefore);
            m.sideGap = std::max(m.sideGap, std::max(op + 2 * kOperatorPad, kPlaneGap));
        } else {
            m.rows[rowKeys.indexOf(p.layoutRow)].push_back(i);
        }
        if (p.showIndices) {
            const int widest = std::max({indexFm.horizontalAdvance(indexText(p.firstRowIndex)),
                                         indexFm.horizontalAdvance(indexText(p.firstRowIndex + p.rows - 1))});
            m.leftGutter[i] = widest + 6;
            m.topGutter[i] = indexFm.height() + 1;
        }
        m.titleWidth[i] = p.title.isEmpty() ? 0 : titleFm.horizontalAdvance(p.title) + 6;
        m.gapAfter[i] = p.operatorAfter.isEmpty()
                            ? kPlaneGap
                            : opFm.horizontalAdvance(p.operatorAfter) + 2 * kOperatorPad;
    }
    m.titleH = titleFm.height() + 4;
    if (!frame.status.isEmpty()) {
        const QFontMetrics fm(GridBoardLayout::statusFont());
        m.statusH = fm.height() + 10;
        m.statusW = fm.horizontalAdvance(frame.status) + 4;
    }
    if (!frame.caption.isEmpty()) {
        const QFontMetrics fm(GridBoardLayout::captionFont());
        m.captionH = fm.height() + 12;
        m.captionW = std::min(fm.horizontalAdvance(frame.caption) + 4, kCaptionCap);
    }
    return m;
}

int blockWidth(const Metrics& m, const GridBoardFrame& frame, int i, int cell, bool withTitles) {
    const int grid = m.leftGutter[i] + frame.planes[i].cols * cell;
    return withTitles ? std::max(grid, std::min(m.titleWidth[i], kTitleCap)) : grid;
}

int rowWidth(const Metrics& m, const GridBoardFrame& frame, int row, int cell, bool withTitles) {
    const QVector<int>& planes = m.rows[row];
    int w = 0;
    for (int k = 0; k < planes.size(); ++k) {
        w += blockWidth(m, frame, planes[k], cell, withTitles);
        if (k + 1 < planes.size()) w += m.gapAfter[planes[k]];
    }
    return w;
}

int maxTopGutter(const Metrics& m, int row) {
    int g = 0;
    for (int i : m.rows[row]) g = std::max(g, m.topGutter[i]);
    return g;
}

int maxRows(const Metrics& m, const GridBoardFrame& frame, int row) {
    int r = 0;
    for (int i : m.rows[row]) r = std::max(r, frame.planes[i].rows);
    return r;
}

int rowHeight(const Metrics& m, const GridBoardFrame& frame, int row, int cell) {
    return m.titleH + maxTopGutter(m, row) + maxRows(m, frame, row) * cell;
}

int rowsWidth(const Metrics& m, const GridBoardFrame& frame, int cell, bool withTitles) {
    int w = 0;
    for (int r = 0; r < m.rows.size(); ++r) w = std::max(w, rowWidth(m, frame, r, cell, withTitles));
    return w;
}

int rowsHeight(const Metrics& m, const GridBoardFrame& frame, int cell) {
    int h = 0;
    for (int r = 0; r < m.rows.size(); ++r) h += rowHeight(m, frame, r, cell) + (r > 0 ? kRowGap : 0);
    return h;
}

int sidePlaneHeight(const Metrics& m, const GridBoardFrame& frame, int i, int cell) {
    return m.titleH + m.topGutter[i] + frame.planes[i].rows * cell;
}

// The column of besideRows planes, without the gap before it.
QSize sideSize(const Metrics& m, const GridBoardFrame& frame, int cell, bool withTitles) {
    int w = 0, h = 0;
    for (int k = 0; k < m.side.size(); ++k) {
        w = std::max(w, blockWidth(m, frame, m.side[k], cell, withTitles));
        h += sidePlaneHeight(m, frame, m.side[k], cell) + (k > 0 ? kRowGap : 0);
    }
    return {w, h};
}

QSize contentSize(const Metrics& m, const GridBoardFrame& frame, int cell, bool withTitles) {
    int w = rowsWidth(m, frame, cell, withTitles);
    int h = rowsHeight(m, frame, cell);
    if (!m.side.isEmpty()) {
        const QSize side = sideSize(m, frame, cell, withTitles);
        w += m.sideGap + side.width();
        h = std::max(h, side.height());
    }
    return {w, h + m.statusH + m.captionH};
}
// Titles may use the room up to halfway to the neighbouring planes (or to the board's edge) rather than only
// their plane's width, so that a small kernel's title is not elided while there is space beside it.
void spreadTitles(GridBoardLayout& layout, const Metrics& m, const QVector<int>& planes, const QRect& board) {
    for (int k = 0; k < planes.size(); ++k) {
        GridBoardLayout::PlaneBox& box = layout.planes[planes[k]];
        const int centre = box.grid.center().x();
        const int left =
            k == 0 ? board.left() : (layout.planes[planes[k - 1]].grid.center().x() + centre) / 2;
        const int right = k + 1 == planes.size()
                              ? board.right()
                              : (layout.planes[planes[k + 1]].grid.center().x() + centre) / 2;
        const int room = 2 * std::max(0, std::min(centre - left, right - centre));
        const int width = std::max(box.title.width(), std::min(m.titleWidth[planes[k]], room));
        box.title = QRect(centre - width / 2, box.title.y(), width, box.title.height());
    }
}
}  // namespace

QFont GridBoardLayout::titleFont() {
    QFont f;
    f.setPixelSize(13);
    f.setBold(true);
    return f;
}

QFont GridBoardLayout::indexFont() {
    QFont f;
    f.setPixelSize(10);
    return f;
}

QFont GridBoardLayout::statusFont() {
    QFont f;
    f.setPixelSize(13);
    return f;
}

QFont GridBoardLayout::captionFont() {
    // Monospaced so that the terms of the arithmetic line up from one step to the next.
    QFont f(QStringLiteral("monospace"));
    f.setStyleHint(QFont::TypeWriter);
    f.setPixelSize(14);
    return f;
}

QFont GridBoardLayout::operatorFont() {
    QFont f;
    f.setPixelSize(22);
    return f;
}

QFont GridBoardLayout::valueFont(int cell) {
    QFont f;
    f.setPixelSize(std::clamp(int(std::lround(cell * 0.36)), 8, 15));
    return f;
}

int GridBoardLayout::readableCell(const GridBoardFrame& frame) {
    QFont bold = valueFont(kReadableCell);
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int widest = 0;
    for (const GridPlane& p : frame.planes) {
        if (!drawable(p) || std::max(p.rows, p.cols) > kReadableSide) continue;
        const int n = std::min<int>(p.rows * p.cols, p.values.size());
        for (int i = 0; i < n; ++i) {
            if (!std::isnan(p.values[i]))
                widest = std::max(widest, fm.horizontalAdvance(compactNumber(p.values[i])));
        }
    }
    return std::clamp(widest + 10, int(kReadableCell), int(kMaxCell));
}

QSize GridBoardLayout::naturalSize(const GridBoardFrame& frame, int cell) {
    const Metrics m = measure(frame);
    const QSize content = contentSize(m, frame, cell, true);
    return {std::max({content.width(), m.statusW, m.captionW}) + 2 * kMargin, content.height() + 2 * kMargin};
}

GridBoardLayout GridBoardLayout::compute(const QRect& rect, const GridBoardFrame& frame) {
    GridBoardLayout layout;
    layout.planes.resize(frame.planes.size());
    const Metrics m = measure(frame);
    const QRect avail = rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);

    // The largest cell at which all rows fit; titles give way (are elided) before cells shrink to nothing.
    int cell = 0;
    bool withTitles = true;
    for (bool titles : {true, false}) {
        for (int c = kMaxCell; c >= 1 && cell == 0; --c) {
            const QSize s = contentSize(m, frame, c, titles);
            if (s.width() <= avail.width() && s.height() <= avail.height()) {
                cell = c;
                withTitles = titles;
            }
        }
        if (cell > 0) break;
    }
    QRect board = avail;
    if (cell == 0) {
        // Too small even at one pixel per cell: lay out at 1 px in a board of natural size, drawn scaled
        // down.
        cell = 1;
        withTitles = false;
        const QSize natural = contentSize(m, frame, cell, withTitles);
        const double sx = double(std::max(1, avail.width())) / std::max(1, natural.width());
        const double sy = double(std::max(1, avail.height())) / std::max(1, natural.height());
        layout.scale = std::min({sx, sy, 1.0});
        board = QRect(QPoint(0, 0), natural);
        layout.origin = QPointF(avail.x() + (avail.width() - natural.width() * layout.scale) / 2.0,
                                avail.y() + (avail.height() - natural.height() * layout.scale) / 2.0);
    }
    layout.cell = cell;

    const QSize content = contentSize(m, frame, cell, withTitles);
    int y = board.y() + std::max(0, (board.height() - content.height()) / 2);
    if (m.statusH > 0) {
        layout.status = QRect(board.x(), y, board.width(), m.statusH - 8);
        y += m.statusH;
    }
    // Rows in a region of their widest row's width, the side column (if any) right of it; both centred.
    const int areaH = content.height() - m.statusH - m.captionH;
    const int regionW = rowsWidth(m, frame, cell, withTitles);
    const int regionX = board.x() + std::max(0, (board.width() - content.width()) / 2);
    if (!m.side.isEmpty()) {
        const QSize side = sideSize(m, frame, cell, withTitles);
        const int sideX = regionX + regionW + m.sideGap;
        int sy = y + (areaH - side.height()) / 2;
        for (int i : m.side) {
            const GridPlane& p = frame.planes[i];
            PlaneBox& box = layout.planes[i];
            const int block = blockWidth(m, frame, i, cell, withTitles);
            const int cellsW = p.cols * cell;
            const int cellsX =
                sideX + (side.width() - block) / 2 + (block - m.leftGutter[i] - cellsW) / 2 + m.leftGutter[i];
            const int gridY = sy + m.titleH + m.topGutter[i];
            box.visible = true;
            box.leftGutter = m.leftGutter[i];
            box.topGutter = m.topGutter[i];
            box.grid = QRect(cellsX, gridY, cellsW, p.rows * cell);
            box.title = QRect(cellsX + cellsW / 2 - block / 2, sy, block, m.titleH);
            box.operatorBeforeBox = QRectF(regionX + regionW, gridY, m.sideGap, p.rows * cell);
            sy += sidePlaneHeight(m, frame, i, cell) + kRowGap;
        }
    }
    y += (areaH - rowsHeight(m, frame, cell)) / 2;
    for (int r = 0; r < m.rows.size(); ++r) {
        const QVector<int>& planes = m.rows[r];
        int x = regionX + std::max(0, (regionW - rowWidth(m, frame, r, cell, withTitles)) / 2);
        const int zoneTop = y + m.titleH + maxTopGutter(m, r);
        const int zoneH = maxRows(m, frame, r) * cell;
        for (int k = 0; k < planes.size(); ++k) {
            const int i = planes[k];
            const GridPlane& p = frame.planes[i];
            PlaneBox& box = layout.planes[i];
            const int block = blockWidth(m, frame, i, cell, withTitles);
            const int cellsW = p.cols * cell;
            const int cellsX = x + (block - m.leftGutter[i] - cellsW) / 2 + m.leftGutter[i];
            const int gridY = zoneTop + (zoneH - p.rows * cell) / 2;
            box.visible = true;
            box.leftGutter = m.leftGutter[i];
            box.topGutter = m.topGutter[i];
            box.grid = QRect(cellsX, gridY, cellsW, p.rows * cell);
            box.title =
                QRect(cellsX + cellsW / 2 - block / 2, gridY - box.topGutter - m.titleH, block, m.titleH);
            x += block;
            if (k + 1 < planes.size()) {
                box.operatorBox = QRectF(x, zoneTop, m.gapAfter[i], zoneH);
                x += m.gapAfter[i];
            }
        }
        spreadTitles(layout, m, planes, board);
        y += rowHeight(m, frame, r, cell) + kRowGap;
    }
    if (!m.rows.isEmpty()) y -= kRowGap;
    y += (areaH - rowsHeight(m, frame, cell) + 1) / 2;
    if (m.captionH > 0) layout.caption = QRect(board.x(), y + 8, board.width(), m.captionH - 8);
    return layout;
}

QPoint GridBoardLayout::toBoard(const QPoint& device) const {
    if (scale == 1.0) return device;
    const QPointF p = (QPointF(device) - origin) / scale;
    return QPoint(int(std::floor(p.x())), int(std::floor(p.y())));
}

QRect GridBoardLayout::toDevice(const QRect& board) const {
    if (scale == 1.0) return board;
    return QRectF(QPointF(board.topLeft()) * scale + origin, QSizeF(board.size()) * scale).toAlignedRect();
}

}  // namespace convscope::widgets
