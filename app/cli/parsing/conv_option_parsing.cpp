#include "app/cli/parsing/conv_option_parsing.h"

#include <vector>

#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"

namespace convscope::cli {

namespace {

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) return parts;
        start = comma + 1;
    }
}

int parseBounded(const std::string& option, const std::string& text, int minimum, int maximum) {
    return static_cast<int>(parseInteger(option, text, minimum, maximum));
}

}  // namespace

conv::Pair2 parsePair(const std::string& option, const std::string& text, int minimum, int maximum) {
    const std::vector<std::string> parts = splitCommas(text);
    if (parts.size() == 1) {
        const int both = parseBounded(option, parts[0], minimum, maximum);
        return {both, both};
    }
    if (parts.size() != 2) {
        throw UsageError(option + " expects N or Y,X (rows, columns), got '" + text + "'");
    }
    return {parseBounded(option + " (rows)", parts[0], minimum, maximum),
            parseBounded(option + " (columns)", parts[1], minimum, maximum)};
}

conv::Padding parsePadding(const std::string& option, const std::string& text, int maximum) {
    const std::vector<std::string> parts = splitCommas(text);
    if (parts.size() == 1) return conv::Padding::uniform(parseBounded(option, parts[0], 0, maximum));
    if (parts.size() == 2) {
        const int rows = parseBounded(option + " (top and bottom)", parts[0], 0, maximum);
        const int cols = parseBounded(option + " (left and right)", parts[1], 0, maximum);
        return {rows, rows, cols, cols};
    }
    if (parts.size() == 4) {
        return {parseBounded(option + " (top)", parts[0], 0, maximum),
                parseBounded(option + " (bottom)", parts[1], 0, maximum),
                parseBounded(option + " (left)", parts[2], 0, maximum),
                parseBounded(option + " (right)", parts[3], 0, maximum)};
    }
    throw UsageError(option + " expects P, PH,PW or TOP,BOTTOM,LEFT,RIGHT, got '" + text + "'");
}

std::pair<int, int> parseSidePadding(const std::string& option, const std::string& text, int maximum) {
    const std::vector<std::string> parts = splitCommas(text);
    if (parts.size() == 1) {
        const int both = parseBounded(option, parts[0], 0, maximum);
        return {both, both};
    }
    if (parts.size() != 2) throw UsageError(option + " expects P or BEFORE,AFTER, got '" + text + "'");
    return {parseBounded(option + " (before)", parts[0], 0, maximum),
            parseBounded(option + " (after)", parts[1], 0, maximum)};
}

std::pair<int, int> parseHeightWidth(const std::string& option, const std::string& text, int maxSide) {
    const std::size_t x = text.find_first_of("xX");
    const std::string height = text.substr(0, x);
    const std::string width = x == std::string::npos ? std::string() : text.substr(x + 1);
    for (const std::string& side : {height, width}) {
        if (side.empty() || side.find_first_not_of("0123456789") != std::string::npos) {
            throw UsageError(option + " expects HEIGHTxWIDTH such as 6x6, got '" + text + "'");
        }
    }
    return {parseBounded(option + " height", height, 1, maxSide),
            parseBounded(option + " width", width, 1, maxSide)};
}

bool parseYesNo(const std::string& option, const std::string& text) {
    if (text == "yes") return true;
    if (text == "no") return false;
    throw UsageError(option + " expects yes or no, got '" + text + "'");
}

}  // namespace convscope::cli
