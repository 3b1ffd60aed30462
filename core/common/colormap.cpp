#include "core/common/colormap.h"

#include <algorithm>
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

double toLinear(double srgb8) {
    const double c = srgb8 / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::uint8_t toSrgb8(double linear) {
    const double l = std::clamp(linear, 0.0, 1.0);
    const double c = l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
    return static_cast<std::uint8_t>(std::lround(c * 255.0));
}

// Like build(), but mixes neighbouring stops in linear light: a blend of two sRGB colours then has the
// brightness the eye expects, instead of sagging dark between saturated stops.
std::array<Rgb, 256> buildLinear(const std::vector<Stop>& stops) {
    std::array<Rgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        size_t k = 1;
        while (k + 1 < stops.size() && stops[k].t < t) ++k;
        const Stop& a = stops[k - 1];
        const Stop& b = stops[k];
        const double u = (t - a.t) / (b.t - a.t);
        auto mix = [u](double x, double y) {
            const double lx = toLinear(x);
            return toSrgb8(lx + (toLinear(y) - lx) * u);
        };
        table[static_cast<size_t>(i)] = Rgb{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
    }
    return table;
}

// Anchors: matplotlib's cyclic "twilight" (designed by Bastian Bechtold) sampled every 1/16 and rounded to
// 8-bit sRGB, mixed in linear light. Sixteen segments rather than eight because the hue turns quickly on
// both sides of the dark middle, and coarser stops wash out the blue and red flanks. The last stop repeats
// the first, so the table closes on itself exactly (matplotlib's own ends differ by under one 8-bit step).
const std::vector<Stop>& twilightStops() {
    static const std::vector<Stop> stops = {
        {0.0, 226, 217, 226},     // light lilac-white (phase -pi)
        {0.0625, 196, 206, 212},  // lilac-grey
        {0.125, 149, 181, 199},   // pale blue
        {0.1875, 114, 151, 193},  // light blue
        {0.25, 98, 118, 186},     // blue (-pi/2)
        {0.3125, 94, 81, 173},    // violet-blue
        {0.375, 89, 42, 143},     // indigo
        {0.4375, 69, 19, 92},     // deep purple
        {0.5, 47, 20, 54},        // dark purple-black (phase 0)
        {0.5625, 74, 19, 66},     // dark plum
        {0.625, 116, 30, 79},     // wine
        {0.6875, 152, 53, 80},    // crimson
        {0.75, 178, 86, 82},      // red (pi/2)
        {0.8125, 194, 124, 99},   // terracotta
        {0.875, 204, 163, 137},   // orange-salmon
        {0.9375, 216, 199, 190},  // pale peach
        {1.0, 226, 217, 226},     // the start again (phase pi)
    };
    return stops;
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
    static const std::array<Rgb, 256> twilight = buildLinear(twilightStops());
    switch (map) {
        case Colormap::Twilight:
            return twilight;
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
