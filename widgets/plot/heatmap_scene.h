#pragma once

#include <QFont>
#include <QImage>
#include <QString>
#include <QStringList>
#include <cmath>

#include "core/common/colormap.h"

namespace convscope::widgets {

/// One axis of a heat map: where the cell centres are in axis units.
struct HeatmapAxis {
    int count = 0;         ///< cells along the axis
    double first = 0.0;    ///< centre of cell 0
    double step = 1.0;     ///< distance between neighbouring centres (may be negative)
    double minStep = 0.0;  ///< smallest tick step, e.g. 1 for index axes
    QString title;

    double valueAt(double index) const { return first + index * step; }
    bool ticked() const { return count > 0 && std::isfinite(step) && std::isfinite(first) && step != 0.0; }
};

/// Everything HeatmapPainter draws: what HeatmapView holds, as plain values.
struct HeatmapScene {
    QImage image;  ///< cols × rows, one pixel per cell, row 0 at the top (implicitly shared)
    HeatmapAxis x;
    HeatmapAxis y;
    common::Colormap colormap = common::Colormap::Viridis;
    QStringList barLabels;  ///< colour-bar tick labels from low to high; empty: no valid range
    QString title;
    QString barLabel;
    bool keepAspect = true;
    QFont font;
};

}  // namespace convscope::widgets
