#include "core/nn/train/label_smoothing_targets.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace convscope::nn {

void checkLabelSmoothing(double epsilon) {
    if (!std::isfinite(epsilon) || epsilon < 0.0 || epsilon >= 1.0) {
        std::ostringstream s;
        s << "The label smoothing must be from 0 to below 1 (got " << epsilon << ").";
        throw std::invalid_argument(s.str());
    }
}

std::vector<double> smoothedTargets(int classes, int trueClass, double epsilon) {
    checkLabelSmoothing(epsilon);
    if (classes < 1 || trueClass < 0 || trueClass >= classes)
        throw std::invalid_argument("The true class must be one of the classes.");
    std::vector<double> q(std::size_t(classes), epsilon / classes);
    q[std::size_t(trueClass)] += 1.0 - epsilon;
    return q;
}

}  // namespace convscope::nn
