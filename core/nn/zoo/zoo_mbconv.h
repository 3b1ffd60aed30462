#pragma once

// Building blocks of the mobile zoo (MobileNet v1/v2, EfficientNet, ShuffleNet v2) in torchvision's module
// layout, so that their parameters carry torchvision's state_dict names ("features.1.0.block.1.fc1.weight")
// and their traced nodes torchvision's module paths. They live in their own namespace because other zoo
// files build similarly named blocks (MobileNet v3 has an InvertedResidual and a SqueezeExcitation too).

#include <torch/torch.h>

#include <string>

namespace convscope::nn::zoo_mobile {

enum class Activation { None, ReLU, ReLU6, SiLU };

/// torchvision's batch norm settings: PyTorch's defaults, except EfficientNet-B5…B7 (eps 1e-3, momentum
/// 0.01).
struct NormOptions {
    double eps = 1e-5;
    double momentum = 0.1;
};

/// torchvision's Conv2dNormActivation: "0" a convolution without bias (padding (kernel - 1) / 2), "1" batch
/// norm, "2" the activation (none for a linear bottleneck). `prefix` is its path inside the enclosing traced
/// scope ("features.0", "conv.1", "block.0"): its nodes are named prefix.0, prefix.1 and prefix.2.
class ConvNormActivationImpl : public torch::nn::Module {
public:
    ConvNormActivationImpl(int in, int out, int kernel, int stride, int groups, Activation activation,
                           const std::string& prefix, NormOptions norm = {});
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};

private:
    Activation m_activation;
    std::string m_convName, m_bnName, m_activationName;
};
TORCH_MODULE(ConvNormActivation);

/// torchvision's SqueezeExcitation with EfficientNet's SiLU: global average pooling, fc1 (1x1 convolution
/// with bias, channels → squeeze), SiLU, fc2 (squeeze → channels), sigmoid, and the input scaled channel-wise
/// by that gate. Traced as a SidePath scope named `name` ("block.1") that rejoins through trace::multiply.
class SqueezeExcitationImpl : public torch::nn::Module {
public:
    SqueezeExcitationImpl(int channels, int squeeze, const std::string& name);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d fc1{nullptr}, fc2{nullptr};

private:
    std::string m_name, m_scaleName;
};
TORCH_MODULE(SqueezeExcitation);

/// One row of EfficientNet's table, after the width multiplier (torchvision's MBConvConfig).
struct MBConvConfig {
    double expandRatio = 1;
    int kernel = 3;
    int stride = 1;
    int inChannels = 0;
    int outChannels = 0;
};

/// torchvision's MBConv: "block" holds the 1x1 expansion (omitted when the expansion ratio is 1), the
/// depthwise k x k convolution (carrying the stride), squeeze-and-excitation (squeeze channels =
/// max(1, inChannels / 4)) and the linear 1x1 projection; SiLU throughout. The input is added back when the
/// shape is kept. Stochastic depth is left out: it is the identity in evaluation and has no parameters.
/// Traced as a Block scope named `name` (its index in the stage, "0").
class MBConvImpl : public torch::nn::Module {
public:
    MBConvImpl(const MBConvConfig& config, NormOptions norm, const std::string& name);
    torch::Tensor forward(const torch::Tensor& x);
    const std::string& title() const { return m_title; }

private:
    bool m_residual;
    std::string m_name, m_title;
    ConvNormActivation expand{nullptr}, depthwise{nullptr}, project{nullptr};
    SqueezeExcitation se{nullptr};
};
TORCH_MODULE(MBConv);

/// torchvision's _make_divisible: `value` rounded to the nearest multiple of `divisor` (at least `divisor`),
/// rounded up when that would lose more than 10%.
int makeDivisible(double value, int divisor = 8);

/// A parameterless container whose children get the names it is given ("0", "1", "conv"), as torchvision's
/// nn.Sequential numbers its layers.
std::shared_ptr<torch::nn::Module> container(torch::nn::Module& parent, const std::string& name);

/// torchvision's initialisation for MobileNet v2 and EfficientNet: He (fan-out) normal for convolutions with
/// zero biases, batch norm as the identity. Linear layers are left to the caller (they differ).
void initMobileConvolutions(torch::nn::Module& model);

}  // namespace convscope::nn::zoo_mobile
