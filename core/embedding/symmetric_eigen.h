#pragma once

#include <vector>

namespace convscope::embedding {

/// Eigenvalues and eigenvectors of a real symmetric matrix, largest eigenvalue first.
struct SymmetricEigen {
    int size = 0;
    std::vector<double> values;   ///< size eigenvalues, descending
    std::vector<double> vectors;  ///< size × size row-major; column k is the unit eigenvector of values[k]
    double vector(int row, int k) const {
        return vectors[std::size_t(row) * std::size_t(size) + std::size_t(k)];
    }
};

/// Householder reduction to tridiagonal form, then implicit QL iterations (EISPACK's tred2 and tql2):
/// O(n³), about a quarter of a second for n = 512. `matrix` is n × n row-major and must be symmetric (only
/// its upper triangle is read). Throws std::invalid_argument on a wrong size.
SymmetricEigen symmetricEigen(std::vector<double> matrix, int n);

}  // namespace convscope::embedding
