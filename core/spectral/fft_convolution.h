#pragma once

#include <cstdint>

#include "core/common/job_control.h"
#include "core/common/kernel.h"
#include "core/spectral/plane_view.h"
#include "core/spectral/spectral_border.h"

namespace convscope::spectral {

struct FftFilterOptions {
    bool convolve = false;  ///< false: correlation, as the Filters panel's default (and CNN layers)
    Border border = Border::Reflect101;
    int threads = 0;  ///< worker threads; 0 = the hardware's concurrency
};

/// The transform tiles fftFilter uses for a kernel of `kernelRows` x `kernelCols` on an image of `rows` x
/// `cols`: each tile is transformed at tileRows x tileCols and yields (tile − kernel + 1) output
/// rows/columns.
struct FftTiling {
    int tileRows = 0;
    int tileCols = 0;
    int validRows = 0;
    int validCols = 0;
    int tilesDown = 0;
    int tilesAcross = 0;
};
FftTiling fftTiling(int rows, int cols, int kernelRows, int kernelCols);

/// Linear filtering through the FFT, equal to the spatial definition (imaging::filterImage) for the same
/// kernel, mode and border, to float rounding:
///   correlate: out(y, x) = Σ K(i, j) · I(y + i − ar, x + j − ac), convolve: the kernel rotated by 180°
///   first,
/// with (ar, ac) the kernel's anchor and I extended by `border`. The image is padded by the border rule first
/// (so nothing wraps around) and processed in overlap-save tiles (fftTiling) on a few threads, each tile a
/// single-precision r2c transform, a product with the kernel's conjugate spectrum and an inverse transform.
/// `src` and `dst` have the same size; they must not overlap. Progress counts tiles; cancellation is checked
/// between tiles (common::Cancelled). Throws std::invalid_argument for empty or mismatched planes.
void fftFilter(const PlaneView<const std::uint8_t>& src, const common::Kernel& kernel,
               const FftFilterOptions& options, const PlaneView<float>& dst,
               const common::JobControl& control = {});
void fftFilter(const PlaneView<const float>& src, const common::Kernel& kernel,
               const FftFilterOptions& options, const PlaneView<float>& dst,
               const common::JobControl& control = {});

}  // namespace convscope::spectral
