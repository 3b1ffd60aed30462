#include "core/nn/zoo/unet.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {
constexpr int kBase = 16;
constexpr int kLevels = 4;
}  // namespace

UNetImpl::DoubleConv UNetImpl::makeDouble(const std::string& name, int in, int out) {
    // Registered as a Sequential so that the parameter names read enc1.0.weight, enc1.1.weight, … as the
    // trace names them.
    DoubleConv d;
    d.conv1 = torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false));
    d.bn1 = torch::nn::BatchNorm2d(out);
    d.conv2 = torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).padding(1).bias(false));
    d.bn2 = torch::nn::BatchNorm2d(out);
    register_module(
        name, torch::nn::Sequential(d.conv1, d.bn1, torch::nn::ReLU(), d.conv2, d.bn2, torch::nn::ReLU()));
    return d;
}

UNetImpl::UNetImpl(int inChannels, int classes) {
    int in = inChannels;
    for (int level = 1; level <= kLevels + 1; ++level) {
        const int out = kBase << (level - 1);
        m_encoders.push_back(
            makeDouble(level <= kLevels ? "enc" + std::to_string(level) : "bottleneck", in, out));
        in = out;
    }
    for (int level = kLevels; level >= 1; --level) {
        const int out = kBase << (level - 1);
        m_ups.push_back(register_module(
            "up" + std::to_string(level),
            torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(in, out, 2).stride(2))));
        m_decoders.push_back(makeDouble("dec" + std::to_string(level), 2 * out, out));
        in = out;
    }
    head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(kBase, classes, 1)));
}

torch::Tensor UNetImpl::run(DoubleConv& d, const torch::Tensor& x) {
    torch::Tensor y = trace::relu(trace::batchNorm(d.bn1, trace::conv(d.conv1, x, "0"), "1"), "2");
    return trace::relu(trace::batchNorm(d.bn2, trace::conv(d.conv2, y, "3"), "4"), "5");
}

torch::Tensor UNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    const int factor = 1 << kLevels;
    if (x.dim() != 4 || x.size(2) % factor != 0 || x.size(3) % factor != 0)
        throw std::invalid_argument("The U-Net needs an input size divisible by " + std::to_string(factor) +
                                    " (four 2×2 poolings that its decoder undoes); got " +
                                    (x.dim() == 4
                                         ? std::to_string(x.size(2)) + "×" + std::to_string(x.size(3))
                                         : std::to_string(x.dim()) + " dimensions") +
                                    ".");
    std::vector<torch::Tensor> skips;
    for (int level = 1; level <= kLevels; ++level) {
        const std::string name = "enc" + std::to_string(level);
        trace::ScopeGuard scope("", ScopeKind::Stage, "Encoder " + std::to_string(level));
        {
            trace::ScopeGuard block(name, ScopeKind::Block, "Double conv 3×3");
            x = run(m_encoders[static_cast<std::size_t>(level - 1)], x);
        }
        if (tap) tap(name, x);
        skips.push_back(x);
        x = trace::maxPool(x, 2, 2, 0, false, ("pool" + std::to_string(level)).c_str());
    }
    {
        trace::ScopeGuard scope("", ScopeKind::Stage, "Bottleneck");
        trace::ScopeGuard block("bottleneck", ScopeKind::Block, "Double conv 3×3");
        x = run(m_encoders.back(), x);
    }
    if (tap) tap("bottleneck", x);
    for (int i = 0; i < kLevels; ++i) {
        const int level = kLevels - i;
        trace::ScopeGuard scope("", ScopeKind::Stage, "Decoder " + std::to_string(level));
        x = trace::convTranspose(m_ups[static_cast<std::size_t>(i)], x,
                                 ("up" + std::to_string(level)).c_str());
        x = trace::concat({skips[static_cast<std::size_t>(level - 1)], x},
                          ("cat" + std::to_string(level)).c_str());
        const std::string name = "dec" + std::to_string(level);
        {
            trace::ScopeGuard block(name, ScopeKind::Block, "Double conv 3×3");
            x = run(m_decoders[static_cast<std::size_t>(i)], x);
        }
        if (tap) tap(name, x);
    }
    x = trace::conv(head, x, "head");
    if (tap) tap("head", x);
    return x;
}

std::vector<std::string> UNetImpl::tapNames() const {
    std::vector<std::string> names;
    for (int level = 1; level <= kLevels; ++level) names.push_back("enc" + std::to_string(level));
    names.push_back("bottleneck");
    for (int level = kLevels; level >= 1; --level) names.push_back("dec" + std::to_string(level));
    names.push_back("head");
    return names;
}

torch::Tensor UNetImpl::firstConvWeights() const {
    return m_encoders.front().conv1->weight;
}

}  // namespace convscope::nn
