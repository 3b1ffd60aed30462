#include "core/spectral/convolution_theorem.h"

#include <cmath>
#include <complex>
#include <stdexcept>

#include "core/spectral/aligned_array.h"
#include "core/spectral/image_spectrum.h"
#include "core/spectral/real_fft2d.h"

namespace convscope::spectral {

namespace {
int wrap(int i, int n) {
    const int m = i % n;
    return m < 0 ? m + n : m;
}
void step(const common::JobControl& control, int done) {
    control.progress(done, 4);
    if (control.cancelled()) throw common::Cancelled{};
}
}  // namespace

TheoremStages convolutionTheorem(const PlaneView<const float>& image, const common::Kernel& kernel,
                                 const FftFilterOptions& options, bool circular,
                                 const common::JobControl& control) {
    if (image.empty()) throw std::invalid_argument("cannot transform an empty image");
    const bool convolve = options.convolve;
    const common::Kernel k = convolve ? kernel.flipped() : kernel;
    const int top = convolve ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow();
    const int left = convolve ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol();

    TheoremStages s;
    s.rows = image.rows;
    s.cols = image.cols;
    s.circular = circular;
    s.transformRows = circular ? image.rows : fastFftSize(image.rows + k.rows() - 1);
    s.transformCols = circular ? image.cols : fastFftSize(image.cols + k.cols() - 1);
    const int tr = s.transformRows, tc = s.transformCols;
    // Two real arrays, two half spectra and three float maps per transform element, plus the result.
    checkSpectralMemory(tr, tc, 48.0, "convolution theorem");
    const std::size_t realSize = std::size_t(tr) * tc;

    // The image: padded by the border rule and shifted by (top, left), so that correlating with the kernel at
    // the origin lands output (y, x) at index (y, x); circular: the image as it is.
    AlignedArray<double> real(realSize);
    std::fill(real.data(), real.data() + realSize, 0.0);
    const int usedRows = circular ? image.rows : image.rows + k.rows() - 1;
    const int usedCols = circular ? image.cols : image.cols + k.cols() - 1;
    for (int r = 0; r < usedRows; ++r) {
        const int sr = circular ? r : borderIndex(r - top, image.rows, options.border);
        if (sr < 0) continue;
        for (int c = 0; c < usedCols; ++c) {
            const int sc = circular ? c : borderIndex(c - left, image.cols, options.border);
            if (sc >= 0) real[std::size_t(r) * tc + c] = image.at(sr, sc);
        }
    }
    // The kernel: at the origin (linear), or with its anchor at the origin, wrapped (circular).
    AlignedArray<double> kernelReal(realSize);
    std::fill(kernelReal.data(), kernelReal.data() + realSize, 0.0);
    for (int i = 0; i < k.rows(); ++i)
        for (int j = 0; j < k.cols(); ++j) {
            const int r = circular ? wrap(i - top, tr) : i;
            const int c = circular ? wrap(j - left, tc) : j;
            kernelReal[std::size_t(r) * tc + c] += k.at(i, j);
        }

    const RealFft2d<double> fft(tr, tc, fftThreadsFor(static_cast<long long>(realSize)));
    const std::size_t specSize = std::size_t(tr) * fft.spectrumCols();
    AlignedArray<std::complex<double>> f(specSize), h(specSize);
    fft.forward(real.data(), f.data());
    step(control, 1);
    fft.forward(kernelReal.data(), h.data());
    step(control, 2);
    s.imageSpectrum = centredMagnitude(f.data(), tr, tc, [](double m) { return std::log1p(m); });
    s.kernelResponse = centredMagnitude(h.data(), tr, tc, [](double m) { return m; });
    // Correlation theorem: corr(I, K) ↔ F · conj(H).
    for (std::size_t i = 0; i < specSize; ++i) f[i] *= std::conj(h[i]);
    s.productSpectrum = centredMagnitude(f.data(), tr, tc, [](double m) { return std::log1p(m); });
    step(control, 3);
    fft.inverse(f.data(), real.data());
    const double scale = 1.0 / double(realSize);
    s.result.resize(std::size_t(s.rows) * s.cols);
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c)
            s.result[std::size_t(r) * s.cols + c] = float(real[std::size_t(r) * tc + c] * scale);
    step(control, 4);
    return s;
}

}  // namespace convscope::spectral
