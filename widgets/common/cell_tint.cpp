#include "widgets/common/cell_tint.h"

#include <algorithm>
#include <cmath>

namespace convscope::widgets {

QColor colormapColor(common::Colormap map, double t) {
    if (!std::isfinite(t)) t = 0.5;
    const auto& table = common::colormapTable(map);
    const auto index = static_cast<size_t>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
    const common::Rgb rgb = table[index];
    return QColor(rgb.r, rgb.g, rgb.b);
}

QColor divergingTint(double value, double maxAbs) {
    const double t = (maxAbs > 0.0 && std::isfinite(maxAbs)) ? 0.5 + 0.5 * value / maxAbs : 0.5;
    return colormapColor(common::Colormap::CoolWarm, t);
}

QColor readableTextOn(const QColor& background) {
    // WCAG relative luminance; the crossover where black and white have equal contrast is about 0.18.
    auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * linear(background.redF()) + 0.7152 * linear(background.greenF()) +
                     0.0722 * linear(background.blueF());
    return l > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace convscope::widgets
