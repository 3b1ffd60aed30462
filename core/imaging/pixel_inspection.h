#pragma once

#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::imaging {

/// How one output value is made: the input neighbourhood under the kernel, the element-wise products and
/// their sum. Arrays are kernel-sized, row-major, in the orientation in which they are multiplied
/// (for convolution `weights` holds the flipped kernel, exactly as applied).
struct PixelInspection {
    int x = 0;        ///< output pixel column
    int y = 0;        ///< output pixel row
    int channel = 0;  ///< 0..2 (B, G, R) for colour results, 0 for single-channel ones
    int rows = 0;
    int cols = 0;
    std::vector<double> inputs;    ///< input value read at each kernel position (after the border rule)
    std::vector<int> sourceX;      ///< image column each input came from (after the border rule)
    std::vector<int> sourceY;      ///< image row each input came from; -1/-1 when the zero border supplied 0
    std::vector<bool> outside;     ///< true where the position lies outside the image (border rule applied)
    std::vector<double> weights;   ///< kernel coefficient applied at each position
    std::vector<double> products;  ///< inputs[i] * weights[i]
    double sum = 0.0;              ///< sum of products: the output value
};

/// Explains output pixel (x, y) of filterImage(src, kernel, options) for one channel. `src` as for
/// filterImage. Throws std::out_of_range when (x, y) or the channel is outside the result.
PixelInspection inspectPixel(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options,
                             int x, int y, int channel = 0);

}  // namespace convscope::imaging
