#include "core/nn/zoo/zoo_vgg.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

/// Convolutions per block for torchvision's configurations A (11), B (13), D (16) and E (19).
std::vector<int> convsPerBlock(int depth) {
    switch (depth) {
        case 11:
            return {1, 1, 2, 2, 2};
        case 13:
            return {2, 2, 2, 2, 2};
        case 16:
            return {2, 2, 3, 3, 3};
        case 19:
            return {2, 2, 4, 4, 4};
        default:
            throw std::invalid_argument("VGG depth must be 11, 13, 16 or 19, not " + std::to_string(depth));
    }
}

std::string features(int index) {
    return "features." + std::to_string(index);
}

}  // namespace

VggImpl::VggImpl(int depth, bool batchNorm, int inChannels, int classes) {
    const std::vector<int> counts = convsPerBlock(depth);
    const int widths[5] = {64, 128, 256, 512, 512};
    // The ModuleLists mirror torchvision's Sequentials index for index (ReLU and pooling included) so that
    // parameter names and printing match; forward() calls the layers itself, through the tracer.
    torch::nn::ModuleList featureList, classifierList;
    int in = inChannels;
    for (int b = 0; b < 5; ++b) {
        Block block;
        for (int c = 0; c < counts[std::size_t(b)]; ++c) {
            ConvUnit u;
            u.conv = torch::nn::Conv2d(torch::nn::Conv2dOptions(in, widths[b], 3).padding(1));
            u.convName = features(int(featureList->size()));
            featureList->push_back(u.conv);
            if (batchNorm) {
                u.bn = torch::nn::BatchNorm2d(widths[b]);
                u.bnName = features(int(featureList->size()));
                featureList->push_back(u.bn);
            }
            u.reluName = features(int(featureList->size()));
            featureList->push_back(torch::nn::ReLU());
            m_tapNames.push_back(u.reluName);
            block.units.push_back(u);
            in = widths[b];
        }
        block.poolName = features(int(featureList->size()));
        featureList->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
        block.title = "Block " + std::to_string(b + 1) + " (" + std::to_string(widths[b]) + " channels)";
        m_blocks.push_back(std::move(block));
    }
    m_fcs.emplace_back(512 * 7 * 7, 4096);
    m_fcs.emplace_back(4096, 4096);
    m_fcs.emplace_back(4096, classes);
    for (int i = 0; i < 3; ++i) {
        classifierList->push_back(m_fcs[std::size_t(i)]);
        if (i == 2) break;
        classifierList->push_back(torch::nn::ReLU());
        classifierList->push_back(torch::nn::Dropout(0.5));
    }
    register_module("features", featureList);
    register_module("classifier", classifierList);
    m_tapNames.push_back("classifier");

    // torchvision's initialisation: He (fan-out) for convolutions, batch norm as the identity, small normal
    // weights for the fully connected layers; all biases zero.
    torch::NoGradGuard noGrad;
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
            torch::nn::init::zeros_(c->bias);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        } else if (auto* fc = module->as<torch::nn::Linear>()) {
            torch::nn::init::normal_(fc->weight, 0.0, 0.01);
            torch::nn::init::zeros_(fc->bias);
        }
    }
}

torch::Tensor VggImpl::forward(torch::Tensor x, const TapSink& tap) {
    for (Block& block : m_blocks) {
        // Empty name: the blocks group torchvision's flat "features" Sequential without renaming it.
        trace::ScopeGuard s("", ScopeKind::Stage, block.title);
        for (ConvUnit& u : block.units) {
            x = trace::conv(u.conv, x, u.convName.c_str());
            if (u.bn) x = trace::batchNorm(u.bn, x, u.bnName.c_str());
            x = trace::relu(x, u.reluName.c_str());
            if (tap) tap(u.reluName, x);
        }
        x = trace::maxPool(x, 2, 2, 0, false, block.poolName.c_str());
    }
    x = trace::adaptiveAvgPool(x, 7, "avgpool");
    x = trace::flatten(x, "flatten");
    {
        trace::ScopeGuard s("", ScopeKind::Stage, "Classifier (fully connected)");
        x = trace::relu(trace::linear(m_fcs[0], x, "classifier.0"), "classifier.1");
        x = trace::dropout(x, 0.5, is_training(), "classifier.2");
        x = trace::relu(trace::linear(m_fcs[1], x, "classifier.3"), "classifier.4");
        x = trace::dropout(x, 0.5, is_training(), "classifier.5");
        x = trace::linear(m_fcs[2], x, "classifier.6");
    }
    if (tap) tap("classifier", x);
    return x;
}

Classifier makeVgg(int depth, bool batchNorm, int inChannels, int classes) {
    return std::make_shared<VggImpl>(depth, batchNorm, inChannels, classes);
}

}  // namespace convscope::nn
