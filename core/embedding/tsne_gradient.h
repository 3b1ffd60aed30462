#pragma once

#include <vector>

#include "core/embedding/point_set.h"
#include "core/embedding/tsne_affinities.h"

namespace convscope::embedding {

/// The gradient of t-SNE's cost KL(P‖Q) with respect to the 2-D embedding Y, with Student-t similarities
/// w_ij = 1/(1 + |y_i − y_j|²), Q = w/Z, Z = Σ_{i≠j} w_ij:
///   ∂C/∂y_i = 4·Σ_j (α·p_ij − w_ij/Z)·w_ij·(y_i − y_j)
/// α being the early exaggeration. The attraction is summed over P's entries, the repulsion over every
/// pair (exact) or through a quadtree (Barnes–Hut).
struct TsneGradient {
    std::vector<double> gradient;  ///< count × 2, row-major
    double z = 0.0;                ///< Z (estimated by the quadtree under Barnes–Hut)
};

/// `threads` splits the points among workers (0: the machine's cores); the result does not depend on it.
TsneGradient tsneGradientExact(const SparseRows& p, const PointSet& y, double exaggeration, int threads = 0);
TsneGradient tsneGradientBarnesHut(const SparseRows& p, const PointSet& y, double exaggeration, double theta,
                                   int threads = 0);

/// KL(P‖Q) = Σ p_ij·log(p_ij/q_ij) over P's non-zero entries, with q_ij = w_ij/z.
double klDivergence(const SparseRows& p, const PointSet& y, double z);

}  // namespace convscope::embedding
