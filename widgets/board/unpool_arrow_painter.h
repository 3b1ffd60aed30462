#pragma once

#include <QLineF>

#include "widgets/board/grid_arrow.h"
#include "widgets/board/grid_board_frame.h"

class QPainter;

namespace convscope::widgets {

struct GridBoardLayout;

/// Paints a frame's GridArrows over its planes (board coordinates of `layout`, so it runs inside
/// GridBoardPainter's scaling): earlier steps' arrows faint, the current one in the accent colour with a
/// larger head. Arrows whose end cells are not drawn (outside a plane's viewport) are skipped. Fixed
/// colours, no palette: safe on any thread.
class UnpoolArrowPainter {
public:
    static void paint(QPainter& painter, const GridBoardLayout& layout, const GridBoardFrame& frame);
    /// The segment an arrow is drawn along (from near the centre of its first cell to near the centre of its
    /// last), in board coordinates; null when either end is not drawn. For tests and hit testing.
    static QLineF arrowLine(const GridBoardLayout& layout, const GridBoardFrame& frame,
                            const GridArrow& arrow);
};

}  // namespace convscope::widgets
