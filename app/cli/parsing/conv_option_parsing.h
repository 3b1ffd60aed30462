#pragma once

#include <string>
#include <utility>

#include "core/conv/conv_spec.h"

namespace convscope::cli {

// Option values of the conv-trace and conv-size commands. Like value_parsing.h, every mistake throws
// UsageError naming the option and what it expected.

/// "N" (both axes) or "Y,X" (rows, then columns), each from minimum to maximum.
conv::Pair2 parsePair(const std::string& option, const std::string& text, int minimum, int maximum);
/// "P" (every side), "PH,PW" (top and bottom, left and right) or "TOP,BOTTOM,LEFT,RIGHT", each 0..maximum.
conv::Padding parsePadding(const std::string& option, const std::string& text, int maximum);
/// "P" (both sides) or "BEFORE,AFTER", each 0..maximum.
std::pair<int, int> parseSidePadding(const std::string& option, const std::string& text, int maximum);
/// "HEIGHTxWIDTH" such as 6x6 (rows first, as in a tensor's shape); sides from 1 to maxSide.
std::pair<int, int> parseHeightWidth(const std::string& option, const std::string& text, int maxSide);
/// "yes" or "no".
bool parseYesNo(const std::string& option, const std::string& text);

}  // namespace convscope::cli
