#include "core/imaging/filter_options.h"

#include <stdexcept>

namespace convscope::imaging {

namespace {
template <typename Enum, size_t N>
Enum parseChoice(const std::string& text, const char* what,
                 const std::pair<const char*, Enum> (&choices)[N]) {
    std::string valid;
    for (const auto& [name, value] : choices) {
        if (text == name) return value;
        if (!valid.empty()) valid += ", ";
        valid += name;
    }
    throw std::invalid_argument("unknown " + std::string(what) + " '" + text + "'; valid choices: " + valid);
}

const std::pair<const char*, CorrelationMode> kModes[] = {
    {"correlate", CorrelationMode::Correlate},
    {"convolve", CorrelationMode::Convolve},
};
const std::pair<const char*, BorderMode> kBorders[] = {
    {"zero", BorderMode::Zero},
    {"reflect101", BorderMode::Reflect101},
    {"replicate", BorderMode::Replicate},
    {"wrap", BorderMode::Wrap},
};
const std::pair<const char*, SignedDisplay> kDisplays[] = {
    {"clip", SignedDisplay::Clip},
    {"abs", SignedDisplay::Absolute},
    {"offset", SignedDisplay::Offset},
    {"diverging", SignedDisplay::Diverging},
};
const std::pair<const char*, FilterMethod> kMethods[] = {
    {"auto", FilterMethod::Automatic},
    {"direct", FilterMethod::Direct},
    {"fft", FilterMethod::Fft},
};

template <typename Enum, size_t N>
std::string nameOf(Enum value, const std::pair<const char*, Enum> (&choices)[N]) {
    for (const auto& [name, v] : choices) {
        if (v == value) return name;
    }
    throw std::invalid_argument("invalid enumeration value");
}
}  // namespace

std::string toString(CorrelationMode mode) {
    return nameOf(mode, kModes);
}
std::string toString(BorderMode border) {
    return nameOf(border, kBorders);
}
std::string toString(SignedDisplay display) {
    return nameOf(display, kDisplays);
}
std::string toString(FilterMethod method) {
    return nameOf(method, kMethods);
}

CorrelationMode parseCorrelationMode(const std::string& text) {
    return parseChoice(text, "mode", kModes);
}
BorderMode parseBorderMode(const std::string& text) {
    return parseChoice(text, "border mode", kBorders);
}
SignedDisplay parseSignedDisplay(const std::string& text) {
    return parseChoice(text, "display mode", kDisplays);
}

FilterMethod parseFilterMethod(const std::string& text) {
    return parseChoice(text, "method", kMethods);
}

std::vector<BorderMode> allBorderModes() {
    return {BorderMode::Zero, BorderMode::Reflect101, BorderMode::Replicate, BorderMode::Wrap};
}

}  // namespace convscope::imaging
