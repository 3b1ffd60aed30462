#include "core/imaging/filter_engine.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/imaging/buffer_pool.h"
#include "core/imaging/display_renderer.h"
#include "core/imaging/filter_cost_model.h"
#include "core/imaging/parallel_bands.h"
#include "core/spectral/fft_convolution.h"

namespace convscope::imaging {

namespace {

// Rows per band for direct summation: a band's float result (width x channels x 4 bytes x rows, 1.5 MB for
// a 4000-pixel-wide colour image) is still in cache when it is measured and rendered. 8 to 128 rows
// measured within noise of each other.
constexpr int kDirectBandRows = 32;

void checkSource(const cv::Mat& src) {
    if (src.empty()) throw std::invalid_argument("cannot filter an empty image");
    if (src.type() != CV_8UC1 && src.type() != CV_8UC3) {
        throw std::invalid_argument("filtering needs an 8-bit grey or 8-bit BGR image, got OpenCV type " +
                                    cv::typeToString(src.type()));
    }
}

// The image the kernel slides over. Grayscale conversion happens before filtering (BT.601 weights, rounded
// to 8 bits by OpenCV). A region of a bigger image is re-wrapped in a header of its own: filter2D would
// otherwise read the pixels around the region instead of applying the border rule.
cv::Mat workingSource(const cv::Mat& src, const FilterOptions& options) {
    checkSource(src);
    if (options.grayscale && src.channels() == 3) {
        cv::Mat gray = BufferPool::instance().acquire(src.rows, src.cols, CV_8UC1);
        cv::cvtColor(src, gray, cv::COLOR_BGR2GRAY);
        return gray;
    }
    return cv::Mat(src.rows, src.cols, src.type(), src.data, src.step);
}

int cvBorder(BorderMode border) {
    switch (border) {
        case BorderMode::Zero:
            return cv::BORDER_CONSTANT;
        case BorderMode::Replicate:
            return cv::BORDER_REPLICATE;
        case BorderMode::Wrap:
            return cv::BORDER_WRAP;
        case BorderMode::Reflect101:
        default:
            return cv::BORDER_REFLECT_101;
    }
}

// Everything about one filtering job that does not depend on the band.
struct Plan {
    cv::Mat kernel;                                // CV_32F, already flipped for convolution
    cv::Point anchor;                              // (x, y) in `kernel`
    int top = 0, bottom = 0, left = 0, right = 0;  // how far the kernel reaches from the output pixel
    int border = cv::BORDER_REFLECT_101;
    bool wrap = false;
    int bandRows = kDirectBandRows;
};

Plan makePlan(const common::Kernel& kernel, const FilterOptions& options, int imageRows) {
    Plan plan;
    const bool convolve = options.mode == CorrelationMode::Convolve;
    const common::Kernel applied = convolve ? kernel.flipped() : kernel;
    // Convolution is correlation with the flipped kernel; flipping moves the anchor to the mirrored element
    // (the same one for odd sizes).
    const int ar = convolve ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow();
    const int ac = convolve ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol();
    plan.kernel.create(applied.rows(), applied.cols(), CV_32F);
    for (int r = 0; r < applied.rows(); ++r)
        for (int c = 0; c < applied.cols(); ++c)
            plan.kernel.at<float>(r, c) = static_cast<float>(applied.at(r, c));
    plan.anchor = cv::Point(ac, ar);
    plan.top = ar;
    plan.bottom = applied.rows() - 1 - ar;
    plan.left = ac;
    plan.right = applied.cols() - 1 - ac;
    plan.wrap = options.border == BorderMode::Wrap;
    // cv::filter2D has no wrap mode: the engine pads periodically itself and lets filter2D read the padding.
    plan.border = plan.wrap ? cv::BORDER_CONSTANT : cvBorder(options.border);
    plan.bandRows = std::min(kDirectBandRows, imageRows);
    return plan;
}

// Filters row bands of one image into a float result by direct summation. The band split depends only on
// the image and the kernel, so every caller gets bit-identical values.
class BandFilter {
public:
    /// `filtering` false: only the band split is used (the FFT path filters the whole image itself), so the
    /// wrap border's padded copy is not made.
    BandFilter(const cv::Mat& src, const Plan& plan, bool filtering = true) : m_src(src), m_plan(plan) {
        const int rows = src.rows;
        m_bandCount = (rows + plan.bandRows - 1) / plan.bandRows;
        if (plan.wrap && filtering) {
            m_padded = BufferPool::instance().acquire(rows + plan.top + plan.bottom,
                                                      src.cols + plan.left + plan.right, src.type());
            // copyMakeBorder's wrap is periodic for any padding width (it maps every index modulo the size),
            // so this also holds when the kernel is larger than the image.
            cv::copyMakeBorder(src, m_padded, plan.top, plan.bottom, plan.left, plan.right, cv::BORDER_WRAP);
        }
    }

    int bandCount() const { return m_bandCount; }
    int bandBegin(int band) const { return band * m_plan.bandRows; }
    int bandEnd(int band) const { return std::min(m_src.rows, (band + 1) * m_plan.bandRows); }
    cv::Rect bandRect(int band) const {
        return {0, bandBegin(band), m_src.cols, bandEnd(band) - bandBegin(band)};
    }

    /// Writes rows [bandBegin, bandEnd) of the result into the same rows of `values` (CV_32FCn, image size).
    void filterBand(int band, cv::Mat& values) const {
        const int y0 = bandBegin(band), y1 = bandEnd(band);
        cv::Mat target = values.rowRange(y0, y1);
        // Direct summation on a region: without BORDER_ISOLATED filter2D reads the rows above and below the
        // band from the parent image and applies the border rule only at the parent's edges. (filter2D
        // switches to a DFT of its own only for a whole image, i.e. a single band, with 50 or more kernel
        // elements: the same values to float rounding.)
        const cv::Mat source = m_plan.wrap
                                   ? m_padded(cv::Rect(m_plan.left, m_plan.top + y0, m_src.cols, y1 - y0))
                                   : m_src.rowRange(y0, y1);
        cv::filter2D(source, target, CV_32F, m_plan.kernel, m_plan.anchor, 0, m_plan.border);
    }

private:
    cv::Mat m_src;
    Plan m_plan;
    cv::Mat m_padded;
    int m_bandCount = 0;
};

spectral::Border spectralBorder(BorderMode border) {
    switch (border) {
        case BorderMode::Zero:
            return spectral::Border::Zero;
        case BorderMode::Replicate:
            return spectral::Border::Replicate;
        case BorderMode::Wrap:
            return spectral::Border::Wrap;
        case BorderMode::Reflect101:
        default:
            return spectral::Border::Reflect101;
    }
}

FilterMethod methodFor(int rows, int cols, int channels, const common::Kernel& kernel,
                       const FilterOptions& options) {
    if (options.method != FilterMethod::Automatic) return options.method;
    return activeCostModel().choose(rows, cols, channels, kernel.rows(), kernel.cols());
}

bool useFft(const cv::Mat& source, const common::Kernel& kernel, const FilterOptions& options) {
    return methodFor(source.rows, source.cols, source.channels(), kernel, options) == FilterMethod::Fft;
}

// The whole float result through spectral::fftFilter, one channel at a time straight from the interleaved
// 8-bit pixels into the interleaved float result. Progress counts tiles over all channels.
void fftFilterInto(const cv::Mat& source, const common::Kernel& kernel, const FilterOptions& options,
                   cv::Mat& values, const common::JobControl& control, int progressBase, int progressTotal) {
    const int channels = source.channels();
    spectral::FftFilterOptions o;
    o.convolve = options.mode == CorrelationMode::Convolve;
    o.border = spectralBorder(options.border);
    for (int ch = 0; ch < channels; ++ch) {
        const spectral::PlaneView<const std::uint8_t> src{source.ptr<std::uint8_t>() + ch, source.rows,
                                                          source.cols, std::ptrdiff_t(source.step1()),
                                                          channels};
        const spectral::PlaneView<float> dst{values.ptr<float>() + ch, values.rows, values.cols,
                                             std::ptrdiff_t(values.step1()), channels};
        common::JobControl perChannel;
        perChannel.isCancelled = control.isCancelled;
        if (control.onProgress) {
            perChannel.onProgress = [&, ch](int done, int total) {
                control.progress(progressBase + (progressTotal * (ch * total + done)) / (channels * total),
                                 progressBase + progressTotal);
            };
        }
        spectral::fftFilter(src, kernel, o, dst, perChannel);
    }
}

}  // namespace

FilterMethod resolveFilterMethod(const cv::Mat& src, const common::Kernel& kernel,
                                 const FilterOptions& options) {
    const int channels = options.grayscale ? 1 : src.channels();
    return methodFor(src.rows, src.cols, channels, kernel, options);
}

cv::Mat filterImage(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options) {
    const cv::Mat source = workingSource(src, options);
    cv::Mat values =
        BufferPool::instance().acquire(source.rows, source.cols, CV_MAKETYPE(CV_32F, source.channels()));
    if (useFft(source, kernel, options)) {
        fftFilterInto(source, kernel, options, values, {}, 0, 1);
        return values;
    }
    const BandFilter filter(source, makePlan(kernel, options, source.rows));
    runBands(filter.bandCount(), {}, [&](int band) { filter.filterBand(band, values); });
    return values;
}

void renderDisplay(const cv::Mat& values, const ValueRange& range, const DisplayOptions& display,
                   cv::Mat& out) {
    const DisplayRenderer renderer(values, display);
    renderer.prepare(values.size(), out);
    renderer.render(values, range, out);
}

FilterOutput filterForDisplay(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options,
                              const DisplayOptions& display, const common::JobControl& control,
                              cv::Mat* displayTarget) {
    const cv::Mat source = workingSource(src, options);
    FilterOutput output;
    output.values =
        BufferPool::instance().acquire(source.rows, source.cols, CV_MAKETYPE(CV_32F, source.channels()));
    const DisplayRenderer renderer(output.values, display);  // validates before any work is done
    if (!displayTarget)
        output.display = BufferPool::instance().acquire(source.rows, source.cols, renderer.outputType());
    cv::Mat& picture = displayTarget ? *displayTarget : output.display;
    renderer.prepare(source.size(), picture);

    // One pass filters, measures and (when the mapping needs no global range) renders each band while it is
    // in cache; stretched and diverging displays render in a second pass once the range is known. The FFT
    // path filters the whole image first (its tiles do not follow the bands), then measures and renders.
    const bool fft = useFft(source, kernel, options);
    const BandFilter filter(source, makePlan(kernel, options, source.rows), !fft);
    const int bands = filter.bandCount();
    std::vector<ValueRange> bandRanges(static_cast<size_t>(bands));
    const bool twoPass = renderer.needsRange();
    const int fftSteps = fft ? bands : 0;
    const int progressTotal = fftSteps + (twoPass ? 2 * bands : bands);
    if (fft) fftFilterInto(source, kernel, options, output.values, control, 0, fftSteps);
    runBands(
        bands, control,
        [&](int band) {
            if (!fft) filter.filterBand(band, output.values);
            const cv::Rect rows = filter.bandRect(band);
            cv::Mat valuesBand = output.values(rows);
            if (twoPass) {
                bandRanges[static_cast<size_t>(band)] = DisplayRenderer::measure(valuesBand);
            } else {
                cv::Mat pictureBand = picture(rows);
                bandRanges[static_cast<size_t>(band)] = renderer.renderMeasuring(valuesBand, pictureBand);
            }
        },
        fftSteps, progressTotal);
    output.range = bandRanges.front();
    for (const ValueRange& r : bandRanges) {
        output.range.min = std::min(output.range.min, r.min);
        output.range.max = std::max(output.range.max, r.max);
    }
    if (twoPass) {
        runBands(
            bands, control,
            [&](int band) {
                const cv::Rect rows = filter.bandRect(band);
                cv::Mat pictureBand = picture(rows);
                renderer.render(output.values(rows), output.range, pictureBand);
            },
            fftSteps + bands, progressTotal);
    }
    if (displayTarget) output.display = *displayTarget;
    return output;
}

}  // namespace convscope::imaging
