#pragma once

#include <QRect>
#include <QSize>

#include "widgets/board/grid_board_frame.h"

class QPainter;

namespace convscope::widgets {

/// Paints a GridBoardFrame: planes laid out in rows with titles, indices, values, flags and operators, the
/// status above and the caption below. Pure painting on any QPaintDevice, so it runs on a worker thread too
/// (the animation export renders frames into QImages off the GUI thread). Stateless apart from its layout
/// cache.
///
/// Cell size is chosen to fit `rect` (at most 56 px); values are printed when a cell is at least ~18 px wide,
/// otherwise cells are colour only; planes with cells below 4 px are drawn as scaled images for speed.
/// Values are tinted relative to the plane's own min/max; padded cells are hatched grey with italic values.
class GridBoardPainter {
public:
    /// Size at which every value is readable (cells of ~40 px), bounded to 4000 x 4000.
    static QSize preferredSize(const GridBoardFrame& frame);
    /// Paints into `rect` of `painter`'s device with a white background.
    static void paint(QPainter& painter, const QRect& rect, const GridBoardFrame& frame);

    /// Which cell of which plane lies at `point` when `frame` is painted into `rect`: returns false when
    /// none.
    static bool cellAt(const QRect& rect, const GridBoardFrame& frame, const QPoint& point, int* plane,
                       int* row, int* col);
    /// The rectangle of cell (`row`, `col`) of plane `plane` when `frame` is painted into `rect`; null when
    /// that cell is not drawn. The inverse of cellAt, for tests and for placing overlays.
    static QRect cellRect(const QRect& rect, const GridBoardFrame& frame, int plane, int row, int col);
};

}  // namespace convscope::widgets
