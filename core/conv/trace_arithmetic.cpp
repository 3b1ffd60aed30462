// ConvTrace::arithmetic() and formatNumber(): the one-line text a learner reads under each step.
#include <cmath>
#include <cstdio>
#include <string>

#include "core/conv/conv_trace.h"
#include "core/conv/upsample_trace.h"

namespace convscope::conv {

namespace {

const char* const kMinus = "\u2212";
const char* const kDot = "\u00b7";
const char* const kEllipsis = "\u2026";

std::string printed(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// "1.5e-05" → "1.5e−5": drop the exponent's plus sign and leading zeros; minus signs become U+2212 later.
std::string tidyExponent(const std::string& text) {
    const std::size_t e = text.find('e');
    if (e == std::string::npos) return text;
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    return mantissa + "e" + (negative ? "-" : "") + exponent;
}

std::string replaceMinus(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '-') {
            out += kMinus;
        } else {
            out += ch;
        }
    }
    return out;
}

std::string joinRange(int first, int last, int step) {
    std::string text = std::to_string(first);
    if (last != first) text += "\u2013" + std::to_string(last);
    if (step > 1 && last != first) text += " every " + std::to_string(step);
    return text;
}

std::string gatherArithmetic(const TraceStep& step, const ConvSpec& spec, bool hasBias, int maxTerms) {
    const bool maxPool = spec.op == Operation::MaxPool;
    const bool avgPool = spec.op == Operation::AvgPool;
    std::string terms;
    int shown = 0;
    bool elided = false;
    const char* separator = maxPool ? ", " : " + ";
    for (const Tap& t : step.taps) {
        // Without count_include_pad the padded zeros are not part of the average, so they are not written.
        if (avgPool && !spec.countIncludePad && t.padded) continue;
        if (shown >= maxTerms) {
            elided = true;
            break;
        }
        if (shown > 0) terms += separator;
        if (maxPool) {
            terms += formatNumber(t.value);
        } else if (avgPool) {
            terms += formatNumber(t.value, true);
        } else {
            terms += formatNumber(t.value, true) + kDot + formatNumber(t.weight, true);
        }
        ++shown;
    }
    if (elided) terms += (shown > 0 ? std::string(separator) : std::string()) + kEllipsis;
    const std::string result = " = " + formatNumber(step.result);
    if (maxPool) return "max(" + terms + ")" + result;
    if (avgPool) return "(" + terms + ") / " + std::to_string(step.divisor) + result;
    std::string text = terms;
    if (hasBias) {
        const bool negative = step.bias < 0;
        text += std::string(negative ? " \u2212 " : " + ") + formatNumber(negative ? -step.bias : step.bias) +
                " (bias)";
    }
    return text + result;
}

std::string scatterArithmetic(const TraceStep& step, const ConvSpec& spec, const FilterBank& w) {
    const int firstY = step.y * spec.stride.y;
    const int firstX = step.x * spec.stride.x;
    const int lastY = firstY + spec.dilation.y * (w.kernelHeight - 1);
    const int lastX = firstX + spec.dilation.x * (w.kernelWidth - 1);
    std::string text = formatNumber(step.result, true) + " \u00d7 W \u2192 output ";
    if (w.inChannelsPerGroup > 1) {
        const int firstChannel = step.group * w.inChannelsPerGroup;
        text += "channels " + joinRange(firstChannel, firstChannel + w.inChannelsPerGroup - 1, 1) + ", ";
    }
    text += "rows " + joinRange(firstY, lastY, spec.dilation.y) + ", cols " +
            joinRange(firstX, lastX, spec.dilation.x);
    const Padding& p = spec.padding;
    // The taps use uncropped coordinates; say so when the two differ.
    if (p.top || p.bottom || p.left || p.right) text += " (before cropping)";
    return text;
}

}  // namespace

std::string formatNumber(double value, bool parenthesizeNegative) {
    if (std::isnan(value)) return "NaN";
    std::string text;
    if (std::isinf(value)) {
        text = value < 0 ? "-\u221e" : "\u221e";
    } else if (value == 0.0) {
        text = "0";  // also for −0
    } else if (value == std::floor(value) && std::fabs(value) < 1e15) {
        text = printed("%.0f", value);
    } else {
        text = printed("%.4g", value);
        // Large fractional values read better rounded than in exponent notation.
        if (text.find('e') != std::string::npos && std::fabs(value) >= 1e3 && std::fabs(value) < 1e15) {
            text = printed("%.0f", value);
        }
        text = tidyExponent(text);
    }
    const bool negative = !text.empty() && text[0] == '-';
    text = replaceMinus(text);
    if (negative && parenthesizeNegative) return "(" + text + ")";
    return text;
}

std::string ConvTrace::arithmetic(const TraceStep& step, int maxTerms) const {
    if (m_spec.op == Operation::Transposed) return scatterArithmetic(step, m_spec, m_weights);
    if (isUpsampling(m_spec.op)) return detail::upsampleArithmetic(step, m_spec, maxTerms < 0 ? 0 : maxTerms);
    return gatherArithmetic(step, m_spec, m_weights.hasBias(), maxTerms < 0 ? 0 : maxTerms);
}

}  // namespace convscope::conv
