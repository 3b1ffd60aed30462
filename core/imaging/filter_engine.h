#pragma once

#include <opencv2/core/mat.hpp>

#include "core/common/job_control.h"
#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::imaging {

struct ValueRange {
    double min = 0.0;
    double max = 0.0;
};

/// The filtered values and, alongside, the picture a user sees.
struct FilterOutput {
    cv::Mat values;    ///< CV_32FC1 or CV_32FC3 (BGR), the exact filter result, in 0..255 input units
    ValueRange range;  ///< true min and max over all pixels and channels of `values`
    cv::Mat display;   ///< CV_8UC1, or CV_8UC3 in BGR order (colour input, or the diverging colormap)
};

/// Filters an 8-bit image (CV_8UC1, or CV_8UC3 in BGR order) and returns float values in the input's
/// units. Grayscale option: BGR is converted to 8-bit luminance (ITU-R BT.601 weights, cv::cvtColor) first.
/// Correlation: out(y,x) = sum K(i,j) I(y+i-ar, x+j-ac), (ar, ac) the kernel's anchor; convolution:
/// out(y,x) = sum K(i,j) I(y-i+ar, x-j+ac). Sums are in single precision: direct summation (cv::filter2D) or,
/// when options.method (or the cost model for Automatic) says so, FFTW in overlap-save tiles
/// (spectral::fftFilter), with a relative error of ~1e-6 of sum|K|*255. A region of a larger image is
/// filtered as an image of its own. Runs in parallel on OpenCV's thread pool; large result buffers are
/// recycled once the caller has released them (no page-fault cost on repeated calls).
/// Pure function; callable from any thread. Throws std::invalid_argument for an empty or unsupported image.
cv::Mat filterImage(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options);

/// Direct or Fft: the method filterImage and filterForDisplay use for `src` (FilterMethod::Automatic resolved
/// by the active cost model, for the channels left after the grayscale option). Cheap; any thread.
FilterMethod resolveFilterMethod(const cv::Mat& src, const common::Kernel& kernel,
                                 const FilterOptions& options);

/// Converts a filter result (CV_32FC1/3) into an 8-bit picture according to `display`, given its range.
/// In double precision, x = v (Clip), |v| (Absolute), v*0.5 + 128 (Offset); stretched: (v - min) *
/// (255 / (max - min)), |v| * (255 / s), v * (127.5 / s) + 127.5; Diverging: colormap index
/// v * (127.5 / s) + 127.5 into common::colormapTable(CoolWarm), written as BGR. s = max(|min|, |max|); a
/// zero denominator is replaced by 1. x is clamped to 0..255 and rounded half away from zero (NaN gives 0).
/// Diverging on a 3-channel result, or values that are not CV_32FC1/3, throw std::invalid_argument. `out` is
/// (re)allocated unless it already has the right size and type, so a caller may pass a cv::Mat that wraps its
/// own buffer (e.g. a QImage's, with its own row stride); it is then written in place.
void renderDisplay(const cv::Mat& values, const ValueRange& range, const DisplayOptions& display,
                   cv::Mat& out);

/// The panel's path: filtering, range and display in one pass over horizontal bands, run in parallel,
/// so each band is rendered while it is still in cache. Equal to filterImage + renderDisplay.
/// `display` may be pre-allocated by the caller (wrapping a QImage buffer) as in renderDisplay.
/// Checks control.isCancelled between groups of bands (a few milliseconds of work) and throws
/// common::Cancelled; both callbacks run on the calling thread. Diverging needs a single-channel result
/// (grayscale option or gray input), else std::invalid_argument before any work.
FilterOutput filterForDisplay(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options,
                              const DisplayOptions& display, const common::JobControl& control = {},
                              cv::Mat* displayTarget = nullptr);

}  // namespace convscope::imaging
