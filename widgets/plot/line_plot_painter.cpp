#include "widgets/plot/line_plot_painter.h"

#include <QCoreApplication>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/plot/plot_legend.h"

namespace convscope::widgets {

namespace {
constexpr int kMargin = 10;
constexpr int kTick = 4;
constexpr int kMinorTick = 2;
const QColor kBackground(255, 255, 255);
const QColor kText(35, 35, 35);
const QColor kMuted(110, 110, 110);
const QColor kAxis(90, 90, 90);
const QColor kGrid(225, 225, 225);
const QColor kMarkerDefault(80, 80, 80);
// Tableau 10, the first six: distinct for the common colour-vision deficiencies.
const QColor kPalette[] = {{31, 119, 180}, {255, 127, 14},  {44, 160, 44},
                           {214, 39, 40},  {148, 103, 189}, {140, 86, 75}};

QFont titleFontFor(const QFont& base) {
    QFont f = base;
    f.setBold(true);
    if (base.pointSizeF() > 0) f.setPointSizeF(base.pointSizeF() * 1.15);
    return f;
}

QFontMetrics metrics(const QFont& font, const QPaintDevice* device) {
    return device ? QFontMetrics(font, const_cast<QPaintDevice*>(device)) : QFontMetrics(font);
}

int widest(const QFontMetrics& fm, const QStringList& labels) {
    int w = 0;
    for (const QString& label : labels) w = std::max(w, fm.horizontalAdvance(label));
    return w;
}

QVector<PlotLegend::Entry> legendEntries(const LinePlotScene& scene) {
    QVector<PlotLegend::Entry> entries;
    for (int s = 0; s < scene.series.size(); ++s) {
        const PlotSeries& series = scene.series[s];
        if (series.name.isEmpty()) continue;
        entries << PlotLegend::Entry{series.name, LinePlotPainter::seriesColor(scene, s), series.dashed,
                                     series.markers};
    }
    return entries;
}
}  // namespace

std::optional<QPointF> LinePlotPainter::Geometry::map(double vx, double vy) const {
    const double px = x.toPixel(vx);
    const double py = y.toPixel(vy);
    if (std::isnan(px) || std::isnan(py)) return std::nullopt;
    return QPointF(px, py);
}

QColor LinePlotPainter::seriesColor(const LinePlotScene& scene, int index) {
    const QColor c = index >= 0 && index < scene.series.size() ? scene.series[index].color : QColor();
    return c.isValid() ? c : kPalette[std::max(0, index) % int(std::size(kPalette))];
}

LinePlotPainter::Geometry LinePlotPainter::layout(const LinePlotScene& scene, const QRect& target,
                                                  const QPaintDevice* device) {
    Geometry g;
    const QFontMetrics fm = metrics(scene.font, device);
    const QFontMetrics tfm = metrics(titleFontFor(scene.font), device);
    const int lh = fm.height();
    g.area = target.adjusted(kMargin, kMargin, -kMargin, -kMargin);

    QVector<double> xs, ys;
    for (const PlotSeries& s : scene.series) {
        for (qsizetype i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]) || (scene.logX && s.x[i] <= 0.0) ||
                (scene.logY && s.y[i] <= 0.0))
                continue;
            xs << s.x[i];
            ys << s.y[i];
        }
    }
    g.hasData = !xs.isEmpty();
    double x0 = 0.0, x1 = 1.0, y0 = 0.0, y1 = 1.0;
    PlotAxis::autoRange(xs, scene.logX, 0.0, &x0, &x1);
    PlotAxis::autoRange(ys, scene.logY, 0.05, &y0, &y1);
    if (scene.xRange) std::tie(x0, x1) = *scene.xRange;
    if (scene.yRange) std::tie(y0, y1) = *scene.yRange;
    g.x = PlotAxis(x0, x1, scene.logX);
    g.x.setMinTickStep(scene.xMinTickStep);
    g.y = PlotAxis(y0, y1, scene.logY);

    // Bands: title above; tick labels and the x title below; y labels and the rotated y title on the left;
    // half a line at the top and part of a label at the right for the end tick labels.
    const int top = g.area.top() + (scene.title.isEmpty() ? 0 : tfm.height() + 6) + lh / 2;
    const int bottom = g.area.bottom() + 1 - (scene.xTitle.isEmpty() ? 0 : lh + 2) - (kTick + 2 + lh);
    g.y.setPixels(bottom, top);
    // The densest ticks up to the target whose labels stay a line apart; at least three where they fit,
    // because with two the round step is often too coarse to label both ends of the data.
    for (int count = std::clamp(int((bottom - top) / (2.2 * lh)), 3, 10); count >= 1; --count) {
        g.yTicks = g.y.ticks(count);
        bool fits = true;
        for (int i = 1; i < g.yTicks.major.size() && fits; ++i)
            fits = std::abs(g.y.toPixel(g.yTicks.major[i]) - g.y.toPixel(g.yTicks.major[i - 1])) >= lh + 2;
        if (fits) break;
    }
    g.yLabelWidth = widest(fm, g.yTicks.labels);
    const int left = g.area.left() + (scene.yTitle.isEmpty() ? 0 : lh + 6) + g.yLabelWidth + kTick + 3;
    const int right =
        std::max(left + 1, g.area.right() + 1 - fm.horizontalAdvance(QStringLiteral("000")) / 2);
    g.x.setPixels(left, right);
    g.plot = QRectF(left, top, right - left, std::max(1, bottom - top));

    // As many x ticks as fit without their labels touching.
    const int gap = fm.horizontalAdvance(QStringLiteral("00"));
    const int typical = fm.horizontalAdvance(QStringLiteral("0.25")) + gap;
    for (int count = std::clamp(int(g.plot.width() / typical), 3, 10); count >= 1; --count) {
        g.xTicks = g.x.ticks(count);
        bool fits = true;
        for (int i = 1; i < g.xTicks.major.size() && fits; ++i) {
            const double distance = g.x.toPixel(g.xTicks.major[i]) - g.x.toPixel(g.xTicks.major[i - 1]);
            const int room =
                (fm.horizontalAdvance(g.xTicks.labels[i]) + fm.horizontalAdvance(g.xTicks.labels[i - 1])) / 2;
            fits = distance >= room + gap;
        }
        if (fits) break;
    }
    const double titleW = std::min<double>(g.area.width(), tfm.horizontalAdvance(scene.title) + 4);
    g.title = QRectF(std::max<double>(g.area.left(), g.plot.center().x() - titleW / 2.0), g.area.top(),
                     titleW, tfm.height());
    if (g.title.right() > g.area.right() + 1) g.title.moveRight(g.area.right() + 1);

    // The series as pixel polylines: NaN (or y <= 0 on a log axis) ends a run.
    for (const PlotSeries& s : scene.series) {
        QVector<QPolygonF> runs(1);
        for (qsizetype i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            if (const std::optional<QPointF> p = g.map(s.x[i], s.y[i])) {
                runs.last() << *p;
            } else if (!runs.last().isEmpty()) {
                runs << QPolygonF();
            }
        }
        if (runs.last().isEmpty()) runs.removeLast();
        g.runs << runs;
    }

    // Marker labels at the top of the plot, right of their line (left when that runs out of room), a line
    // lower when they would overlap an earlier label.
    for (const PlotMarker& m : scene.markers) {
        const double px = g.x.toPixel(m.x);
        if (m.label.isEmpty() || std::isnan(px) || px < g.plot.left() || px > g.plot.right()) {
            g.markerLabels << QRectF();
            continue;
        }
        const double w = std::min<double>(fm.horizontalAdvance(m.label) + 8, g.plot.width());
        QRectF box(px + 3, g.plot.top() + 2, w, lh + 2);
        if (box.right() > g.plot.right()) box.moveRight(px - 3);
        if (box.left() < g.plot.left()) box.moveLeft(g.plot.left());
        for (int level = 0; level < 4; ++level) {
            const bool overlaps = std::any_of(g.markerLabels.cbegin(), g.markerLabels.cend(),
                                              [&](const QRectF& r) { return r.intersects(box); });
            if (!overlaps) break;
            box.translate(0, lh + 4);
        }
        g.markerLabels << box;
    }

    const QVector<PlotLegend::Entry> entries = legendEntries(scene);
    if (!entries.isEmpty()) {
        QVector<QPolygonF> lines;
        for (const QVector<QPolygonF>& runs : g.runs) lines << runs;
        const QSizeF size = PlotLegend::sizeFor(entries, fm, g.plot.width());
        g.legendCorner = PlotLegend::place(g.plot, size, scene.legendCorner, lines, g.markerLabels);
        g.legend = PlotLegend::boxAt(g.plot, size, g.legendCorner);
    }
    return g;
}

void LinePlotPainter::paint(QPainter& painter, const QRect& target, const LinePlotScene& scene) {
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, kBackground);
    const Geometry g = layout(scene, target, painter.device());
    const QFont titleFont = titleFontFor(scene.font);
    const QFontMetrics fm = metrics(scene.font, painter.device());
    const QFontMetrics tfm = metrics(titleFont, painter.device());
    if (!scene.title.isEmpty()) {
        painter.setFont(titleFont);
        painter.setPen(kText);
        painter.drawText(g.title, Qt::AlignCenter,
                         tfm.elidedText(scene.title, Qt::ElideRight, int(g.title.width())));
    }
    painter.setFont(scene.font);

    // Grid, frame, ticks and labels.
    painter.setPen(QPen(kGrid, 0));
    for (double v : g.yTicks.major) {
        const double py = g.y.toPixel(v);
        painter.drawLine(QPointF(g.plot.left(), py), QPointF(g.plot.right(), py));
    }
    for (double v : g.xTicks.major) {
        const double px = g.x.toPixel(v);
        painter.drawLine(QPointF(px, g.plot.top()), QPointF(px, g.plot.bottom()));
    }
    painter.setPen(QPen(kAxis, 0));
    painter.drawRect(g.plot);
    for (double v : g.yTicks.minor) {
        const double py = g.y.toPixel(v);
        painter.drawLine(QPointF(g.plot.left() - kMinorTick, py), QPointF(g.plot.left(), py));
    }
    const double labelRight = g.plot.left() - kTick - 3;
    for (int i = 0; i < g.yTicks.major.size(); ++i) {
        const double py = g.y.toPixel(g.yTicks.major[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(g.plot.left() - kTick, py), QPointF(g.plot.left(), py));
        painter.setPen(kText);
        painter.drawText(
            QRectF(labelRight - g.yLabelWidth, py - fm.height() / 2.0, g.yLabelWidth, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, g.yTicks.labels[i]);
    }
    for (int i = 0; i < g.xTicks.major.size(); ++i) {
        const double px = g.x.toPixel(g.xTicks.major[i]);
        painter.setPen(QPen(kAxis, 0));
        painter.drawLine(QPointF(px, g.plot.bottom()), QPointF(px, g.plot.bottom() + kTick));
        const int w = fm.horizontalAdvance(g.xTicks.labels[i]) + 2;
        const double left = std::clamp(px - w / 2.0, double(g.area.left()),
                                       std::max(double(g.area.left()), double(g.area.right() + 1 - w)));
        painter.setPen(kText);
        painter.drawText(QRectF(left, g.plot.bottom() + kTick + 2, w, fm.height()), Qt::AlignCenter,
                         g.xTicks.labels[i]);
    }
    painter.setPen(kText);
    if (!scene.xTitle.isEmpty()) {
        const QRectF rect(g.plot.left(), g.area.bottom() + 1 - fm.height(), g.plot.width(), fm.height());
        painter.drawText(rect, Qt::AlignCenter,
                         fm.elidedText(scene.xTitle, Qt::ElideRight, int(g.plot.width())));
    }
    if (!scene.yTitle.isEmpty()) {
        painter.save();
        painter.translate(g.area.left() + fm.height() / 2.0, g.plot.center().y());
        painter.rotate(-90);
        const int length = int(g.plot.height());
        painter.drawText(QRectF(-length / 2.0, -fm.height() / 2.0, length, fm.height()), Qt::AlignCenter,
                         fm.elidedText(scene.yTitle, Qt::ElideRight, length));
        painter.restore();
    }

    // Markers under the series, both clipped to the plot (with room for the dots on its edges).
    painter.save();
    painter.setClipRect(g.plot.adjusted(-3, -3, 3, 3), Qt::IntersectClip);
    for (int i = 0; i < scene.markers.size(); ++i) {
        const PlotMarker& m = scene.markers[i];
        const double px = g.x.toPixel(m.x);
        if (std::isnan(px) || px < g.plot.left() - 0.5 || px > g.plot.right() + 0.5) continue;
        const QColor color = m.color.isValid() ? m.color : kMarkerDefault;
        // A one-pixel line on a pixel centre stays crisp without antialiasing.
        const double x = std::floor(px) + 0.5;
        painter.setPen(QPen(color, 1.0, Qt::DashLine));
        painter.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
        const QRectF box = i < g.markerLabels.size() ? g.markerLabels[i] : QRectF();
        if (box.isEmpty()) continue;
        painter.fillRect(box, QColor(255, 255, 255, 220));
        painter.setPen(color);
        painter.drawText(box, Qt::AlignCenter, fm.elidedText(m.label, Qt::ElideRight, int(box.width()) - 4));
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (int s = 0; s < scene.series.size(); ++s) {
        const PlotSeries& series = scene.series[s];
        const QColor color = seriesColor(scene, s);
        painter.setPen(
            QPen(color, 1.8, series.dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        for (const QPolygonF& run : g.runs[s]) {
            if (run.size() > 1) painter.drawPolyline(run);
        }
        // Dots at every point, or at least where a point has no neighbour to draw a line to.
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        for (const QPolygonF& run : g.runs[s]) {
            if (!series.markers && run.size() > 1) continue;
            for (const QPointF& p : run) painter.drawEllipse(p, 2.8, 2.8);
        }
    }
    painter.restore();

    if (!g.hasData) {
        painter.setPen(kMuted);
        const char* text = scene.logY && !scene.series.isEmpty()
                               ? QT_TRANSLATE_NOOP("convscope::widgets::LinePlotView",
                                                   "No positive values to show on a logarithmic axis")
                               : QT_TRANSLATE_NOOP("convscope::widgets::LinePlotView", "No data");
        painter.drawText(g.plot, Qt::AlignCenter | Qt::TextWordWrap,
                         QCoreApplication::translate("convscope::widgets::LinePlotView", text));
    }
    PlotLegend::paint(painter, g.legend, legendEntries(scene), fm);
    painter.restore();
}

}  // namespace convscope::widgets
