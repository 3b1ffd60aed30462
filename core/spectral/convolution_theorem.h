#pragma once

#include <vector>

#include "core/common/job_control.h"
#include "core/common/kernel.h"
#include "core/spectral/fft_convolution.h"
#include "core/spectral/plane_view.h"

namespace convscope::spectral {

/// The convolution theorem on one image, every stage kept for display: the image (padded by the border
/// rule) transformed whole, its spectrum multiplied by the kernel's, and transformed back.
struct TheoremStages {
    int rows = 0, cols = 0;                    ///< the image
    int transformRows = 0, transformCols = 0;  ///< the transform: the padded image rounded up to a fast size,
                                               ///< or the image itself when circular
    bool circular = false;
    std::vector<float> imageSpectrum;    ///< ln(1 + |F|), centred, transformRows x transformCols
    std::vector<float> kernelResponse;   ///< |H| at the transform size, centred
    std::vector<float> productSpectrum;  ///< ln(1 + |F·H|), centred
    std::vector<float> result;           ///< the inverse transform cropped to the image, rows x cols
};

/// Filters `image` as fftFilter does but with one transform of the whole (padded) image, in double precision,
/// keeping every stage. With `circular` the image is not padded: the transform is image-sized, the kernel is
/// wrapped around with its anchor at the origin, and the product gives the circular (periodic) result, whose
/// border differs from the chosen border rule by wrap-around unless the border is Wrap. Throws
/// std::invalid_argument for an empty image. Progress: 0 … 4 (each transform and the product).
TheoremStages convolutionTheorem(const PlaneView<const float>& image, const common::Kernel& kernel,
                                 const FftFilterOptions& options, bool circular,
                                 const common::JobControl& control = {});

}  // namespace convscope::spectral
