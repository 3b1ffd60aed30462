#pragma once

// The textbook's teaching setup (000 seed): the 6x6 input 1..36 under SimpleConv2d(1, 2, 3, padding=1), here
// with known kernels (Sobel x and the Laplacian) and biases so that every number can be checked by hand.
#include <string>
#include <vector>

#include <QString>

#include "core/conv/conv_trace.h"

namespace convscope::conv::testing {

// The textbook's kernels: Sobel x and the 4-neighbour Laplacian.
inline const std::vector<double> kSobelX = {1, 0, -1, 2, 0, -2, 1, 0, -1};
inline const std::vector<double> kLaplacian = {0, 1, 0, 1, -4, 1, 0, 1, 0};

// The textbook's SimpleConv2d(1, 2, 3, padding=1) on 1..36 with known kernels and biases.
inline ConvTrace seedTrace(PaddingMode mode = PaddingMode::Zeros) {
    FilterBank w(2, 1, 3, 3);
    for (int i = 0; i < 9; ++i) {
        w.weights[i] = kSobelX[i];
        w.weights[9 + i] = kLaplacian[i];
    }
    w.bias = {0.5, -1};
    ConvSpec spec;
    spec.padding = Padding::uniform(1);
    spec.paddingMode = mode;
    return ConvTrace(Volume::sequence(1, 6, 6), w, spec);
}

inline ConvSpec poolSpec(Operation op, int k, int stride, int pad = 0) {
    ConvSpec s;
    s.op = op;
    s.poolKernel = {k, k};
    s.stride = {stride, stride};
    s.padding = Padding::uniform(pad);
    return s;
}

inline QString text(const std::string& s) {
    return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

inline bool sameValues(const Volume& a, const Volume& b) {
    return a.channels == b.channels && a.height == b.height && a.width == b.width && a.values == b.values;
}

}  // namespace convscope::conv::testing
