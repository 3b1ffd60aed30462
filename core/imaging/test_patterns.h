#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace convscope::imaging {

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
