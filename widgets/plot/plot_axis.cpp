#include "widgets/plot/plot_axis.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/common/number_text.h"
#include "widgets/plot/plot_ticks.h"

namespace convscope::widgets {

namespace {
constexpr double kFar = 100.0;          // plot widths beyond which pixels are clamped
constexpr double kMinorSpacing = 28.0;  // pixels per decade needed before minor ticks are drawn
constexpr double kDecadeTolerance = 1e-9;

double pow10(int exponent) {
    return std::pow(10.0, exponent);
}
}  // namespace

PlotAxis::PlotAxis(double low, double high, bool log) : m_log(log) {
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = log ? 1.0 : 0.0;
        high = log ? 10.0 : 1.0;
    }
    if (low > high) std::swap(low, high);
    if (log && !(low > 0.0)) {
        // A log axis needs positive ends: keep a positive top and show three decades below it.
        low = high > 0.0 ? high / 1000.0 : 1.0;
        high = high > 0.0 ? high : 10.0;
    }
    if (low == high) {
        if (log) {
            low /= std::sqrt(10.0);
            high *= std::sqrt(10.0);
        } else {
            const double half = std::max(0.5, std::abs(low) * 0.1);
            low -= half;
            high += half;
        }
    }
    m_low = low;
    m_high = high;
}

void PlotAxis::setPixels(double atLow, double atHigh) {
    m_p0 = atLow;
    m_p1 = atHigh;
}

bool PlotAxis::drawable(double value) const {
    return std::isfinite(value) && (!m_log || value > 0.0);
}

double PlotAxis::transform(double value) const {
    return m_log ? std::log10(value) : value;
}

double PlotAxis::toPixel(double value) const {
    if (!drawable(value)) return std::numeric_limits<double>::quiet_NaN();
    const double a = transform(m_low);
    const double t = std::clamp((transform(value) - a) / (transform(m_high) - a), -kFar, kFar + 1.0);
    return m_p0 + t * (m_p1 - m_p0);
}

double PlotAxis::fromPixel(double pixel) const {
    if (m_p1 == m_p0) return m_low;
    const double t = (pixel - m_p0) / (m_p1 - m_p0);
    const double a = transform(m_low);
    const double v = a + t * (transform(m_high) - a);
    return m_log ? std::pow(10.0, v) : v;
}

PlotAxis::Ticks PlotAxis::ticks(int target) const {
    Ticks ticks;
    target = std::max(1, target);
    if (!m_log) {
        ticks.major = niceTicks(m_low, m_high, target, m_minStep);
        ticks.labels = tickLabels(ticks.major);
        return ticks;
    }
    const double lo = std::log10(m_low);
    const double hi = std::log10(m_high);
    const int first = int(std::ceil(lo - kDecadeTolerance));
    const int last = int(std::floor(hi + kDecadeTolerance));
    if (last - first + 1 >= 2) {
        // Every k-th decade, counted from 10^0 so that labels do not shift as the range changes.
        const int step = std::max(1, int(std::ceil(double(last - first + 1) / target)));
        const bool plain = plainDecades(first, last);
        for (int d = first; d <= last; ++d) {
            if (((d % step) + step) % step != 0) continue;
            ticks.major << pow10(d);
            ticks.labels << decadeLabel(d, plain);
        }
        const double spacing = std::abs(m_p1 - m_p0) / (hi - lo);
        if (step == 1 && spacing >= kMinorSpacing) {
            for (int d = first - 1; d <= last; ++d) {
                for (int m = 2; m <= 9; ++m) {
                    const double v = m * pow10(d);
                    if (v >= m_low && v <= m_high) ticks.minor << v;
                }
            }
        }
        return ticks;
    }
    // Less than two decades: 1, 2, 5 × 10^n, or every mantissa when even those are too few.
    for (const QVector<int>& mantissas : {QVector<int>{1, 2, 5}, QVector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
        ticks.major.clear();
        ticks.labels.clear();
        for (int d = first - 1; d <= last; ++d) {
            for (int m : mantissas) {
                const double v = m * pow10(d);
                if (v < m_low * (1 - kDecadeTolerance) || v > m_high * (1 + kDecadeTolerance)) continue;
                ticks.major << v;
                ticks.labels << compactNumber(v, 3);
            }
        }
        if (ticks.major.size() >= 2) return ticks;
    }
    // Within a single mantissa step (2.1 .. 2.9): round linear values, which read fine on a log axis too.
    ticks.major = niceTicks(m_low, m_high, target);
    ticks.labels = tickLabels(ticks.major);
    return ticks;
}

bool PlotAxis::autoRange(const QVector<double>& values, bool log, double padding, double* low, double* high) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (double v : values) {
        if (!std::isfinite(v) || (log && v <= 0.0)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    const bool found = lo <= hi;
    if (!found) {
        lo = log ? 1.0 : 0.0;
        hi = log ? 10.0 : 1.0;
    } else if (log) {
        // Whole decades, so that both ends carry a label.
        const int a = int(std::floor(std::log10(lo) + kDecadeTolerance));
        const int b = int(std::ceil(std::log10(hi) - kDecadeTolerance));
        lo = pow10(a);
        hi = pow10(std::max(b, a + 1));
    } else if (lo == hi) {
        const PlotAxis unit(lo, hi, false);
        lo = unit.low();
        hi = unit.high();
    } else {
        const double pad = (hi - lo) * padding;
        lo -= pad;
        hi += pad;
    }
    if (low) *low = lo;
    if (high) *high = hi;
    return found;
}

}  // namespace convscope::widgets
