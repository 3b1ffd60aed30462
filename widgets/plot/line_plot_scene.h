#pragma once

#include <QFont>
#include <QString>
#include <QVector>
#include <optional>
#include <utility>

#include "widgets/plot/plot_marker.h"
#include "widgets/plot/plot_series.h"

namespace convscope::widgets {

/// Everything LinePlotPainter draws: what LinePlotView holds, as plain values.
struct LinePlotScene {
    QVector<PlotSeries> series;
    QVector<PlotMarker> markers;
    QString title;
    QString xTitle;
    QString yTitle;
    bool logX = false;
    bool logY = false;
    std::optional<std::pair<double, double>> xRange;  ///< nothing: fitted to the data
    std::optional<std::pair<double, double>> yRange;
    Qt::Corner legendCorner = Qt::TopRightCorner;  ///< preferred; see PlotLegend::place
    double xMinTickStep = 0.0;                     ///< see PlotAxis::setMinTickStep
    QFont font;
};

}  // namespace convscope::widgets
