#pragma once

#include <string>
#include <vector>

namespace convscope::common {

/// A 2-D filter kernel: rows x cols coefficients stored row-major in double precision.
///
/// The anchor (the kernel element that sits on the output pixel in correlation) is
/// ((rows-1)/2, (cols-1)/2), rounded down: the centre for odd sizes and the upper-left of the four central
/// elements for even sizes. This is the convention of PyTorch's padding="same".
class Kernel {
public:
    static constexpr int kMaxSide = 255;

    /// A 1x1 kernel holding 1 (the identity).
    Kernel();
    /// Throws std::invalid_argument when a side is outside 1..kMaxSide, the value count is not rows*cols,
    /// or a value is not finite.
    Kernel(int rows, int cols, std::vector<double> values);
    /// rows x cols zeros.
    static Kernel zeros(int rows, int cols);

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    int anchorRow() const { return (m_rows - 1) / 2; }
    int anchorCol() const { return (m_cols - 1) / 2; }
    double at(int row, int col) const { return m_values[static_cast<size_t>(row * m_cols + col)]; }
    /// Throws std::invalid_argument for a non-finite value, std::out_of_range for a bad index.
    void set(int row, int col, double value);
    const std::vector<double>& values() const { return m_values; }

    double sum() const;
    double minValue() const;
    double maxValue() const;

    /// Rotated by 180 degrees (both axes flipped): correlation with flipped() is convolution.
    Kernel flipped() const;
    Kernel transposed() const;
    Kernel scaled(double factor) const;
    /// Divided by its sum so that it sums to 1. Throws std::domain_error when the sum is (nearly) zero,
    /// as for edge detectors, where normalising is meaningless.
    Kernel normalized() const;

    /// Rows of space-separated numbers with up to 6 significant digits, for CLI output and files.
    std::string toText(int precision = 6) const;

    bool operator==(const Kernel& other) const;
    bool operator!=(const Kernel& other) const { return !(*this == other); }

private:
    int m_rows = 1;
    int m_cols = 1;
    std::vector<double> m_values{1.0};
};

}  // namespace convscope::common
