#pragma once

#include <vector>

#include "core/embedding/point_set.h"

namespace convscope::embedding {

/// Principal components of a point set (as sklearn.decomposition.PCA on the same rows).
struct PcaResult {
    PointSet projected;  ///< count × components: the centred points' coordinates on the components
    std::vector<double> components;  ///< components × dims row-major, unit vectors, largest variance first
    std::vector<double> mean;        ///< dims: the mean that was subtracted
    /// The variance along every principal direction (unbiased, divided by count − 1), largest first: all
    /// min(count, dims) of them, so that the ratios below sum to 1.
    std::vector<double> explainedVariance;
    std::vector<double> explainedVarianceRatio;  ///< explainedVariance / their sum
};

/// Centres `points` and projects them on their first `components` principal directions, found by the
/// symmetric eigen-decomposition of the dims × dims covariance, or of the count × count Gram matrix of the
/// centred points when there are fewer points than dimensions (the same non-zero spectrum, a smaller
/// matrix). Each component's sign makes its largest-magnitude coordinate positive (a component is only
/// defined up to sign). Throws std::invalid_argument for fewer than 2 points or components outside
/// 1 … min(count, dims).
PcaResult pca(const PointSet& points, int components = 2);

}  // namespace convscope::embedding
