#include "core/nn/zoo/preact_resnet.h"

#include "core/nn/graph/graph_trace.h"
#include "core/nn/models/resnet.h"

namespace convscope::nn {

PreActBlockImpl::PreActBlockImpl(int inChannels, int planes, int stride) : m_stride(stride) {
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(inChannels));
    conv1 = register_module("conv1", biasFreeConv(inChannels, planes, 3, stride, 1));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    conv2 = register_module("conv2", biasFreeConv(planes, planes, 3, 1, 1));
    if (stride != 1 || inChannels != planes)
        shortcut = register_module("shortcut", biasFreeConv(inChannels, planes, 1, stride, 0));
}

torch::Tensor PreActBlockImpl::forward(const torch::Tensor& x) {
    const torch::Tensor pre = trace::relu(trace::batchNorm(bn1, x, "bn1"));
    torch::Tensor identity = x;
    if (shortcut) {
        trace::ScopeGuard scope("", ScopeKind::Shortcut,
                                "Projection 1×1, stride " + std::to_string(m_stride));
        identity = trace::conv(shortcut, pre, "shortcut");
    }
    torch::Tensor out = trace::conv(conv1, pre, "conv1");
    out = trace::conv(conv2, trace::relu(trace::batchNorm(bn2, out, "bn2")), "conv2");
    return trace::add(out, identity);
}

PreActResNetImpl::PreActResNetImpl(int inChannels, int classes) {
    conv1 = register_module("conv1", biasFreeConv(inChannels, 64, 7, 2, 3));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    int in = 64;
    const int planes[4] = {64, 128, 256, 512};
    for (int stage = 0; stage < 4; ++stage) {
        for (int b = 0; b < 2; ++b) {
            PreActBlock block(in, planes[stage], stage > 0 && b == 0 ? 2 : 1);
            m_blocks.push_back(
                register_module("layer" + std::to_string(stage + 1) + "_" + std::to_string(b), block));
            in = planes[stage];
        }
    }
    bnFinal = register_module("bn_final", torch::nn::BatchNorm2d(512));
    fc = register_module("fc", torch::nn::Linear(512, classes));
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>())
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
}

torch::Tensor PreActResNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    {
        trace::ScopeGuard stem("", ScopeKind::Stage, "Stem");
        x = trace::conv(conv1, x, "conv1");
        if (tap) tap("conv1", x);
        x = trace::maxPool(trace::relu(trace::batchNorm(bn1, x, "bn1")), 3, 2, 1, false, "maxpool");
    }
    for (int stage = 0; stage < 4; ++stage) {
        const std::string stageName = "layer" + std::to_string(stage + 1);
        trace::ScopeGuard stageScope(stageName, ScopeKind::Stage, "Stage " + std::to_string(stage + 1));
        for (int b = 0; b < 2; ++b) {
            trace::ScopeGuard blockScope(std::to_string(b), ScopeKind::Block, "Pre-activation block");
            x = m_blocks[static_cast<std::size_t>(stage * 2 + b)]->forward(x);
            if (tap) tap(stageName + "." + std::to_string(b), x);
        }
    }
    {
        trace::ScopeGuard head("", ScopeKind::Stage, "Classifier");
        x = trace::relu(trace::batchNorm(bnFinal, x, "bn_final"), "relu_final");
        x = trace::linear(fc, trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool")), "fc");
    }
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> PreActResNetImpl::tapNames() const {
    std::vector<std::string> names{"conv1"};
    for (int stage = 1; stage <= 4; ++stage)
        for (int b = 0; b < 2; ++b)
            names.push_back("layer" + std::to_string(stage) + "." + std::to_string(b));
    names.push_back("fc");
    return names;
}

}  // namespace convscope::nn
