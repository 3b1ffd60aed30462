#pragma once

#include <cmath>
#include <utility>

namespace convscope::gui {

/// The colour scale of a heat map widened to four round steps (1, 1.5, 2, 2.5, 3, 4, 5 or 7.5 × 10ᵏ) that
/// hold [low, high], so that the five colour-bar labels read −2.5, −2, −1.5, −1, −0.5 rather than −2.187,
/// −1.842, …
inline std::pair<double, double> tidyRange(double low, double high) {
    if (!std::isfinite(low) || !std::isfinite(high)) return {low, high};
    if (high <= low) return {low - 0.5, low + 0.5};
    const double decade = std::pow(10.0, std::floor(std::log10((high - low) / 4.0)));
    for (int k = 0; k < 3; ++k) {
        for (const double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5}) {
            const double step = m * decade * std::pow(10.0, k);
            const double first = std::floor(low / step + 1e-9) * step;
            if (first + 4.0 * step >= high - 1e-9 * step) return {first, first + 4.0 * step};
        }
    }
    return {low, high};
}

}  // namespace convscope::gui
