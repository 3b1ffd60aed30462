#include "widgets/plot/plot_ticks.h"

#include <algorithm>
#include <cmath>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
constexpr int kMaxTicks = 200;  // guards against absurd targets or spans
}  // namespace

double niceStep(double span, int target, double minStep) {
    if (!std::isfinite(span) || span <= 0.0) return 0.0;
    const double rough = span / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10.0 * magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
        // Integer indices never get a step of 2.5 (ticks at 2.5, 7.5, … between pixels).
        if (minStep > 0.0) {
            const double multiple = m * magnitude / minStep;
            if (std::abs(multiple - std::round(multiple)) > 1e-9 * multiple) continue;
        }
        if (m * magnitude >= rough * (1.0 - 1e-9)) {
            step = m * magnitude;
            break;
        }
    }
    if (minStep > 0.0 && step < minStep) step = niceStep(minStep, 1);
    // Never more than kMaxTicks, however small the target step.
    while (span / step > kMaxTicks) step *= 2.0;
    return step;
}

QVector<double> niceTicks(double low, double high, int target, double minStep) {
    if (!std::isfinite(low) || !std::isfinite(high)) return {};
    if (low > high) std::swap(low, high);
    const double step = niceStep(high - low, target, minStep);
    if (step <= 0.0) return {};
    QVector<double> ticks;
    const double tolerance = 1e-9 * step;
    const double first = std::ceil((low - tolerance) / step);
    const double last = std::floor((high + tolerance) / step);
    // Each tick is k * step for an integer k, so 0.1 + 0.2 noise never accumulates.
    for (double k = first; k <= last && ticks.size() <= kMaxTicks; k += 1.0) {
        const double v = k * step;
        ticks << (std::abs(v) < 1e-6 * step ? 0.0 : v);
    }
    return ticks;
}

QStringList tickLabels(const QVector<double>& ticks) {
    QStringList labels;
    if (ticks.isEmpty()) return labels;
    double largest = 0.0;
    for (double t : ticks) largest = std::max(largest, std::abs(t));
    int significant = 3;
    if (ticks.size() > 1) {
        const double step = std::abs(ticks[1] - ticks[0]);
        if (step > 0.0 && largest > 0.0) {
            // Digits from the largest tick's leading digit down to the step's last one, plus one for 2.5.
            significant = int(std::floor(std::log10(largest)) - std::floor(std::log10(step))) + 2;
        }
    }
    significant = std::clamp(significant, 2, 12);
    for (double t : ticks) labels << compactNumber(t, significant);
    return labels;
}

QString decadeLabel(int exponent, bool plain) {
    if (plain) {
        if (exponent >= 0) return QString::number(std::pow(10.0, exponent), 'f', 0);
        return QString::number(std::pow(10.0, exponent), 'f', -exponent);
    }
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString text = QStringLiteral("10");
    for (const QChar ch : QString::number(exponent)) {
        text += ch == QLatin1Char('-') ? QChar(0x207B) : digits[ch.digitValue()];
    }
    return text;
}

bool plainDecades(int lowest, int highest) {
    return lowest >= -3 && highest <= 4;
}

}  // namespace convscope::widgets
