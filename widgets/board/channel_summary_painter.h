#pragma once

#include <QRect>
#include <QString>

#include "widgets/board/channel_summary.h"

class QPainter;

namespace convscope::widgets {

/// Paints a ChannelSummaryStrip: a title line, then one tile per channel (heat thumbnail in the strip's
/// shared colour range, the channel index under it, this step's partial sum inside it when there is room),
/// tiles the step reads outlined, the others faded, the channels drawn as cells framed in the accent colour.
/// Pure painting with fixed fonts and colours, so GridBoardPainter can use it on the export's worker thread
/// too.
///
/// GridBoardPainter gives the strip the bottom of its rectangle (split) and lays the planes out above it;
/// hit tests go through the same split, so a tooltip always names the tile under the mouse.
class ChannelSummaryPainter {
public:
    /// The part of `rect` the strip takes (its bottom, at most about a third of the height); `board` receives
    /// the rest. A null rectangle and `board` = `rect` when the strip is empty.
    static QRect split(const QRect& rect, const ChannelSummaryStrip& strip, QRect* board);
    /// Height the strip wants at `width` with comfortable tiles (for the board's size hint); 0 when empty.
    static int preferredHeight(const ChannelSummaryStrip& strip, int width);

    static void paint(QPainter& painter, const QRect& stripRect, const ChannelSummaryStrip& strip);

    /// Index into strip.tiles of the tile at `point`, or −1.
    static int tileAt(const QRect& stripRect, const ChannelSummaryStrip& strip, const QPoint& point);
    /// Where tile `index` is drawn (its square thumbnail); null when out of range.
    static QRect tileRect(const QRect& stripRect, const ChannelSummaryStrip& strip, int index);
    /// "Input channel 12: mean 4.5, min 0, max 9 · Σ products this step = 23 · drawn as cells above".
    static QString toolTip(const ChannelSummaryTile& tile);

    static constexpr int kMinTile = 14;
    static constexpr int kMaxTile = 48;
};

}  // namespace convscope::widgets
