#pragma once

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// The seed's SimpleCNN — conv1 (in → 32, 3x3, pad 1), ReLU, conv2 (32 → 64, 3x3, pad 1), ReLU — with a head
/// so that it classifies: global average pooling and a linear layer (64 → classes). Taps: conv1, conv2, fc.
/// `dropout` > 0 drops the pooled features before the linear layer in training mode.
class SimpleCnnImpl : public ClassifierImpl {
public:
    SimpleCnnImpl(int inChannels, int classes, double dropout = 0.0);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override { return {"conv1", "conv2", "fc"}; }
    torch::Tensor firstConvWeights() const override { return conv1->weight; }

private:
    double m_dropout;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::Linear fc{nullptr};
};

/// The seed's HierarchicalCNN — three conv (3x3, pad 1) + batch norm + ReLU stages, in → 64 → 128 → 256 —
/// with the same head (global average pooling, linear 256 → classes). Taps: conv1, conv2, conv3, fc.
/// `batchNorm` false leaves the batch norms out (the convolutions keep their bias, as in the seed);
/// `dropout` > 0 drops the pooled features before the linear layer in training mode.
class HierarchicalCnnImpl : public ClassifierImpl {
public:
    HierarchicalCnnImpl(int inChannels, int classes, bool batchNorm = true, double dropout = 0.0);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override { return {"conv1", "conv2", "conv3", "fc"}; }
    torch::Tensor firstConvWeights() const override { return conv1->weight; }

private:
    double m_dropout;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    torch::nn::Linear fc{nullptr};
};

/// LeNet-5 as in the lecture slides: conv 5x5 (in → 6, padded by 2 so a 28x28 image keeps its size, as MNIST
/// versions do), tanh, 2x2 average pooling, conv 5x5 (6 → 16), tanh, pooling, then fully connected 16·5·5 →
/// 120 → 84 → classes with tanh between. `inputSize` (28 or larger) fixes the first fully connected layer's
/// width. Taps: conv1, conv2, fc1, fc2, fc. `dropout` > 0 drops the outputs of the two hidden fully
/// connected layers (after their tanh) in training mode, where AlexNet drops out (the seed: "dropout 0.5").
class LeNet5Impl : public ClassifierImpl {
public:
    LeNet5Impl(int inChannels, int classes, int inputSize, double dropout = 0.0);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override { return {"conv1", "conv2", "fc1", "fc2", "fc"}; }
    torch::Tensor firstConvWeights() const override { return conv1->weight; }

private:
    double m_dropout;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::Linear fc1{nullptr}, fc2{nullptr}, fc{nullptr};
};

}  // namespace convscope::nn
