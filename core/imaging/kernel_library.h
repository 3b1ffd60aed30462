#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/common/kernel.h"

namespace convscope::imaging {

/// One adjustable parameter of a kernel preset (size, sigma, angle, ...).
struct ParamSpec {
    std::string key;    ///< identifier used in ParamValues and on the command line ("size", "sigma", ...)
    std::string label;  ///< human-readable label ("Size", "σ")
    std::string unit;   ///< "px", "°", "" ...
    double minimum = 0.0;
    double maximum = 1.0;
    double step = 1.0;
    double defaultValue = 0.0;
    bool integer = false;  ///< only whole numbers are valid
    bool oddOnly = false;  ///< only odd whole numbers are valid (kernel sizes that need a centre)
};

/// A named kernel from the library.
struct PresetInfo {
    std::string name;         ///< "sobel-x", "gaussian-blur", ... (CLI and settings key)
    std::string title;        ///< "Sobel X"
    std::string description;  ///< one line: what the kernel responds to
    std::vector<ParamSpec> params;
    bool fromSeed = false;  ///< one of the five filters of the textbook's show_filter_effects
};

using ParamValues = std::map<std::string, double>;

/// Every preset, in display order: the seed's five first, then the others. Thread-safe.
/// Angles (gabor θ, motion-blur angle) are in degrees, counter-clockwise as seen on screen from the +x axis
/// (y pointing up), like the grating test pattern's. Kernels are not normalised unless stated (gabor and log
/// are raw samples; log is shifted to sum to exactly 0).
const std::vector<PresetInfo>& kernelPresets();

/// The preset with this name, or nullptr.
const PresetInfo* findPreset(const std::string& name);

/// Builds a preset's kernel. Parameters missing from `params` take their defaults.
/// Throws std::invalid_argument for an unknown name (the message lists the known ones), an unknown
/// parameter key, or a value outside its ParamSpec (the message states the valid range).
common::Kernel makeKernel(const std::string& name, const ParamValues& params = {});

}  // namespace convscope::imaging
