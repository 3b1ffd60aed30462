#pragma once

#include <QVector>

namespace convscope::widgets {

/// An arrow from one cell of a GridBoardFrame plane to a cell of another: max unpooling's way from where a
/// maximum was found in the input to where the unpooled output puts it. Rows and columns are those of the
/// planes as drawn (0 = the plane's first drawn row, whatever index it prints).
struct GridArrow {
    int fromPlane = 0;
    int fromRow = 0;
    int fromCol = 0;
    int toPlane = 0;
    int toRow = 0;
    int toCol = 0;
    bool current = false;  ///< the arrow of the step being shown: drawn strong; earlier ones are faint
};

}  // namespace convscope::widgets
