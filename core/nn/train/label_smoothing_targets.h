#pragma once

// Label smoothing's target distribution and its range, without LibTorch, so that the Training panel's view of
// the targets (ConvScope::gui, which includes no torch header) shares the engine's definition.

#include <vector>

namespace convscope::nn {

/// The target distribution over `classes` classes for a sample of class `trueClass`: 1 − ε + ε/K there, ε/K
/// elsewhere (sums to 1).
std::vector<double> smoothedTargets(int classes, int trueClass, double epsilon);

/// Throws std::invalid_argument with one sentence unless ε is finite and 0 ≤ ε < 1.
void checkLabelSmoothing(double epsilon);

}  // namespace convscope::nn
