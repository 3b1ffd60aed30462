#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/zoo/zoo_mbconv.h"

namespace convscope::nn {

namespace zoo_mobile {

/// MobileNet v2's inverted residual, torchvision's layout: "conv" holds the 1x1 expansion to t × in channels
/// with ReLU6 (omitted when t = 1), the depthwise 3x3 convolution with ReLU6 (carrying the stride), and the
/// linear 1x1 projection with its batch norm (no activation: ReLU would destroy information in the narrow
/// bottleneck). The input is added back when stride 1 keeps the channels. Traced as a Block scope `name`.
class InvertedResidualImpl : public torch::nn::Module {
public:
    InvertedResidualImpl(int in, int out, int stride, int expandRatio, const std::string& name);
    torch::Tensor forward(const torch::Tensor& x);

private:
    bool m_residual;
    std::string m_name, m_title, m_projectName, m_projectBnName;
    ConvNormActivation expand{nullptr}, depthwise{nullptr};
    torch::nn::Conv2d project{nullptr};
    torch::nn::BatchNorm2d projectBn{nullptr};
};
TORCH_MODULE(InvertedResidual);

}  // namespace zoo_mobile

/// MobileNet v2 (Sandler et al. 2018) as torchvision 0.14 builds it at width 1.0 (3,504,872 parameters with 3
/// input channels and 1000 classes): features.0 a 3x3 stride-2 convolution to 32 channels + batch norm +
/// ReLU6, features.1 … features.17 the inverted residuals of the paper's table (t, c, n, s), features.18 a
/// 1x1 convolution to 1280, global average pooling, dropout 0.2 and the linear classifier. The traced graph
/// groups each table row's blocks in an unnamed Stage. Taps: features.0 … features.18, classifier.
class MobileNetV2Impl : public ClassifierImpl {
public:
    MobileNetV2Impl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return stem->conv->weight; }

private:
    zoo_mobile::ConvNormActivation stem{nullptr}, head{nullptr};
    std::vector<std::vector<zoo_mobile::InvertedResidual>> m_stages;
    std::vector<std::string> m_stageTitles;
    torch::nn::Linear fc{nullptr};
};

/// Throws std::invalid_argument for channel or class counts below 1.
Classifier makeMobileNetV2(int inChannels, int classes);

}  // namespace convscope::nn
