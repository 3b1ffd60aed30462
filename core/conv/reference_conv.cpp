#include "core/conv/reference_conv.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/conv/output_size.h"
#include "core/conv/padding_source.h"
#include "core/conv/validation.h"

namespace convscope::conv {

// These functions are deliberately written apart from ConvTrace's loops so that the tests can hold two
// implementations against each other and against LibTorch. spec.op is ignored by the convolution and
// transposed functions (each does one thing); pool2dNaive reads it to choose max or average.

namespace {

// im2col materialises C_in·kH·kW x H_out·W_out doubles; past this it would exhaust memory, not teach.
constexpr long long kMaxIm2colValues = 1LL << 27;

ConvSpec asOperation(ConvSpec spec, Operation op) {
    spec.op = op;
    return spec;
}

}  // namespace

Volume conv2dNaive(const Volume& input, const FilterBank& weights, const ConvSpec& spec) {
    detail::checkVolumeValues(input);
    const ConvSpec s = asOperation(spec, Operation::Convolution);
    Volume out = outputShape(input, weights, s);
    out.values.assign(static_cast<std::size_t>(out.channels) * out.height * out.width, 0.0);
    const int inPerGroup = weights.inChannelsPerGroup;
    const int outPerGroup = weights.outChannels / s.groups;
    for (int g = 0; g < s.groups; ++g) {
        for (int og = 0; og < outPerGroup; ++og) {
            const int oc = g * outPerGroup + og;
            for (int oy = 0; oy < out.height; ++oy) {
                for (int ox = 0; ox < out.width; ++ox) {
                    double acc = weights.biasAt(oc);
                    for (int ic = 0; ic < inPerGroup; ++ic) {
                        const int c = g * inPerGroup + ic;
                        for (int ky = 0; ky < weights.kernelHeight; ++ky) {
                            const int y =
                                detail::paddingSource(oy * s.stride.y - s.padding.top + ky * s.dilation.y,
                                                      input.height, s.paddingMode);
                            if (y < 0) continue;
                            for (int kx = 0; kx < weights.kernelWidth; ++kx) {
                                const int x = detail::paddingSource(
                                    ox * s.stride.x - s.padding.left + kx * s.dilation.x, input.width,
                                    s.paddingMode);
                                if (x < 0) continue;
                                acc += input.at(c, y, x) * weights.at(oc, ic, ky, kx);
                            }
                        }
                    }
                    out.at(oc, oy, ox) = acc;
                }
            }
        }
    }
    return out;
}

Volume pool2dNaive(const Volume& input, const ConvSpec& spec) {
    if (spec.op != Operation::MaxPool && spec.op != Operation::AvgPool) {
        throw ConvError("pool2dNaive needs a max or average pooling spec (got " + toString(spec.op) + ").");
    }
    detail::checkVolumeValues(input);
    Volume out = outputShape(input, FilterBank{}, spec);
    out.values.assign(static_cast<std::size_t>(out.channels) * out.height * out.width, 0.0);
    const bool maxPool = spec.op == Operation::MaxPool;
    const int kH = spec.poolKernel.y;
    const int kW = spec.poolKernel.x;
    for (int c = 0; c < out.channels; ++c) {
        for (int oy = 0; oy < out.height; ++oy) {
            for (int ox = 0; ox < out.width; ++ox) {
                double best = -std::numeric_limits<double>::infinity();
                double sum = 0.0;
                int cells = 0;
                for (int ky = 0; ky < kH; ++ky) {
                    const int y = oy * spec.stride.y - spec.padding.top + ky * spec.dilation.y;
                    if (y < 0 || y >= input.height) continue;
                    for (int kx = 0; kx < kW; ++kx) {
                        const int x = ox * spec.stride.x - spec.padding.left + kx * spec.dilation.x;
                        if (x < 0 || x >= input.width) continue;
                        const double v = input.at(c, y, x);
                        if (v > best || std::isnan(v)) best = v;
                        sum += v;
                        ++cells;
                    }
                }
                out.at(c, oy, ox) = maxPool ? best : sum / (spec.countIncludePad ? kH * kW : cells);
            }
        }
    }
    return out;
}

Volume convTranspose2dNaive(const Volume& input, const FilterBank& weights, const ConvSpec& spec) {
    detail::checkVolumeValues(input);
    const ConvSpec s = asOperation(spec, Operation::Transposed);
    Volume out = outputShape(input, weights, s);
    out.values.assign(static_cast<std::size_t>(out.channels) * out.height * out.width, 0.0);
    for (int oc = 0; oc < out.channels; ++oc) {
        for (int y = 0; y < out.height; ++y) {
            for (int x = 0; x < out.width; ++x) out.at(oc, y, x) = weights.biasAt(oc);
        }
    }
    const int inPerGroup = input.channels / s.groups;
    const int outPerGroup = weights.inChannelsPerGroup;
    for (int c = 0; c < input.channels; ++c) {
        const int g = c / inPerGroup;
        for (int iy = 0; iy < input.height; ++iy) {
            for (int ix = 0; ix < input.width; ++ix) {
                const double v = input.at(c, iy, ix);
                for (int og = 0; og < outPerGroup; ++og) {
                    for (int ky = 0; ky < weights.kernelHeight; ++ky) {
                        // Position in the cropped output: the uncropped row minus the top padding.
                        const int y = iy * s.stride.y + ky * s.dilation.y - s.padding.top;
                        if (y < 0 || y >= out.height) continue;
                        for (int kx = 0; kx < weights.kernelWidth; ++kx) {
                            const int x = ix * s.stride.x + kx * s.dilation.x - s.padding.left;
                            if (x < 0 || x >= out.width) continue;
                            out.at(g * outPerGroup + og, y, x) += v * weights.at(c, og, ky, kx);
                        }
                    }
                }
            }
        }
    }
    return out;
}

Im2colMatrix im2col(const Volume& input, int kernelHeight, int kernelWidth, const ConvSpec& spec) {
    detail::checkVolumeValues(input);
    if (kernelHeight < 1 || kernelWidth < 1) {
        throw ConvError("The kernel must be at least 1x1 (got " + std::to_string(kernelHeight) + "x" +
                        std::to_string(kernelWidth) + ").");
    }
    if (input.channels < 1) throw ConvError("The input is empty (" + input.shapeText() + ").");
    ConvSpec s = asOperation(spec, Operation::Convolution);
    s.groups = 1;
    const Padding& p = s.padding;
    const int outH =
        convOutputSize(input.height, kernelHeight, s.stride.y, p.top, p.bottom, s.dilation.y, "height").size;
    const int outW =
        convOutputSize(input.width, kernelWidth, s.stride.x, p.left, p.right, s.dilation.x, "width").size;
    const long long rows = static_cast<long long>(input.channels) * kernelHeight * kernelWidth;
    const long long cols = static_cast<long long>(outH) * outW;
    if (rows * cols > kMaxIm2colValues) {
        throw ConvError("The im2col matrix would hold " + std::to_string(rows * cols) + " values (" +
                        std::to_string(rows) + " x " + std::to_string(cols) + "), more than the " +
                        std::to_string(kMaxIm2colValues) + " it may use.");
    }
    // Full validation (padding mode limits) with a shape-only filter bank of one filter.
    FilterBank shape(1, input.channels, kernelHeight, kernelWidth);
    outputShape(input, shape, s);

    Im2colMatrix m;
    m.rows = static_cast<int>(rows);
    m.cols = static_cast<int>(cols);
    m.values.assign(static_cast<std::size_t>(rows * cols), 0.0);
    std::size_t r = 0;
    for (int c = 0; c < input.channels; ++c) {
        for (int ky = 0; ky < kernelHeight; ++ky) {
            for (int kx = 0; kx < kernelWidth; ++kx, ++r) {
                double* row = m.values.data() + r * static_cast<std::size_t>(cols);
                for (int oy = 0; oy < outH; ++oy) {
                    const int y = detail::paddingSource(oy * s.stride.y - p.top + ky * s.dilation.y,
                                                        input.height, s.paddingMode);
                    for (int ox = 0; ox < outW; ++ox) {
                        const int x = detail::paddingSource(ox * s.stride.x - p.left + kx * s.dilation.x,
                                                            input.width, s.paddingMode);
                        row[oy * outW + ox] = y >= 0 && x >= 0 ? input.at(c, y, x) : 0.0;
                    }
                }
            }
        }
    }
    return m;
}

Volume conv2dIm2col(const Volume& input, const FilterBank& weights, const ConvSpec& spec) {
    detail::checkVolumeValues(input);
    const ConvSpec s = asOperation(spec, Operation::Convolution);
    Volume out = outputShape(input, weights, s);
    const Im2colMatrix columns = im2col(input, weights.kernelHeight, weights.kernelWidth, s);
    const std::size_t n = static_cast<std::size_t>(columns.cols);
    const std::size_t k =
        static_cast<std::size_t>(weights.inChannelsPerGroup) * weights.kernelHeight * weights.kernelWidth;
    const int outPerGroup = weights.outChannels / s.groups;
    out.values.assign(static_cast<std::size_t>(out.channels) * n, 0.0);
    for (int oc = 0; oc < out.channels; ++oc) {
        std::fill_n(out.values.begin() + static_cast<std::ptrdiff_t>(oc * n), n, weights.biasAt(oc));
    }
    // C (outPerGroup x n) += A (outPerGroup x k) · B (k x n) per group, blocked so that a k-by-n tile of the
    // columns (128 x 512 doubles, 512 KiB) stays in cache while every filter of the group sweeps over it.
    constexpr std::size_t kBlockK = 128;
    constexpr std::size_t kBlockN = 512;
    for (int g = 0; g < s.groups; ++g) {
        const double* a = weights.weights.data() + static_cast<std::size_t>(g) * outPerGroup * k;
        const double* b = columns.values.data() + static_cast<std::size_t>(g) * k * n;
        double* c = out.values.data() + static_cast<std::size_t>(g) * outPerGroup * n;
        for (std::size_t k0 = 0; k0 < k; k0 += kBlockK) {
            const std::size_t k1 = std::min(k, k0 + kBlockK);
            for (std::size_t j0 = 0; j0 < n; j0 += kBlockN) {
                const std::size_t j1 = std::min(n, j0 + kBlockN);
                for (int i = 0; i < outPerGroup; ++i) {
                    double* cRow = c + static_cast<std::size_t>(i) * n;
                    for (std::size_t kk = k0; kk < k1; ++kk) {
                        const double aik = a[static_cast<std::size_t>(i) * k + kk];
                        const double* bRow = b + kk * n;
                        for (std::size_t j = j0; j < j1; ++j) cRow[j] += aik * bRow[j];
                    }
                }
            }
        }
    }
    return out;
}

}  // namespace convscope::conv
