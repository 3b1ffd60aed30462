#include "widgets/board/grid_board_painter.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>

#include "widgets/board/channel_summary_painter.h"
#include "widgets/board/grid_board_layout.h"
#include "widgets/board/grid_plane_painter.h"
#include "widgets/board/unpool_arrow_painter.h"

namespace convscope::widgets {

namespace {
const QColor kBackground(255, 255, 255);
const QColor kTitleText(30, 30, 30);
const QColor kStatusText(85, 85, 85);
const QColor kCaptionText(20, 20, 20);
const QColor kOperatorText(70, 70, 70);
constexpr int kMinWidth = 240;
constexpr int kMinHeight = 120;

void paintText(QPainter& painter, const QRect& rect, const QFont& font, const QColor& color, int flags,
               const QString& text) {
    if (rect.isEmpty() || text.isEmpty()) return;
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(rect, flags, QFontMetrics(font).elidedText(text, Qt::ElideRight, rect.width()));
}
}  // namespace

QSize GridBoardPainter::preferredSize(const GridBoardFrame& frame) {
    // Readable cells where the bound allows, otherwise the largest cell that keeps the board within it.
    int cell = GridBoardLayout::readableCell(frame);
    QSize size = GridBoardLayout::naturalSize(frame, cell);
    while (cell > 1 &&
           (size.width() > GridBoardLayout::kMaxExtent || size.height() > GridBoardLayout::kMaxExtent)) {
        --cell;
        size = GridBoardLayout::naturalSize(frame, cell);
    }
    // Many channels: their tiles go in a strip under the planes.
    size.rheight() += ChannelSummaryPainter::preferredHeight(frame.channels, size.width());
    return {std::clamp(size.width(), kMinWidth, int(GridBoardLayout::kMaxExtent)),
            std::clamp(size.height(), kMinHeight, int(GridBoardLayout::kMaxExtent))};
}

void GridBoardPainter::paint(QPainter& painter, const QRect& fullRect, const GridBoardFrame& frame) {
    painter.save();
    painter.setClipRect(fullRect, Qt::IntersectClip);
    painter.fillRect(fullRect, kBackground);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    QRect rect;
    const QRect strip = ChannelSummaryPainter::split(fullRect, frame.channels, &rect);
    ChannelSummaryPainter::paint(painter, strip, frame.channels);
    const GridBoardLayout layout = GridBoardLayout::compute(rect, frame);
    if (layout.scale != 1.0) {
        painter.translate(layout.origin);
        painter.scale(layout.scale, layout.scale);
    }

    paintText(painter, layout.status, GridBoardLayout::statusFont(), kStatusText, Qt::AlignCenter,
              frame.status);
    const QFont titleFont = GridBoardLayout::titleFont();
    const QFont operatorFont = GridBoardLayout::operatorFont();
    for (int i = 0; i < frame.planes.size(); ++i) {
        const GridBoardLayout::PlaneBox& box = layout.planes[i];
        if (!box.visible) continue;
        const GridPlane& plane = frame.planes[i];
        paintText(painter, box.title, titleFont, kTitleText, Qt::AlignHCenter | Qt::AlignVCenter,
                  plane.title);
        const GridPlanePainter planePainter(plane, box.grid, layout.cell);
        planePainter.paintIndices(painter, box.leftGutter, box.topGutter);
        planePainter.paintCells(painter);
        if (!box.operatorBox.isNull() && !plane.operatorAfter.isEmpty()) {
            painter.setFont(operatorFont);
            painter.setPen(kOperatorText);
            painter.drawText(box.operatorBox, Qt::AlignCenter, plane.operatorAfter);
        }
        if (!box.operatorBeforeBox.isNull() && !plane.operatorBefore.isEmpty()) {
            painter.setFont(operatorFont);
            painter.setPen(kOperatorText);
            painter.drawText(box.operatorBeforeBox, Qt::AlignCenter, plane.operatorBefore);
        }
    }
    UnpoolArrowPainter::paint(painter, layout, frame);
    paintText(painter, layout.caption, GridBoardLayout::captionFont(), kCaptionText, Qt::AlignCenter,
              frame.caption);
    painter.restore();
}

bool GridBoardPainter::cellAt(const QRect& fullRect, const GridBoardFrame& frame, const QPoint& point,
                              int* plane, int* row, int* col) {
    QRect rect;
    ChannelSummaryPainter::split(fullRect, frame.channels, &rect);
    const GridBoardLayout layout = GridBoardLayout::compute(rect, frame);
    const QPoint p = layout.toBoard(point);
    for (int i = 0; i < layout.planes.size(); ++i) {
        const GridBoardLayout::PlaneBox& box = layout.planes[i];
        if (!box.visible || !box.grid.contains(p)) continue;
        const int r = (p.y() - box.grid.y()) / layout.cell;
        const int c = (p.x() - box.grid.x()) / layout.cell;
        if (r >= frame.planes[i].rows || c >= frame.planes[i].cols) continue;
        if (plane) *plane = i;
        if (row) *row = r;
        if (col) *col = c;
        return true;
    }
    return false;
}

QRect GridBoardPainter::cellRect(const QRect& fullRect, const GridBoardFrame& frame, int plane, int row,
                                 int col) {
    if (plane < 0 || plane >= frame.planes.size()) return {};
    QRect rect;
    ChannelSummaryPainter::split(fullRect, frame.channels, &rect);
    const GridBoardLayout layout = GridBoardLayout::compute(rect, frame);
    const GridBoardLayout::PlaneBox& box = layout.planes[plane];
    if (!box.visible || row < 0 || col < 0 || row >= frame.planes[plane].rows ||
        col >= frame.planes[plane].cols)
        return {};
    return layout.toDevice(
        QRect(box.grid.x() + col * layout.cell, box.grid.y() + row * layout.cell, layout.cell, layout.cell));
}

}  // namespace convscope::widgets
