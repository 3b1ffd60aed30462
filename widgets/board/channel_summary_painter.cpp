#include "widgets/board/channel_summary_painter.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/board/grid_plane_painter.h"
#include "widgets/common/cell_tint.h"
#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kStripGap = 4;
constexpr int kStripTopGap = 8;          // between the planes above and the strip's title
constexpr double kStripMaxShare = 0.34;  // of the board's height
constexpr int kStripMinHeight = 70;      // below this the strip still gets this much (small boards)
const QColor kStripTitleText(60, 60, 60);
const QColor kStripLabelText(70, 70, 70);
const QColor kStripInStepLine(60, 60, 60);
const QColor kStripOtherLine(200, 200, 200);
// The board's unsigned ramp (GridPlanePainter): green, so an unsigned channel never looks negative.
const QColor kStripRampLow(236, 246, 238);
const QColor kStripRampHigh(84, 166, 116);

QString stripTr(const char* text) {
    return QCoreApplication::translate("convscope::widgets::ChannelSummaryPainter", text);
}

QFont stripTitleFont() {
    QFont f;
    f.setPixelSize(12);
    f.setBold(true);
    return f;
}

QFont stripLabelFont() {
    QFont f;
    f.setPixelSize(10);
    return f;
}

QColor stripMix(const QColor& a, const QColor& b, double t) {
    return QColor(int(std::lround(a.red() + (b.red() - a.red()) * t)),
                  int(std::lround(a.green() + (b.green() - a.green()) * t)),
                  int(std::lround(a.blue() + (b.blue() - a.blue()) * t)));
}

int stripTitleHeight() {
    return QFontMetrics(stripTitleFont()).height() + 6;
}

int stripLabelHeight() {
    return QFontMetrics(stripLabelFont()).height() + 1;
}

// Tiles in a centred grid: the largest tile side at which every tile fits `area`.
struct StripGrid {
    int tile = 0;
    int columns = 1;
    QPoint origin;  // top-left of the first tile
};

int stripHeightFor(int count, int width, int tile, int* columns) {
    const int cols = std::max(1, (width + kStripGap) / (tile + kStripGap));
    *columns = cols;
    const int rows = (count + cols - 1) / cols;
    return kStripTopGap + stripTitleHeight() + rows * (tile + stripLabelHeight() + kStripGap);
}

StripGrid stripGridFor(const QRect& area, int count) {
    StripGrid g;
    g.tile = ChannelSummaryPainter::kMinTile;
    for (int t = ChannelSummaryPainter::kMaxTile; t >= ChannelSummaryPainter::kMinTile; --t) {
        int cols = 1;
        if (stripHeightFor(count, area.width(), t, &cols) <= area.height()) {
            g.tile = t;
            break;
        }
    }
    stripHeightFor(count, area.width(), g.tile, &g.columns);
    g.columns = std::min(g.columns, std::max(1, count));
    const int used = g.columns * (g.tile + kStripGap) - kStripGap;
    g.origin = QPoint(area.x() + std::max(0, (area.width() - used) / 2),
                      area.y() + kStripTopGap + stripTitleHeight());
    return g;
}

QRect stripTileIn(const StripGrid& g, int index) {
    const int r = index / g.columns;
    const int c = index % g.columns;
    return QRect(g.origin.x() + c * (g.tile + kStripGap),
                 g.origin.y() + r * (g.tile + stripLabelHeight() + kStripGap), g.tile, g.tile);
}

QColor stripTint(double v, const ChannelSummaryStrip& strip) {
    if (!std::isfinite(v)) return Qt::white;
    if (strip.low < 0.0) {
        const double maxAbs = std::max(std::abs(strip.low), std::abs(strip.high));
        return stripMix(divergingTint(v, maxAbs), Qt::white, 0.3);
    }
    const double t =
        strip.high > strip.low ? std::clamp((v - strip.low) / (strip.high - strip.low), 0.0, 1.0) : 0.35;
    return stripMix(kStripRampLow, kStripRampHigh, t);
}

QImage stripThumbnail(const ChannelSummaryTile& tile, const ChannelSummaryStrip& strip) {
    if (tile.thumbRows < 1 || tile.thumbCols < 1 || tile.thumb.size() < tile.thumbRows * tile.thumbCols)
        return {};
    QImage image(tile.thumbCols, tile.thumbRows, QImage::Format_RGB32);
    for (int y = 0; y < tile.thumbRows; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < tile.thumbCols; ++x) {
            QColor c = stripTint(tile.thumb[y * tile.thumbCols + x], strip);
            if (!tile.inStep) c = stripMix(c, Qt::white, 0.55);  // not read by this step: faded
            line[x] = c.rgb();
        }
    }
    return image;
}
}  // namespace

QRect ChannelSummaryPainter::split(const QRect& rect, const ChannelSummaryStrip& strip, QRect* board) {
    if (board) *board = rect;
    if (strip.isEmpty() || rect.isEmpty()) return {};
    const int most = std::max(kStripMinHeight, int(rect.height() * kStripMaxShare));
    int columns = 1;
    int h = stripHeightFor(strip.tiles.size(), rect.width() - 16, kMaxTile, &columns);
    for (int t = kMaxTile; t >= kMinTile && h > most; --t)
        h = stripHeightFor(strip.tiles.size(), rect.width() - 16, t, &columns);
    h = std::min({h, most, rect.height()});
    const QRect stripRect(rect.x() + 8, rect.bottom() - h + 1, rect.width() - 16, h);
    if (board) *board = QRect(rect.x(), rect.y(), rect.width(), rect.height() - h);
    return stripRect;
}

int ChannelSummaryPainter::preferredHeight(const ChannelSummaryStrip& strip, int width) {
    if (strip.isEmpty()) return 0;
    int columns = 1;
    return stripHeightFor(strip.tiles.size(), std::max(width, 200) - 16, 40, &columns) + kStripGap;
}

void ChannelSummaryPainter::paint(QPainter& painter, const QRect& stripRect,
                                  const ChannelSummaryStrip& strip) {
    if (stripRect.isEmpty() || strip.isEmpty()) return;
    painter.save();
    painter.setClipRect(stripRect, Qt::IntersectClip);
    const QFont title = stripTitleFont();
    painter.setFont(title);
    painter.setPen(kStripTitleText);
    const QRect titleRect(stripRect.x(), stripRect.y() + kStripTopGap, stripRect.width(), stripTitleHeight());
    painter.drawText(titleRect, Qt::AlignCenter,
                     QFontMetrics(title).elidedText(strip.title, Qt::ElideRight, titleRect.width()));

    const StripGrid g = stripGridFor(stripRect, strip.tiles.size());
    const QFont label = stripLabelFont();
    const QFontMetrics labelFm(label);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int i = 0; i < strip.tiles.size(); ++i) {
        const ChannelSummaryTile& tile = strip.tiles[i];
        const QRect r = stripTileIn(g, i);
        const QImage image = stripThumbnail(tile, strip);
        if (!image.isNull()) painter.drawImage(r, image);
        painter.setBrush(Qt::NoBrush);
        if (tile.active) {
            painter.setPen(QPen(GridPlanePainter::kAccent, 3));
            painter.drawRect(QRectF(r).adjusted(-1, -1, 1, 1));
        } else {
            painter.setPen(QPen(tile.inStep ? kStripInStepLine : kStripOtherLine, 1));
            painter.drawRect(r.adjusted(0, 0, -1, -1));
        }
        // This step's partial sum, when the tile has room for it: the 64 terms of a 1×1 convolution at a
        // glance.
        if (std::isfinite(tile.stepSum) && g.tile >= 30) {
            const QString sum = compactNumber(tile.stepSum, 3);
            const int w = std::min(g.tile - 2, labelFm.horizontalAdvance(sum) + 4);
            const QRect box(r.x() + 1, r.bottom() - labelFm.height(), w, labelFm.height());
            painter.fillRect(box, QColor(255, 255, 255, 210));
            painter.setFont(label);
            painter.setPen(Qt::black);
            painter.drawText(box, Qt::AlignCenter, labelFm.elidedText(sum, Qt::ElideRight, box.width()));
        }
        painter.setFont(label);
        painter.setPen(tile.active ? GridPlanePainter::kAccent.darker(120) : kStripLabelText);
        const QString name = QStringLiteral("c%1").arg(tile.channel);
        painter.drawText(
            QRect(r.x() - kStripGap / 2, r.bottom() + 1, r.width() + kStripGap, stripLabelHeight()),
            Qt::AlignCenter, labelFm.elidedText(name, Qt::ElideRight, r.width() + kStripGap));
    }
    painter.restore();
}

int ChannelSummaryPainter::tileAt(const QRect& stripRect, const ChannelSummaryStrip& strip,
                                  const QPoint& point) {
    if (stripRect.isEmpty() || !stripRect.contains(point)) return -1;
    const StripGrid g = stripGridFor(stripRect, strip.tiles.size());
    for (int i = 0; i < strip.tiles.size(); ++i) {
        // The label under a tile belongs to it too.
        const QRect r = stripTileIn(g, i).adjusted(0, 0, 0, stripLabelHeight());
        if (r.contains(point)) return i;
    }
    return -1;
}

QRect ChannelSummaryPainter::tileRect(const QRect& stripRect, const ChannelSummaryStrip& strip, int index) {
    if (stripRect.isEmpty() || index < 0 || index >= strip.tiles.size()) return {};
    return stripTileIn(stripGridFor(stripRect, strip.tiles.size()), index);
}

QString ChannelSummaryPainter::toolTip(const ChannelSummaryTile& tile) {
    QString text = stripTr("Input channel %1: mean %2, min %3, max %4")
                       .arg(tile.channel)
                       .arg(compactNumber(tile.mean), compactNumber(tile.min), compactNumber(tile.max));
    if (std::isfinite(tile.stepSum))
        text += stripTr(" · Σ products this step = %1").arg(withTypographicMinus(exactNumber(tile.stepSum)));
    else if (!tile.inStep)
        text += stripTr(" · not read by this step");
    if (tile.active)
        text += stripTr(" · drawn as cells above");
    else
        text += stripTr(" · click to draw it as cells");
    return text;
}

}  // namespace convscope::widgets
