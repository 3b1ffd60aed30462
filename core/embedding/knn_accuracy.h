#pragma once

#include <vector>

#include "core/embedding/point_set.h"

namespace convscope::embedding {

/// Leave-one-out k-nearest-neighbour accuracy: the fraction of points whose label is the majority label of
/// their `k` nearest other points (Euclidean). A tie between labels goes to the one whose nearest member
/// is closest; equal distances are ordered by index. How well the classes separate in a space, 1 when every
/// point sits among its own class. Throws std::invalid_argument when labels and points differ in number,
/// k < 1, or there are not more than k points.
double knnAccuracy(const PointSet& points, const std::vector<int>& labels, int k = 5);

}  // namespace convscope::embedding
