#include "core/nn/zoo/zoo_efficientnet.h"

#include <cmath>
#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

using namespace zoo_mobile;

namespace {

struct Scaling {
    double width, depth, dropout;
};

// torchvision's efficientnet_b0 … b7.
constexpr Scaling kScaling[8] = {{1.0, 1.0, 0.2}, {1.0, 1.1, 0.2}, {1.1, 1.2, 0.3}, {1.2, 1.4, 0.3},
                                 {1.4, 1.8, 0.4}, {1.6, 2.2, 0.4}, {1.8, 2.6, 0.5}, {2.0, 3.1, 0.5}};

// The paper's Table 1 for B0: expansion, kernel, stride, in, out, blocks.
struct StageRow {
    int expand, kernel, stride, in, out, blocks;
};
constexpr StageRow kStages[7] = {{1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},  {6, 5, 2, 24, 40, 2},
                                 {6, 3, 2, 40, 80, 3},  {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4},
                                 {6, 3, 1, 192, 320, 1}};

}  // namespace

EfficientNetImpl::EfficientNetImpl(int variant, int inChannels, int classes) : m_variant(variant) {
    if (variant < 0 || variant > 7)
        throw std::invalid_argument("EfficientNet variant " + std::to_string(variant) + ": B0 … B7 exist");
    if (inChannels < 1 || classes < 1)
        throw std::invalid_argument("EfficientNet needs at least one input channel and one class");
    const Scaling& s = kScaling[variant];
    m_dropout = s.dropout;
    NormOptions norm;
    if (variant >= 5) norm = NormOptions{1e-3, 0.01};
    // Python's int(math.ceil(n * depth)) in the same double arithmetic, so 3 × 1.1 = 3.3000000000000003 → 4.
    auto depth = [&](int blocks) { return static_cast<int>(std::ceil(blocks * s.depth)); };
    auto width = [&](int channels) { return makeDivisible(channels * s.width); };

    auto features = container(*this, "features");
    const int stemOut = width(kStages[0].in);
    stem = features->register_module(
        "0", ConvNormActivation(inChannels, stemOut, 3, 2, 1, Activation::SiLU, "features.0", norm));
    for (int stage = 0; stage < 7; ++stage) {
        const StageRow& row = kStages[stage];
        const std::string index = std::to_string(stage + 1);
        auto group = container(*features, index);
        MBConvConfig c{double(row.expand), row.kernel, row.stride, width(row.in), width(row.out)};
        std::vector<MBConv> blocks;
        for (int b = 0; b < depth(row.blocks); ++b) {
            if (b > 0) {
                c.inChannels = c.outChannels;
                c.stride = 1;
            }
            const std::string name = std::to_string(b);
            blocks.push_back(group->register_module(name, MBConv(c, norm, name)));
        }
        m_stageTitles.push_back("Stage " + index + ": " + blocks.front()->title() + ", " +
                                std::to_string(c.outChannels) + " channels");
        m_stages.push_back(std::move(blocks));
    }
    const int last = width(kStages[6].out);
    head = features->register_module(
        "8", ConvNormActivation(last, 4 * last, 1, 1, 1, Activation::SiLU, "features.8", norm));
    auto classifier = container(*this, "classifier");
    fc = classifier->register_module("1", torch::nn::Linear(4 * last, classes));

    initMobileConvolutions(*this);
    const double range = 1.0 / std::sqrt(double(classes));
    torch::nn::init::uniform_(fc->weight, -range, range);
    torch::nn::init::zeros_(fc->bias);
}

torch::Tensor EfficientNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    x = stem->forward(x);
    if (tap) tap("features.0", x);
    for (std::size_t stage = 0; stage < m_stages.size(); ++stage) {
        const std::string name = "features." + std::to_string(stage + 1);
        {
            trace::ScopeGuard scope(name, ScopeKind::Stage, m_stageTitles[stage]);
            for (MBConv& block : m_stages[stage]) x = block->forward(x);
        }
        if (tap) tap(name, x);
    }
    x = head->forward(x);
    if (tap) tap("features.8", x);
    x = trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"), "flatten");
    x = trace::linear(fc, trace::dropout(x, m_dropout, is_training(), "classifier.0"), "classifier.1");
    if (tap) tap("classifier", x);
    return x;
}

std::vector<std::string> EfficientNetImpl::tapNames() const {
    std::vector<std::string> names;
    for (int i = 0; i <= 8; ++i) names.push_back("features." + std::to_string(i));
    names.push_back("classifier");
    return names;
}

Classifier makeEfficientNet(int variant, int inChannels, int classes) {
    return std::make_shared<EfficientNetImpl>(variant, inChannels, classes);
}

}  // namespace convscope::nn
