#pragma once

#include <QRect>
#include <QStringList>
#include <QVector>

#include "widgets/plot/heatmap_scene.h"

class QPaintDevice;
class QPainter;

namespace convscope::widgets {

/// Lays out and paints a HeatmapScene: title, the picture with ticked axes and axis titles, and a colour bar
/// with five labels on the right. Pure painting on any QPaintDevice (widget, QImage, SVG generator); the
/// picture is scaled nearest-neighbour and centred, with square cells when the scene keeps the aspect.
class HeatmapPainter {
public:
    /// Where everything goes when a scene is painted into a target rectangle of a device.
    struct Geometry {
        QRect area;    ///< target minus margins
        QRectF image;  ///< the picture
        QRectF bar;    ///< the colour bar strip
        QRectF title;
        double cellW = 0.0;
        double cellH = 0.0;
        QVector<double> xTicks;
        QVector<double> yTicks;
        QStringList xLabels;
        QStringList yLabels;
        int yLabelWidth = 0;

        /// Device x of an axis-unit x (the centre of column c is at x.valueAt(c)); the same for y.
        double pxOfX(const HeatmapAxis& x, double value) const;
        double pyOfY(const HeatmapAxis& y, double value) const;
    };

    /// The layout of `scene` in `target`, with text measured on `device` (null: the screen).
    static Geometry layout(const HeatmapScene& scene, const QRect& target, const QPaintDevice* device);
    /// Paints `scene` into `target` on a white background.
    static void paint(QPainter& painter, const QRect& target, const HeatmapScene& scene);
};

}  // namespace convscope::widgets
