#include "core/nn/zoo/zoo_googlenet.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

std::string leaf(const std::string& prefix, const char* name) {
    return prefix.empty() ? std::string(name) : prefix + "." + name;
}

/// The modules' channel counts from the paper's table 1 (torchvision's arguments, in its order).
struct InceptionSpec {
    const char* name;
    const char* title;
    int ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj;
};
constexpr InceptionSpec kInceptions[9] = {
    {"inception3a", "Inception (3a)", 64, 96, 128, 16, 32, 32},
    {"inception3b", "Inception (3b)", 128, 128, 192, 32, 96, 64},
    {"inception4a", "Inception (4a)", 192, 96, 208, 16, 48, 64},
    {"inception4b", "Inception (4b)", 160, 112, 224, 24, 64, 64},
    {"inception4c", "Inception (4c)", 128, 128, 256, 24, 64, 64},
    {"inception4d", "Inception (4d)", 112, 144, 288, 32, 64, 64},
    {"inception4e", "Inception (4e)", 256, 160, 320, 32, 128, 128},
    {"inception5a", "Inception (5a)", 256, 160, 320, 32, 128, 128},
    {"inception5b", "Inception (5b)", 384, 192, 384, 48, 128, 128},
};

}  // namespace

namespace googlenet {

BasicConv2dImpl::BasicConv2dImpl(int in, int out, int kernel, int stride, int padding) {
    conv = register_module(
        "conv", torch::nn::Conv2d(
                    torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(0.001)));
}

torch::Tensor BasicConv2dImpl::forward(const torch::Tensor& x, const std::string& prefix) {
    const torch::Tensor y =
        trace::batchNorm(bn, trace::conv(conv, x, leaf(prefix, "conv").c_str()), leaf(prefix, "bn").c_str());
    return trace::relu(y, leaf(prefix, "relu").c_str());
}

InceptionImpl::InceptionImpl(int in, int ch1x1, int ch3x3red, int ch3x3, int ch5x5red, int ch5x5,
                             int poolProj)
    : m_out(ch1x1 + ch3x3 + ch5x5 + poolProj) {
    branch1 = register_module("branch1", BasicConv2d(in, ch1x1, 1));
    b2reduce = BasicConv2d(in, ch3x3red, 1);
    b2conv = BasicConv2d(ch3x3red, ch3x3, 3, 1, 1);
    b3reduce = BasicConv2d(in, ch5x5red, 1);
    b3conv = BasicConv2d(ch5x5red, ch5x5, 3, 1, 1);
    b4proj = BasicConv2d(in, poolProj, 1);
    register_module("branch2", torch::nn::ModuleList(b2reduce, b2conv));
    register_module("branch3", torch::nn::ModuleList(b3reduce, b3conv));
    register_module(
        "branch4",
        torch::nn::ModuleList(
            torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(1).padding(1).ceil_mode(true)),
            b4proj));
}

torch::Tensor InceptionImpl::forward(const torch::Tensor& x) {
    using trace::ScopeGuard;
    torch::Tensor y1, y2, y3, y4;
    {
        ScopeGuard s("branch1", ScopeKind::Branch, "1x1");
        y1 = branch1->forward(x, "");
    }
    {
        ScopeGuard s("branch2", ScopeKind::Branch, "1x1 → 3x3");
        y2 = b2conv->forward(b2reduce->forward(x, "0"), "1");
    }
    {
        // The paper's 5x5; torchvision's (and its pretrained weights') 3x3.
        ScopeGuard s("branch3", ScopeKind::Branch, "1x1 → 3x3 (5x5 in the paper)");
        y3 = b3conv->forward(b3reduce->forward(x, "0"), "1");
    }
    {
        ScopeGuard s("branch4", ScopeKind::Branch, "3x3 max pool → 1x1");
        y4 = b4proj->forward(trace::maxPool(x, 3, 1, 1, true, "0"), "1");
    }
    return trace::concat({y1, y2, y3, y4}, "cat");
}

AuxClassifierImpl::AuxClassifierImpl(int in, int classes) {
    conv = register_module("conv", BasicConv2d(in, 128, 1));
    fc1 = register_module("fc1", torch::nn::Linear(2048, 1024));
    fc2 = register_module("fc2", torch::nn::Linear(1024, classes));
}

torch::Tensor AuxClassifierImpl::forward(const torch::Tensor& x) {
    torch::Tensor y = trace::adaptiveAvgPool(x, 4, "avgpool");
    y = trace::flatten(conv->forward(y, "conv"), "flatten");
    y = trace::relu(trace::linear(fc1, y, "fc1"), "relu");
    y = trace::dropout(y, 0.7, is_training(), "dropout");
    return trace::linear(fc2, y, "fc2");
}

}  // namespace googlenet

using googlenet::BasicConv2d;
using googlenet::Inception;

GoogLeNetImpl::GoogLeNetImpl(int inChannels, int classes, bool aux) {
    conv1 = register_module("conv1", BasicConv2d(inChannels, 64, 7, 2, 3));
    conv2 = register_module("conv2", BasicConv2d(64, 64, 1));
    conv3 = register_module("conv3", BasicConv2d(64, 192, 3, 1, 1));
    int in = 192;
    for (const InceptionSpec& s : kInceptions) {
        Inception m(in, s.ch1x1, s.ch3x3red, s.ch3x3, s.ch5x5red, s.ch5x5, s.poolProj);
        m_inceptions.push_back(register_module(s.name, m));
        m_inceptionNames.emplace_back(s.name);
        in = m->outChannels();
    }
    if (aux) {
        // torchvision registers them between the modules and fc, which fixes nothing but their order.
        aux1 = register_module("aux1", googlenet::AuxClassifier(512, classes));
        aux2 = register_module("aux2", googlenet::AuxClassifier(528, classes));
    }
    fc = register_module("fc", torch::nn::Linear(in, classes));

    // torchvision's initialisation: truncated normal (std 0.01, cut at ±2, i.e. never in practice) for the
    // convolutions' and the linear layer's weights, batch norm as the identity.
    torch::NoGradGuard noGrad;
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::normal_(c->weight, 0.0, 0.01).clamp_(-2.0, 2.0);
        } else if (auto* l = module->as<torch::nn::Linear>()) {
            torch::nn::init::normal_(l->weight, 0.0, 0.01).clamp_(-2.0, 2.0);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
}

torch::Tensor GoogLeNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    auto basic = [&](BasicConv2d& m, const char* name) {
        x = m->forward(x, name);
        if (tap) tap(name, x);
    };
    auto auxExit = [&](googlenet::AuxClassifier& head, const char* name, const char* title) {
        if (!head) return;
        ScopeGuard s(name, ScopeKind::SideExit, title);
        const torch::Tensor logits = head->forward(x);
        if (tap) tap(name, logits);
    };
    auto inceptions = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            {
                ScopeGuard s(kInceptions[i].name, ScopeKind::Block, kInceptions[i].title);
                x = m_inceptions[i]->forward(x);
                if (tap) tap(m_inceptionNames[i], x);
            }
            if (i == 2) auxExit(aux1, "aux1", "Auxiliary classifier 1 (training only)");
            if (i == 5) auxExit(aux2, "aux2", "Auxiliary classifier 2 (training only)");
        }
    };
    {
        ScopeGuard s("", ScopeKind::Stage, "Stem");
        basic(conv1, "conv1");
        x = trace::maxPool(x, 3, 2, 0, true, "maxpool1");
        basic(conv2, "conv2");
        basic(conv3, "conv3");
        x = trace::maxPool(x, 3, 2, 0, true, "maxpool2");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Inception 3 (3a, 3b)");
        inceptions(0, 2);
        x = trace::maxPool(x, 3, 2, 0, true, "maxpool3");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Inception 4 (4a – 4e)");
        inceptions(2, 7);
        x = trace::maxPool(x, 2, 2, 0, true, "maxpool4");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Inception 5 (5a, 5b)");
        inceptions(7, 9);
    }
    x = trace::adaptiveAvgPool(x, 1, "avgpool");
    x = trace::flatten(x, "flatten");
    x = trace::dropout(x, 0.2, is_training(), "dropout");
    x = trace::linear(fc, x, "fc");
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> GoogLeNetImpl::tapNames() const {
    std::vector<std::string> names{"conv1", "conv2", "conv3"};
    for (std::size_t i = 0; i < m_inceptionNames.size(); ++i) {
        names.push_back(m_inceptionNames[i]);
        if (i == 2 && aux1) names.emplace_back("aux1");
        if (i == 5 && aux2) names.emplace_back("aux2");
    }
    names.push_back("fc");
    return names;
}

Classifier makeGoogLeNet(int inChannels, int classes, bool aux) {
    return std::make_shared<GoogLeNetImpl>(inChannels, classes, aux);
}

}  // namespace convscope::nn
