#include "core/spectral/image_spectrum.h"

#include <cmath>
#include <complex>
#include <cstdio>
#include <stdexcept>

#include "core/spectral/aligned_array.h"
#include "core/spectral/real_fft2d.h"

namespace convscope::spectral {

std::vector<double> hannWindow(int n) {
    std::vector<double> w(std::size_t(std::max(0, n)), 1.0);
    if (n <= 1) return w;
    const double pi = 3.14159265358979323846;
    for (int i = 0; i < n; ++i) w[std::size_t(i)] = 0.5 - 0.5 * std::cos(2.0 * pi * i / (n - 1));
    return w;
}

void checkSpectralMemory(long long rows, long long cols, double bytesPerElement, const char* what) {
    const double bytes = double(rows) * double(cols) * bytesPerElement;
    if (bytes <= double(kMaxSpectralBytes)) return;
    char text[256];
    std::snprintf(
        text, sizeof text,
        "The %lldx%lld image needs %.1f GB for its %s, more than the %.1f GB allowed; use a smaller "
        "image or crop it.",
        cols, rows, bytes / 1e9, what, double(kMaxSpectralBytes) / 1e9);
    throw std::invalid_argument(text);
}

std::vector<float> logMagnitudeSpectrum(const PlaneView<const float>& image, const SpectrumOptions& options) {
    if (image.empty()) throw std::invalid_argument("cannot transform an empty image");
    checkSpectralMemory(image.rows, image.cols, 20.0, "spectrum");
    const int rows = image.rows, cols = image.cols;
    AlignedArray<double> real(std::size_t(rows) * cols);
    const std::vector<double> wy =
        options.hann ? hannWindow(rows) : std::vector<double>(std::size_t(rows), 1.0);
    const std::vector<double> wx =
        options.hann ? hannWindow(cols) : std::vector<double>(std::size_t(cols), 1.0);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            real[std::size_t(r) * cols + c] =
                double(image.at(r, c)) * wy[std::size_t(r)] * wx[std::size_t(c)];
    const RealFft2d<double> fft(rows, cols, fftThreadsFor(static_cast<long long>(rows) * cols));
    AlignedArray<std::complex<double>> spectrum(std::size_t(rows) * fft.spectrumCols());
    fft.forward(real.data(), spectrum.data());
    return centredMagnitude(spectrum.data(), rows, cols, [](double m) { return std::log1p(m); });
}

}  // namespace convscope::spectral
