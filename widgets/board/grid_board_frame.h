#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>
#include <QtGlobal>

#include "widgets/board/channel_summary.h"
#include "widgets/board/grid_arrow.h"

namespace convscope::widgets {

/// Per-cell marks of a GridPlane (bit flags, combined with |).
enum GridCellFlag : quint8 {
    CellNone = 0,
    CellPadded = 1,    ///< lies in the padding: drawn hatched, value in italics
    CellInWindow = 2,  ///< under the kernel window at the current step (outlined, tinted)
    CellCurrent = 4,   ///< the element being written (output) or read (transposed input): thick outline
    CellWinner = 8,    ///< max pooling's winning value: bold
    CellCropped = 16,  ///< transposed convolution: removed by the padding (drawn faded)
    CellSkipped =
        32,  ///< inside the dilated window's bounding box but not read (the holes of a dilated kernel)
};

/// One labelled grid of numbers: an input channel, a kernel slice, the products, an output channel.
struct GridPlane {
    QString title;  ///< "Input c0 (padded)", "Kernel", "Products", "Output c0"
    int rows = 0;
    int cols = 0;
    QVector<double> values;  ///< rows * cols, row-major; NaN draws an empty cell (not computed yet)
    QVector<quint8> flags;   ///< rows * cols GridCellFlag bits (may be empty: no flags)
    int firstRowIndex = 0;   ///< index printed on the first row (−1 for a padded input with padding 1)
    int firstColIndex = 0;
    bool showIndices = true;  ///< row/column indices along the top and left edges
    int layoutRow = 0;        ///< planes with the same layoutRow are drawn left to right, rows top to bottom
    QString operatorAfter;  ///< drawn between this plane and the next one in the same row: "⊙", "=", "→"
    /// Drawn in a column to the right of all the rows, vertically centred (several such planes stack), with
    /// `operatorBefore` between the rows and the column: the output of a multi-channel convolution, which
    /// sums every row. layoutRow is then ignored.
    bool besideRows = false;
    QString operatorBefore;  ///< besideRows planes only: "Σ + b →"
};

/// Everything one animation frame shows. Built by the application from a convolution trace; views only paint.
struct GridBoardFrame {
    QVector<GridPlane> planes;
    QString caption;  ///< the current step's arithmetic, drawn under the planes (may be long: elided)
    QString status;   ///< "Step 8 of 36 · output (0, 1, 1)" drawn above the planes
    /// Many input channels: every channel as a tile in a strip under the planes (empty: no strip).
    ChannelSummaryStrip channels;
    /// Drawn over the planes: max unpooling's arrows from each maximum to where it is unpooled.
    QVector<GridArrow> arrows;
};

}  // namespace convscope::widgets

Q_DECLARE_METATYPE(convscope::widgets::GridBoardFrame)
