#pragma once

#include <cstddef>
#include <vector>

namespace convscope::embedding {

/// `count` points of `dims` coordinates each, row-major: point i's coordinates are values[i·dims … ).
/// Double precision throughout: the projections accumulate sums over thousands of points.
struct PointSet {
    int count = 0;
    int dims = 0;
    std::vector<double> values;

    PointSet() = default;
    PointSet(int n, int d) : count(n), dims(d), values(std::size_t(n) * std::size_t(d), 0.0) {}

    const double* row(int i) const { return values.data() + std::size_t(i) * std::size_t(dims); }
    double* row(int i) { return values.data() + std::size_t(i) * std::size_t(dims); }
    double at(int i, int d) const { return row(i)[d]; }
};

/// |a − b|² over `dims` coordinates. Four partial sums, so that the compiler may use vector registers
/// without reordering a single sum (the result is the same on every build).
inline double squaredDistance(const double* a, const double* b, int dims) {
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    int d = 0;
    for (; d + 4 <= dims; d += 4) {
        const double t0 = a[d] - b[d], t1 = a[d + 1] - b[d + 1], t2 = a[d + 2] - b[d + 2],
                     t3 = a[d + 3] - b[d + 3];
        s0 += t0 * t0;
        s1 += t1 * t1;
        s2 += t2 * t2;
        s3 += t3 * t3;
    }
    for (; d < dims; ++d) {
        const double t = a[d] - b[d];
        s0 += t * t;
    }
    return (s0 + s1) + (s2 + s3);
}

}  // namespace convscope::embedding
