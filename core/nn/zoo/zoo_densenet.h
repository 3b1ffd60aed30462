#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

namespace densenet {

/// One dense layer, torchvision's _DenseLayer: batch norm, ReLU, 1x1 convolution to bn_size x growth
/// channels, batch norm, ReLU, 3x3 convolution to growth channels; the output is the input with the new
/// channels appended (torchvision concatenates all earlier outputs at each layer, which is the same tensor).
class DenseLayerImpl : public torch::nn::Module {
public:
    DenseLayerImpl(int in, int growth, int bnSize);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
};
TORCH_MODULE(DenseLayer);

/// torchvision's _Transition between dense blocks: batch norm, ReLU, 1x1 convolution (halving the channels),
/// 2x2 average pooling.
class TransitionImpl : public torch::nn::Module {
public:
    TransitionImpl(int in, int out);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::BatchNorm2d norm{nullptr};
    torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Transition);

}  // namespace densenet

/// DenseNet-121 (Huang et al. 2017) as torchvision builds it: growth rate 32, dense blocks of 6, 12, 24 and
/// 16 layers with bottlenecks of 4 x 32 channels, transitions that halve the channels, no dropout. With 3
/// input channels and 1000 classes it has torchvision's 7,978,856 parameters and its module names
/// ("features.denseblock1.denselayer1.conv1.weight", "features.norm5.bias", "classifier.weight"). Any input
/// from 29x29 up. Taps: features.relu0 (the stem's convolution), each dense block and transition, classifier.
class DenseNetImpl : public ClassifierImpl {
public:
    /// blockLayers: the dense blocks' layer counts ({6, 12, 24, 16} for DenseNet-121).
    DenseNetImpl(int inChannels, int classes, std::array<int, 4> blockLayers);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return conv0->weight; }

private:
    torch::nn::Conv2d conv0{nullptr};
    torch::nn::BatchNorm2d norm0{nullptr}, norm5{nullptr};
    std::vector<std::vector<densenet::DenseLayer>> m_blocks;
    std::vector<densenet::Transition> m_transitions;
    torch::nn::Linear classifier{nullptr};
};

Classifier makeDenseNet121(int inChannels, int classes);
/// DenseNet-169: the same with dense blocks of 6, 12, 32 and 32 layers (torchvision's 14,149,480 parameters).
Classifier makeDenseNet169(int inChannels, int classes);

}  // namespace convscope::nn
