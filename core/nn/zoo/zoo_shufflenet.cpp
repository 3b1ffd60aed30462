#include "core/nn/zoo/zoo_shufflenet.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace zoo_mobile {

namespace {

torch::nn::Conv2d pointwise(int in, int out) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1).bias(false));
}

torch::nn::Conv2d depthwise(int channels, int stride) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 3)
                                 .stride(stride)
                                 .padding(1)
                                 .groups(channels)
                                 .bias(false));
}

}  // namespace

ShuffleUnitImpl::ShuffleUnitImpl(int in, int out, int stride, const std::string& name)
    : m_stride(stride), m_name(name) {
    const int half = out / 2;
    if (stride == 1 && in != 2 * half)
        throw std::invalid_argument("ShuffleNet v2 unit: stride 1 needs as many input as output channels");
    auto branch1 = container(*this, "branch1");
    if (stride > 1) {
        b1Depthwise = branch1->register_module("0", depthwise(in, stride));
        b1Bn1 = branch1->register_module("1", torch::nn::BatchNorm2d(in));
        b1Pointwise = branch1->register_module("2", pointwise(in, half));
        b1Bn2 = branch1->register_module("3", torch::nn::BatchNorm2d(half));
    }
    auto branch2 = container(*this, "branch2");
    b2Pointwise1 = branch2->register_module("0", pointwise(stride > 1 ? in : half, half));
    b2Bn1 = branch2->register_module("1", torch::nn::BatchNorm2d(half));
    b2Depthwise = branch2->register_module("3", depthwise(half, stride));
    b2Bn2 = branch2->register_module("4", torch::nn::BatchNorm2d(half));
    b2Pointwise2 = branch2->register_module("5", pointwise(half, half));
    b2Bn3 = branch2->register_module("6", torch::nn::BatchNorm2d(half));
}

torch::Tensor ShuffleUnitImpl::forward(const torch::Tensor& x) {
    trace::ScopeGuard scope(m_name, ScopeKind::Block,
                            m_stride == 1 ? "Shuffle unit" : "Shuffle unit, stride 2");
    torch::Tensor left, right = x;
    if (m_stride == 1) {
        std::vector<torch::Tensor> halves = trace::chunk(x, 2, "split");
        left = halves[0];
        right = halves[1];
    } else {
        trace::ScopeGuard branch("branch1", ScopeKind::Branch, "Depthwise 3x3, stride 2, 1x1");
        left = trace::batchNorm(b1Bn1, trace::conv(b1Depthwise, x, "0"), "1");
        left = trace::relu(trace::batchNorm(b1Bn2, trace::conv(b1Pointwise, left, "2"), "3"), "4");
    }
    {
        trace::ScopeGuard branch(
            "branch2", ScopeKind::Branch,
            m_stride == 1 ? "1x1, depthwise 3x3, 1x1" : "1x1, depthwise 3x3, stride 2, 1x1");
        right = trace::relu(trace::batchNorm(b2Bn1, trace::conv(b2Pointwise1, right, "0"), "1"), "2");
        right = trace::batchNorm(b2Bn2, trace::conv(b2Depthwise, right, "3"), "4");
        right = trace::relu(trace::batchNorm(b2Bn3, trace::conv(b2Pointwise2, right, "5"), "6"), "7");
    }
    return trace::channelShuffle(trace::concat({left, right}, "cat"), 2, "shuffle");
}

}  // namespace zoo_mobile

using namespace zoo_mobile;

ShuffleNetV2Impl::ShuffleNetV2Impl(int inChannels, int classes) {
    if (inChannels < 1 || classes < 1)
        throw std::invalid_argument("ShuffleNet v2 needs at least one input channel and one class");
    conv1 = register_module("conv1", ConvNormActivation(inChannels, 24, 3, 2, 1, Activation::ReLU, "conv1"));
    const int repeats[3] = {4, 8, 4}, channels[3] = {116, 232, 464};
    int in = 24;
    for (int s = 0; s < 3; ++s) {
        auto stage = container(*this, "stage" + std::to_string(s + 2));
        std::vector<ShuffleUnit> units;
        for (int u = 0; u < repeats[s]; ++u) {
            const std::string name = std::to_string(u);
            units.push_back(stage->register_module(name, ShuffleUnit(in, channels[s], u == 0 ? 2 : 1, name)));
            in = channels[s];
        }
        m_stages.push_back(std::move(units));
    }
    conv5 = register_module("conv5", ConvNormActivation(in, 1024, 1, 1, 1, Activation::ReLU, "conv5"));
    fc = register_module("fc", torch::nn::Linear(1024, classes));
    // torchvision keeps PyTorch's default initialisation here, as LibTorch's modules do.
}

torch::Tensor ShuffleNetV2Impl::forward(torch::Tensor x, const TapSink& tap) {
    x = conv1->forward(x);
    if (tap) tap("conv1", x);
    x = trace::maxPool(x, 3, 2, 1, false, "maxpool");
    for (std::size_t s = 0; s < m_stages.size(); ++s) {
        const std::string name = "stage" + std::to_string(s + 2);
        {
            trace::ScopeGuard scope(name, ScopeKind::Stage,
                                    "Stage " + std::to_string(s + 2) + ": " +
                                        std::to_string(m_stages[s].size()) + " shuffle units");
            for (ShuffleUnit& unit : m_stages[s]) x = unit->forward(x);
        }
        if (tap) tap(name, x);
    }
    x = conv5->forward(x);
    if (tap) tap("conv5", x);
    // torchvision's x.mean([2, 3]).
    x = trace::flatten(trace::adaptiveAvgPool(x, 1, "globalpool"), "flatten");
    x = trace::linear(fc, x, "fc");
    if (tap) tap("fc", x);
    return x;
}

Classifier makeShuffleNetV2(int inChannels, int classes) {
    return std::make_shared<ShuffleNetV2Impl>(inChannels, classes);
}

}  // namespace convscope::nn
