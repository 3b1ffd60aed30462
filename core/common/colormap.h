#pragma once

#include <array>
#include <cstdint>

namespace convscope::common {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
};

enum class Colormap {
    Gray,      ///< black to white
    CoolWarm,  ///< diverging: blue (negative) - light grey (zero) - red (positive); Moreland's cool-warm
    Viridis,   ///< sequential, perceptually uniform
    Twilight,  ///< cyclic, for phase (-pi..pi): light lilac - blue - dark purple - red - light lilac
};

/// 256-entry lookup table of a colormap. Index 0 is the low end; for CoolWarm index 127.5 is zero. Twilight
/// is cyclic: index 0 and index 255 are the same colour, so -pi and pi look alike.
/// The tables are built once, on first use, and may be read from any thread afterwards.
const std::array<Rgb, 256>& colormapTable(Colormap map);

}  // namespace convscope::common
