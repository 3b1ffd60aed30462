#pragma once

#include <string>

#include "core/imaging/filter_options.h"

namespace convscope::imaging {

/// Predicted times of the two methods, calibrated on the machine.
///
/// Direct: t = t0 + P · (a + b · kernel elements). FFT: t = t1 + P · (c · log2(T) · T / V + d). P is pixels x
/// channels, T a tile's element count and V the output pixels a tile yields (spectral::fftTiling), so T / V
/// is the overlap-save overhead; d covers what scales with the pixels alone (reading the image, writing the
/// result), t0 and t1 the fixed cost of a call (threads, plans, the kernel's spectrum). Coefficients in
/// nanoseconds, fitted by calibrate() by least squares on timings of both methods at two image sizes.
struct FilterCostModel {
    double directFixed = 0.0;      ///< t0
    double directPerPixel = 0.05;  ///< a
    double directPerTap = 0.10;    ///< b
    double fftFixed = 1.5e6;       ///< t1 (1.5 ms)
    double fftPerPointLog = 0.14;  ///< c
    double fftPerPixel = 0.3;      ///< d
    bool calibrated = false;       ///< false: the defaults above (measured on the 2-core development VM)

    double predictDirectMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const;
    double predictFftMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const;
    /// Direct or Fft, whichever is predicted faster (Direct on a tie).
    FilterMethod choose(int rows, int cols, int channels, int kernelRows, int kernelCols) const;

    /// Times both methods on generated 512 x 384 and 2048 x 1536 grey images for a range of kernel sizes
    /// (about a second) and fits the coefficients. Runs on the calling thread.
    static FilterCostModel calibrate();

    /// key = value lines; `signature` must match on load (it names the machine and libraries, see
    /// machineSignature()), otherwise load returns false and the model is left alone.
    bool save(const std::string& path, std::string* error = nullptr) const;
    bool load(const std::string& path, std::string* error = nullptr);
    static std::string machineSignature();
};

/// The model used by FilterMethod::Automatic everywhere in the process (the Filters panel, the CLI, the
/// frequency panel's speed view). Thread-safe copies in and out.
FilterCostModel activeCostModel();
void setActiveCostModel(const FilterCostModel& model);

/// Loads the model from `directory`/filter-cost-model.txt, or calibrates and saves it there when it is
/// missing or was made on another machine; then makes it the active model. Returns a problem to report (an
/// unwritable directory), or empty. An empty directory calibrates without saving.
std::string loadOrCalibrateCostModel(const std::string& directory);

}  // namespace convscope::imaging
