#include "core/embedding/tsne_affinities.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace convscope::embedding {

ConditionalRow conditionalRow(const std::vector<double>& d, double perplexity, double tolerance) {
    if (d.empty()) throw std::invalid_argument("a conditional distribution needs at least one neighbour");
    if (!(perplexity > 0.0)) throw std::invalid_argument("the perplexity must be positive");
    const double target = std::log(perplexity);
    // Distances relative to the nearest: the distribution and its entropy do not change, and exp() of the
    // nearest term is 1, so the sum never underflows to 0 however large β grows.
    const double nearest = *std::min_element(d.begin(), d.end());
    ConditionalRow row;
    row.probabilities.resize(d.size());
    double beta = 1.0, low = 0.0, high = std::numeric_limits<double>::infinity();
    for (int step = 0; step < 200; ++step) {
        double sum = 0.0, weighted = 0.0;
        for (std::size_t j = 0; j < d.size(); ++j) {
            const double shifted = d[j] - nearest;
            const double p = std::exp(-beta * shifted);
            row.probabilities[j] = p;
            sum += p;
            weighted += shifted * p;
        }
        // H = log Σ exp(−β·d) + β·E[d], with d shifted as above.
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (double& p : row.probabilities) p /= sum;
        row.beta = beta;
        row.entropy = entropy;
        const double error = entropy - target;
        if (std::abs(error) < tolerance) break;
        if (error > 0.0) {  // too flat: sharpen
            low = beta;
            beta = std::isinf(high) ? beta * 2.0 : (beta + high) / 2.0;
        } else {
            high = beta;
            beta = (beta + low) / 2.0;
        }
    }
    return row;
}

namespace {

// The transpose of a matrix in compressed rows (a counting sort by column: each row of the result comes out
// sorted).
SparseRows transposed(const SparseRows& m) {
    SparseRows t;
    t.count = m.count;
    t.start.assign(std::size_t(m.count) + 1, 0);
    for (int c : m.columns) ++t.start[std::size_t(c) + 1];
    for (std::size_t i = 0; i < std::size_t(m.count); ++i) t.start[i + 1] += t.start[i];
    t.columns.resize(m.columns.size());
    t.values.resize(m.values.size());
    std::vector<int> next(t.start.begin(), t.start.end() - 1);
    for (int i = 0; i < m.count; ++i)
        for (int e = m.start[std::size_t(i)]; e < m.start[std::size_t(i) + 1]; ++e) {
            const int slot = next[std::size_t(m.columns[std::size_t(e)])]++;
            t.columns[std::size_t(slot)] = i;
            t.values[std::size_t(slot)] = m.values[std::size_t(e)];
        }
    return t;
}

// (a + b)·scale for two matrices whose rows are sorted by column: a merge of each row's two lists.
SparseRows scaledSum(const SparseRows& a, const SparseRows& b, double scale) {
    SparseRows s;
    s.count = a.count;
    s.start.assign(std::size_t(a.count) + 1, 0);
    s.columns.reserve(a.columns.size() + b.columns.size());
    s.values.reserve(a.columns.size() + b.columns.size());
    for (int i = 0; i < a.count; ++i) {
        int ea = a.start[std::size_t(i)], eb = b.start[std::size_t(i)];
        const int la = a.start[std::size_t(i) + 1], lb = b.start[std::size_t(i) + 1];
        while (ea < la || eb < lb) {
            const int ca = ea < la ? a.columns[std::size_t(ea)] : a.count;
            const int cb = eb < lb ? b.columns[std::size_t(eb)] : b.count;
            const int c = std::min(ca, cb);
            double v = 0.0;
            if (ca == c) v += a.values[std::size_t(ea++)];
            if (cb == c) v += b.values[std::size_t(eb++)];
            s.columns.push_back(c);
            s.values.push_back(v * scale);
        }
        s.start[std::size_t(i) + 1] = int(s.columns.size());
    }
    return s;
}

}  // namespace

TsneAffinities tsneAffinities(const PointSet& points, double perplexity, int neighbours,
                              const common::JobControl& control) {
    const int n = points.count;
    if (n < 2) throw std::invalid_argument("t-SNE needs at least 2 points");
    if (!(perplexity > 0.0) || perplexity > n - 1)
        throw std::invalid_argument("the perplexity must be above 0 and at most the number of points − 1");
    const int k = std::clamp(neighbours, 1, n - 1);
    TsneAffinities a;
    a.betas.resize(std::size_t(n));
    a.entropies.resize(std::size_t(n));
    SparseRows& conditional = a.conditional;
    conditional.count = n;
    conditional.start.assign(std::size_t(n) + 1, 0);
    conditional.columns.reserve(std::size_t(n) * std::size_t(k));
    conditional.values.reserve(std::size_t(n) * std::size_t(k));
    std::vector<std::pair<double, int>> all(static_cast<std::size_t>(n - 1));
    std::vector<double> d(static_cast<std::size_t>(k));
    std::vector<std::pair<int, double>> entries(static_cast<std::size_t>(k));
    for (int i = 0; i < n; ++i) {
        if (control.cancelled()) throw common::Cancelled{};
        std::size_t m = 0;
        for (int j = 0; j < n; ++j)
            if (j != i) all[m++] = {squaredDistance(points.row(i), points.row(j), points.dims), j};
        if (k < n - 1) std::partial_sort(all.begin(), all.begin() + k, all.end());
        for (int r = 0; r < k; ++r) d[std::size_t(r)] = all[std::size_t(r)].first;
        const ConditionalRow row = conditionalRow(d, perplexity);
        a.betas[std::size_t(i)] = row.beta;
        a.entropies[std::size_t(i)] = row.entropy;
        for (int r = 0; r < k; ++r)
            entries[std::size_t(r)] = {all[std::size_t(r)].second, row.probabilities[std::size_t(r)]};
        std::sort(entries.begin(), entries.end());
        for (const auto& [j, p] : entries) {
            conditional.columns.push_back(j);
            conditional.values.push_back(p);
        }
        conditional.start[std::size_t(i) + 1] = int(conditional.columns.size());
    }
    a.joint = scaledSum(conditional, transposed(conditional), 1.0 / (2.0 * n));
    return a;
}

}  // namespace convscope::embedding
