#pragma once
// What the nn benchmarks share: a steady clock, milliseconds between two of its readings, the median of
// repeated runs and the optional thread-count argument. No LibTorch here: each benchmark sets its threads.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

namespace convscope::bench {

using Clock = std::chrono::steady_clock;

inline double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

/// The middle value of an odd number of runs (the upper middle of an even number).
inline double median(std::vector<double> runs) {
    std::sort(runs.begin(), runs.end());
    return runs.empty() ? 0.0 : runs[runs.size() / 2];
}

/// argv[index] as a thread count (at least 1), or 2 (the reference machine's cores) when absent.
inline int threadsArgument(int argc, char** argv, int index) {
    return argc > index ? std::max(1, std::atoi(argv[index])) : 2;
}

}  // namespace convscope::bench
