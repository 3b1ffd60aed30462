// Embedding projections (core/embedding) at the sizes the issue names: 2,000 penultimate activations of
// 512 dimensions (a ResNet-18's pooled last block), and a larger set for Barnes–Hut. The points are
// synthetic, ten Gaussian classes, so that the run needs no checkpoint; the work does not depend on the
// values. Prints a markdown table for docs/benchmarks.md.
//   bench_embedding [threads] [points] [dims]
#include <cstdio>
#include <random>
#include <string>

#include "bench_timing.h"  // next to this file
#include "core/embedding/knn_accuracy.h"
#include "core/embedding/pca.h"
#include "core/embedding/tsne.h"
#include "core/embedding/tsne_affinities.h"

using namespace convscope;
using bench::Clock;
using bench::ms;

namespace {

embedding::PointSet classes(int n, int dims, std::vector<int>& labels) {
    std::mt19937 rng(1);
    std::normal_distribution<double> g;
    std::vector<double> centres(std::size_t(10 * dims));
    for (double& c : centres) c = 0.5 * g(rng);
    embedding::PointSet p(n, dims);
    labels.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        labels[std::size_t(i)] = i % 10;
        for (int d = 0; d < dims; ++d) p.row(i)[d] = centres[std::size_t((i % 10) * dims + d)] + g(rng);
    }
    return p;
}

void row(const std::string& work, double milliseconds, const std::string& note = {}) {
    std::printf("| %s | %.0f ms | %s |\n", work.c_str(), milliseconds, note.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const int threads = bench::threadsArgument(argc, argv, 1);
    const int n = argc > 2 ? std::atoi(argv[2]) : 2000;
    const int dims = argc > 3 ? std::atoi(argv[3]) : 512;
    std::vector<int> labels;
    const embedding::PointSet points = classes(n, dims, labels);
    std::printf("%d points × %d dimensions, %d threads\n\n| work | time | note |\n|---|---:|---|\n", n, dims,
                threads);

    auto t0 = Clock::now();
    const embedding::PcaResult p = embedding::pca(points, 2);
    row("PCA (covariance " + std::to_string(dims) + "², eigen-decomposition)", ms(t0, Clock::now()),
        "ratios " + std::to_string(p.explainedVarianceRatio[0]).substr(0, 5) + ", " +
            std::to_string(p.explainedVarianceRatio[1]).substr(0, 5));

    t0 = Clock::now();
    const double knn = embedding::knnAccuracy(points, labels, 5);
    row("kNN accuracy (k = 5, leave-one-out) in " + std::to_string(dims) + "-D", ms(t0, Clock::now()),
        std::to_string(knn).substr(0, 5));

    t0 = Clock::now();
    embedding::tsneAffinities(points, 30.0, n - 1);
    row("t-SNE affinities alone (every pair, perplexity 30)", ms(t0, Clock::now()));

    for (const bool barnesHut : {false, true}) {
        embedding::TsneOptions o;
        o.threads = threads;
        o.exactLimit = barnesHut ? 0 : n;
        t0 = Clock::now();
        const embedding::TsneResult r = embedding::tsne(points, o);
        const double t = ms(t0, Clock::now());
        t0 = Clock::now();
        const double knn2 = embedding::knnAccuracy(r.embedding, labels, 5);
        row(std::string("t-SNE, 1000 iterations, ") + (barnesHut ? "Barnes–Hut θ = 0.5" : "exact gradient"),
            t,
            "KL " + std::to_string(r.klDivergence).substr(0, 5) + ", kNN in 2-D " +
                std::to_string(knn2).substr(0, 5));
    }
    return 0;
}
