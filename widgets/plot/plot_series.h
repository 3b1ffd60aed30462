#pragma once

#include <QColor>
#include <QString>
#include <QVector>

namespace convscope::widgets {

/// One line of a LinePlotView. Points are (x[i], y[i]) for i below the shorter of the two lengths; a NaN
/// (or, on a logarithmic y axis, a non-positive y) breaks the line there.
struct PlotSeries {
    QString name;  ///< legend and hover text; a series without a name has no legend entry
    QVector<double> x;
    QVector<double> y;
    QColor color;  ///< invalid: a colour from the view's palette
    bool dashed = false;
    bool markers = false;  ///< a dot at every point
};

}  // namespace convscope::widgets
