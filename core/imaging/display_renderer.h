#pragma once

// Internal to core/imaging (used by filter_engine.cpp): turns float filter results into 8-bit pixels.
// Header-only so that the engine's fused filter-and-render loop can inline the per-pixel mapping.

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <opencv2/core.hpp>
#include <opencv2/core/hal/intrin.hpp>

#include "core/common/colormap.h"
#include "core/imaging/filter_engine.h"

namespace convscope::imaging {

/// Maps filter values (CV_32FC1/3) to display bytes as described in DisplayOptions, evaluated in double
/// precision in exactly this order:
///   Clip      x = v                      stretched: x = (v - min) * (255 / (max - min))
///   Absolute  x = |v|                    stretched: x = |v| * (255 / s)
///   Offset    x = v * 0.5 + 128          stretched: x = v * (127.5 / s) + 127.5
///   Diverging colormap index x = v * (127.5 / s) + 127.5, looked up in the cool-warm table (BGR output)
/// with s = max(|min|, |max|). A zero denominator (constant result, or all zeros) is replaced by 1.
/// x is clamped to 0..255 and rounded half away from zero. Without stretch every step is exact.
class DisplayRenderer {
public:
    /// Throws std::invalid_argument for values that are not a non-empty CV_32FC1/CV_32FC3 matrix, or for the
    /// diverging display of a three-channel result.
    DisplayRenderer(const cv::Mat& values, const DisplayOptions& display) : m_display(display) {
        if (values.empty()) throw std::invalid_argument("cannot display an empty filter result");
        if (values.type() != CV_32FC1 && values.type() != CV_32FC3) {
            throw std::invalid_argument("a filter result must be CV_32FC1 or CV_32FC3, got OpenCV type " +
                                        cv::typeToString(values.type()));
        }
        m_channels = values.channels();
        if (display.mode == SignedDisplay::Diverging && m_channels != 1) {
            throw std::invalid_argument(
                "the diverging colormap shows single-channel results only; filter in grayscale or choose "
                "another display mode");
        }
    }

    /// Whether rendering needs the global range of the values (stretched modes and diverging).
    bool needsRange() const { return m_display.stretch || m_display.mode == SignedDisplay::Diverging; }

    int outputType() const {
        return m_display.mode == SignedDisplay::Diverging ? CV_8UC3 : CV_MAKETYPE(CV_8U, m_channels);
    }

    /// Allocates `out` unless it already has this size and the output type (then its buffer is kept).
    void prepare(cv::Size size, cv::Mat& out) const { out.create(size, outputType()); }

    /// True minimum and maximum over all elements.
    static ValueRange measure(const cv::Mat& values) {
        double lo = 0.0, hi = 0.0;
        cv::minMaxIdx(values.reshape(1), &lo, &hi);
        return {lo, hi};
    }

    /// Renders `values` into `out` (same size, outputType()) and returns the range of the values, measured in
    /// the same pass over the data when the mode needs no range to render.
    ValueRange renderMeasuring(const cv::Mat& values, cv::Mat& out) const {
        if (needsRange()) {
            const ValueRange range = measure(values);
            render(values, range, out);
            return range;
        }
        Extremes extremes;
        mapRows(values, ValueRange{}, out, &extremes);
        return {extremes.lo, extremes.hi};
    }

    /// Renders `values` into `out` (same size, outputType()) given the range of the whole result (used only
    /// by the modes that need it).
    void render(const cv::Mat& values, const ValueRange& range, cv::Mat& out) const {
        mapRows(values, range, out, nullptr);
    }

    /// Clamps to 0..255 and rounds half away from zero (the value is non-negative after clamping); NaN gives
    /// 0.
    static uchar toByte(double x) {
        x = x > 0.0 ? x : 0.0;  // NaN gives 0, as the vector path's max does
        x = x < 255.0 ? x : 255.0;
        return static_cast<uchar>(static_cast<int>(x + 0.5));
    }

private:
    struct Extremes {
        float lo = std::numeric_limits<float>::infinity();
        float hi = -std::numeric_limits<float>::infinity();
    };

    // `extremes`, when given, collects the minimum and maximum of the values read.
    void mapRows(const cv::Mat& values, const ValueRange& range, cv::Mat& out, Extremes* extremes) const {
        const double s = std::max(std::abs(range.min), std::abs(range.max));
        const double symmetric = s > 0.0 ? s : 1.0;
        const double width = range.max > range.min ? range.max - range.min : 1.0;
        const bool stretch = m_display.stretch;
        const int n = values.cols * values.channels();
        for (int y = 0; y < values.rows; ++y) {
            const float* v = values.ptr<float>(y);
            uchar* o = out.ptr<uchar>(y);
            switch (m_display.mode) {
                case SignedDisplay::Diverging:
                    mapDiverging(v, o, n, 127.5 / symmetric);
                    if (extremes) measureRow(v, n, *extremes);
                    break;
                case SignedDisplay::Absolute:
                    mapAffine<true>(v, o, n, 0.0, stretch ? 255.0 / symmetric : 1.0, 0.0, extremes);
                    break;
                case SignedDisplay::Offset:
                    if (stretch) {
                        mapAffine<false>(v, o, n, 0.0, 127.5 / symmetric, 127.5, extremes);
                    } else {
                        mapAffine<false>(v, o, n, 0.0, 0.5, 128.0, extremes);
                    }
                    break;
                case SignedDisplay::Clip:
                default:
                    if (stretch) {
                        mapAffine<false>(v, o, n, range.min, 255.0 / width, 0.0, extremes);
                    } else {
                        mapAffine<false>(v, o, n, 0.0, 1.0, 0.0, extremes);
                    }
                    break;
            }
        }
    }

    static void measureRow(const float* v, int n, Extremes& e) {
        for (int i = 0; i < n; ++i) {
            e.lo = std::min(e.lo, v[i]);
            e.hi = std::max(e.hi, v[i]);
        }
    }

    // A 12-megapixel colour result is 36 million samples: the mapping is written with OpenCV's portable
    // SIMD types (the compiler does not vectorise the clamping on its own without -fno-trapping-math).
    // The vector and scalar paths compute the same double-precision expression.
    template <bool Absolute>
    static void mapAffine(const float* v, uchar* o, int n, double shift, double scale, double offset,
                          Extremes* extremes) {
        int i = 0;
#if CV_SIMD128_64F
        const cv::v_float64x2 vShift = cv::v_setall_f64(shift), vScale = cv::v_setall_f64(scale);
        const cv::v_float64x2 vOffset = cv::v_setall_f64(offset), vZero = cv::v_setzero_f64();
        const cv::v_float64x2 vMax = cv::v_setall_f64(255.0), vHalf = cv::v_setall_f64(0.5);
        const auto toInt = [&](cv::v_float64x2 x) {
            if (Absolute) x = cv::v_abs(x);
            x = (x - vShift) * vScale + vOffset;
            return cv::v_trunc(cv::v_min(cv::v_max(x, vZero), vMax) + vHalf);  // lanes t0, t1, 0, 0
        };
        cv::v_float32x4 lo = cv::v_setall_f32(std::numeric_limits<float>::infinity());
        cv::v_float32x4 hi = cv::v_setall_f32(-std::numeric_limits<float>::infinity());
        for (; i + 16 <= n; i += 16) {
            cv::v_int32x4 q[4];
            for (int j = 0; j < 4; ++j) {
                const cv::v_float32x4 f = cv::v_load(v + i + 4 * j);
                lo = cv::v_min(lo, f);
                hi = cv::v_max(hi, f);
                q[j] = cv::v_combine_low(toInt(cv::v_cvt_f64(f)), toInt(cv::v_cvt_f64_high(f)));
            }
            cv::v_store(o + i, cv::v_pack_u(cv::v_pack(q[0], q[1]), cv::v_pack(q[2], q[3])));
        }
        if (extremes && i > 0) {
            extremes->lo = std::min(extremes->lo, cv::v_reduce_min(lo));
            extremes->hi = std::max(extremes->hi, cv::v_reduce_max(hi));
        }
#endif
        if (extremes) measureRow(v + i, n - i, *extremes);
        for (; i < n; ++i) {
            const double x = Absolute ? std::abs(static_cast<double>(v[i])) : static_cast<double>(v[i]);
            o[i] = toByte((x - shift) * scale + offset);
        }
    }

    static void mapDiverging(const float* v, uchar* o, int n, double scale) {
        const auto& table = common::colormapTable(common::Colormap::CoolWarm);
        for (int i = 0; i < n; ++i) {
            const common::Rgb& c = table[toByte(127.5 + v[i] * scale)];
            o[3 * i] = c.b;
            o[3 * i + 1] = c.g;
            o[3 * i + 2] = c.r;
        }
    }

    DisplayOptions m_display;
    int m_channels = 1;
};

}  // namespace convscope::imaging
