#pragma once

#include <QColor>
#include <QString>
#include <QVector>

#include "core/imaging/filter_engine.h"
#include "core/imaging/filter_options.h"

namespace convscope::gui {

/// What the colour bar next to the result says: which value each displayed colour (or grey) stands for.
struct DisplayLegend {
    bool visible = false;    ///< false when grey level = value (Clip without stretch): nothing to explain
    QVector<QColor> colors;  ///< 256 colours, low end first
    double low = 0.0;
    double high = 0.0;
    QString label;
};

/// The legend for a result with `range` rendered by imaging::renderDisplay with `display`. The mapping
/// mirrors renderDisplay's definitions (see imaging::SignedDisplay and DisplayOptions::stretch).
/// `colour` is true when the picture has one grey ramp per channel rather than a single one.
DisplayLegend displayLegend(const imaging::DisplayOptions& display, const imaging::ValueRange& range,
                            bool colour);

}  // namespace convscope::gui
