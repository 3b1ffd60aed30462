#pragma once

#include <QColor>
#include <QString>

namespace convscope::widgets {

/// A vertical dashed line across a LinePlotView at `x` (data units), labelled at the top, e.g. "crossover
/// k ≈ 11".
struct PlotMarker {
    double x = 0.0;
    QString label;
    QColor color;  ///< invalid: dark grey
};

}  // namespace convscope::widgets
