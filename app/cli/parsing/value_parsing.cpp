#include "app/cli/parsing/value_parsing.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "app/cli/parsing/usage_error.h"

namespace convscope::cli {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// strtod/strtoll accept leading blanks and stop at the first bad character; both are refused here.
bool wholeText(const std::string& text, const char* end) {
    return !text.empty() && !isBlank(text.front()) && end == text.c_str() + text.size();
}

}  // namespace

double parseNumber(const std::string& option, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    if (!wholeText(text, end) || errno == ERANGE || !std::isfinite(value)) {
        throw UsageError(option + " expects a number, got '" + text + "'");
    }
    return value;
}

long long parseInteger(const std::string& option, const std::string& text, long long minimum,
                       long long maximum) {
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (!wholeText(text, end) || errno == ERANGE) {
        throw UsageError(option + " expects a whole number, got '" + text + "'");
    }
    if (value < minimum || value > maximum) {
        throw UsageError(option + " must be from " + std::to_string(minimum) + " to " +
                         std::to_string(maximum) + ", got " + text);
    }
    return value;
}

std::vector<long long> parseIntegerList(const std::string& option, const std::string& text, long long minimum,
                                        long long maximum) {
    std::vector<long long> out;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = text.find(',', begin);
        std::string item = text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
        const std::size_t first = item.find_first_not_of(' ');
        const std::size_t last = item.find_last_not_of(' ');
        item = first == std::string::npos ? std::string() : item.substr(first, last - first + 1);
        if (item.empty())
            throw UsageError(option + " expects whole numbers separated by commas, such as 5,6,7, got '" +
                             text + "'");
        out.push_back(parseInteger(option, item, minimum, maximum));
        if (comma == std::string::npos) return out;
        begin = comma + 1;
    }
}

std::uint64_t parseUnsigned(const std::string& option, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (!wholeText(text, end) || text.front() == '-' || text.front() == '+' || errno == ERANGE) {
        throw UsageError(option + " expects a non-negative whole number, got '" + text + "'");
    }
    return value;
}

std::pair<int, int> parseSize(const std::string& option, const std::string& text, int maxSide) {
    const std::size_t x = text.find_first_of("xX");
    const auto sizeError = [&] {
        return UsageError(option + " expects WIDTHxHEIGHT such as 512x256, got '" + text + "'");
    };
    if (x == std::string::npos) throw sizeError();
    const std::string width = text.substr(0, x);
    const std::string height = text.substr(x + 1);
    for (const std::string& side : {width, height}) {
        if (side.empty() || side.find_first_not_of("0123456789") != std::string::npos) throw sizeError();
    }
    return {static_cast<int>(parseInteger(option + " width", width, 1, maxSide)),
            static_cast<int>(parseInteger(option + " height", height, 1, maxSide))};
}

std::pair<std::string, double> parseKeyValue(const std::string& option, const std::string& text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
        throw UsageError(option + " expects KEY=VALUE such as sigma=1.5, got '" + text + "'");
    }
    const std::string key = text.substr(0, equals);
    return {key, parseNumber(option + " " + key, text.substr(equals + 1))};
}

}  // namespace convscope::cli
