#pragma once

// Small models whose attributions are known: Captum's BasicModel_ConvNet_One_Conv (captum/testing/helpers/
// basic_models.py), a double-precision CNN with a linear head, and a linear model. Each is a Classifier with
// tap points, as the application's models are.

#include <torch/torch.h>

#include "core/nn/models/classifier.h"

namespace explaintest {

using convscope::nn::ClassifierImpl;
using convscope::nn::TapSink;

/// conv 1→2 (3×3, all weights 1, biases −50 and −75), ReLU, flatten to 8, fc 8→4 (rows [1,1,1,1,1,−1,−1,−1],
/// bias 0), ReLU. `plusOne` computes net(x + 1), as Captum's occlusion test does with a second input of ones.
class CaptumConvNet : public ClassifierImpl {
public:
    using ClassifierImpl::forward;
    explicit CaptumConvNet(bool plusOne = false) : m_plusOne(plusOne) {
        conv = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 2, 3)));
        fc = register_module("fc1", torch::nn::Linear(8, 4));
        torch::NoGradGuard noGrad;
        conv->weight.fill_(1.0);
        conv->bias.copy_(torch::tensor({-50.0f, -75.0f}));
        fc->weight.copy_(torch::cat({torch::ones({4, 5}), -torch::ones({4, 3})}, 1));
        fc->bias.zero_();
    }
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override {
        if (m_plusOne) x = x + 1.0;
        x = conv->forward(x);
        if (tap) tap("conv1", x);
        x = torch::relu(x).view({-1, 8});
        return torch::relu(fc->forward(x));
    }
    std::vector<std::string> tapNames() const override { return {"conv1"}; }
    torch::Tensor firstConvWeights() const override { return conv->weight; }

private:
    bool m_plusOne;
    torch::nn::Conv2d conv{nullptr};
    torch::nn::Linear fc{nullptr};
};

/// Double precision: conv 1→3 (3×3) tanh, conv 3→2 (3×3) tanh [tap "conv2"], flatten, fc → 3 classes. The
/// head after the tap is linear, so ∂y_c/∂A is fc's row c exactly.
class SmoothNet : public ClassifierImpl {
public:
    using ClassifierImpl::forward;
    explicit SmoothNet(int size) : m_size(size) {
        torch::manual_seed(7);
        conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 3, 3).padding(1)));
        conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 2, 3).padding(1)));
        fc = register_module("fc", torch::nn::Linear(2 * size * size, 3));
        to(torch::kFloat64);
    }
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override {
        x = torch::tanh(conv1->forward(x));
        if (tap) tap("conv1", x);
        x = torch::tanh(conv2->forward(x));
        if (tap) tap("conv2", x);
        return fc->forward(x.flatten(1));
    }
    std::vector<std::string> tapNames() const override { return {"conv1", "conv2"}; }
    torch::Tensor firstConvWeights() const override { return conv1->weight; }

    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::Linear fc{nullptr};

private:
    int m_size;
};

/// y = W·flatten(x) + b: integrated gradients are exact for it, (x − baseline)·W for every step count.
class LinearNet : public ClassifierImpl {
public:
    using ClassifierImpl::forward;
    explicit LinearNet(int pixels) {
        torch::manual_seed(3);
        fc = register_module("fc", torch::nn::Linear(pixels, 4));
    }
    torch::Tensor forward(torch::Tensor x, const TapSink&) override { return fc->forward(x.flatten(1)); }
    std::vector<std::string> tapNames() const override { return {}; }
    torch::Tensor firstConvWeights() const override { return torch::Tensor(); }

    torch::nn::Linear fc{nullptr};
};

}  // namespace explaintest
