#include "core/embedding/pca.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/embedding/symmetric_eigen.h"

namespace convscope::embedding {

PcaResult pca(const PointSet& points, int components) {
    const int n = points.count, d = points.dims;
    if (n < 2) throw std::invalid_argument("PCA needs at least 2 points");
    if (d < 1 || points.values.size() != std::size_t(n) * std::size_t(d))
        throw std::invalid_argument("PCA: the point set's size does not match its shape");
    const int rank = std::min(n, d);
    if (components < 1 || components > rank)
        throw std::invalid_argument("PCA: " + std::to_string(components) + " components asked of " +
                                    std::to_string(n) + " points in " + std::to_string(d) + " dimensions");
    PcaResult r;
    r.mean.assign(std::size_t(d), 0.0);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < d; ++k) r.mean[std::size_t(k)] += points.at(i, k);
    for (double& m : r.mean) m /= n;
    PointSet centred(n, d);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < d; ++k) centred.row(i)[k] = points.at(i, k) - r.mean[std::size_t(k)];

    const double scale = 1.0 / double(n - 1);
    r.components.assign(std::size_t(components) * std::size_t(d), 0.0);
    SymmetricEigen eigen;
    if (d <= n) {
        // Covariance, upper triangle; rows of the centred set accumulated one at a time (cache-friendly).
        std::vector<double> cov(std::size_t(d) * std::size_t(d), 0.0);
        for (int i = 0; i < n; ++i) {
            const double* x = centred.row(i);
            for (int a = 0; a < d; ++a) {
                double* c = &cov[std::size_t(a) * std::size_t(d)];
                const double xa = x[a];
                for (int b = a; b < d; ++b) c[b] += xa * x[b];
            }
        }
        for (double& c : cov) c *= scale;
        eigen = symmetricEigen(std::move(cov), d);
        for (int k = 0; k < components; ++k)
            for (int j = 0; j < d; ++j)
                r.components[std::size_t(k) * std::size_t(d) + std::size_t(j)] = eigen.vector(j, k);
    } else {
        // G = Xc Xcᵀ/(n−1) has the covariance's non-zero eigenvalues; its eigenvector u gives the
        // component Xcᵀu, normalised.
        std::vector<double> gram(std::size_t(n) * std::size_t(n), 0.0);
        for (int i = 0; i < n; ++i)
            for (int j = i; j < n; ++j) {
                double s = 0.0;
                const double *a = centred.row(i), *b = centred.row(j);
                for (int k = 0; k < d; ++k) s += a[k] * b[k];
                gram[std::size_t(i) * std::size_t(n) + std::size_t(j)] = s * scale;
            }
        eigen = symmetricEigen(std::move(gram), n);
        for (int k = 0; k < components; ++k) {
            double* c = &r.components[std::size_t(k) * std::size_t(d)];
            for (int i = 0; i < n; ++i) {
                const double u = eigen.vector(i, k);
                const double* x = centred.row(i);
                for (int j = 0; j < d; ++j) c[j] += u * x[j];
            }
            double norm = 0.0;
            for (int j = 0; j < d; ++j) norm += c[j] * c[j];
            norm = std::sqrt(norm);
            if (norm > 0.0)
                for (int j = 0; j < d; ++j) c[j] /= norm;
        }
    }
    // Round-off leaves the zero eigenvalues of a rank-deficient set slightly negative.
    double total = 0.0;
    for (int k = 0; k < rank; ++k) {
        const double v = std::max(0.0, eigen.values[std::size_t(k)]);
        r.explainedVariance.push_back(v);
        total += v;
    }
    for (double v : r.explainedVariance) r.explainedVarianceRatio.push_back(total > 0.0 ? v / total : 0.0);

    for (int k = 0; k < components; ++k) {
        double* c = &r.components[std::size_t(k) * std::size_t(d)];
        int largest = 0;
        for (int j = 1; j < d; ++j)
            if (std::abs(c[j]) > std::abs(c[largest])) largest = j;
        if (c[largest] < 0.0)
            for (int j = 0; j < d; ++j) c[j] = -c[j];
    }
    r.projected = PointSet(n, components);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < components; ++k) {
            const double* c = &r.components[std::size_t(k) * std::size_t(d)];
            const double* x = centred.row(i);
            double s = 0.0;
            for (int j = 0; j < d; ++j) s += c[j] * x[j];
            r.projected.row(i)[k] = s;
        }
    return r;
}

}  // namespace convscope::embedding
