#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/zoo/zoo_mbconv.h"

namespace convscope::nn {

namespace zoo_mobile {

/// MobileNet v1's depthwise separable convolution: "dw" a depthwise 3x3 convolution (one filter per channel,
/// carrying the stride) + batch norm + ReLU, "pw" a pointwise 1x1 convolution mixing the channels + batch
/// norm
/// + ReLU. Eight to nine times fewer multiply-accumulates than a full 3x3 convolution at these widths.
/// Traced as a Block scope `name`.
class DepthwiseSeparableImpl : public torch::nn::Module {
public:
    DepthwiseSeparableImpl(int in, int out, int stride, const std::string& name);
    torch::Tensor forward(const torch::Tensor& x);

private:
    std::string m_name, m_title;
    ConvNormActivation dw{nullptr}, pw{nullptr};
};
TORCH_MODULE(DepthwiseSeparable);

}  // namespace zoo_mobile

/// MobileNet v1 (Howard et al. 2017, Table 1) at width 1.0: features.0 a 3x3 stride-2 convolution to 32
/// channels, features.1 … features.13 depthwise separable blocks (64, 128, 128, 256, 256, 512 × 6, 1024,
/// 1024 channels; stride 2 where the channels double, except the first), global average pooling and the
/// linear classifier "fc" — 4,231,976 parameters with 3 input channels and 1000 classes. torchvision has no
/// MobileNet v1; convolutions have no bias and batch norm follows each, as in the paper. The paper's table
/// gives the last depthwise layer stride 2, a known typo (its output stays 7x7): stride 1 here.
/// The traced graph groups blocks of one resolution in an unnamed Stage. Taps: features.0 … features.13, fc.
class MobileNetV1Impl : public ClassifierImpl {
public:
    MobileNetV1Impl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return stem->conv->weight; }

private:
    zoo_mobile::ConvNormActivation stem{nullptr};
    std::vector<std::vector<zoo_mobile::DepthwiseSeparable>> m_stages;
    std::vector<std::string> m_stageTitles;
    torch::nn::Linear fc{nullptr};
};

/// Throws std::invalid_argument for channel or class counts below 1.
Classifier makeMobileNetV1(int inChannels, int classes);

}  // namespace convscope::nn
