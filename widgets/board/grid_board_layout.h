#pragma once

#include <QFont>
#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <QVector>

#include "widgets/board/grid_board_frame.h"

namespace convscope::widgets {

/// Where every part of a GridBoardFrame goes inside a rectangle. GridBoardPainter paints from it and answers
/// cellAt/cellRect from it, so hit testing can never disagree with what is drawn. Plain value computation
/// with fixed fonts (pixel sizes, no palette): safe on any thread.
struct GridBoardLayout {
    struct PlaneBox {
        bool visible = false;  ///< false for planes without cells or with absurd sizes (not drawn)
        QRect grid;            ///< the cells: cols * cell by rows * cell
        QRect title;           ///< centred over the cells
        int leftGutter = 0;    ///< room for row indices, left of `grid`
        int topGutter = 0;     ///< room for column indices, above `grid`
        QRectF operatorBox;    ///< where operatorAfter is drawn; null when there is no next plane in the row
        QRectF operatorBeforeBox;  ///< besideRows planes: where operatorBefore is drawn (left of the column)
    };

    int cell = 0;  ///< one cell size for every plane, so that planes align and compare
    /// Boards that do not fit even at one pixel per cell are laid out at 1 px and drawn scaled down by
    /// `scale` about `origin`: board coordinates map to the device by p * scale + origin. Otherwise 1 and (0,
    /// 0).
    double scale = 1.0;
    QPointF origin;
    QVector<PlaneBox> planes;
    QRect status;
    QRect caption;

    /// The layout of `frame` fitted into `rect`: the largest cell (at most kMaxCell) at which everything
    /// fits.
    static GridBoardLayout compute(const QRect& rect, const GridBoardFrame& frame);
    /// Device point to board coordinates and back (identity unless the board is scaled down).
    QPoint toBoard(const QPoint& device) const;
    QRect toDevice(const QRect& board) const;
    /// The size `frame` needs at `cell` px per cell, margins included.
    static QSize naturalSize(const GridBoardFrame& frame, int cell);
    /// The cell at which every value of `frame` is readable (~40 px, wider for long numbers).
    static int readableCell(const GridBoardFrame& frame);

    static QFont titleFont();
    static QFont indexFont();
    static QFont statusFont();
    static QFont captionFont();
    static QFont operatorFont();
    /// The font values are printed in for a given cell size, before shrinking to fit the widest value.
    static QFont valueFont(int cell);

    static constexpr int kMaxCell = 56;
    static constexpr int kReadableCell = 40;
    static constexpr int kNumberCell = 18;  ///< below this, cells are colour only
    static constexpr int kImageCell = 4;    ///< below this, a plane is painted as one scaled image
    static constexpr int kMaxSide = 4096;   ///< planes with more rows or columns are not drawn
    static constexpr int kMaxExtent = 4000;
};

}  // namespace convscope::widgets
