#pragma once

#include <string>

#include <opencv2/core/mat.hpp>

#include "core/nn/models/feature_maps.h"

namespace convscope::cli {

/// One tap's channels as a labelled grid (BGR): up to `maxChannels` channels in a near-square grid, each
/// scaled to its own range through the viridis colormap and enlarged so that even 1x1 maps are legible, with
/// a title strip ("layer1.0 · 64 x 56 x 56 · …") and each channel's index under it.
cv::Mat featureGridImage(const nn::TapActivation& tap, int maxChannels = 64);

}  // namespace convscope::cli
