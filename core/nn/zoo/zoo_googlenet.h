#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

// GoogLeNet's building blocks, in their own namespace: other Inception versions have their own BasicConv2d.
namespace googlenet {

/// torchvision's BasicConv2d: convolution without bias, batch norm (eps 0.001), ReLU.
class BasicConv2dImpl : public torch::nn::Module {
public:
    BasicConv2dImpl(int in, int out, int kernel, int stride = 1, int padding = 0);
    /// Traced under the current scope with leaves "<prefix>.conv", "<prefix>.bn", "<prefix>.relu" (just
    /// "conv", "bn", "relu" when prefix is empty).
    torch::Tensor forward(const torch::Tensor& x, const std::string& prefix);
    const torch::Tensor& convWeight() const { return conv->weight; }

private:
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(BasicConv2d);

/// One Inception module of GoogLeNet as torchvision builds it: four branches, concatenated along channels —
/// 1x1; 1x1 → 3x3; 1x1 → "5x5" (a 3x3, as in torchvision, whose pretrained weights were trained that way);
/// 3x3 max pooling (stride 1) → 1x1.
class InceptionImpl : public torch::nn::Module {
public:
    InceptionImpl(int in, int ch1x1, int ch3x3red, int ch3x3, int ch5x5red, int ch5x5, int poolProj);
    torch::Tensor forward(const torch::Tensor& x);
    int outChannels() const { return m_out; }

private:
    int m_out;
    BasicConv2d branch1{nullptr};
    // Branches 2 to 4 are Sequentials in torchvision ("branch2.0", "branch2.1", "branch4.1"); the lists keep
    // those names (branch4.0 is the parameterless pooling).
    BasicConv2d b2reduce{nullptr}, b2conv{nullptr}, b3reduce{nullptr}, b3conv{nullptr}, b4proj{nullptr};
};
TORCH_MODULE(Inception);

/// torchvision's InceptionAux of GoogLeNet: 4x4 adaptive average pooling, 1x1 BasicConv2d to 128 channels,
/// fc1 (2048 → 1024) with ReLU, dropout 0.7, fc2 (1024 → classes). Traced as a SideExit scope: it reads the
/// trunk and ends in its own logits.
class AuxClassifierImpl : public torch::nn::Module {
public:
    AuxClassifierImpl(int in, int classes);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d conv{nullptr};
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(AuxClassifier);

}  // namespace googlenet

/// GoogLeNet (Inception v1, Szegedy et al. 2014) as torchvision builds it, without the auxiliary classifiers
/// (torchvision's aux_logits=False): with 3 input channels and 1000 classes it has torchvision's 6,624,904
/// parameters and its module names ("inception4e.branch4.1.conv.weight"). With `aux` (aux_logits=True) it has
/// the two auxiliary classifiers too, aux1 after inception4a and aux2 after inception4d (13,004,888
/// parameters): they run in every forward pass (torchvision runs them in training only) so that the
/// description draws them as side exits, and their logits are the taps "aux1" and "aux2"; the model's output
/// stays the main classifier's. The max poolings round up
/// (ceil_mode) as torchvision's do. The smallest input is 31x31: the wrappers' size checks refuse a window
/// larger than its input, which PyTorch's ceil mode would allow down to 15x15. Taps: conv1, conv2, conv3,
/// each Inception module (inception3a … 5b), fc.
class GoogLeNetImpl : public ClassifierImpl {
public:
    GoogLeNetImpl(int inChannels, int classes, bool aux = false);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return conv1->convWeight(); }

private:
    googlenet::BasicConv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    std::vector<googlenet::Inception> m_inceptions;
    std::vector<std::string> m_inceptionNames;  ///< "inception3a" … "inception5b"
    torch::nn::Linear fc{nullptr};
    googlenet::AuxClassifier aux1{nullptr}, aux2{nullptr};
};

Classifier makeGoogLeNet(int inChannels, int classes, bool aux = false);

}  // namespace convscope::nn
