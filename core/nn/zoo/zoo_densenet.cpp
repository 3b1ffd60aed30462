#include "core/nn/zoo/zoo_densenet.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

constexpr int kGrowth = 32;
constexpr int kBnSize = 4;
constexpr int kInitFeatures = 64;

torch::nn::Conv2d convNoBias(int in, int out, int kernel, int stride, int padding) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

}  // namespace

namespace densenet {

DenseLayerImpl::DenseLayerImpl(int in, int growth, int bnSize) {
    norm1 = register_module("norm1", torch::nn::BatchNorm2d(in));
    conv1 = register_module("conv1", convNoBias(in, bnSize * growth, 1, 1, 0));
    norm2 = register_module("norm2", torch::nn::BatchNorm2d(bnSize * growth));
    conv2 = register_module("conv2", convNoBias(bnSize * growth, growth, 3, 1, 1));
}

torch::Tensor DenseLayerImpl::forward(const torch::Tensor& x) {
    // Pre-activation order (norm, ReLU, conv) as in the paper and torchvision.
    torch::Tensor y = trace::conv(conv1, trace::relu(trace::batchNorm(norm1, x, "norm1"), "relu1"), "conv1");
    y = trace::conv(conv2, trace::relu(trace::batchNorm(norm2, y, "norm2"), "relu2"), "conv2");
    return trace::concat({x, y}, "cat");
}

TransitionImpl::TransitionImpl(int in, int out) {
    norm = register_module("norm", torch::nn::BatchNorm2d(in));
    conv = register_module("conv", convNoBias(in, out, 1, 1, 0));
}

torch::Tensor TransitionImpl::forward(const torch::Tensor& x) {
    const torch::Tensor y = trace::conv(conv, trace::relu(trace::batchNorm(norm, x, "norm"), "relu"), "conv");
    return trace::avgPool(y, 2, 2, 0, false, "pool");
}

}  // namespace densenet

DenseNetImpl::DenseNetImpl(int inChannels, int classes, std::array<int, 4> blockLayers) {
    // Registered in a ModuleDict named "features", as torchvision's Sequential is, so that parameter names
    // match; forward() calls the layers itself, through the tracer.
    torch::nn::ModuleDict features;
    conv0 = convNoBias(inChannels, kInitFeatures, 7, 2, 3);
    norm0 = torch::nn::BatchNorm2d(kInitFeatures);
    features->update({{"conv0", conv0.ptr()}, {"norm0", norm0.ptr()}});
    int channels = kInitFeatures;
    for (int b = 0; b < 4; ++b) {
        std::vector<densenet::DenseLayer> block;
        torch::nn::ModuleDict blockDict;
        for (int l = 0; l < blockLayers[std::size_t(b)]; ++l) {
            block.emplace_back(channels, kGrowth, kBnSize);
            blockDict->update({{"denselayer" + std::to_string(l + 1), block.back().ptr()}});
            channels += kGrowth;
        }
        m_blocks.push_back(std::move(block));
        features->update({{"denseblock" + std::to_string(b + 1), blockDict.ptr()}});
        if (b < 3) {
            m_transitions.emplace_back(channels, channels / 2);
            features->update({{"transition" + std::to_string(b + 1), m_transitions.back().ptr()}});
            channels /= 2;
        }
    }
    norm5 = torch::nn::BatchNorm2d(channels);
    features->update({{"norm5", norm5.ptr()}});
    register_module("features", features);
    classifier = register_module("classifier", torch::nn::Linear(channels, classes));

    // torchvision's initialisation: He (fan-in) for convolutions, batch norm as the identity, the linear
    // layer's bias zero (its weights keep PyTorch's default).
    torch::NoGradGuard noGrad;
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(c->weight);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        } else if (auto* l = module->as<torch::nn::Linear>()) {
            torch::nn::init::zeros_(l->bias);
        }
    }
}

torch::Tensor DenseNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    {
        ScopeGuard s("", ScopeKind::Stage, "Stem");
        x = trace::relu(trace::batchNorm(norm0, trace::conv(conv0, x, "features.conv0"), "features.norm0"),
                        "features.relu0");
        if (tap) tap("features.relu0", x);
        x = trace::maxPool(x, 3, 2, 1, false, "features.pool0");
    }
    for (std::size_t b = 0; b < m_blocks.size(); ++b) {
        const std::string n = std::to_string(b + 1);
        {
            ScopeGuard s("features.denseblock" + n, ScopeKind::Stage,
                         "Dense block " + n + " (" + std::to_string(m_blocks[b].size()) + " layers)");
            for (std::size_t l = 0; l < m_blocks[b].size(); ++l) {
                ScopeGuard layer("denselayer" + std::to_string(l + 1), ScopeKind::Block, "Dense layer");
                x = m_blocks[b][l]->forward(x);
            }
        }
        if (tap) tap("features.denseblock" + n, x);
        if (b < m_transitions.size()) {
            {
                ScopeGuard s("features.transition" + n, ScopeKind::Stage, "Transition " + n);
                x = m_transitions[b]->forward(x);
            }
            if (tap) tap("features.transition" + n, x);
        }
    }
    // torchvision applies the final ReLU functionally, after features.norm5.
    x = trace::relu(trace::batchNorm(norm5, x, "features.norm5"), "relu");
    x = trace::adaptiveAvgPool(x, 1, "avgpool");
    x = trace::flatten(x, "flatten");
    x = trace::linear(classifier, x, "classifier");
    if (tap) tap("classifier", x);
    return x;
}

std::vector<std::string> DenseNetImpl::tapNames() const {
    std::vector<std::string> names{"features.relu0"};
    for (std::size_t b = 0; b < m_blocks.size(); ++b) {
        names.push_back("features.denseblock" + std::to_string(b + 1));
        if (b < m_transitions.size()) names.push_back("features.transition" + std::to_string(b + 1));
    }
    names.push_back("classifier");
    return names;
}

Classifier makeDenseNet121(int inChannels, int classes) {
    return std::make_shared<DenseNetImpl>(inChannels, classes, std::array<int, 4>{6, 12, 24, 16});
}

Classifier makeDenseNet169(int inChannels, int classes) {
    return std::make_shared<DenseNetImpl>(inChannels, classes, std::array<int, 4>{6, 12, 32, 32});
}

}  // namespace convscope::nn
