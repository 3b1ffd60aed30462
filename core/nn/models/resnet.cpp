#include "core/nn/models/resnet.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

torch::nn::Conv2d biasFreeConv(int in, int out, int kernel, int stride, int padding) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

ResidualBlockImpl::ResidualBlockImpl(BlockKind kind, int inChannels, int planes, int stride, bool skip)
    : m_kind(kind), m_skip(skip), m_stride(stride) {
    const int out = planes * expansion(kind);
    if (kind == BlockKind::Basic) {
        conv1 = register_module("conv1", biasFreeConv(inChannels, planes, 3, stride, 1));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", biasFreeConv(planes, planes, 3, 1, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    } else {
        conv1 = register_module("conv1", biasFreeConv(inChannels, planes, 1, 1, 0));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", biasFreeConv(planes, planes, 3, stride, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
        conv3 = register_module("conv3", biasFreeConv(planes, out, 1, 1, 0));
        bn3 = register_module("bn3", torch::nn::BatchNorm2d(out));
    }
    if (skip && (stride != 1 || inChannels != out)) {
        m_downConv = biasFreeConv(inChannels, out, 1, stride, 0);
        m_downBn = torch::nn::BatchNorm2d(out);
        downsample = register_module("downsample", torch::nn::Sequential(m_downConv, m_downBn));
    }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
    // Named as torchvision names the modules, so that the traced graph lines up with torchvision's.
    torch::Tensor out = trace::relu(trace::batchNorm(bn1, trace::conv(conv1, x, "conv1"), "bn1"));
    out = trace::batchNorm(bn2, trace::conv(conv2, out, "conv2"), "bn2");
    if (m_kind == BlockKind::Bottleneck)
        out = trace::batchNorm(bn3, trace::conv(conv3, trace::relu(out), "conv3"), "bn3");
    if (m_skip) {
        torch::Tensor identity = x;
        if (downsample) {
            trace::ScopeGuard scope("downsample", ScopeKind::Shortcut,
                                    "Projection 1×1, stride " + std::to_string(m_stride));
            identity = trace::batchNorm(m_downBn, trace::conv(m_downConv, x, "0"), "1");
        }
        out = trace::add(out, identity);
    }
    return trace::relu(out);
}

ResNetImpl::ResNetImpl(const ResNetConfig& config) : m_config(config) {
    const bool small = config.stem == Stem::Small;
    conv1 = register_module("conv1", small ? biasFreeConv(config.inChannels, 64, 3, 1, 1)
                                           : biasFreeConv(config.inChannels, 64, 7, 2, 3));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    int in = 64;
    const int planes[4] = {64, 128, 256, 512};
    for (std::size_t stage = 0; stage < config.layers.size() && stage < 4; ++stage) {
        for (int b = 0; b < config.layers[stage]; ++b) {
            const int stride = (stage > 0 && b == 0) ? 2 : 1;
            const std::string name = "layer" + std::to_string(stage + 1) + "." + std::to_string(b);
            // Registered under the same dotted names torchvision's state_dict uses ("layer1.0.conv1.weight").
            ResidualBlock block(config.block, in, planes[stage], stride, config.skip);
            m_blocks.push_back(
                register_module("layer" + std::to_string(stage + 1) + "_" + std::to_string(b), block));
            m_blockNames.push_back(name);
            in = planes[stage] * ResidualBlockImpl::expansion(config.block);
        }
    }
    fc = register_module("fc", torch::nn::Linear(in, config.classes));
    // torchvision's initialisation: He (fan-out) for convolutions, batch norm as the identity.
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
}

torch::Tensor ResNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    {
        trace::ScopeGuard stem("", ScopeKind::Stage, "Stem");
        x = trace::conv(conv1, x, "conv1");
        if (tap) tap("conv1", x);
        x = trace::relu(trace::batchNorm(bn1, x, "bn1"));
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
        x = trace::linear(fc, trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool")), "fc");
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
