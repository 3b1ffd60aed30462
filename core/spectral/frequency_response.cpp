#include "core/spectral/frequency_response.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>

#include "core/spectral/aligned_array.h"
#include "core/spectral/real_fft2d.h"

namespace convscope::spectral {

namespace {

int wrap(int i, int n) {
    const int m = i % n;
    return m < 0 ? m + n : m;
}

void checkOptions(const common::Kernel& kernel, const ResponseOptions& o) {
    if (o.size < kMinResponseSize || o.size > kMaxResponseSize) {
        throw std::invalid_argument("The transform size must be from " + std::to_string(kMinResponseSize) +
                                    " to " + std::to_string(kMaxResponseSize) + " (got " +
                                    std::to_string(o.size) + ").");
    }
    if (kernel.rows() > o.size || kernel.cols() > o.size) {
        throw std::invalid_argument("The " + std::to_string(kernel.rows()) + "x" +
                                    std::to_string(kernel.cols()) + " kernel does not fit in a " +
                                    std::to_string(o.size) + "x" + std::to_string(o.size) +
                                    " transform; choose a size of at least " +
                                    std::to_string(std::max(kernel.rows(), kernel.cols())) + ".");
    }
}

}  // namespace

std::vector<double> FrequencyResponse::horizontalSlice() const {
    const int r = size / 2;
    return {magnitude.begin() + std::ptrdiff_t(r) * size, magnitude.begin() + std::ptrdiff_t(r + 1) * size};
}

std::vector<double> FrequencyResponse::verticalSlice() const {
    std::vector<double> v(static_cast<std::size_t>(size));
    for (int r = 0; r < size; ++r) v[std::size_t(r)] = magnitudeAt(r, size / 2);
    return v;
}

FrequencyResponse frequencyResponse(const common::Kernel& kernel, const ResponseOptions& options) {
    checkOptions(kernel, options);
    const int n = options.size;
    // Correlation's impulse response is the kernel rotated by 180° about its anchor.
    const bool flip = options.of == ResponseOf::Correlation;
    const common::Kernel k = flip ? kernel.flipped() : kernel;
    const int ar = flip ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow();
    const int ac = flip ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol();
    const bool anchored = options.origin == KernelOrigin::Anchor;

    AlignedArray<double> real(std::size_t(n) * n);
    std::fill(real.data(), real.data() + real.size(), 0.0);
    for (int i = 0; i < k.rows(); ++i)
        for (int j = 0; j < k.cols(); ++j) {
            const int r = anchored ? wrap(i - ar, n) : i;
            const int c = anchored ? wrap(j - ac, n) : j;
            real[std::size_t(r) * n + c] += k.at(i, j);
        }
    const RealFft2d<double> fft(n, n);
    const int half = fft.spectrumCols();
    AlignedArray<std::complex<double>> spectrum(std::size_t(n) * half);
    fft.forward(real.data(), spectrum.data());

    FrequencyResponse out;
    out.size = n;
    out.magnitude.resize(std::size_t(n) * n);
    out.phase.resize(std::size_t(n) * n);
    out.dcGain = kernel.sum();
    const int shift = n / 2;
    for (int r = 0; r < n; ++r) {
        const int u = wrap(r - shift, n);
        for (int c = 0; c < n; ++c) {
            const int v = wrap(c - shift, n);
            // The other half of a real signal's spectrum: X[u][v] = conj X[−u][−v].
            const std::complex<double> x =
                v < half ? spectrum[std::size_t(u) * half + v]
                         : std::conj(spectrum[std::size_t(wrap(-u, n)) * half + (n - v)]);
            const double mag = std::abs(x);
            out.magnitude[std::size_t(r) * n + c] = mag;
            out.phase[std::size_t(r) * n + c] = std::arg(x);
            if (mag > out.peakGain) {
                out.peakGain = mag;
                out.peakFx = FrequencyResponse::frequencyOf(c, n);
                out.peakFy = FrequencyResponse::frequencyOf(r, n);
            }
        }
    }
    return out;
}

double scaleValue(double magnitude, MagnitudeScale scale) {
    switch (scale) {
        case MagnitudeScale::Log1p:
            return std::log1p(magnitude);
        case MagnitudeScale::Decibel:
            return magnitude > 0.0 ? std::max(kDecibelFloor, 20.0 * std::log10(magnitude)) : kDecibelFloor;
        case MagnitudeScale::Linear:
        default:
            return magnitude;
    }
}

std::vector<double> scaledMagnitude(const FrequencyResponse& response, MagnitudeScale scale) {
    std::vector<double> out(response.magnitude.size());
    std::transform(response.magnitude.begin(), response.magnitude.end(), out.begin(),
                   [scale](double m) { return scaleValue(m, scale); });
    return out;
}

std::string toString(MagnitudeScale scale) {
    switch (scale) {
        case MagnitudeScale::Log1p:
            return "log";
        case MagnitudeScale::Decibel:
            return "db";
        case MagnitudeScale::Linear:
        default:
            return "linear";
    }
}

MagnitudeScale parseMagnitudeScale(const std::string& text) {
    if (text == "linear") return MagnitudeScale::Linear;
    if (text == "log") return MagnitudeScale::Log1p;
    if (text == "db") return MagnitudeScale::Decibel;
    throw std::invalid_argument("unknown magnitude scale '" + text + "' (choose linear, log or db)");
}

}  // namespace convscope::spectral
