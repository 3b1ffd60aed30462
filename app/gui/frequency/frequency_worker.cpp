#include "app/gui/frequency/frequency_worker.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "app/gui/bridge/image_bridge.h"
#include "core/common/colormap.h"
#include "core/imaging/filter_engine.h"
#include "core/spectral/convolution_theorem.h"
#include "core/spectral/response_analysis.h"

namespace convscope::gui {

namespace {

constexpr double kRoundingShare = 4e-6;

spectral::Border spectralBorder(imaging::BorderMode border) {
    switch (border) {
        case imaging::BorderMode::Zero:
            return spectral::Border::Zero;
        case imaging::BorderMode::Replicate:
            return spectral::Border::Replicate;
        case imaging::BorderMode::Wrap:
            return spectral::Border::Wrap;
        case imaging::BorderMode::Reflect101:
        default:
            return spectral::Border::Reflect101;
    }
}

// A float map as a grey picture, 0 … max to black … white; returns the max.
QImage greyPicture(const std::vector<float>& values, int rows, int cols, double* maxOut) {
    const float peak = values.empty() ? 0.0f : *std::max_element(values.begin(), values.end());
    if (maxOut) *maxOut = peak;
    QImage image(cols, rows, QImage::Format_Grayscale8);
    const float scale = peak > 0.0f ? 255.0f / peak : 0.0f;
    for (int r = 0; r < rows; ++r) {
        uchar* line = image.scanLine(r);
        for (int c = 0; c < cols; ++c)
            line[c] = uchar(std::clamp(std::lround(values[std::size_t(r) * cols + c] * scale), 0L, 255L));
    }
    return image;
}

// Differences on a log scale from `agreement` (black: equal to float rounding) to the largest (yellow), so
// that a seam of large errors stands out and rounding noise does not.
QImage differencePicture(const cv::Mat& values, double peak, double agreement) {
    const auto& table = common::colormapTable(common::Colormap::Viridis);
    QImage image(values.cols, values.rows, QImage::Format_RGB32);
    const double top = std::log10(std::max(peak, 10.0 * agreement));
    const double bottom = std::log10(agreement);
    for (int r = 0; r < values.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < values.cols; ++c) {
            const double d = values.at<float>(r, c);
            const double t = d <= agreement ? 0.0 : std::min(1.0, (std::log10(d) - bottom) / (top - bottom));
            const common::Rgb rgb = table[std::size_t(std::lround(t * 255.0))];
            line[c] = qRgb(rgb.r, rgb.g, rgb.b);
        }
    }
    return image;
}

QVector<float> toFloats(const std::vector<double>& v) {
    QVector<float> out(qsizetype(v.size()));
    std::transform(v.begin(), v.end(), out.begin(), [](double x) { return float(x); });
    return out;
}

}  // namespace

ResponseView FrequencyWorker::computeResponse(const ResponseRequest& request) {
    const spectral::FrequencyResponse r = spectral::frequencyResponse(request.kernel, request.options);
    const spectral::ResponseClass c = spectral::classifyResponse(r);
    ResponseView v;
    v.slot = request.slot;
    v.title = request.title;
    v.size = r.size;
    v.scale = request.scale;
    v.magnitude = toFloats(r.magnitude);
    v.scaled = toFloats(spectral::scaledMagnitude(r, request.scale));
    v.phase = toFloats(r.phase);
    v.frequencies.resize(r.size);
    for (int i = 0; i < r.size; ++i) v.frequencies[i] = spectral::FrequencyResponse::frequencyOf(i, r.size);
    for (double m : r.horizontalSlice()) v.sliceX.push_back(spectral::scaleValue(m, request.scale));
    for (double m : r.verticalSlice()) v.sliceY.push_back(spectral::scaleValue(m, request.scale));
    const int bins = std::max(8, r.size / 4);
    const std::vector<double> radial = spectral::radialProfile(r, bins);
    for (int b = 0; b < bins; ++b) {
        v.radialRadius.push_back((b + 0.5) * 0.5 / bins);
        v.radialMean.push_back(radial[std::size_t(b)]);
    }
    v.dcGain = r.dcGain;
    v.peakGain = r.peakGain;
    v.kind = QString::fromStdString(spectral::toString(c.kind));
    if (c.directional)
        v.kind += QObject::tr(", directional at %1°").arg(int(std::lround(c.orientationDeg)) % 180);
    v.summary = QString::fromStdString(c.summary);
    return v;
}

TheoremView FrequencyWorker::computeTheorem(const TheoremRequest& request) {
    if (request.image.empty()) throw std::invalid_argument("There is no image to transform: open one first.");
    cv::Mat gray = request.image;
    if (gray.channels() == 3) cv::cvtColor(request.image, gray, cv::COLOR_BGR2GRAY);
    QString note;
    const int longSide = std::max(gray.cols, gray.rows);
    if (longSide > request.maxSide) {
        const double f = double(request.maxSide) / longSide;
        cv::Mat reduced;
        cv::resize(gray, reduced,
                   cv::Size(std::max(1, int(std::lround(gray.cols * f))),
                            std::max(1, int(std::lround(gray.rows * f)))),
                   0, 0, cv::INTER_AREA);
        note = QObject::tr("Computed on a %1 × %2 copy of the %3 × %4 image.")
                   .arg(reduced.cols)
                   .arg(reduced.rows)
                   .arg(gray.cols)
                   .arg(gray.rows);
        gray = reduced;
    }
    cv::Mat grayFloat;
    gray.convertTo(grayFloat, CV_32F);
    spectral::FftFilterOptions options;
    options.convolve = request.mode == imaging::CorrelationMode::Convolve;
    options.border = spectralBorder(request.border);
    const spectral::TheoremStages s = spectral::convolutionTheorem(
        spectral::PlaneView<const float>{grayFloat.ptr<float>(), gray.rows, gray.cols,
                                         std::ptrdiff_t(grayFloat.step1()), 1},
        request.kernel, options, request.circular);

    // The spatial path exactly as the Filters panel applies the kernel, by direct summation.
    imaging::FilterOptions filterOptions;
    filterOptions.mode = request.mode;
    filterOptions.border = request.border;
    filterOptions.method = imaging::FilterMethod::Direct;
    const cv::Mat spatial = imaging::filterImage(gray, request.kernel, filterOptions);
    const cv::Mat inverse(gray.rows, gray.cols, CV_32F, const_cast<float*>(s.result.data()));
    cv::Mat difference;
    cv::absdiff(inverse, spatial, difference);

    TheoremView v;
    v.rows = s.rows;
    v.cols = s.cols;
    v.transformRows = s.transformRows;
    v.transformCols = s.transformCols;
    v.circular = s.circular;
    v.note = note;
    double lo = 0.0, hi = 0.0;
    cv::minMaxLoc(spatial, &lo, &hi);
    v.maxAbsResult = std::max(std::abs(lo), std::abs(hi));
    cv::minMaxLoc(difference, nullptr, &v.maxDifference);
    v.image = bridge::toQImage(gray);
    v.spectrum = greyPicture(s.imageSpectrum, s.transformRows, s.transformCols, &v.spectrumMax);
    std::vector<float> responseLog(s.kernelResponse.size());
    std::transform(s.kernelResponse.begin(), s.kernelResponse.end(), responseLog.begin(),
                   [](float m) { return std::log1p(m); });
    v.response = greyPicture(responseLog, s.transformRows, s.transformCols, &v.responseMax);
    v.product = greyPicture(s.productSpectrum, s.transformRows, s.transformCols, &v.productMax);
    // Both results through the same mapping (|v| or v, stretched to the spatial result's range), so that
    // any difference between the pictures is a difference between the numbers.
    imaging::DisplayOptions display;
    display.mode =
        request.kernel.minValue() < 0.0 ? imaging::SignedDisplay::Absolute : imaging::SignedDisplay::Clip;
    display.stretch = true;
    const imaging::ValueRange range{lo, hi};
    cv::Mat picture;
    imaging::renderDisplay(inverse, range, display, picture);
    v.inverse = bridge::toQImage(picture);
    imaging::renderDisplay(spatial, range, display, picture);
    v.spatial = bridge::toQImage(picture);
    // The thumbnails show the image at a third of its size or less, where a wrap-around seam a pixel or two
    // wide would vanish: the differences are spread by a max filter first (the caption says by how much).
    v.differenceSpread = std::max(1, std::max(gray.cols, gray.rows) / 120);
    cv::Mat spread;
    const int k = 2 * v.differenceSpread + 1;
    cv::dilate(difference, spread, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    // The spatial result is summed in single precision: differences below a few float ulps of the largest
    // value are rounding, and drawn black.
    v.agreement = std::max(1e-12, kRoundingShare * v.maxAbsResult);
    v.difference = differencePicture(spread, v.maxDifference, v.agreement);
    return v;
}

void FrequencyWorker::response(const JobToken& token, const ResponseRequest& request) {
    const quint64 generation = token.generation();
    try {
        ResponseView v = computeResponse(request);
        Q_EMIT responseReady(generation, std::move(v));
    } catch (const std::exception& e) {
        Q_EMIT failed(request.slot, generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(request.slot, generation, tr("The response could not be computed."));
    }
}

void FrequencyWorker::theorem(const JobToken& token, const TheoremRequest& request) {
    const quint64 generation = token.generation();
    try {
        TheoremView v = computeTheorem(request);
        Q_EMIT theoremReady(generation, std::move(v));
    } catch (const std::exception& e) {
        Q_EMIT failed(2, generation, QString::fromUtf8(e.what()));
    } catch (...) {
        Q_EMIT failed(2, generation, tr("The convolution theorem view could not be computed."));
    }
}

}  // namespace convscope::gui
