#pragma once

#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace convscope::widgets {

/// Drawing helpers shared by the image views: overlays that must stay readable on any image content.

/// A caption in a small semi-transparent rounded box at the top-left or top-right (`align`) of `area`,
/// elided to fit; nothing when `area` is too narrow.
void drawCaptionBox(QPainter& painter, const QFont& font, const QString& text, const QRectF& area,
                    Qt::Alignment align);
/// A 2 px outline just outside `rect` (widget coordinates) with a dark halo on both sides, grown to a
/// minimum size so that it stays visible when zoomed out.
void drawHighlightOutline(QPainter& painter, QRectF rect, const QColor& color);
/// The vertical split divider at `x` with a grip in the middle.
void drawSplitDivider(QPainter& painter, double x, double height);

/// Faint lines between magnified image pixels: `pixels` is the range of image pixels to rule, `origin` the
/// widget position of image pixel (0, 0) and `zoom` the size of one pixel on screen.
void drawPixelGrid(QPainter& painter, const QPointF& origin, double zoom, const QRect& pixels);
/// Light text centred in `rect`, word-wrapped, for an empty view.
void drawPlaceholderText(QPainter& painter, const QRect& rect, const QString& text);

}  // namespace convscope::widgets
