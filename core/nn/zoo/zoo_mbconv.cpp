#include "core/nn/zoo/zoo_mbconv.h"

#include <algorithm>
#include <cmath>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn::zoo_mobile {

int makeDivisible(double value, int divisor) {
    // Python's int(v + divisor / 2) // divisor * divisor, then the 10% rule, exactly as torchvision.
    int rounded = static_cast<int>(value + divisor / 2.0) / divisor * divisor;
    rounded = std::max(divisor, rounded);
    if (rounded < 0.9 * value) rounded += divisor;
    return rounded;
}

std::shared_ptr<torch::nn::Module> container(torch::nn::Module& parent, const std::string& name) {
    return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

void initMobileConvolutions(torch::nn::Module& model) {
    for (auto& module : model.modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
            if (c->bias.defined()) torch::nn::init::zeros_(c->bias);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
}

// --- ConvNormActivation

ConvNormActivationImpl::ConvNormActivationImpl(int in, int out, int kernel, int stride, int groups,
                                               Activation activation, const std::string& prefix,
                                               NormOptions norm)
    : m_activation(activation),
      m_convName(prefix + ".0"),
      m_bnName(prefix + ".1"),
      m_activationName(prefix + ".2") {
    conv = register_module("0", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                                      .stride(stride)
                                                      .padding((kernel - 1) / 2)
                                                      .groups(groups)
                                                      .bias(false)));
    bn = register_module("1", torch::nn::BatchNorm2d(
                                  torch::nn::BatchNorm2dOptions(out).eps(norm.eps).momentum(norm.momentum)));
}

torch::Tensor ConvNormActivationImpl::forward(const torch::Tensor& x) {
    torch::Tensor y = trace::batchNorm(bn, trace::conv(conv, x, m_convName.c_str()), m_bnName.c_str());
    switch (m_activation) {
        case Activation::None:
            return y;
        case Activation::ReLU:
            return trace::relu(y, m_activationName.c_str());
        case Activation::ReLU6:
            return trace::relu6(y, m_activationName.c_str());
        case Activation::SiLU:
            return trace::silu(y, m_activationName.c_str());
    }
    return y;
}

// --- SqueezeExcitation

SqueezeExcitationImpl::SqueezeExcitationImpl(int channels, int squeeze, const std::string& name)
    : m_name(name), m_scaleName(name + ".scale") {
    fc1 = register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, squeeze, 1)));
    fc2 = register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze, channels, 1)));
}

torch::Tensor SqueezeExcitationImpl::forward(const torch::Tensor& x) {
    torch::Tensor gate;
    {
        // The side path computes one weight per channel from the whole feature map; leaf names are
        // torchvision's attributes of SqueezeExcitation.
        trace::ScopeGuard side(m_name, ScopeKind::SidePath, "Squeeze-and-excitation");
        gate = trace::adaptiveAvgPool(x, 1, "avgpool");
        gate = trace::silu(trace::conv(fc1, gate, "fc1"), "activation");
        gate = trace::sigmoid(trace::conv(fc2, gate, "fc2"), "scale_activation");
    }
    // The rejoin belongs to the main line (the diagram draws the side path returning to it), but keeps the
    // module's name: torchvision multiplies inside SqueezeExcitation.forward.
    return trace::multiply(x, gate, m_scaleName.c_str());
}

// --- MBConv

namespace {

std::string ratioText(double ratio) {
    const double whole = std::round(ratio);
    if (std::abs(ratio - whole) < 1e-9) return std::to_string(static_cast<int>(whole));
    std::string s = std::to_string(ratio);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

}  // namespace

MBConvImpl::MBConvImpl(const MBConvConfig& c, NormOptions norm, const std::string& name)
    : m_residual(c.stride == 1 && c.inChannels == c.outChannels), m_name(name) {
    m_title = "MBConv" + ratioText(c.expandRatio) + " " + std::to_string(c.kernel) + "x" +
              std::to_string(c.kernel) + ", SE";
    const int expanded = makeDivisible(c.inChannels * c.expandRatio);
    auto block = container(*this, "block");
    int index = 0;
    auto next = [&index] { return std::to_string(index++); };
    if (expanded != c.inChannels) {
        const std::string i = next();
        expand = block->register_module(
            i, ConvNormActivation(c.inChannels, expanded, 1, 1, 1, Activation::SiLU, "block." + i, norm));
    }
    {
        const std::string i = next();
        depthwise =
            block->register_module(i, ConvNormActivation(expanded, expanded, c.kernel, c.stride, expanded,
                                                         Activation::SiLU, "block." + i, norm));
    }
    {
        const std::string i = next();
        se = block->register_module(i,
                                    SqueezeExcitation(expanded, std::max(1, c.inChannels / 4), "block." + i));
    }
    const std::string i = next();
    project = block->register_module(
        i, ConvNormActivation(expanded, c.outChannels, 1, 1, 1, Activation::None, "block." + i, norm));
}

torch::Tensor MBConvImpl::forward(const torch::Tensor& x) {
    trace::ScopeGuard scope(m_name, ScopeKind::Block, m_title);
    torch::Tensor y = expand ? expand->forward(x) : x;
    y = project->forward(se->forward(depthwise->forward(y)));
    return m_residual ? trace::add(y, x, "add") : y;
}

}  // namespace convscope::nn::zoo_mobile
