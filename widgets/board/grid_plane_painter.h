#pragma once

#include <QColor>
#include <QRect>

#include "widgets/board/grid_board_frame.h"

class QPainter;

namespace convscope::widgets {

/// Paints one GridPlane's cells, values, indices and flag marks into its grid rectangle: the part of
/// GridBoardPainter that knows what a cell looks like. Fixed colours only (no palette), so it runs on any
/// thread.
class GridPlanePainter {
public:
    GridPlanePainter(const GridPlane& plane, const QRect& grid, int cell);

    /// Cells, values and marks. Planes with cells below GridBoardLayout::kImageCell go through one scaled
    /// image.
    void paintCells(QPainter& painter) const;
    /// Row indices in the `leftGutter` px left of the grid, column indices in the `topGutter` px above it.
    void paintIndices(QPainter& painter, int leftGutter, int topGutter) const;

    /// The colour cell `index` is filled with (tint, padding, empty, window wash), for tests and the image
    /// path.
    QColor cellColor(int index) const;

    static const QColor kAccent;  ///< the kernel window and the cell being computed

private:
    double valueAt(int index) const;
    quint8 flagsAt(int index) const;
    void paintAsImage(QPainter& painter) const;
    void paintValues(QPainter& painter) const;
    void paintOutline(QPainter& painter, quint8 flag, const QPen& pen) const;

    const GridPlane& m_plane;
    QRect m_grid;
    int m_cell = 1;
    double m_low = 0.0;
    double m_high = 0.0;
    bool m_signed = false;
};

}  // namespace convscope::widgets
