#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/zoo/zoo_mbconv.h"

namespace convscope::nn {

namespace zoo_mobile {

/// ShuffleNet v2's unit, torchvision's InvertedResidual. Stride 1: the channels are split in half, one half
/// passes unchanged while "branch2" (1x1 + batch norm + ReLU, depthwise 3x3 + batch norm, 1x1 + batch norm +
/// ReLU) transforms the other. Stride 2: both branches see the whole input, "branch1" a depthwise 3x3 + batch
/// norm and 1x1 + batch norm + ReLU, and each halves the resolution. The halves are concatenated and the
/// channels shuffled (2 groups) so that the next unit's split mixes both. Traced as a Block scope `name`
/// with the branches as Branch scopes.
class ShuffleUnitImpl : public torch::nn::Module {
public:
    ShuffleUnitImpl(int in, int out, int stride, const std::string& name);
    torch::Tensor forward(const torch::Tensor& x);

private:
    int m_stride;
    std::string m_name;
    // branch1 (stride 2 only): 0 depthwise, 1 BN, 2 pointwise, 3 BN. branch2: 0 pointwise, 1 BN, 3 depthwise,
    // 4 BN, 5 pointwise, 6 BN (torchvision's indices; the ReLUs hold the others).
    torch::nn::Conv2d b1Depthwise{nullptr}, b1Pointwise{nullptr};
    torch::nn::BatchNorm2d b1Bn1{nullptr}, b1Bn2{nullptr};
    torch::nn::Conv2d b2Pointwise1{nullptr}, b2Depthwise{nullptr}, b2Pointwise2{nullptr};
    torch::nn::BatchNorm2d b2Bn1{nullptr}, b2Bn2{nullptr}, b2Bn3{nullptr};
};
TORCH_MODULE(ShuffleUnit);

}  // namespace zoo_mobile

/// ShuffleNet v2 x1.0 (Ma et al. 2018) as torchvision 0.14 builds it (2,278,604 parameters with 3 input
/// channels and 1000 classes): conv1 a 3x3 stride-2 convolution to 24 channels + batch norm + ReLU, a 3x3
/// stride-2 max pool, stage2 … stage4 of 4, 8 and 4 units (116, 232, 464 channels; the first unit of each
/// halves the resolution), conv5 a 1x1 convolution to 1024 + batch norm + ReLU, global average pooling and
/// the linear classifier "fc". Taps: conv1, stage2, stage3, stage4, conv5, fc.
class ShuffleNetV2Impl : public ClassifierImpl {
public:
    ShuffleNetV2Impl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override {
        return {"conv1", "stage2", "stage3", "stage4", "conv5", "fc"};
    }
    torch::Tensor firstConvWeights() const override { return conv1->conv->weight; }

private:
    zoo_mobile::ConvNormActivation conv1{nullptr}, conv5{nullptr};
    std::vector<std::vector<zoo_mobile::ShuffleUnit>> m_stages;
    torch::nn::Linear fc{nullptr};
};

/// Throws std::invalid_argument for channel or class counts below 1.
Classifier makeShuffleNetV2(int inChannels, int classes);

}  // namespace convscope::nn
