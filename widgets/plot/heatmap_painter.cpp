#include "widgets/plot/heatmap_painter.h"

#include <QCoreApplication>
#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/plot/plot_ticks.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 8;
constexpr int kTick = 4;
constexpr int kTitleGap = 6;
constexpr int kBarGap = 10;
constexpr int kBarWidth = 12;
constexpr int kMaxScaledSide = 2048;  // for the copy embedded in vector output
const QColor kBackground(255, 255, 255);
const QColor kText(35, 35, 35);
const QColor kMuted(110, 110, 110);
const QColor kAxis(90, 90, 90);
const QColor kNoRange(160, 160, 160);

QFont titleFontFor(const QFont& base) {
    QFont f = base;
    f.setBold(true);
    if (base.pointSizeF() > 0) f.setPointSizeF(base.pointSizeF() * 1.15);
    return f;
}

int widest(const QFontMetrics& fm, const QStringList& labels) {
    int w = 0;
    for (const QString& label : labels) w = std::max(w, fm.horizontalAdvance(label));
    return w;
}

QFontMetrics metrics(const QFont& font, const QPaintDevice* device) {
    return device ? QFontMetrics(font, const_cast<QPaintDevice*>(device)) : QFontMetrics(font);
}

// Ticks on the whole extent of an axis: half a cell beyond the first and last centres.
QVector<double> axisTicks(const HeatmapAxis& axis, int target) {
    if (!axis.ticked()) return {};
    return niceTicks(axis.valueAt(-0.5), axis.valueAt(axis.count - 0.5), target, axis.minStep);
}

// The densest ticks up to `target` whose neighbours are at least `minSpacing` pixels apart.
QVector<double> spacedTicks(const HeatmapAxis& axis, double pixelsPerUnit, int target, double minSpacing) {
    QVector<double> ticks;
    for (int count = target; count >= 1; --count) {
        ticks = axisTicks(axis, count);
        if (ticks.size() < 2 || std::abs(ticks[1] - ticks[0]) * pixelsPerUnit >= minSpacing) break;
    }
    return ticks;
}

// Text rotated to read upwards, centred on `center`, elided to `length`.
void drawUpright(QPainter& painter, const QPointF& center, int length, const QFontMetrics& fm,
                 const QString& text) {
    painter.save();
    painter.translate(center);
    painter.rotate(-90);
    painter.drawText(QRectF(-length / 2.0, -fm.height() / 2.0, length, fm.height()), Qt::AlignCenter,
                     fm.elidedText(text, Qt::ElideRight, length));
    painter.restore();
}
}  // namespace

double HeatmapPainter::Geometry::pxOfX(const HeatmapAxis& x, double value) const {
    return image.left() + ((value - x.first) / x.step + 0.5) * cellW;
}

double HeatmapPainter::Geometry::pyOfY(const HeatmapAxis& y, double value) const {
    return image.top() + ((value - y.first) / y.step + 0.5) * cellH;
}

HeatmapPainter::Geometry HeatmapPainter::layout(const HeatmapScene& scene, const QRect& target,
                                                const QPaintDevice* device) {
    Geometry g;
    const QFontMetrics fm = metrics(scene.font, device);
    const QFontMetrics tfm = metrics(titleFontFor(scene.font), device);
    const int lh = fm.height();
    g.area = target.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const int cols = scene.x.count;
    const int rows = scene.y.count;
    if (rows < 1 || cols < 1) return g;

    const int top = (scene.title.isEmpty() ? 0 : tfm.height() + kTitleGap) + lh / 2;
    const int bottom = kTick + 2 + lh + (scene.x.title.isEmpty() ? 0 : 2 + lh);
    const int right = kBarGap + kBarWidth + kTick + 3 + widest(fm, scene.barLabels) +
                      (scene.barLabel.isEmpty() ? 0 : 6 + lh);
    const int yTitle = scene.y.title.isEmpty() ? 0 : lh + 6;
    const double availH = std::max(1, g.area.height() - top - bottom);
    // At least three ticks where they fit: with two, the round step is often too coarse to show both ends.
    auto yTicks = [&](double h) {
        const double perUnit = h / (rows * std::abs(scene.y.step));
        return spacedTicks(scene.y, perUnit, std::clamp(int(h / (2.5 * lh)), 3, 12), lh + 4);
    };

    // Fit the picture between the reserved bands. The y labels may need a second pass: their width depends
    // on the number of ticks, which depends on the picture's height.
    g.yLabelWidth = widest(fm, tickLabels(yTicks(availH)));
    for (int pass = 0; pass < 2; ++pass) {
        const int left = yTitle + g.yLabelWidth + kTick + 3;
        const QRectF fit(g.area.left() + left, g.area.top() + top, std::max(1, g.area.width() - left - right),
                         availH);
        g.cellW = fit.width() / cols;
        g.cellH = fit.height() / rows;
        if (scene.keepAspect) g.cellW = g.cellH = std::min(g.cellW, g.cellH);
        // Whole-pixel cells when they are large, so that every cell is drawn the same size.
        if (g.cellW >= 3.0) g.cellW = std::floor(g.cellW);
        if (g.cellH >= 3.0) g.cellH = std::floor(g.cellH);
        const double w = g.cellW * cols;
        const double h = g.cellH * rows;
        g.image = QRectF(std::round(fit.left() + (fit.width() - w) / 2.0),
                         std::round(fit.top() + (fit.height() - h) / 2.0), w, h);
        g.yTicks = yTicks(h);
        g.yLabels = tickLabels(g.yTicks);
        const int needed = widest(fm, g.yLabels);
        if (needed <= g.yLabelWidth) break;
        g.yLabelWidth = needed;
    }

    // As many x ticks as fit without their labels touching.
    const int gap = fm.horizontalAdvance(QStringLiteral("00"));
    const int typical = fm.horizontalAdvance(QStringLiteral("−0.25")) + gap;
    for (int count = std::clamp(int(g.image.width() / typical), 3, 10); count >= 1 && scene.x.ticked();
         --count) {
        g.xTicks = axisTicks(scene.x, count);
        g.xLabels = tickLabels(g.xTicks);
        bool fits = true;
        for (int i = 1; i < g.xTicks.size() && fits; ++i) {
            const double distance =
                std::abs(g.pxOfX(scene.x, g.xTicks[i]) - g.pxOfX(scene.x, g.xTicks[i - 1]));
            const int room =
                (fm.horizontalAdvance(g.xLabels[i]) + fm.horizontalAdvance(g.xLabels[i - 1])) / 2;
            fits = distance >= room + gap;
        }
        if (fits) break;
    }

    // The title is centred over the picture but kept inside the area.
    const double titleW = std::min<double>(g.area.width(), tfm.horizontalAdvance(scene.title) + 4);
    const double titleX = std::clamp(g.image.center().x() - titleW / 2.0, double(g.area.left()),
                                     std::max(double(g.area.left()), g.area.right() + 1 - titleW));
    g.title = QRectF(titleX, g.image.top() - lh / 2 - kTitleGap - tfm.height(), titleW, tfm.height());
    // The bar runs along the picture, but is never too short for its five labels.
    const double barH = std::max(g.image.height(), std::min(availH, 5.0 * lh));
    g.bar = QRectF(g.image.right() + kBarGap, std::round(g.image.center().y() - barH / 2.0), kBarWidth, barH);
    return g;
}

void HeatmapPainter::paint(QPainter& painter, const QRect& target, const HeatmapScene& scene) {
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, kBackground);
    const Geometry g = layout(scene, target, painter.device());
    const QFont titleFont = titleFontFor(scene.font);
    const QFontMetrics fm = metrics(scene.font, painter.device());
    const QFontMetrics tfm = metrics(titleFont, painter.device());
    painter.setFont(scene.font);
    if (scene.image.isNull() || g.image.isEmpty()) {
        painter.setPen(kMuted);
        const QString empty = QCoreApplication::translate("convscope::widgets::HeatmapView", "No data");
        painter.drawText(g.area, Qt::AlignCenter | Qt::TextWordWrap,
                         scene.title.isEmpty() ? empty : scene.title + QLatin1Char('\n') + empty);
        painter.restore();
        return;
    }
    if (!scene.title.isEmpty()) {
        painter.setFont(titleFont);
        painter.setPen(kText);
        painter.drawText(g.title, Qt::AlignCenter,
                         tfm.elidedText(scene.title, Qt::ElideRight, int(g.title.width())));
        painter.setFont(scene.font);
    }

    // The picture, nearest neighbour. Vector output (SVG) gets a copy enlarged by whole cells because
    // viewers smooth embedded bitmaps; raster devices scale the cached picture on the fly.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    const int side = std::max(scene.image.width(), scene.image.height());
    const int factor =
        std::clamp(int(std::ceil(std::min(g.cellW, g.cellH) * 2.0)), 1, std::max(1, kMaxScaledSide / side));
    if (!raster && factor > 1) {
        painter.drawImage(g.image, scene.image.scaled(scene.image.size() * factor, Qt::IgnoreAspectRatio,
                                                      Qt::FastTransformation));
    } else {
        painter.drawImage(g.image, scene.image);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kAxis, 0));
    painter.drawRect(g.image.adjusted(-0.5, -0.5, 0.5, 0.5));

    // Axes: ticks outside the picture, labels centred on them but kept inside the area.
    for (int i = 0; i < g.xTicks.size(); ++i) {
        const double x = g.pxOfX(scene.x, g.xTicks[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(x, g.image.bottom()), QPointF(x, g.image.bottom() + kTick));
        const int w = fm.horizontalAdvance(g.xLabels[i]) + 2;
        const double left = std::clamp(x - w / 2.0, double(g.area.left()),
                                       std::max(double(g.area.left()), double(g.area.right() + 1 - w)));
        painter.setPen(kText);
        painter.drawText(QRectF(left, g.image.bottom() + kTick + 2, w, fm.height()), Qt::AlignCenter,
                         g.xLabels[i]);
    }
    const double labelRight = g.image.left() - kTick - 3;
    for (int i = 0; i < g.yTicks.size(); ++i) {
        const double y = g.pyOfY(scene.y, g.yTicks[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(g.image.left() - kTick, y), QPointF(g.image.left(), y));
        painter.setPen(kText);
        painter.drawText(
            QRectF(labelRight - g.yLabelWidth, y - fm.height() / 2.0, g.yLabelWidth, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, g.yLabels[i]);
    }
    painter.setPen(kText);
    if (!scene.x.title.isEmpty()) {
        const QRectF rect(g.area.left(), g.image.bottom() + kTick + 4 + fm.height(), g.area.width(),
                          fm.height());
        painter.drawText(rect, Qt::AlignHCenter | Qt::AlignTop,
                         fm.elidedText(scene.x.title, Qt::ElideRight, g.area.width()));
    }
    const int uprightLength = int(g.bar.height());
    if (!scene.y.title.isEmpty()) {
        const double x = labelRight - g.yLabelWidth - 6 - fm.height() / 2.0;
        drawUpright(painter, QPointF(x, g.image.center().y()), uprightLength, fm, scene.y.title);
    }

    // Colour bar: the table from the low end (bottom) to the high end (top), grey without a valid range.
    QImage strip(1, 256, QImage::Format_RGB32);
    const auto& table = common::colormapTable(scene.colormap);
    const bool valid = !scene.barLabels.isEmpty();
    for (int i = 0; i < 256; ++i) {
        const common::Rgb c = table[size_t(255 - i)];
        strip.setPixel(0, i, valid ? qRgb(c.r, c.g, c.b) : kNoRange.rgb());
    }
    painter.drawImage(g.bar, strip);
    painter.setPen(QPen(kAxis, 0));
    painter.drawRect(g.bar.adjusted(-0.5, -0.5, 0.5, 0.5));
    const QStringList& labels = scene.barLabels;
    const int barLabelW = widest(fm, labels) + 2;
    for (int i = 0; i < labels.size(); ++i) {
        const double t = labels.size() == 1 ? 0.5 : double(i) / (labels.size() - 1);
        const double y = g.bar.bottom() - t * g.bar.height();
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(g.bar.right(), y), QPointF(g.bar.right() + kTick, y));
        painter.setPen(kText);
        painter.drawText(QRectF(g.bar.right() + kTick + 3, y - fm.height() / 2.0, barLabelW, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
    }
    if (!scene.barLabel.isEmpty()) {
        const double x = g.bar.right() + kTick + 3 + barLabelW + 4 + fm.height() / 2.0;
        drawUpright(painter, QPointF(x, g.bar.center().y()), uprightLength, fm, scene.barLabel);
    }
    painter.restore();
}

}  // namespace convscope::widgets
