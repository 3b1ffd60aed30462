#include "core/nn/zoo/zoo_alexnet.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

struct ConvSpec {
    int out, kernel, stride, padding;
};

// torchvision's features: conv 11x11/4 → pool → conv 5x5 → pool → three 3x3 convs → pool. The index of each
// convolution in its Sequential fixes the names ("features.0", "features.3", …).
constexpr ConvSpec kConvs[5] = {
    {64, 11, 4, 2}, {192, 5, 1, 2}, {384, 3, 1, 1}, {256, 3, 1, 1}, {256, 3, 1, 1}};

std::string features(int index) {
    return "features." + std::to_string(index);
}

}  // namespace

AlexNetImpl::AlexNetImpl(int inChannels, int classes) {
    torch::nn::ModuleList featureList, classifierList;
    int in = inChannels;
    for (int i = 0; i < 5; ++i) {
        const ConvSpec& s = kConvs[i];
        m_convs.emplace_back(
            torch::nn::Conv2dOptions(in, s.out, s.kernel).stride(s.stride).padding(s.padding));
        featureList->push_back(m_convs.back());
        featureList->push_back(torch::nn::ReLU());
        if (i < 2 || i == 4)
            featureList->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2)));
        in = s.out;
    }
    m_fcs = appendAlexNetClassifier(classifierList, classes);
    register_module("features", featureList);
    register_module("classifier", classifierList);
    // torchvision keeps PyTorch's default initialisation for AlexNet, which LibTorch's layers share.
}

torch::Tensor AlexNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    auto convRelu = [&](int conv, int index) {
        x = trace::conv(m_convs[std::size_t(conv)], x, features(index).c_str());
        x = trace::relu(x, features(index + 1).c_str());
        if (tap) tap(features(index + 1), x);
    };
    {
        ScopeGuard s("", ScopeKind::Stage, "Block 1 (64 channels)");
        convRelu(0, 0);
        x = trace::maxPool(x, 3, 2, 0, false, "features.2");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Block 2 (192 channels)");
        convRelu(1, 3);
        x = trace::maxPool(x, 3, 2, 0, false, "features.5");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Block 3 (384, 256, 256 channels)");
        convRelu(2, 6);
        convRelu(3, 8);
        convRelu(4, 10);
        x = trace::maxPool(x, 3, 2, 0, false, "features.12");
    }
    x = trace::adaptiveAvgPool(x, 6, "avgpool");
    x = trace::flatten(x, "flatten");
    x = alexNetClassifierForward(m_fcs, x, is_training(), "Classifier (fully connected)");
    if (tap) tap("classifier", x);
    return x;
}

std::vector<std::string> AlexNetImpl::tapNames() const {
    return {"features.1", "features.4", "features.7", "features.9", "features.11", "classifier"};
}

Classifier makeAlexNet(int inChannels, int classes) {
    return std::make_shared<AlexNetImpl>(inChannels, classes);
}

std::vector<torch::nn::Linear> appendAlexNetClassifier(torch::nn::ModuleList& list, int classes) {
    std::vector<torch::nn::Linear> fcs;
    fcs.emplace_back(256 * 6 * 6, 4096);
    fcs.emplace_back(4096, 4096);
    fcs.emplace_back(4096, classes);
    list->push_back(torch::nn::Dropout(0.5));
    list->push_back(fcs[0]);
    list->push_back(torch::nn::ReLU());
    list->push_back(torch::nn::Dropout(0.5));
    list->push_back(fcs[1]);
    list->push_back(torch::nn::ReLU());
    list->push_back(fcs[2]);
    return fcs;
}

torch::Tensor alexNetClassifierForward(std::vector<torch::nn::Linear>& fcs, torch::Tensor x, bool training,
                                       const char* stage) {
    trace::ScopeGuard s("", ScopeKind::Stage, stage);
    x = trace::dropout(x, 0.5, training, "classifier.0");
    x = trace::relu(trace::linear(fcs[0], x, "classifier.1"), "classifier.2");
    x = trace::dropout(x, 0.5, training, "classifier.3");
    x = trace::relu(trace::linear(fcs[1], x, "classifier.4"), "classifier.5");
    return trace::linear(fcs[2], x, "classifier.6");
}

}  // namespace convscope::nn
