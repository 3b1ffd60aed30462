#pragma once

#include <vector>

#include "core/common/job_control.h"
#include "core/embedding/point_set.h"

namespace convscope::embedding {

/// A sparse symmetric matrix in compressed rows: row i's entries are columns[start[i] … start[i+1]) with
/// their values. t-SNE's joint probabilities P, over every pair (exact) or over nearest neighbours.
struct SparseRows {
    int count = 0;
    std::vector<int> start;  ///< count + 1 offsets
    std::vector<int> columns;
    std::vector<double> values;
};

/// One point's conditional distribution p(j|i) ∝ exp(−β·d²_ij) over its neighbours, β found by bisection
/// so that its entropy is log(perplexity) (natural logarithm).
struct ConditionalRow {
    std::vector<double> probabilities;  ///< one per given distance, summing to 1
    double beta = 1.0;                  ///< 1/(2σ²)
    double entropy = 0.0;               ///< nats; exp(entropy) is the perplexity reached
};

/// Finds β for one point from its squared distances to its neighbours (not itself) by bisection on the
/// entropy, until |H − log(perplexity)| < tolerance (at most 200 steps). Throws std::invalid_argument for
/// an empty row or perplexity ≤ 0.
ConditionalRow conditionalRow(const std::vector<double>& squaredDistances, double perplexity,
                              double tolerance = 1e-5);

/// t-SNE's input similarities.
struct TsneAffinities {
    SparseRows conditional;         ///< row i: p(j|i) over i's neighbours, summing to 1
    SparseRows joint;               ///< P = (P_cond + P_condᵀ)/(2·count): symmetric, summing to 1
    std::vector<double> betas;      ///< each point's β
    std::vector<double> entropies;  ///< each point's entropy reached (nats)
};

/// Every point's conditional distribution at `perplexity` over its `neighbours` nearest points (all other
/// points when neighbours ≥ count − 1; Barnes–Hut uses ⌊3·perplexity⌋), then symmetrised. Distances are
/// Euclidean in the points' space. Polls `control` between rows (throws common::Cancelled). Throws
/// std::invalid_argument for fewer than 2 points or perplexity outside (0, count − 1].
TsneAffinities tsneAffinities(const PointSet& points, double perplexity, int neighbours,
                              const common::JobControl& control = {});

}  // namespace convscope::embedding
