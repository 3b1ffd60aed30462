#pragma once

#include <complex>
#include <cstddef>
#include <vector>

#include "core/spectral/plane_view.h"

namespace convscope::spectral {

/// Whole-image transforms hold their data in double precision; beyond this much memory they are refused.
constexpr std::size_t kMaxSpectralBytes = std::size_t(2) << 30;

/// Throws std::invalid_argument with a sentence ("The 12000x9000 image needs 5.2 GB for its spectrum, more
/// than the 2.0 GB allowed; use a smaller image or crop it.") when `bytesPerElement` x rows x cols exceeds
/// kMaxSpectralBytes. `what` names the computation ("spectrum", "convolution theorem").
void checkSpectralMemory(long long rows, long long cols, double bytesPerElement, const char* what);

struct SpectrumOptions {
    /// Multiply by a 2-D Hann window first: the DFT treats the image as periodic, and the jump between its
    /// opposite edges otherwise shows as a bright cross through the centre of the spectrum.
    bool hann = false;
};

/// ln(1 + |F|) of one image channel, centred (fftshift order: row r is f_y = (r − rows/2)/rows, column c is
/// f_x = (c − cols/2)/cols cycles per pixel), rows x cols values row-major. Double precision internally.
/// Throws std::invalid_argument for an empty plane. Callable from any thread.
std::vector<float> logMagnitudeSpectrum(const PlaneView<const float>& image,
                                        const SpectrumOptions& options = {});

/// w(n) = 0.5 − 0.5·cos(2πn/(N − 1)) for n = 0 … N − 1 (1 when N = 1).
std::vector<double> hannWindow(int n);

/// The full centred magnitude |X| (rows x cols) from the half spectrum of a real rows x cols signal
/// (rows x (cols/2 + 1), FFTW's layout), using X[u][v] = conj X[−u][−v] for the missing half. `map` is
/// applied to every magnitude (e.g. log1p).
template <typename Complex, typename Map>
std::vector<float> centredMagnitude(const Complex* half, int rows, int cols, Map&& map) {
    std::vector<float> out(std::size_t(rows) * cols);
    const int halfCols = cols / 2 + 1;
    for (int r = 0; r < rows; ++r) {
        const int u = ((r - rows / 2) % rows + rows) % rows;
        for (int c = 0; c < cols; ++c) {
            const int v = ((c - cols / 2) % cols + cols) % cols;
            const double m = v < halfCols
                                 ? std::abs(half[std::size_t(u) * halfCols + v])
                                 : std::abs(half[std::size_t((rows - u) % rows) * halfCols + (cols - v)]);
            out[std::size_t(r) * cols + c] = float(map(m));
        }
    }
    return out;
}

}  // namespace convscope::spectral
