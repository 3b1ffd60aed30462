#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/zoo/zoo_mbconv.h"

namespace convscope::nn {

/// EfficientNet-B0 … B7 as torchvision 0.14 builds them (so that with 3 input channels and 1000 classes B0
/// has 5,288,548 parameters and B7 66,347,960): features.0 a 3x3 stride-2 convolution + batch norm + SiLU,
/// features.1 … features.7 the seven MBConv stages of the paper's table (channels × the width multiplier,
/// rounded to a multiple of 8; blocks × the depth multiplier, rounded up), features.8 a 1x1 convolution to
/// four times the last stage's channels, global average pooling, dropout and the linear classifier. B5 … B7
/// use torchvision's batch norm eps 1e-3 and momentum 0.01, B0 … B4 PyTorch's defaults. Taps: features.0 …
/// features.8 (each stage's output), classifier.
class EfficientNetImpl : public ClassifierImpl {
public:
    EfficientNetImpl(int variant, int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return stem->conv->weight; }
    int variant() const { return m_variant; }

private:
    int m_variant;
    double m_dropout;
    zoo_mobile::ConvNormActivation stem{nullptr}, head{nullptr};
    std::vector<std::vector<zoo_mobile::MBConv>> m_stages;
    std::vector<std::string> m_stageTitles;
    torch::nn::Linear fc{nullptr};
};

/// EfficientNet-B`variant` (0 … 7). Throws std::invalid_argument for another variant or channel or class
/// counts below 1.
Classifier makeEfficientNet(int variant, int inChannels, int classes);

}  // namespace convscope::nn
