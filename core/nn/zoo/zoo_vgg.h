#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// VGG (Simonyan & Zisserman 2014) as torchvision builds it: configurations A, B, D and E (VGG-11, 13, 16,
/// 19) of 3x3 convolutions (padding 1) in five blocks of 64, 128, 256, 512 and 512 channels, each block
/// ending in 2x2 max pooling; optionally batch norm after every convolution (torchvision's vgg16_bn);
/// adaptive average pooling to 7x7; then 25088 → 4096 → 4096 → classes with ReLU and dropout. Parameter
/// counts and names equal torchvision's ("features.28.weight", "classifier.6.bias"; VGG-16 with 3 channels
/// and 1000 classes has 138,357,544). Any input from 32x32 up. Taps: every convolution's ReLU ("features.1",
/// "features.3", …) and the logits ("classifier").
class VggImpl : public ClassifierImpl {
public:
    VggImpl(int depth, bool batchNorm, int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override { return m_tapNames; }
    torch::Tensor firstConvWeights() const override { return m_blocks.front().units.front().conv->weight; }

private:
    /// One convolution with its batch norm (or none) and ReLU, under torchvision's Sequential indices.
    struct ConvUnit {
        torch::nn::Conv2d conv{nullptr};
        torch::nn::BatchNorm2d bn{nullptr};
        std::string convName, bnName, reluName;
    };
    struct Block {
        std::vector<ConvUnit> units;
        std::string poolName, title;
    };

    std::vector<Block> m_blocks;
    std::vector<torch::nn::Linear> m_fcs;  ///< classifier.0, .3, .6
    std::vector<std::string> m_tapNames;
};

/// depth 11, 13, 16 or 19 (anything else: std::invalid_argument).
Classifier makeVgg(int depth, bool batchNorm, int inChannels, int classes);

}  // namespace convscope::nn
