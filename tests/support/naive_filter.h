#pragma once

// The reference every filtering test is checked against (the engine, the FFT path, the Filters panel's
// controller, the CLI): the textbook's sums written out as loops in double precision, sharing nothing with
// the engine.
//
//   correlation  out(y, x) = Σ_r Σ_c I(y + r − ar, x + c − ac) · K(r, c)
//   convolution  out(y, x) = Σ_r Σ_c I(y − r + ar, x − c + ac) · K(r, c)
//
// with the anchor (ar, ac) = ((rows − 1) / 2, (cols − 1) / 2), and I outside the image given by the border
// rule.

#include <vector>

#include <opencv2/core/mat.hpp>

namespace naive {

enum class Border { Zero, Reflect101, Replicate, Wrap };

struct Kernel {
    int rows = 0;
    int cols = 0;
    std::vector<double> values;  // row-major
    double at(int r, int c) const { return values[static_cast<std::size_t>(r * cols + c)]; }
    int anchorRow() const { return (rows - 1) / 2; }
    int anchorCol() const { return (cols - 1) / 2; }
    double sumAbs() const;
    bool hasNegative() const;
};

/// The index that position `i` of a line of `n` reads under `border`, or −1 where the zero border supplies 0.
/// Reflect-101 keeps reflecting while the index is outside (kernels larger than the image).
int borderSource(int i, int n, Border border);

/// One plane of doubles (row-major, rows × cols) filtered.
std::vector<double> filterPlane(const std::vector<double>& plane, int rows, int cols, const Kernel& kernel,
                                bool convolve, Border border);

/// One output value of an 8-bit image (CV_8UC1 or CV_8UC3), channel `channel`.
double filterAt(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border, int x, int y,
                int channel);

/// Every output value: `src` is CV_8UC1 or CV_8UC3, the result CV_64F with the same channels.
cv::Mat filter(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border);

/// Luminance rounded to 8 bits: round(0.299 R + 0.587 G + 0.114 B) of a BGR image.
cv::Mat luminance(const cv::Mat& bgr);

}  // namespace naive
