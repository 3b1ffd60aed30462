#include "core/nn/zoo/zoo_mobilenet_v2.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace zoo_mobile {

InvertedResidualImpl::InvertedResidualImpl(int in, int out, int stride, int expandRatio,
                                           const std::string& name)
    : m_residual(stride == 1 && in == out),
      m_name(name),
      m_title("Inverted residual t=" + std::to_string(expandRatio)) {
    const int hidden = in * expandRatio;
    auto conv = container(*this, "conv");
    int index = 0;
    if (expandRatio != 1) {
        expand =
            conv->register_module("0", ConvNormActivation(in, hidden, 1, 1, 1, Activation::ReLU6, "conv.0"));
        index = 1;
    }
    const std::string dw = std::to_string(index);
    depthwise = conv->register_module(
        dw, ConvNormActivation(hidden, hidden, 3, stride, hidden, Activation::ReLU6, "conv." + dw));
    const std::string pw = std::to_string(index + 1), pwBn = std::to_string(index + 2);
    m_projectName = "conv." + pw;
    m_projectBnName = "conv." + pwBn;
    project =
        conv->register_module(pw, torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out, 1).bias(false)));
    projectBn = conv->register_module(pwBn, torch::nn::BatchNorm2d(out));
}

torch::Tensor InvertedResidualImpl::forward(const torch::Tensor& x) {
    trace::ScopeGuard scope(m_name, ScopeKind::Block, m_title);
    torch::Tensor y = depthwise->forward(expand ? expand->forward(x) : x);
    y = trace::batchNorm(projectBn, trace::conv(project, y, m_projectName.c_str()), m_projectBnName.c_str());
    return m_residual ? trace::add(x, y, "add") : y;
}

}  // namespace zoo_mobile

using namespace zoo_mobile;

namespace {

// The paper's Table 2: expansion t, output channels c, repeats n, first stride s.
struct Row {
    int t, c, n, s;
};
constexpr Row kRows[7] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                          {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

}  // namespace

MobileNetV2Impl::MobileNetV2Impl(int inChannels, int classes) {
    if (inChannels < 1 || classes < 1)
        throw std::invalid_argument("MobileNet v2 needs at least one input channel and one class");
    auto features = container(*this, "features");
    stem = features->register_module(
        "0", ConvNormActivation(inChannels, 32, 3, 2, 1, Activation::ReLU6, "features.0"));
    int in = 32, index = 1;
    for (int r = 0; r < 7; ++r) {
        const Row& row = kRows[r];
        std::vector<InvertedResidual> blocks;
        for (int b = 0; b < row.n; ++b) {
            const std::string name = "features." + std::to_string(index);
            blocks.push_back(features->register_module(
                std::to_string(index), InvertedResidual(in, row.c, b == 0 ? row.s : 1, row.t, name)));
            in = row.c;
            ++index;
        }
        m_stages.push_back(std::move(blocks));
        m_stageTitles.push_back("Stage " + std::to_string(r + 1) + ": t=" + std::to_string(row.t) + ", " +
                                std::to_string(row.c) + " channels");
    }
    head = features->register_module("18",
                                     ConvNormActivation(in, 1280, 1, 1, 1, Activation::ReLU6, "features.18"));
    auto classifier = container(*this, "classifier");
    fc = classifier->register_module("1", torch::nn::Linear(1280, classes));

    initMobileConvolutions(*this);
    torch::nn::init::normal_(fc->weight, 0.0, 0.01);
    torch::nn::init::zeros_(fc->bias);
}

torch::Tensor MobileNetV2Impl::forward(torch::Tensor x, const TapSink& tap) {
    x = stem->forward(x);
    if (tap) tap("features.0", x);
    int index = 1;
    for (std::size_t stage = 0; stage < m_stages.size(); ++stage) {
        // An unnamed scope: torchvision numbers the blocks straight through features, without stages.
        trace::ScopeGuard scope("", ScopeKind::Stage, m_stageTitles[stage]);
        for (InvertedResidual& block : m_stages[stage]) {
            x = block->forward(x);
            if (tap) tap("features." + std::to_string(index++), x);
        }
    }
    x = head->forward(x);
    if (tap) tap("features.18", x);
    x = trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"), "flatten");
    x = trace::linear(fc, trace::dropout(x, 0.2, is_training(), "classifier.0"), "classifier.1");
    if (tap) tap("classifier", x);
    return x;
}

std::vector<std::string> MobileNetV2Impl::tapNames() const {
    std::vector<std::string> names;
    for (int i = 0; i <= 18; ++i) names.push_back("features." + std::to_string(i));
    names.push_back("classifier");
    return names;
}

Classifier makeMobileNetV2(int inChannels, int classes) {
    return std::make_shared<MobileNetV2Impl>(inChannels, classes);
}

}  // namespace convscope::nn
