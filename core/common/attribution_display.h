#pragma once

#include <vector>

#include "core/common/colormap.h"

namespace convscope::common {

/// How an attribution map is shown (the engine's maps are raw; these are the display choices the views and
/// `convscope-cli explain --png` apply, and say on screen).
struct AttributionDisplayOptions {
    bool relu = true;  ///< drop negative values first (Grad-CAM's convention: what speaks for the class)
    bool diverging =
        false;  ///< keep the sign: blue for negative, red for positive (CoolWarm), scaled by max |v|
    double opacity = 0.6;  ///< the colour's opacity where |value| is largest; it fades with |value|
};

/// A map ready for display: values in −1 … 1 (diverging) or 0 … 1, at the picture's size.
struct DisplayMap {
    std::vector<float> values;  ///< row-major, height x width
    int width = 0, height = 0;
    double scale =
        0.0;  ///< the raw value shown as 1 (max of the map, or of |map| when diverging); 0 for an empty map
    bool diverging = false;
};

/// Bilinear resizing with align_corners = false (torch.nn.functional.interpolate's and OpenCV's INTER_LINEAR
/// convention: pixel centres at half-integers, edges clamped).
std::vector<float> resizeBilinear(const std::vector<float>& source, int sourceHeight, int sourceWidth,
                                  int height, int width);

/// ReLU (when asked), scaling by the largest magnitude and upsampling to height x width.
DisplayMap prepareDisplayMap(const std::vector<float>& raw, int rawHeight, int rawWidth, int height,
                             int width, const AttributionDisplayOptions& options);

/// The colour of a display value: Viridis for 0 … 1, CoolWarm for −1 … 1.
Rgb displayColour(float value, bool diverging);

/// The map blended over a picture (`background`: height x width x channels, channels 1 or 3, values 0 … 1):
/// each pixel's colour at opacity × |value|, so the picture shows through where the map is weak. RGB bytes,
/// row-major.
std::vector<Rgb> blendOverlay(const std::vector<float>& background, int channels, const DisplayMap& map,
                              double opacity);

}  // namespace convscope::common

namespace convscope::common {

/// A picture of an attribution: the background enlarged `scale` times (each pixel a block, as the views
/// show it), the map upsampled bilinearly to the same size and blended over it.
struct OverlayPicture {
    std::vector<Rgb> pixels;  ///< row-major, height x width
    int width = 0, height = 0;
    DisplayMap map;
};

OverlayPicture renderOverlay(const std::vector<float>& background, int channels, int height, int width,
                             const std::vector<float>& raw, int rawHeight, int rawWidth,
                             const AttributionDisplayOptions& options, int scale);

}  // namespace convscope::common
