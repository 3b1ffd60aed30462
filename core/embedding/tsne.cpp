#include "core/embedding/tsne.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "core/embedding/pca.h"
#include "core/embedding/tsne_affinities.h"
#include "core/embedding/tsne_gradient.h"

namespace convscope::embedding {

namespace {

PointSet initialEmbedding(const PointSet& points, const TsneOptions& o) {
    const int n = points.count;
    PointSet y(n, 2);
    if (o.init == TsneInit::Pca && points.dims >= 2) {
        y = pca(points, 2).projected;
        double mean = 0.0, square = 0.0;
        for (int i = 0; i < n; ++i) mean += y.at(i, 0);
        mean /= n;
        for (int i = 0; i < n; ++i) square += (y.at(i, 0) - mean) * (y.at(i, 0) - mean);
        const double sd = std::sqrt(square / n);
        const double scale = sd > 0.0 ? 1e-4 / sd : 1.0;
        for (double& v : y.values) v *= scale;
        return y;
    }
    // Box–Muller on mt19937_64's raw output: the same numbers on every standard library.
    std::mt19937_64 rng(o.seed);
    const auto uniform = [&rng] { return (double(rng() >> 11) + 0.5) * (1.0 / 9007199254740992.0); };
    for (std::size_t k = 0; k < y.values.size(); k += 2) {
        const double r = std::sqrt(-2.0 * std::log(uniform())), a = 2.0 * M_PI * uniform();
        y.values[k] = 1e-4 * r * std::cos(a);
        if (k + 1 < y.values.size()) y.values[k + 1] = 1e-4 * r * std::sin(a);
    }
    return y;
}

}  // namespace

TsneResult tsne(const PointSet& points, const TsneOptions& o, const common::JobControl& control) {
    const int n = points.count;
    if (n < 3) throw std::invalid_argument("t-SNE needs at least 3 points");
    if (!(o.perplexity > 0.0) || o.perplexity > n - 1)
        throw std::invalid_argument("the perplexity must be above 0 and at most the number of points − 1 (" +
                                    std::to_string(n - 1) + ")");
    if (o.iterations < 1) throw std::invalid_argument("t-SNE needs at least 1 iteration");
    TsneResult result;
    result.barnesHut = n > o.exactLimit;
    control.progress(0, o.iterations);
    const int neighbours = result.barnesHut ? int(std::floor(3.0 * o.perplexity)) : n - 1;
    const TsneAffinities affinities = tsneAffinities(points, o.perplexity, neighbours, control);
    const SparseRows& p = affinities.joint;

    PointSet y = initialEmbedding(points, o);
    result.learningRate = o.learningRate > 0.0 ? o.learningRate : std::max(n / o.exaggeration / 4.0, 50.0);
    std::vector<double> update(y.values.size(), 0.0), gains(y.values.size(), 1.0);
    double z = 0.0;
    for (int it = 0; it < o.iterations; ++it) {
        if (control.cancelled()) throw common::Cancelled{};
        const bool early = it < o.exaggerationIterations;
        const double exaggeration = early ? o.exaggeration : 1.0;
        const double momentum = early ? o.momentum : o.finalMomentum;
        TsneGradient g = result.barnesHut ? tsneGradientBarnesHut(p, y, exaggeration, o.theta, o.threads)
                                          : tsneGradientExact(p, y, exaggeration, o.threads);
        z = g.z;
        for (std::size_t k = 0; k < y.values.size(); ++k) {
            const double grad = g.gradient[k];
            gains[k] = (update[k] * grad < 0.0) ? gains[k] + 0.2 : std::max(gains[k] * 0.8, 0.01);
            update[k] = momentum * update[k] - result.learningRate * gains[k] * grad;
            y.values[k] += update[k];
        }
        // Re-centre: the cost does not see a translation, and a drifting mean only costs precision.
        for (int d = 0; d < 2; ++d) {
            double mean = 0.0;
            for (int i = 0; i < n; ++i) mean += y.at(i, d);
            mean /= n;
            for (int i = 0; i < n; ++i) y.row(i)[d] -= mean;
        }
        if ((it + 1) % 10 == 0 || it + 1 == o.iterations) control.progress(it + 1, o.iterations);
    }
    // Z of the final embedding (the loop's z belongs to the one before the last step).
    z = result.barnesHut ? tsneGradientBarnesHut(p, y, 1.0, o.theta, o.threads).z
                         : tsneGradientExact(p, y, 1.0, o.threads).z;
    result.klDivergence = klDivergence(p, y, z);
    result.iterations = o.iterations;
    result.embedding = std::move(y);
    return result;
}

}  // namespace convscope::embedding
