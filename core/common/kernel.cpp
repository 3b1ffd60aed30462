#include "core/common/kernel.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace convscope::common {

namespace {
void checkSide(int side, const char* what) {
    if (side < 1 || side > Kernel::kMaxSide) {
        throw std::invalid_argument(std::string("kernel ") + what + " must be between 1 and " +
                                    std::to_string(Kernel::kMaxSide) + ", got " + std::to_string(side));
    }
}
}  // namespace

Kernel::Kernel() = default;

Kernel::Kernel(int rows, int cols, std::vector<double> values)
    : m_rows(rows), m_cols(cols), m_values(std::move(values)) {
    checkSide(rows, "height");
    checkSide(cols, "width");
    if (m_values.size() != static_cast<size_t>(rows) * static_cast<size_t>(cols)) {
        throw std::invalid_argument("a " + std::to_string(rows) + "x" + std::to_string(cols) + " kernel needs " +
                                    std::to_string(rows * cols) + " values, got " +
                                    std::to_string(m_values.size()));
    }
    for (double v : m_values) {
        if (!std::isfinite(v)) throw std::invalid_argument("kernel values must be finite numbers");
    }
}

Kernel Kernel::zeros(int rows, int cols) {
    checkSide(rows, "height");
    checkSide(cols, "width");
    return Kernel(rows, cols, std::vector<double>(static_cast<size_t>(rows) * static_cast<size_t>(cols), 0.0));
}

void Kernel::set(int row, int col, double value) {
    if (row < 0 || row >= m_rows || col < 0 || col >= m_cols) throw std::out_of_range("kernel index out of range");
    if (!std::isfinite(value)) throw std::invalid_argument("kernel values must be finite numbers");
    m_values[static_cast<size_t>(row * m_cols + col)] = value;
}

double Kernel::sum() const { return std::accumulate(m_values.begin(), m_values.end(), 0.0); }
double Kernel::minValue() const { return *std::min_element(m_values.begin(), m_values.end()); }
double Kernel::maxValue() const { return *std::max_element(m_values.begin(), m_values.end()); }

Kernel Kernel::flipped() const {
    std::vector<double> v(m_values.rbegin(), m_values.rend());
    return Kernel(m_rows, m_cols, std::move(v));
}

Kernel Kernel::transposed() const {
    std::vector<double> v(m_values.size());
    for (int r = 0; r < m_rows; ++r)
        for (int c = 0; c < m_cols; ++c) v[static_cast<size_t>(c * m_rows + r)] = at(r, c);
    return Kernel(m_cols, m_rows, std::move(v));
}

Kernel Kernel::scaled(double factor) const {
    if (!std::isfinite(factor)) throw std::invalid_argument("scale factor must be a finite number");
    std::vector<double> v(m_values);
    for (double& x : v) x *= factor;
    return Kernel(m_rows, m_cols, std::move(v));
}

Kernel Kernel::normalized() const {
    const double s = sum();
    double scale = 0.0;
    for (double v : m_values) scale += std::abs(v);
    if (std::abs(s) <= 1e-12 * std::max(1.0, scale)) {
        throw std::domain_error("the kernel sums to zero, so it cannot be normalised to sum 1");
    }
    return scaled(1.0 / s);
}

std::string Kernel::toText(int precision) const {
    std::ostringstream out;
    out << std::setprecision(precision);
    for (int r = 0; r < m_rows; ++r) {
        for (int c = 0; c < m_cols; ++c) {
            if (c) out << ' ';
            const double v = at(r, c);
            out << (v == 0.0 ? 0.0 : v);  // avoid printing "-0"
        }
        out << '\n';
    }
    return out.str();
}

bool Kernel::operator==(const Kernel& other) const {
    return m_rows == other.m_rows && m_cols == other.m_cols && m_values == other.m_values;
}

}  // namespace convscope::common
