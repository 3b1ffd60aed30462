#pragma once

#include <cstdint>
#include <string>

namespace convscope::nn {

/// The learning rate at batch `step` (0-based) of a run of `totalSteps` batches over `epochs` epochs:
/// none — `base` throughout; step — ÷10 at 50 % and at 75 % of the epochs (the seed's "divide by 10", on a
/// fixed plan instead of on plateaus so that runs are reproducible); cosine — from `base` to 0 along half a
/// cosine; onecycle — from base/25 up to `base` over the first 30 %, then down to base/10⁴ along a cosine.
double learningRateAt(const std::string& schedule, double base, std::int64_t step, std::int64_t totalSteps,
                      int epochs);

}  // namespace convscope::nn
