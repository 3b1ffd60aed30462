#include "core/nn/zoo/zoo_mobilenet_v1.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace zoo_mobile {

DepthwiseSeparableImpl::DepthwiseSeparableImpl(int in, int out, int stride, const std::string& name)
    : m_name(name), m_title(stride == 1 ? "Depthwise separable" : "Depthwise separable, stride 2") {
    dw = register_module("dw", ConvNormActivation(in, in, 3, stride, in, Activation::ReLU, "dw"));
    pw = register_module("pw", ConvNormActivation(in, out, 1, 1, 1, Activation::ReLU, "pw"));
}

torch::Tensor DepthwiseSeparableImpl::forward(const torch::Tensor& x) {
    trace::ScopeGuard scope(m_name, ScopeKind::Block, m_title);
    return pw->forward(dw->forward(x));
}

}  // namespace zoo_mobile

using namespace zoo_mobile;

namespace {

// Table 1's body after the first convolution, grouped by resolution: each group's first block halves it
// (except the first group's, at stride 1) and the group keeps its channel count.
struct Group {
    int channels, blocks, stride;
};
constexpr Group kGroups[5] = {{64, 1, 1}, {128, 2, 2}, {256, 2, 2}, {512, 6, 2}, {1024, 2, 2}};

}  // namespace

MobileNetV1Impl::MobileNetV1Impl(int inChannels, int classes) {
    if (inChannels < 1 || classes < 1)
        throw std::invalid_argument("MobileNet v1 needs at least one input channel and one class");
    auto features = container(*this, "features");
    stem = features->register_module(
        "0", ConvNormActivation(inChannels, 32, 3, 2, 1, Activation::ReLU, "features.0"));
    int in = 32, index = 1;
    for (int g = 0; g < 5; ++g) {
        std::vector<DepthwiseSeparable> blocks;
        for (int b = 0; b < kGroups[g].blocks; ++b) {
            const std::string name = "features." + std::to_string(index);
            blocks.push_back(features->register_module(
                std::to_string(index),
                DepthwiseSeparable(in, kGroups[g].channels, b == 0 ? kGroups[g].stride : 1, name)));
            in = kGroups[g].channels;
            ++index;
        }
        m_stages.push_back(std::move(blocks));
        m_stageTitles.push_back("Stage " + std::to_string(g + 1) + ": " +
                                std::to_string(kGroups[g].channels) + " channels");
    }
    fc = register_module("fc", torch::nn::Linear(in, classes));

    // No torchvision model to follow: MobileNet v2's initialisation.
    initMobileConvolutions(*this);
    torch::nn::init::normal_(fc->weight, 0.0, 0.01);
    torch::nn::init::zeros_(fc->bias);
}

torch::Tensor MobileNetV1Impl::forward(torch::Tensor x, const TapSink& tap) {
    x = stem->forward(x);
    if (tap) tap("features.0", x);
    int index = 1;
    for (std::size_t stage = 0; stage < m_stages.size(); ++stage) {
        trace::ScopeGuard scope("", ScopeKind::Stage, m_stageTitles[stage]);
        for (DepthwiseSeparable& block : m_stages[stage]) {
            x = block->forward(x);
            if (tap) tap("features." + std::to_string(index++), x);
        }
    }
    x = trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"), "flatten");
    x = trace::linear(fc, x, "fc");
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> MobileNetV1Impl::tapNames() const {
    std::vector<std::string> names;
    for (int i = 0; i <= 13; ++i) names.push_back("features." + std::to_string(i));
    names.push_back("fc");
    return names;
}

Classifier makeMobileNetV1(int inChannels, int classes) {
    return std::make_shared<MobileNetV1Impl>(inChannels, classes);
}

}  // namespace convscope::nn
