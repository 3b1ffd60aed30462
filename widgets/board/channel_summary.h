#pragma once

#include <QString>
#include <QVector>
#include <limits>

namespace convscope::widgets {

/// One input channel drawn as a tile instead of cells: a small heat thumbnail and its numbers.
struct ChannelSummaryTile {
    int channel = 0;
    double mean = 0.0;
    double min = 0.0;
    double max = 0.0;
    int thumbRows = 0;  ///< the thumbnail: the plane area-averaged down to at most a few dozen cells a side
    int thumbCols = 0;
    QVector<double> thumb;  ///< thumbRows * thumbCols, row-major
    /// This step's sum of products over the channel (Σ over its kernel slice); NaN when the step does not
    /// read the channel or nothing has been computed yet.
    double stepSum = std::numeric_limits<double>::quiet_NaN();
    bool inStep = false;  ///< the current step reads this channel (it belongs to the step's group)
    bool active = false;  ///< drawn as cells on the board; clicking another tile moves the cells there
};

/// Every input channel of a layer with too many channels to draw as cells (the Convolution panel shows a few
/// channel rows of cells and all channels as tiles). Thumbnails share one colour range, so channels compare.
struct ChannelSummaryStrip {
    QString title;  ///< "All 64 input channels (click one to show its cells)"
    QVector<ChannelSummaryTile> tiles;
    double low = 0.0;  ///< the shared colour range (minimum and maximum over every channel)
    double high = 0.0;

    bool isEmpty() const { return tiles.isEmpty(); }
};

}  // namespace convscope::widgets
