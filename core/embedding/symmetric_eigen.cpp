#include "core/embedding/symmetric_eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace convscope::embedding {

namespace {

// Householder reduction of the symmetric matrix in v to tridiagonal form (diagonal d, subdiagonal e), v
// becoming the orthogonal transformation. EISPACK's tred2, in the formulation of JAMA's
// EigenvalueDecomposition (public domain). V(r, c) is stored column-major: the loops run down V's columns,
// which are then contiguous (4 times faster at n = 512), and vm ends up holding the transformation
// transposed, as diagonalise() wants it.
void tridiagonalise(std::vector<double>& vm, std::vector<double>& d, std::vector<double>& e, int n) {
    const std::size_t N = std::size_t(n);
    const auto V = [&vm, N](int r, int c) -> double& { return vm[std::size_t(c) * N + std::size_t(r)]; };
    for (int j = 0; j < n; ++j) d[std::size_t(j)] = V(n - 1, j);
    for (int i = n - 1; i > 0; --i) {
        double scale = 0.0, h = 0.0;
        for (int k = 0; k < i; ++k) scale += std::abs(d[std::size_t(k)]);
        if (scale == 0.0) {
            e[std::size_t(i)] = d[std::size_t(i - 1)];
            for (int j = 0; j < i; ++j) {
                d[std::size_t(j)] = V(i - 1, j);
                V(i, j) = 0.0;
                V(j, i) = 0.0;
            }
        } else {
            for (int k = 0; k < i; ++k) {
                d[std::size_t(k)] /= scale;
                h += d[std::size_t(k)] * d[std::size_t(k)];
            }
            double f = d[std::size_t(i - 1)];
            double g = std::sqrt(h);
            if (f > 0) g = -g;
            e[std::size_t(i)] = scale * g;
            h -= f * g;
            d[std::size_t(i - 1)] = f - g;
            for (int j = 0; j < i; ++j) e[std::size_t(j)] = 0.0;
            for (int j = 0; j < i; ++j) {
                f = d[std::size_t(j)];
                V(j, i) = f;
                g = e[std::size_t(j)] + V(j, j) * f;
                for (int k = j + 1; k <= i - 1; ++k) {
                    g += V(k, j) * d[std::size_t(k)];
                    e[std::size_t(k)] += V(k, j) * f;
                }
                e[std::size_t(j)] = g;
            }
            f = 0.0;
            for (int j = 0; j < i; ++j) {
                e[std::size_t(j)] /= h;
                f += e[std::size_t(j)] * d[std::size_t(j)];
            }
            const double hh = f / (h + h);
            for (int j = 0; j < i; ++j) e[std::size_t(j)] -= hh * d[std::size_t(j)];
            for (int j = 0; j < i; ++j) {
                f = d[std::size_t(j)];
                g = e[std::size_t(j)];
                for (int k = j; k <= i - 1; ++k) V(k, j) -= (f * e[std::size_t(k)] + g * d[std::size_t(k)]);
                d[std::size_t(j)] = V(i - 1, j);
                V(i, j) = 0.0;
            }
        }
        d[std::size_t(i)] = h;
    }
    for (int i = 0; i < n - 1; ++i) {
        V(n - 1, i) = V(i, i);
        V(i, i) = 1.0;
        const double h = d[std::size_t(i + 1)];
        if (h != 0.0) {
            for (int k = 0; k <= i; ++k) d[std::size_t(k)] = V(k, i + 1) / h;
            for (int j = 0; j <= i; ++j) {
                double g = 0.0;
                for (int k = 0; k <= i; ++k) g += V(k, i + 1) * V(k, j);
                for (int k = 0; k <= i; ++k) V(k, j) -= g * d[std::size_t(k)];
            }
        }
        for (int k = 0; k <= i; ++k) V(k, i + 1) = 0.0;
    }
    for (int j = 0; j < n; ++j) {
        d[std::size_t(j)] = V(n - 1, j);
        V(n - 1, j) = 0.0;
    }
    V(n - 1, n - 1) = 1.0;
    e[0] = 0.0;
}

// Implicit QL iterations on the tridiagonal matrix (EISPACK's tql2, as JAMA): d becomes the eigenvalues.
// `wm` holds the transformation transposed (row i is V's column i), so that each rotation combines two
// contiguous rows rather than two strided columns (8 times faster at n = 512); its rows become the
// eigenvectors.
void diagonalise(std::vector<double>& wm, std::vector<double>& d, std::vector<double>& e, int n) {
    const std::size_t N = std::size_t(n);
    for (int i = 1; i < n; ++i) e[std::size_t(i - 1)] = e[std::size_t(i)];
    e[N - 1] = 0.0;
    double f = 0.0, tst1 = 0.0;
    const double eps = std::ldexp(1.0, -52);
    for (int l = 0; l < n; ++l) {
        tst1 = std::max(tst1, std::abs(d[std::size_t(l)]) + std::abs(e[std::size_t(l)]));
        int m = l;
        while (m < n) {
            if (std::abs(e[std::size_t(m)]) <= eps * tst1) break;
            ++m;
        }
        if (m > l) {
            int iterations = 0;
            do {
                if (++iterations > 100)
                    throw std::runtime_error("symmetricEigen: QL iterations do not converge");
                double g = d[std::size_t(l)];
                double p = (d[std::size_t(l + 1)] - g) / (2.0 * e[std::size_t(l)]);
                double r = std::hypot(p, 1.0);
                if (p < 0) r = -r;
                d[std::size_t(l)] = e[std::size_t(l)] / (p + r);
                d[std::size_t(l + 1)] = e[std::size_t(l)] * (p + r);
                const double dl1 = d[std::size_t(l + 1)];
                double h = g - d[std::size_t(l)];
                for (int i = l + 2; i < n; ++i) d[std::size_t(i)] -= h;
                f += h;
                p = d[std::size_t(m)];
                double c = 1.0, c2 = c, c3 = c;
                const double el1 = e[std::size_t(l + 1)];
                double s = 0.0, s2 = 0.0;
                for (int i = m - 1; i >= l; --i) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[std::size_t(i)];
                    h = c * p;
                    r = std::hypot(p, e[std::size_t(i)]);
                    e[std::size_t(i + 1)] = s * r;
                    s = e[std::size_t(i)] / r;
                    c = p / r;
                    p = c * d[std::size_t(i)] - s * g;
                    d[std::size_t(i + 1)] = h + s * (c * g + s * d[std::size_t(i)]);
                    double* vi = &wm[std::size_t(i) * N];
                    double* vi1 = &wm[std::size_t(i + 1) * N];
                    for (std::size_t k = 0; k < N; ++k) {
                        h = vi1[k];
                        vi1[k] = s * vi[k] + c * h;
                        vi[k] = c * vi[k] - s * h;
                    }
                }
                p = -s * s2 * c3 * el1 * e[std::size_t(l)] / dl1;
                e[std::size_t(l)] = s * p;
                d[std::size_t(l)] = c * p;
            } while (std::abs(e[std::size_t(l)]) > eps * tst1);
        }
        d[std::size_t(l)] += f;
        e[std::size_t(l)] = 0.0;
    }
}

}  // namespace

SymmetricEigen symmetricEigen(std::vector<double> a, int n) {
    if (n < 0 || a.size() != std::size_t(n) * std::size_t(n))
        throw std::invalid_argument("symmetricEigen: the matrix is not n × n");
    SymmetricEigen result;
    result.size = n;
    if (n == 0) return result;
    const std::size_t N = std::size_t(n);
    // Mirror the upper triangle: the reduction reads the whole matrix.
    for (std::size_t r = 0; r < N; ++r)
        for (std::size_t c = r + 1; c < N; ++c) a[c * N + r] = a[r * N + c];
    std::vector<double> d(N), e(N);
    tridiagonalise(a, d, e, n);
    diagonalise(a, d, e, n);
    std::vector<int> order(N);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&d](int x, int y) { return d[std::size_t(x)] > d[std::size_t(y)]; });
    result.values.resize(N);
    result.vectors.resize(N * N);
    for (std::size_t k = 0; k < N; ++k) {
        const std::size_t src = std::size_t(order[k]);
        result.values[k] = d[src];
        for (std::size_t r = 0; r < N; ++r) result.vectors[r * N + k] = a[src * N + r];
    }
    return result;
}

}  // namespace convscope::embedding
