#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// He et al.'s pre-activation residual block ("Identity Mappings in Deep Residual Networks", 2016): batch
/// norm and ReLU come before each 3x3 convolution, and the addition is the block's last operation, so the
/// shortcut is a clean identity from block to block. A 1x1 projection (no batch norm) takes the
/// pre-activated input when the shape changes.
class PreActBlockImpl : public torch::nn::Module {
public:
    PreActBlockImpl(int inChannels, int planes, int stride);
    torch::Tensor forward(const torch::Tensor& x);

private:
    int m_stride;
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, shortcut{nullptr};
};
TORCH_MODULE(PreActBlock);

/// Pre-activation ResNet-18: torchvision's ImageNet stem (7x7 stride-2 convolution, batch norm, ReLU, 3x3
/// max pooling), four stages of two pre-activation blocks (64, 128, 256, 512 channels), then the batch norm
/// and ReLU that the last block leaves undone, global average pooling and fc. Taps: conv1, layer1.0 …
/// layer4.1, fc.
class PreActResNetImpl : public ClassifierImpl {
public:
    PreActResNetImpl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return conv1->weight; }

private:
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bnFinal{nullptr};
    std::vector<PreActBlock> m_blocks;
    torch::nn::Linear fc{nullptr};
};

}  // namespace convscope::nn
