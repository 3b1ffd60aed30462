#include "core/nn/models/resnet.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

torch::nn::Conv2d biasFreeConv(int in, int out, int kernel, int stride, int padding) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

torch::nn::Conv2d resNetConv(int in, int out, int kernel, int stride, int padding, bool batchNorm) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(!batchNorm));
}

void initialiseResNetWeights(torch::nn::Module& module) {
    for (auto& m : module.modules(false)) {
        if (auto* c = m->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
            if (c->bias.defined()) torch::nn::init::zeros_(c->bias);
        } else if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
}

ResidualBlockImpl::ResidualBlockImpl(BlockKind kind, int inChannels, int planes, int stride, bool skip,
                                     bool batchNorm)
    : m_kind(kind), m_skip(skip), m_stride(stride) {
    const int out = planes * expansion(kind);
    auto norm = [this, batchNorm](const char* name, int channels) {
        return batchNorm ? register_module(name, torch::nn::BatchNorm2d(channels))
                         : torch::nn::BatchNorm2d{nullptr};
    };
    if (kind == BlockKind::Basic) {
        conv1 = register_module("conv1", resNetConv(inChannels, planes, 3, stride, 1, batchNorm));
        bn1 = norm("bn1", planes);
        conv2 = register_module("conv2", resNetConv(planes, planes, 3, 1, 1, batchNorm));
        bn2 = norm("bn2", planes);
    } else {
        conv1 = register_module("conv1", resNetConv(inChannels, planes, 1, 1, 0, batchNorm));
        bn1 = norm("bn1", planes);
        conv2 = register_module("conv2", resNetConv(planes, planes, 3, stride, 1, batchNorm));
        bn2 = norm("bn2", planes);
        conv3 = register_module("conv3", resNetConv(planes, out, 1, 1, 0, batchNorm));
        bn3 = norm("bn3", out);
    }
    if (skip && (stride != 1 || inChannels != out)) {
        m_downConv = resNetConv(inChannels, out, 1, stride, 0, batchNorm);
        torch::nn::Sequential projection(m_downConv);
        if (batchNorm) {
            m_downBn = torch::nn::BatchNorm2d(out);
            projection->push_back(m_downBn);
        }
        downsample = register_module("downsample", projection);
    }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
    // Named as torchvision names the modules, so that the traced graph lines up with torchvision's.
    auto norm = [](torch::nn::BatchNorm2d& bn, const torch::Tensor& t, const char* name) {
        return bn ? trace::batchNorm(bn, t, name) : t;
    };
    torch::Tensor out = trace::relu(norm(bn1, trace::conv(conv1, x, "conv1"), "bn1"));
    out = norm(bn2, trace::conv(conv2, out, "conv2"), "bn2");
    if (m_kind == BlockKind::Bottleneck)
        out = norm(bn3, trace::conv(conv3, trace::relu(out), "conv3"), "bn3");
    if (m_skip) {
        torch::Tensor identity = x;
        if (downsample) {
            trace::ScopeGuard scope("downsample", ScopeKind::Shortcut,
                                    "Projection 1×1, stride " + std::to_string(m_stride));
            identity = norm(m_downBn, trace::conv(m_downConv, x, "0"), "1");
        }
        out = trace::add(out, identity);
    }
    return trace::relu(out);
}

ResNetImpl::ResNetImpl(const ResNetConfig& config) : m_config(config) {
    const bool small = config.stem == Stem::Small;
    const bool bn = config.batchNorm;
    conv1 = register_module("conv1", small ? resNetConv(config.inChannels, 64, 3, 1, 1, bn)
                                           : resNetConv(config.inChannels, 64, 7, 2, 3, bn));
    if (bn) bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    int in = 64;
    const int planes[4] = {64, 128, 256, 512};
    for (std::size_t stage = 0; stage < config.layers.size() && stage < 4; ++stage) {
        for (int b = 0; b < config.layers[stage]; ++b) {
            const int stride = (stage > 0 && b == 0) ? 2 : 1;
            const std::string name = "layer" + std::to_string(stage + 1) + "." + std::to_string(b);
            // Registered under the same dotted names torchvision's state_dict uses ("layer1.0.conv1.weight").
            ResidualBlock block(config.block, in, planes[stage], stride, config.skip, bn);
            m_blocks.push_back(
                register_module("layer" + std::to_string(stage + 1) + "_" + std::to_string(b), block));
            m_blockNames.push_back(name);
            in = planes[stage] * ResidualBlockImpl::expansion(config.block);
        }
    }
    fc = register_module("fc", torch::nn::Linear(in, config.classes));
    initialiseResNetWeights(*this);
}

torch::Tensor ResNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    {
        trace::ScopeGuard stem("", ScopeKind::Stage, "Stem");
        x = trace::conv(conv1, x, "conv1");
        if (tap) tap("conv1", x);
        x = trace::relu(bn1 ? trace::batchNorm(bn1, x, "bn1") : x);
        if (m_config.stem == Stem::Imagenet) x = trace::maxPool(x, 3, 2, 1, false, "maxpool");
    }
    std::size_t i = 0;
    for (std::size_t stage = 0; stage < m_config.layers.size() && stage < 4; ++stage) {
        const std::string stageName = "layer" + std::to_string(stage + 1);
        trace::ScopeGuard stageScope(stageName, ScopeKind::Stage, "Stage " + std::to_string(stage + 1));
        for (int b = 0; b < m_config.layers[stage]; ++b, ++i) {
            trace::ScopeGuard blockScope(std::to_string(b), ScopeKind::Block,
                                         m_config.block == BlockKind::Basic ? "BasicBlock" : "Bottleneck");
            x = m_blocks[i]->forward(x);
            if (tap) tap(m_blockNames[i], x);
        }
    }
    {
        trace::ScopeGuard head("", ScopeKind::Stage, "Classifier");
        x = trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"));
        if (m_config.dropout > 0.0) x = trace::dropout(x, m_config.dropout, is_training());
        x = trace::linear(fc, x, "fc");
    }
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> ResNetImpl::tapNames() const {
    std::vector<std::string> names{"conv1"};
    names.insert(names.end(), m_blockNames.begin(), m_blockNames.end());
    names.push_back("fc");
    return names;
}

}  // namespace convscope::nn
