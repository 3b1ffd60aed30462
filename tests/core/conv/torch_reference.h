#pragma once

// LibTorch as the reference for every operation of core/conv, in double precision: torch::conv2d,
// nn::Conv2d's padding_mode, F.pad for asymmetric padding, max_pool2d / avg_pool2d and conv_transpose2d
// (cropped by hand for asymmetric padding, which PyTorch does not offer).
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "core/conv/conv_spec.h"
#include "core/conv/volume.h"

namespace convscope::conv::testing {

namespace F = torch::nn::functional;

// Explicit IntArrayRef sources: braced lists are ambiguous with conv2d's string-padding overload.
using Ints = std::vector<int64_t>;

inline torch::Tensor toTensor(const Volume& v) {
    return torch::from_blob(const_cast<double*>(v.values.data()), {1, v.channels, v.height, v.width},
                            torch::kFloat64)
        .clone();
}

inline torch::Tensor weightTensor(const FilterBank& b) {
    return torch::from_blob(const_cast<double*>(b.weights.data()),
                            {b.outChannels, b.inChannelsPerGroup, b.kernelHeight, b.kernelWidth},
                            torch::kFloat64)
        .clone();
}

inline torch::Tensor biasTensor(const FilterBank& b) {
    if (!b.hasBias()) return {};
    return torch::from_blob(const_cast<double*>(b.bias.data()), {static_cast<long>(b.bias.size())},
                            torch::kFloat64)
        .clone();
}

inline bool symmetric(const Padding& p) {
    return p.isSymmetric();
}

inline torch::Tensor padded(const torch::Tensor& x, const Padding& p, F::PadFuncOptions::mode_t mode,
                            double value = 0) {
    return F::pad(x, F::PadFuncOptions({p.left, p.right, p.top, p.bottom}).mode(mode).value(value));
}

inline torch::Tensor torchConvolution(const Volume& input, const FilterBank& weights, const ConvSpec& s) {
    const torch::Tensor x = toTensor(input);
    const torch::Tensor w = weightTensor(weights);
    const torch::Tensor b = biasTensor(weights);
    if (!symmetric(s.padding)) {
        F::PadFuncOptions::mode_t mode = torch::kConstant;
        if (s.paddingMode == PaddingMode::Reflect) mode = torch::kReflect;
        if (s.paddingMode == PaddingMode::Replicate) mode = torch::kReplicate;
        if (s.paddingMode == PaddingMode::Circular) mode = torch::kCircular;
        return torch::conv2d(padded(x, s.padding, mode), w, b, Ints{s.stride.y, s.stride.x}, Ints{0, 0},
                             Ints{s.dilation.y, s.dilation.x}, s.groups);
    }
    if (s.paddingMode == PaddingMode::Zeros) {
        return torch::conv2d(x, w, b, Ints{s.stride.y, s.stride.x}, Ints{s.padding.top, s.padding.left},
                             Ints{s.dilation.y, s.dilation.x}, s.groups);
    }
    // nn.Conv2d's padding_mode, the module the textbook uses.
    auto options = torch::nn::Conv2dOptions(input.channels, weights.outChannels,
                                            {weights.kernelHeight, weights.kernelWidth})
                       .stride({s.stride.y, s.stride.x})
                       .padding(torch::ExpandingArray<2>({s.padding.top, s.padding.left}))
                       .dilation({s.dilation.y, s.dilation.x})
                       .groups(s.groups)
                       .bias(weights.hasBias());
    if (s.paddingMode == PaddingMode::Reflect) options.padding_mode(torch::kReflect);
    if (s.paddingMode == PaddingMode::Replicate) options.padding_mode(torch::kReplicate);
    if (s.paddingMode == PaddingMode::Circular) options.padding_mode(torch::kCircular);
    torch::nn::Conv2d conv(options);
    conv->to(torch::kFloat64);
    torch::NoGradGuard noGrad;
    conv->weight.copy_(w);
    if (weights.hasBias()) conv->bias.copy_(b);
    return conv->forward(x);
}

inline torch::Tensor torchPooling(const Volume& input, const ConvSpec& s) {
    const torch::Tensor x = toTensor(input);
    const std::vector<int64_t> k = {s.poolKernel.y, s.poolKernel.x}, st = {s.stride.y, s.stride.x};
    if (s.op == Operation::MaxPool) {
        if (symmetric(s.padding)) {
            return torch::max_pool2d(x, k, st, {s.padding.top, s.padding.left}, {s.dilation.y, s.dilation.x});
        }
        return torch::max_pool2d(padded(x, s.padding, torch::kConstant, -INFINITY), k, st, {0, 0},
                                 {s.dilation.y, s.dilation.x});
    }
    if (symmetric(s.padding)) {
        return torch::avg_pool2d(x, k, st, {s.padding.top, s.padding.left}, false, s.countIncludePad);
    }
    const torch::Tensor sums =
        torch::avg_pool2d(padded(x, s.padding, torch::kConstant), k, st, {0, 0}, false, true);
    if (s.countIncludePad) return sums;
    // Without count_include_pad, divide the window sum by the number of real cells (a pooled mask of ones).
    const torch::Tensor cells = torch::avg_pool2d(padded(torch::ones_like(x), s.padding, torch::kConstant), k,
                                                  st, {0, 0}, false, true);
    return sums / cells;
}

inline torch::Tensor torchTransposed(const Volume& input, const FilterBank& weights, const ConvSpec& s) {
    const torch::Tensor x = toTensor(input);
    const torch::Tensor w = weightTensor(weights);
    const torch::Tensor b = biasTensor(weights);
    const std::vector<int64_t> st = {s.stride.y, s.stride.x}, op = {s.outputPadding.y, s.outputPadding.x},
                               dil = {s.dilation.y, s.dilation.x};
    if (symmetric(s.padding)) {
        return torch::conv_transpose2d(x, w, b, st, {s.padding.top, s.padding.left}, op, s.groups, dil);
    }
    // PyTorch pads symmetrically only; crop the uncropped output side by side instead.
    const torch::Tensor full = torch::conv_transpose2d(x, w, b, st, {0, 0}, op, s.groups, dil);
    const int64_t h = full.size(2) - s.padding.top - s.padding.bottom;
    const int64_t wd = full.size(3) - s.padding.left - s.padding.right;
    return full.slice(2, s.padding.top, s.padding.top + h).slice(3, s.padding.left, s.padding.left + wd);
}

}  // namespace convscope::conv::testing
