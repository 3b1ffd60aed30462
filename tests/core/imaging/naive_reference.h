#pragma once

// The imaging tests' view of the shared references: adapters from the engine's types, and random inputs.

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/kernel.h"
#include "core/imaging/filter_options.h"
#include "tests/support/naive_filter.h"

namespace convscope::testing {

using common::Kernel;
using imaging::BorderMode;
using imaging::CorrelationMode;
using imaging::FilterOptions;

// The engine's types seen by the shared reference (tests/support/naive_filter.h).
inline naive::Border naiveBorder(BorderMode border) {
    switch (border) {
        case BorderMode::Zero:
            return naive::Border::Zero;
        case BorderMode::Replicate:
            return naive::Border::Replicate;
        case BorderMode::Wrap:
            return naive::Border::Wrap;
        case BorderMode::Reflect101:
            break;
    }
    return naive::Border::Reflect101;
}

inline naive::Kernel naiveKernel(const Kernel& k) {
    return naive::Kernel{k.rows(), k.cols(), k.values()};
}

// The definitions in double precision (tests/support/naive_filter.h); grayscale first when the options ask.
inline cv::Mat naiveFilter(const cv::Mat& src8, const Kernel& k, const FilterOptions& o) {
    cv::Mat src = src8;
    if (o.grayscale && src8.channels() == 3) cv::cvtColor(src8, src, cv::COLOR_BGR2GRAY);
    return naive::filter(src, naiveKernel(k), o.mode == CorrelationMode::Convolve, naiveBorder(o.border));
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
