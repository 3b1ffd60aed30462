#include "core/nn/resnet.h"

namespace convscope::nn {

namespace F = torch::nn::functional;

namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int stride, int padding) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(BlockKind kind, int inChannels, int planes, int stride, bool skip)
    : m_kind(kind), m_skip(skip) {
    const int out = planes * expansion(kind);
    if (kind == BlockKind::Basic) {
        conv1 = register_module("conv1", conv(inChannels, planes, 3, stride, 1));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", conv(planes, planes, 3, 1, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    } else {
        conv1 = register_module("conv1", conv(inChannels, planes, 1, 1, 0));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", conv(planes, planes, 3, stride, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
        conv3 = register_module("conv3", conv(planes, out, 1, 1, 0));
        bn3 = register_module("bn3", torch::nn::BatchNorm2d(out));
    }
    if (skip && (stride != 1 || inChannels != out)) {
        downsample = register_module("downsample", torch::nn::Sequential(conv(inChannels, out, 1, stride, 0),
                                                                         torch::nn::BatchNorm2d(out)));
    }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
    torch::Tensor out = torch::relu(bn1->forward(conv1->forward(x)));
    out = bn2->forward(conv2->forward(out));
    if (m_kind == BlockKind::Bottleneck) out = bn3->forward(conv3->forward(torch::relu(out)));
    if (m_skip) out = out + (downsample ? downsample->forward(x) : x);
    return torch::relu(out);
}

ResNetImpl::ResNetImpl(const ResNetConfig& config) : m_config(config) {
    const bool small = config.stem == Stem::Small;
    conv1 = register_module(
        "conv1", small ? conv(config.inChannels, 64, 3, 1, 1) : conv(config.inChannels, 64, 7, 2, 3));
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
    x = conv1->forward(x);
    if (tap) tap("conv1", x.detach());
    x = torch::relu(bn1->forward(x));
    if (m_config.stem == Stem::Imagenet)
        x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2).padding(1));
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        x = m_blocks[i]->forward(x);
        if (tap) tap(m_blockNames[i], x.detach());
    }
    x = fc->forward(torch::flatten(F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1)), 1));
    if (tap) tap("fc", x.detach());
    return x;
}

std::vector<std::string> ResNetImpl::tapNames() const {
    std::vector<std::string> names{"conv1"};
    names.insert(names.end(), m_blockNames.begin(), m_blockNames.end());
    names.push_back("fc");
    return names;
}

}  // namespace convscope::nn
