#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace convscope::imaging {

/// Pixel values are rounded half away from zero. Coordinates of the periodic patterns are taken from the
/// middle of the pixel grid, c = ((width-1)/2, (height-1)/2), with y pointing UP so that angles turn
/// counter-clockwise on screen, the convention of the kernel library's oriented presets (gabor, motion-blur).
///   ZonePlate     127.5 (1 + cos(pi fmax r^2 / R)), r the distance from c, R = min(width, height) / 2: the
///                 local frequency fmax r / R grows linearly from 0 at c to fmax at r = R (the middle of the
///                 nearer edges for non-square images; the corners exceed fmax).
///   Checkerboard  0 and 255, black at (0, 0).
///   StepEdges     rows < height/2: `steps` vertical bands of grey 255 k / (steps-1), k = 0..steps-1 from
///                 left to right; the lower half is black. Vertical edges of height 255 / (steps-1) and a
///                 horizontal edge as high as each band's level.
///   Grating       127.5 (1 + cos(2 pi f (x cos a + y sin a))), f = frequency, a = angleDegrees; white at c.
///   WhiteNoise    the top byte of each draw of std::mt19937_64(seed), row by row.
enum class PatternKind {
    ZonePlate,     ///< circular chirp: local frequency grows linearly from 0 at the centre to maxFrequency at the
                   ///< middle of each edge; shows aliasing and a filter's frequency response at a glance
    Checkerboard,  ///< squares of cellSize pixels
    StepEdges,     ///< vertical bands of increasing grey (steps levels) plus a horizontal step: edges of known
                   ///< height and orientation
    Grating,       ///< sinusoid of `frequency` cycles/pixel along direction `angleDegrees` (0 = varies along x)
    Impulse,       ///< one white pixel at the centre on black: filtering it draws the (flipped) kernel
    WhiteNoise,    ///< independent uniform grey values, reproducible from `seed`
};

struct PatternParams {
    int width = 512;
    int height = 512;
    double frequency = 1.0 / 16.0;  ///< grating, cycles per pixel, (0, 0.5]
    double angleDegrees = 0.0;      ///< grating direction
    double maxFrequency = 0.5;      ///< zone plate, cycles per pixel at the edge midpoints, (0, 0.5]
    int cellSize = 32;              ///< checkerboard, pixels
    int steps = 4;                  ///< step edges, number of grey levels (2..32)
    std::uint64_t seed = 1;         ///< white noise
};

struct PatternInfo {
    PatternKind kind;
    std::string name;         ///< "zone-plate", "checkerboard", "step-edges", "grating", "impulse", "noise"
    std::string title;        ///< "Zone plate (chirp)"
    std::string description;  ///< one line
};

const std::vector<PatternInfo>& patternList();
/// Throws std::invalid_argument listing the known names.
PatternKind parsePatternKind(const std::string& name);

/// Generates a pattern as CV_8UC1. Throws std::invalid_argument for sizes outside 1..16384 or parameters
/// outside their documented ranges.
cv::Mat makePattern(PatternKind kind, const PatternParams& params);

}  // namespace convscope::imaging
