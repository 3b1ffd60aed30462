#pragma once

// Test-only references for the imaging tests: written from the definitions, independent of the engine.

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"

namespace convscope::testing {

using common::Kernel;
using imaging::BorderMode;
using imaging::CorrelationMode;
using imaging::FilterOptions;

// Where index p reads from under each border rule, written from the pictures in filter_options.h;
// -1 means "zero". Reflect101 keeps reflecting until the index is inside (kernels larger than the image).
inline int referenceIndex(int p, int n, BorderMode border) {
    switch (border) {
        case BorderMode::Zero:
            return (p >= 0 && p < n) ? p : -1;
        case BorderMode::Replicate:
            return std::min(std::max(p, 0), n - 1);
        case BorderMode::Wrap:
            while (p < 0) p += n;
            return p % n;
        case BorderMode::Reflect101:
            if (n == 1) return 0;
            while (p < 0 || p >= n) p = p < 0 ? -p : 2 * (n - 1) - p;
            return p;
    }
    return -1;
}

// The definitions, in double precision, with explicit loops:
//   correlation  out(y,x) = sum K(i,j) I(y + i - ar, x + j - ac)
//   convolution  out(y,x) = sum K(i,j) I(y - i + ar, x - j + ac)
inline cv::Mat naiveFilter(const cv::Mat& src8, const Kernel& k, const FilterOptions& o) {
    cv::Mat src = src8;
    if (o.grayscale && src8.channels() == 3) cv::cvtColor(src8, src, cv::COLOR_BGR2GRAY);
    const int cn = src.channels();
    cv::Mat out(src.size(), CV_64FC(cn));
    const int ar = k.anchorRow(), ac = k.anchorCol();
    for (int y = 0; y < src.rows; ++y) {
        for (int x = 0; x < src.cols; ++x) {
            for (int ch = 0; ch < cn; ++ch) {
                double sum = 0.0;
                for (int i = 0; i < k.rows(); ++i) {
                    for (int j = 0; j < k.cols(); ++j) {
                        const bool corr = o.mode == CorrelationMode::Correlate;
                        const int sy = referenceIndex(corr ? y + i - ar : y - i + ar, src.rows, o.border);
                        const int sx = referenceIndex(corr ? x + j - ac : x - j + ac, src.cols, o.border);
                        if (sy < 0 || sx < 0) continue;
                        sum += k.at(i, j) * src.ptr<uchar>(sy)[sx * cn + ch];
                    }
                }
                out.ptr<double>(y)[x * cn + ch] = sum;
            }
        }
    }
    return out;
}

inline cv::Mat randomImage(int rows, int cols, int type, unsigned seed) {
    cv::Mat m(rows, cols, type);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

inline Kernel randomKernel(int rows, int cols, unsigned seed) {
    cv::RNG rng(seed);
    std::vector<double> v(static_cast<size_t>(rows * cols));
    for (double& x : v) x = rng.uniform(-1.0, 1.0);
    return Kernel(rows, cols, v);
}

inline double absSum(const Kernel& k) {
    double s = 0;
    for (double v : k.values()) s += std::abs(v);
    return s;
}

}  // namespace convscope::testing
