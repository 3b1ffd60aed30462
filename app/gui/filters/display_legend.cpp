#include "app/gui/filters/display_legend.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

#include "core/common/colormap.h"

namespace convscope::gui {

namespace {

QVector<QColor> colorsOf(common::Colormap map) {
    QVector<QColor> colors;
    colors.reserve(256);
    for (const common::Rgb& c : common::colormapTable(map)) colors.append(QColor(c.r, c.g, c.b));
    return colors;
}

QString tr(const char* text) {
    return QCoreApplication::translate("DisplayLegend", text);
}

}  // namespace

DisplayLegend displayLegend(const imaging::DisplayOptions& display, const imaging::ValueRange& range,
                            bool colour) {
    DisplayLegend legend;
    const double maxAbs = std::max(std::abs(range.min), std::abs(range.max));
    const QString perChannel = colour ? tr(" (each channel)") : QString();
    legend.colors = colorsOf(common::Colormap::Gray);
    switch (display.mode) {
        case imaging::SignedDisplay::Clip:
            if (!display.stretch) return legend;  // grey level = value: nothing to explain
            legend.low = range.min;
            legend.high = range.max;
            legend.label = tr("value") + perChannel;
            break;
        case imaging::SignedDisplay::Absolute:
            legend.low = 0.0;
            legend.high = display.stretch ? maxAbs : 255.0;
            legend.label = tr("|value|") + perChannel;
            break;
        case imaging::SignedDisplay::Offset:
            // Fixed scale: grey g shows v = 2 (g - 128), so the ramp runs from -256 (black) to 254 (white).
            legend.low = display.stretch ? -maxAbs : -256.0;
            legend.high = display.stretch ? maxAbs : 254.0;
            legend.label = tr("value, 0 = mid-grey") + perChannel;
            break;
        case imaging::SignedDisplay::Diverging:
            legend.colors = colorsOf(common::Colormap::CoolWarm);
            legend.low = -maxAbs;
            legend.high = maxAbs;
            legend.label = tr("value, 0 = light grey");
            break;
    }
    legend.visible = true;
    return legend;
}

}  // namespace convscope::gui
