#include "core/common/colormap.h"

#include <cmath>
#include <vector>

namespace convscope::common {

namespace {
struct Stop {
    double t;
    double r, g, b;
};

// Piecewise-linear interpolation between published control points; nine stops are visually
// indistinguishable from the full tables at 256 entries.
std::array<Rgb, 256> build(const std::vector<Stop>& stops) {
    std::array<Rgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        size_t k = 1;
        while (k + 1 < stops.size() && stops[k].t < t) ++k;
        const Stop& a = stops[k - 1];
        const Stop& b = stops[k];
        const double u = (t - a.t) / (b.t - a.t);
        auto mix = [u](double x, double y) {
            return static_cast<std::uint8_t>(std::lround(x + (y - x) * u));
        };
        table[static_cast<size_t>(i)] = Rgb{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
    }
    return table;
}
}  // namespace

const std::array<Rgb, 256>& colormapTable(Colormap map) {
    static const std::array<Rgb, 256> gray = build({{0.0, 0, 0, 0}, {1.0, 255, 255, 255}});
    static const std::array<Rgb, 256> coolWarm = build({{0.0, 59, 76, 192},
                                                        {0.125, 98, 130, 234},
                                                        {0.25, 141, 176, 254},
                                                        {0.375, 184, 208, 249},
                                                        {0.5, 221, 221, 221},
                                                        {0.625, 245, 196, 173},
                                                        {0.75, 244, 154, 123},
                                                        {0.875, 222, 96, 77},
                                                        {1.0, 180, 4, 38}});
    static const std::array<Rgb, 256> viridis = build({{0.0, 68, 1, 84},
                                                       {0.125, 71, 44, 122},
                                                       {0.25, 59, 82, 139},
                                                       {0.375, 44, 114, 142},
                                                       {0.5, 33, 145, 140},
                                                       {0.625, 40, 174, 128},
                                                       {0.75, 94, 201, 98},
                                                       {0.875, 173, 220, 48},
                                                       {1.0, 253, 231, 37}});
    switch (map) {
        case Colormap::CoolWarm:
            return coolWarm;
        case Colormap::Viridis:
            return viridis;
        case Colormap::Gray:
        default:
            return gray;
    }
}

}  // namespace convscope::common
