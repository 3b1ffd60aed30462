#pragma once

#include <string>

#include "core/imaging/filter_options.h"

namespace convscope::imaging {

/// The coefficients of FilterCostModel for one kind of image (grey or colour), in nanoseconds.
struct CostCoefficients {
    double directFixed = 0.0;      ///< t0
    double directPerPixel = 0.05;  ///< a
    double directPerTap = 0.10;    ///< b
    double fftFixed = 1.5e6;       ///< t1
    double fftPerPointLog = 0.14;  ///< c
    double fftPerPixel = 0.3;      ///< d
};

/// Predicted times of the two methods, calibrated on the machine.
///
/// Direct: t = t0 + P · (a + b · kernel elements). FFT: t = t1 + P · (c · log2(T) · T / V + d). P is the
/// pixel count, T a tile's element count and V the output pixels a tile yields (spectral::fftTiling), so T /
/// V is the overlap-save overhead; d covers what scales with the pixels alone (reading the image, writing the
/// result), t0 and t1 the fixed cost of a call (threads, plans, the kernel's spectrum). Grey and colour
/// images have coefficients of their own: direct summation handles three interleaved channels in one pass
/// (about twice a grey image's time) while the FFT transforms each channel (three times). Coefficients in
/// nanoseconds, fitted by calibrate() by least squares on timings of both methods at two image sizes.
struct FilterCostModel {
    CostCoefficients gray;
    CostCoefficients colour{0.0, 0.1, 0.2, 4.5e6, 0.42, 0.9};
    bool calibrated = false;  ///< false: the defaults (measured on the 2-core development VM)

    /// `gray` for one channel, `colour` otherwise.
    const CostCoefficients& forChannels(int channels) const { return channels >= 3 ? colour : gray; }
    double predictDirectMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const;
    double predictFftMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const;
    /// Direct or Fft, whichever is predicted faster (Direct on a tie).
    FilterMethod choose(int rows, int cols, int channels, int kernelRows, int kernelCols) const;

    /// Times both methods on generated 512 x 384 and 1536 x 1152 images, grey and colour, for a range of
    /// kernel sizes (one to two seconds) and fits the coefficients. Runs on the calling thread.
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
/// missing or was made on another machine; then makes it the active model. A file that cannot be read back
/// (damaged, truncated) is set aside as filter-cost-model.txt.corrupt-<time> first (common::CorruptFile).
/// Returns a problem to report (an unwritable directory, the file set aside), or empty. An empty directory
/// calibrates without saving.
std::string loadOrCalibrateCostModel(const std::string& directory);

}  // namespace convscope::imaging
