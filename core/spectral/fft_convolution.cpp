#include "core/spectral/fft_convolution.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/spectral/aligned_array.h"
#include "core/spectral/parallel_tasks.h"
#include "core/spectral/real_fft2d.h"

namespace convscope::spectral {

namespace {

using Complex = std::complex<float>;

// An even fast size: r2c transforms are quicker when the last dimension is even.
int fastEvenSize(int n) {
    int m = fastFftSize(std::max(2, n));
    while (m % 2) m = fastFftSize(m + 1);
    return m;
}

// Tiles of about 4.5 kernel sizes (at least 256) keep the halo overhead of overlap-save small while the
// transform stays in cache; a tile is never larger than the whole padded image needs.
int tileSize(int kernel, int imageSide) {
    const int wanted = fastEvenSize(std::max(256, int(std::ceil(4.5 * kernel))));
    const int whole = fastEvenSize(imageSide + kernel - 1);
    return std::min(wanted, whole);
}

struct Job {
    int rows, cols;  // image
    int kh, kw;      // applied kernel
    int top, left;   // how far the kernel reaches up / left of the output pixel
    Border border;
    FftTiling tiling;
    std::vector<int> colSource;  // source column (or −1) for every padded column a tile may read
    int colOffset = 0;           // padded column index of colSource[0]
};

template <typename In>
void checkPlanes(const PlaneView<const In>& src, const PlaneView<float>& dst) {
    if (src.empty()) throw std::invalid_argument("cannot filter an empty image");
    if (dst.empty() || dst.rows != src.rows || dst.cols != src.cols) {
        throw std::invalid_argument("the output plane must have the input's size");
    }
}

template <typename In>
void filterPlane(const PlaneView<const In>& src, const common::Kernel& kernel,
                 const FftFilterOptions& options, const PlaneView<float>& dst,
                 const common::JobControl& control) {
    checkPlanes(src, dst);
    const bool convolve = options.convolve;
    const common::Kernel k = convolve ? kernel.flipped() : kernel;
    Job job;
    job.rows = src.rows;
    job.cols = src.cols;
    job.kh = k.rows();
    job.kw = k.cols();
    // Convolution is correlation with the flipped kernel, whose anchor is the mirrored element.
    job.top = convolve ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow();
    job.left = convolve ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol();
    job.border = options.border;
    job.tiling = fftTiling(src.rows, src.cols, job.kh, job.kw);
    const FftTiling& t = job.tiling;

    // Column sources for every padded column any tile reads: padded column p holds image column p − left.
    job.colOffset = -job.left;
    const int paddedCols = t.tilesAcross * t.validCols + t.tileCols;
    job.colSource.resize(std::size_t(paddedCols));
    for (int p = 0; p < paddedCols; ++p)
        job.colSource[std::size_t(p)] = borderIndex(p + job.colOffset, src.cols, job.border);

    // The kernel's spectrum at tile size, conjugated (correlation) and scaled by 1/(rows·cols) so that the
    // inverse transform comes out normalised.
    const RealFft2d<float> fft(t.tileRows, t.tileCols);
    const int half = fft.spectrumCols();
    const std::size_t realSize = std::size_t(t.tileRows) * t.tileCols;
    const std::size_t specSize = std::size_t(t.tileRows) * half;
    AlignedArray<Complex> kernelSpectrum(specSize);
    {
        AlignedArray<float> kr(realSize);
        std::fill(kr.data(), kr.data() + realSize, 0.0f);
        for (int i = 0; i < job.kh; ++i)
            for (int j = 0; j < job.kw; ++j) kr[std::size_t(i) * t.tileCols + j] = float(k.at(i, j));
        fft.forward(kr.data(), kernelSpectrum.data());
        const float scale = 1.0f / float(realSize);
        for (std::size_t i = 0; i < specSize; ++i) kernelSpectrum[i] = std::conj(kernelSpectrum[i]) * scale;
    }

    const int workers =
        options.threads > 0 ? options.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    const int tiles = t.tilesDown * t.tilesAcross;
    const int used = std::max(1, std::min(workers, tiles));
    std::vector<AlignedArray<float>> reals;
    std::vector<AlignedArray<Complex>> spectra;
    for (int w = 0; w < used; ++w) {
        reals.emplace_back(realSize);
        spectra.emplace_back(specSize);
    }

    detail::runTasks(tiles, used, control, [&](int index, int worker) {
        float* real = reals[std::size_t(worker)].data();
        Complex* spectrum = spectra[std::size_t(worker)].data();
        const int ty = index / t.tilesAcross, tx = index % t.tilesAcross;
        const int y0 = ty * t.validRows, x0 = tx * t.validCols;  // first output pixel of the tile
        const int* cols = job.colSource.data() + x0;  // padded column x0 reads image column x0 − left
        for (int r = 0; r < t.tileRows; ++r) {
            float* line = real + std::size_t(r) * t.tileCols;
            const int sr = borderIndex(y0 - job.top + r, job.rows, job.border);
            if (sr < 0) {
                std::fill(line, line + t.tileCols, 0.0f);
                continue;
            }
            const In* row = src.data + std::ptrdiff_t(sr) * src.rowStride;
            for (int c = 0; c < t.tileCols; ++c) {
                const int sc = cols[c];
                line[c] = sc < 0 ? 0.0f : float(row[std::ptrdiff_t(sc) * src.colStride]);
            }
        }
        fft.forward(real, spectrum);
        const Complex* ks = kernelSpectrum.data();
        for (std::size_t i = 0; i < specSize; ++i) spectrum[i] *= ks[i];
        fft.inverse(spectrum, real);
        const int outRows = std::min(t.validRows, job.rows - y0);
        const int outCols = std::min(t.validCols, job.cols - x0);
        for (int r = 0; r < outRows; ++r) {
            const float* line = real + std::size_t(r) * t.tileCols;
            float* out =
                dst.data + std::ptrdiff_t(y0 + r) * dst.rowStride + std::ptrdiff_t(x0) * dst.colStride;
            if (dst.colStride == 1) {
                std::copy(line, line + outCols, out);
            } else {
                for (int c = 0; c < outCols; ++c) out[std::ptrdiff_t(c) * dst.colStride] = line[c];
            }
        }
    });
}

}  // namespace

FftTiling fftTiling(int rows, int cols, int kernelRows, int kernelCols) {
    FftTiling t;
    t.tileRows = tileSize(kernelRows, rows);
    t.tileCols = tileSize(kernelCols, cols);
    t.validRows = t.tileRows - kernelRows + 1;
    t.validCols = t.tileCols - kernelCols + 1;
    t.tilesDown = (rows + t.validRows - 1) / t.validRows;
    t.tilesAcross = (cols + t.validCols - 1) / t.validCols;
    return t;
}

void fftFilter(const PlaneView<const std::uint8_t>& src, const common::Kernel& kernel,
               const FftFilterOptions& options, const PlaneView<float>& dst,
               const common::JobControl& control) {
    filterPlane(src, kernel, options, dst, control);
}

void fftFilter(const PlaneView<const float>& src, const common::Kernel& kernel,
               const FftFilterOptions& options, const PlaneView<float>& dst,
               const common::JobControl& control) {
    filterPlane(src, kernel, options, dst, control);
}

}  // namespace convscope::spectral
