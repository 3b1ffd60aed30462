#include "core/embedding/tsne_gradient.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <thread>

#include "core/embedding/quadtree.h"

namespace convscope::embedding {

namespace {

// Runs body(begin, end) over [0, n) in `threads` contiguous slices. Each row's result is written to its own
// place, so the outcome is the same for any number of threads.
void parallelRows(int n, int threads, const std::function<void(int, int)>& body) {
    if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
    threads = std::clamp(threads, 1, std::max(1, n / 64));
    if (threads == 1) {
        body(0, n);
        return;
    }
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t)
        workers.emplace_back(body, int(std::int64_t(n) * t / threads),
                             int(std::int64_t(n) * (t + 1) / threads));
    body(0, int(n / threads));
    for (std::thread& w : workers) w.join();
}

void checkShapes(const SparseRows& p, const PointSet& y) {
    if (y.dims != 2) throw std::invalid_argument("t-SNE's gradient is for 2-D embeddings");
    if (p.count != y.count || p.start.size() != std::size_t(y.count) + 1)
        throw std::invalid_argument("t-SNE's gradient: P and the embedding differ in their number of points");
}

// Σ_j α·p_ij·w_ij·(y_i − y_j) for rows [begin, end), written into gradient.
void addAttraction(const SparseRows& p, const PointSet& y, double exaggeration, int begin, int end,
                   std::vector<double>& gradient) {
    for (int i = begin; i < end; ++i) {
        const double xi = y.at(i, 0), yi = y.at(i, 1);
        double gx = 0.0, gy = 0.0;
        for (int e = p.start[std::size_t(i)]; e < p.start[std::size_t(i) + 1]; ++e) {
            const int j = p.columns[std::size_t(e)];
            const double dx = xi - y.at(j, 0), dy = yi - y.at(j, 1);
            const double f = exaggeration * p.values[std::size_t(e)] / (1.0 + dx * dx + dy * dy);
            gx += f * dx;
            gy += f * dy;
        }
        gradient[2 * std::size_t(i)] += gx;
        gradient[2 * std::size_t(i) + 1] += gy;
    }
}

// gradient = 4·(attraction − repulsion/Z), with each row's repulsion sum and w-sum computed by `row`.
TsneGradient combine(const SparseRows& p, const PointSet& y, double exaggeration, int threads,
                     const std::function<double(int, double*)>& row) {
    const int n = y.count;
    std::vector<double> attraction(2 * std::size_t(n), 0.0), repulsion(2 * std::size_t(n), 0.0);
    std::vector<double> zRows(std::size_t(n), 0.0);
    parallelRows(n, threads, [&](int begin, int end) {
        addAttraction(p, y, exaggeration, begin, end, attraction);
        for (int i = begin; i < end; ++i) zRows[std::size_t(i)] = row(i, &repulsion[2 * std::size_t(i)]);
    });
    TsneGradient g;
    for (double z : zRows) g.z += z;  // in order: the same sum for any number of threads
    g.gradient.resize(2 * std::size_t(n));
    const double inverseZ = g.z > 0.0 ? 1.0 / g.z : 0.0;
    for (std::size_t k = 0; k < g.gradient.size(); ++k)
        g.gradient[k] = 4.0 * (attraction[k] - repulsion[k] * inverseZ);
    return g;
}

}  // namespace

TsneGradient tsneGradientExact(const SparseRows& p, const PointSet& y, double exaggeration, int threads) {
    checkShapes(p, y);
    const int n = y.count;
    const std::size_t count = static_cast<std::size_t>(n);
    std::vector<double> zRows(count, 0.0), fx(count), fy(count);
    std::vector<double> ax(count), ay(count);
    // The coordinates apart, so that the loop over every j runs in vector registers.
    std::vector<double> xs(count), ys(count);
    for (std::size_t i = 0; i < count; ++i) {
        xs[i] = y.values[2 * i];
        ys[i] = y.values[2 * i + 1];
    }
    parallelRows(n, threads, [&](int begin, int end) {
        std::vector<double> w(count);
        for (int i = begin; i < end; ++i) {
            const double xi = xs[std::size_t(i)], yi = ys[std::size_t(i)];
            double z = 0.0, rx = 0.0, ry = 0.0;
            // Every j, i included: its own term adds w = 1 to Z and nothing to the force.
            for (std::size_t j = 0; j < count; ++j) {
                const double dx = xi - xs[j], dy = yi - ys[j];
                const double wj = 1.0 / (1.0 + dx * dx + dy * dy);
                w[j] = wj;
                z += wj;
                rx += wj * wj * dx;
                ry += wj * wj * dy;
            }
            double sx = 0.0, sy = 0.0;
            for (int e = p.start[std::size_t(i)]; e < p.start[std::size_t(i) + 1]; ++e) {
                const std::size_t j = std::size_t(p.columns[std::size_t(e)]);
                const double f = p.values[std::size_t(e)] * w[j];
                sx += f * (xi - xs[j]);
                sy += f * (yi - ys[j]);
            }
            zRows[std::size_t(i)] = z - 1.0;
            fx[std::size_t(i)] = rx;
            fy[std::size_t(i)] = ry;
            ax[std::size_t(i)] = exaggeration * sx;
            ay[std::size_t(i)] = exaggeration * sy;
        }
    });
    TsneGradient g;
    for (double z : zRows) g.z += z;  // in order: the same sum for any number of threads
    const double inverseZ = g.z > 0.0 ? 1.0 / g.z : 0.0;
    g.gradient.resize(2 * std::size_t(n));
    for (std::size_t i = 0; i < std::size_t(n); ++i) {
        g.gradient[2 * i] = 4.0 * (ax[i] - fx[i] * inverseZ);
        g.gradient[2 * i + 1] = 4.0 * (ay[i] - fy[i] * inverseZ);
    }
    return g;
}

TsneGradient tsneGradientBarnesHut(const SparseRows& p, const PointSet& y, double exaggeration, double theta,
                                   int threads) {
    checkShapes(p, y);
    const Quadtree tree(y);
    return combine(p, y, exaggeration, threads,
                   [&tree, theta](int i, double* force) { return tree.repulsion(i, theta, force); });
}

double klDivergence(const SparseRows& p, const PointSet& y, double z) {
    checkShapes(p, y);
    double kl = 0.0;
    for (int i = 0; i < p.count; ++i)
        for (int e = p.start[std::size_t(i)]; e < p.start[std::size_t(i) + 1]; ++e) {
            const double pij = p.values[std::size_t(e)];
            if (pij <= 0.0) continue;
            const int j = p.columns[std::size_t(e)];
            const double q = 1.0 / (1.0 + squaredDistance(y.row(i), y.row(j), 2)) / z;
            kl += pij * std::log(pij / std::max(q, 1e-300));
        }
    return kl;
}

}  // namespace convscope::embedding
