#include "core/nn/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace convscope::nn {

double learningRateAt(const std::string& schedule, double base, std::int64_t step, std::int64_t totalSteps,
                      int epochs) {
    const double pi = 3.14159265358979323846;
    const double t = totalSteps > 0 ? std::clamp(double(step) / double(totalSteps), 0.0, 1.0) : 0.0;
    if (schedule == "step") {
        const std::int64_t perEpoch = std::max<std::int64_t>(1, totalSteps / std::max(1, epochs));
        const double epoch = double(step / perEpoch);  // completed epochs
        double lr = base;
        if (epoch >= 0.5 * epochs && epochs > 1) lr /= 10.0;
        if (epoch >= 0.75 * epochs && epochs > 3) lr /= 10.0;
        return lr;
    }
    if (schedule == "cosine") return 0.5 * base * (1.0 + std::cos(pi * t));
    if (schedule == "onecycle") {
        const double warm = 0.3;
        if (t < warm) return base / 25.0 + (base - base / 25.0) * 0.5 * (1.0 - std::cos(pi * t / warm));
        const double u = (t - warm) / (1.0 - warm);
        return base / 1e4 + (base - base / 1e4) * 0.5 * (1.0 + std::cos(pi * u));
    }
    return base;
}

}  // namespace convscope::nn
