#pragma once

#include <QPolygonF>
#include <QRect>
#include <QVector>
#include <optional>

#include "widgets/plot/line_plot_scene.h"
#include "widgets/plot/plot_axis.h"

class QPaintDevice;
class QPainter;

namespace convscope::widgets {

/// Lays out and paints a LinePlotScene: title, grid and ticked axes with titles, marker lines with labels,
/// the series and the legend. Pure painting on any QPaintDevice (widget, QImage, SVG generator).
class LinePlotPainter {
public:
    /// Where everything goes when a scene is painted into a target rectangle of a device.
    struct Geometry {
        QRect area;   ///< target minus margins
        QRectF plot;  ///< inside the axes
        QRectF title;
        PlotAxis x;  ///< with pixels set
        PlotAxis y;
        PlotAxis::Ticks xTicks;
        PlotAxis::Ticks yTicks;
        int yLabelWidth = 0;
        bool hasData = false;              ///< some point can be drawn
        QVector<QVector<QPolygonF>> runs;  ///< per series: the unbroken stretches of drawable points
        QVector<QRectF> markerLabels;      ///< per marker; empty when its label is not shown
        QRectF legend;                     ///< empty without named series
        Qt::Corner legendCorner = Qt::TopRightCorner;

        /// Pixel of a data point; nothing when it cannot be drawn.
        std::optional<QPointF> map(double x, double y) const;
    };

    /// The layout of `scene` in `target`, with text measured on `device` (null: the screen).
    static Geometry layout(const LinePlotScene& scene, const QRect& target, const QPaintDevice* device);
    /// Paints `scene` into `target` on a white background.
    static void paint(QPainter& painter, const QRect& target, const LinePlotScene& scene);
    /// A series' colour: its own, or one from a colour-blind-safe palette by index.
    static QColor seriesColor(const LinePlotScene& scene, int index);
};

}  // namespace convscope::widgets
