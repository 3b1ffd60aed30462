#pragma once

#include <vector>

#include <opencv2/core/mat.hpp>

// The reference the CLI's results are checked against: textbook sums written out as loops, sharing nothing
// with the engine.
namespace naive {

enum class Border { Zero, Reflect101, Replicate, Wrap };

struct Kernel {
    int rows = 0;
    int cols = 0;
    std::vector<double> values;  // row-major
    double at(int r, int c) const { return values[static_cast<size_t>(r * cols + c)]; }
    double sumAbs() const;
    bool hasNegative() const;
};

/// Correlation: out(y,x) = sum_r sum_c I(y + r - ar, x + c - ac) K(r,c); convolution:
/// out(y,x) = sum_r sum_c I(y - (r - ar), x - (c - ac)) K(r,c); anchor (ar, ac) = ((rows-1)/2, (cols-1)/2).
/// `src` is CV_8UC1 or CV_8UC3; the result is CV_64F with the same channels.
cv::Mat filter(const cv::Mat& src, const Kernel& kernel, bool convolve, Border border);

/// Luminance rounded to 8 bits: round(0.299 R + 0.587 G + 0.114 B) of a BGR image.
cv::Mat luminance(const cv::Mat& bgr);

}  // namespace naive
