#pragma once

#include <cstdint>

#include "core/common/job_control.h"
#include "core/embedding/point_set.h"

namespace convscope::embedding {

enum class TsneInit { Random, Pca };

struct TsneOptions {
    double perplexity = 30.0;
    int iterations = 1000;
    std::uint64_t seed = 1;            ///< the random initialisation's
    TsneInit init = TsneInit::Random;  ///< Random: N(0, 10⁻⁴); Pca: the first two components, scaled so
                                       ///< that the first has standard deviation 10⁻⁴
    double learningRate = 0.0;   ///< ≤ 0: "auto", max(count / exaggeration / 4, 50) (sklearn, openTSNE)
    double exaggeration = 12.0;  ///< P's factor during the first exaggerationIterations
    int exaggerationIterations = 250;
    double momentum = 0.5;  ///< during the exaggeration, then finalMomentum
    double finalMomentum = 0.8;
    double theta = 0.5;     ///< Barnes–Hut accuracy
    int exactLimit = 2000;  ///< exact gradient up to this many points, Barnes–Hut beyond
    int threads = 0;        ///< 0: the machine's cores (the result does not depend on it)
};

struct TsneResult {
    PointSet embedding;         ///< count × 2
    double klDivergence = 0.0;  ///< KL(P‖Q) at the end (Q's normaliser estimated under Barnes–Hut)
    double learningRate = 0.0;  ///< the rate used
    bool barnesHut = false;
    int iterations = 0;
};

/// t-SNE (van der Maaten & Hinton 2008; Barnes–Hut: van der Maaten 2014). P: each point's Gaussian
/// conditional distribution at the requested perplexity (bisection to 1e-5 on the entropy), over every
/// other point (exact) or its ⌊3·perplexity⌋ nearest (Barnes–Hut), symmetrised. Gradient descent with
/// momentum and per-coordinate gains (+0.2 when the gradient changes sign, ×0.8 when it keeps it, at least
/// 0.01), the embedding re-centred each step. Deterministic for given points and options. Reports progress
/// in iterations (the affinities count as iteration 0) and throws common::Cancelled when `control` says so;
/// std::invalid_argument for fewer than 3 points, a perplexity outside (0, count − 1] or iterations < 1.
TsneResult tsne(const PointSet& points, const TsneOptions& options = {},
                const common::JobControl& control = {});

}  // namespace convscope::embedding
