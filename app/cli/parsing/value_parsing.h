#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace convscope::cli {

// Strict parsers for option values: the whole text must be the number, or UsageError names the option
// and what it expected. `option` is used in messages only ("--size").

/// A finite decimal number.
double parseNumber(const std::string& option, const std::string& text);
/// A whole number in [minimum, maximum].
long long parseInteger(const std::string& option, const std::string& text, long long minimum,
                       long long maximum);
/// A non-negative whole number that fits 64 bits (random seeds).
std::uint64_t parseUnsigned(const std::string& option, const std::string& text);
/// "5,6,7": whole numbers in [minimum, maximum] separated by commas (at least one; spaces around them
/// allowed).
std::vector<long long> parseIntegerList(const std::string& option, const std::string& text, long long minimum,
                                        long long maximum);
/// "WIDTHxHEIGHT", e.g. "512x256" (an upper-case X is accepted); sides from 1 to maxSide.
std::pair<int, int> parseSize(const std::string& option, const std::string& text, int maxSide);
/// "KEY=VALUE" with a numeric VALUE.
std::pair<std::string, double> parseKeyValue(const std::string& option, const std::string& text);

}  // namespace convscope::cli
