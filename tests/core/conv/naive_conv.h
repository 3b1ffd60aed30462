#pragma once

// Reference convolutions written for the tests, independent of core/conv's engines: the definitions as plain
// loops, with PyTorch's padding rules restated from its documentation.
#include <algorithm>
#include <limits>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv::testing {

// PyTorch's padding modes, written as the definitions read: mirror about the edge pixel, clamp, wrap.
inline int padSource(int i, int n, PaddingMode mode) {
    if (i >= 0 && i < n) return i;
    switch (mode) {
        case PaddingMode::Zeros:
            return -1;
        case PaddingMode::Replicate:
            return std::min(std::max(i, 0), n - 1);
        case PaddingMode::Reflect:
            while (i < 0 || i >= n) i = i < 0 ? -i : (n - 1) - (i - (n - 1));
            return i;
        case PaddingMode::Circular:
            while (i < 0) i += n;
            return i % n;
    }
    return -1;
}

// Naive cross-correlation, groups 1, uniform stride and padding, summing input channel, row, column, then
// bias.
inline Volume naiveConv(const Volume& in, const FilterBank& w, int stride, int pad, PaddingMode mode) {
    const int outH = (in.height + 2 * pad - w.kernelHeight) / stride + 1;
    const int outW = (in.width + 2 * pad - w.kernelWidth) / stride + 1;
    Volume out(w.outChannels, outH, outW);
    for (int o = 0; o < w.outChannels; ++o)
        for (int y = 0; y < outH; ++y)
            for (int x = 0; x < outW; ++x) {
                double s = 0;
                for (int c = 0; c < in.channels; ++c)
                    for (int i = 0; i < w.kernelHeight; ++i)
                        for (int j = 0; j < w.kernelWidth; ++j) {
                            const int sy = padSource(y * stride + i - pad, in.height, mode);
                            const int sx = padSource(x * stride + j - pad, in.width, mode);
                            const double v = sy < 0 || sx < 0 ? 0.0 : in.at(c, sy, sx);
                            s += v * w.at(o, c, i, j);
                        }
                out.at(o, y, x) = s + w.biasAt(o);
            }
    return out;
}

// Naive pooling with symmetric padding: max ignores padding, average divides by k·k or by the real cells.
inline Volume naivePool(const Volume& in, bool max, int k, int stride, int pad, int dilation,
                        bool includePad) {
    const int outH = (in.height + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    const int outW = (in.width + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    Volume out(in.channels, outH, outW);
    for (int c = 0; c < in.channels; ++c)
        for (int y = 0; y < outH; ++y)
            for (int x = 0; x < outW; ++x) {
                double best = -std::numeric_limits<double>::infinity(), sum = 0;
                int cells = 0;
                for (int i = 0; i < k; ++i)
                    for (int j = 0; j < k; ++j) {
                        const int yy = y * stride - pad + i * dilation, xx = x * stride - pad + j * dilation;
                        if (yy < 0 || xx < 0 || yy >= in.height || xx >= in.width) continue;
                        best = std::max(best, in.at(c, yy, xx));
                        sum += in.at(c, yy, xx);
                        ++cells;
                    }
                out.at(c, y, x) = max ? best : sum / (includePad ? k * k : cells);
            }
    return out;
}

// Naive conv_transpose2d (groups 1, symmetric padding): each of the first `steps` input elements adds
// value · kernel into the full output, which is then cropped; every element starts at its bias.
inline Volume naiveTransposed(const Volume& in, const FilterBank& w, int stride, int pad, int outputPadding,
                              int steps = -1) {
    const int outC = w.inChannelsPerGroup;
    const int fullH = (in.height - 1) * stride + w.kernelHeight + outputPadding;
    const int fullW = (in.width - 1) * stride + w.kernelWidth + outputPadding;
    Volume full(outC, fullH, fullW);
    for (int o = 0; o < outC; ++o)
        for (int y = 0; y < fullH; ++y)
            for (int x = 0; x < fullW; ++x) full.at(o, y, x) = w.biasAt(o);
    int step = 0;
    for (int c = 0; c < in.channels; ++c)
        for (int y = 0; y < in.height; ++y)
            for (int x = 0; x < in.width; ++x, ++step) {
                if (steps >= 0 && step >= steps) continue;
                for (int o = 0; o < outC; ++o)
                    for (int i = 0; i < w.kernelHeight; ++i)
                        for (int j = 0; j < w.kernelWidth; ++j)
                            full.at(o, y * stride + i, x * stride + j) += in.at(c, y, x) * w.at(c, o, i, j);
            }
    Volume out(outC, fullH - 2 * pad, fullW - 2 * pad);
    for (int o = 0; o < outC; ++o)
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) out.at(o, y, x) = full.at(o, y + pad, x + pad);
    return out;
}

}  // namespace convscope::conv::testing
