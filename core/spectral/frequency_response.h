#pragma once

#include <string>
#include <vector>

#include "core/common/kernel.h"

namespace convscope::spectral {

/// Where the kernel sits in the zero-padded N x N array before the transform.
enum class KernelOrigin {
    Anchor,  ///< the anchor element (the centre of odd kernels) at index (0, 0), the rest wrapped around: the
             ///< phase then shows only the kernel's own asymmetry (0 or π for symmetric kernels, ±π/2 for odd
             ///< ones such as Sobel)
    Corner,  ///< element (0, 0) at index (0, 0), as numpy.fft.fft2(kernel, s=(N, N)) in the seed: the phase
             ///< also carries the ramp of that shift
};

/// Which operation's response: convolution with the kernel (the DSP definition and the seed's), or
/// correlation with it (what the Filters panel computes by default and what CNN layers compute), whose
/// response is that of the kernel rotated by 180° about its anchor: the same magnitude, the phase negated.
enum class ResponseOf { Convolution, Correlation };

enum class MagnitudeScale {
    Linear,   ///< |H|
    Log1p,    ///< ln(1 + |H|), the seed's display
    Decibel,  ///< 20·log10 |H|, floored at kDecibelFloor
};

constexpr double kDecibelFloor = -120.0;
constexpr int kMinResponseSize = 16;
constexpr int kMaxResponseSize = 1024;

struct ResponseOptions {
    int size = 256;  ///< N: the transform is N x N (16 … 1024, any integer)
    KernelOrigin origin = KernelOrigin::Anchor;
    ResponseOf of = ResponseOf::Convolution;
};

/// A kernel's frequency response on an N x N grid, centred (numpy.fft.fftshift order): row r and column c
/// hold the frequency f_y = (r − N/2)/N, f_x = (c − N/2)/N cycles per pixel (N/2 rounded down), so the centre
/// is DC and the edges are ±0.5 (the Nyquist frequency). Rows run down the image, as image rows do; an angle
/// measured counter-clockwise on screen from +f_x is atan2(−f_y, f_x).
struct FrequencyResponse {
    int size = 0;
    std::vector<double> magnitude;  ///< |H|, size*size, row-major
    std::vector<double> phase;      ///< arg H in radians, (−π, π]
    double dcGain = 0.0;            ///< H at f = 0: the sum of the coefficients (real)
    double peakGain = 0.0;          ///< max |H|
    double peakFx = 0.0;            ///< where the peak is (the first one found scanning rows from the top)
    double peakFy = 0.0;

    static double frequencyOf(int index, int size) { return double(index - size / 2) / size; }
    double magnitudeAt(int row, int col) const { return magnitude[std::size_t(row) * size + col]; }
    double phaseAt(int row, int col) const { return phase[std::size_t(row) * size + col]; }
    /// The row through f_y = 0 (f_x from −0.5 to 0.5) and the column through f_x = 0.
    std::vector<double> horizontalSlice() const;
    std::vector<double> verticalSlice() const;
};

/// The response of `kernel` zero-padded to N x N. Throws std::invalid_argument when N is outside
/// kMinResponseSize…kMaxResponseSize or the kernel does not fit in N x N. Double precision; plans cached.
/// Callable from any thread.
FrequencyResponse frequencyResponse(const common::Kernel& kernel, const ResponseOptions& options = {});

/// The magnitude on `scale` (same layout as FrequencyResponse::magnitude).
std::vector<double> scaledMagnitude(const FrequencyResponse& response, MagnitudeScale scale);
double scaleValue(double magnitude, MagnitudeScale scale);

/// "linear", "log", "db" and back (parse throws std::invalid_argument naming the choices).
std::string toString(MagnitudeScale scale);
MagnitudeScale parseMagnitudeScale(const std::string& text);

}  // namespace convscope::spectral
