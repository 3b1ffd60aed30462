#include "core/nn/zoo/zoo_inception_v3.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

const char* const kV3NamesA[3] = {"Mixed_5b", "Mixed_5c", "Mixed_5d"};
const char* const kV3NamesC[4] = {"Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e"};
const char* const kV3NamesE[2] = {"Mixed_7b", "Mixed_7c"};

}  // namespace

InceptionV3Impl::InceptionV3Impl(int inChannels, int classes, bool aux) {
    // torchvision's order of definition, which fixes the order of the parameters.
    Conv2d_1a_3x3 = register_module("Conv2d_1a_3x3", inception_v3::BasicConv2d(inChannels, 32, 3, 3, 2));
    Conv2d_2a_3x3 = register_module("Conv2d_2a_3x3", inception_v3::BasicConv2d(32, 32, 3, 3));
    Conv2d_2b_3x3 = register_module("Conv2d_2b_3x3", inception_v3::BasicConv2d(32, 64, 3, 3, 1, 1, 1));
    Conv2d_3b_1x1 = register_module("Conv2d_3b_1x1", inception_v3::BasicConv2d(64, 80, 1, 1));
    Conv2d_4a_3x3 = register_module("Conv2d_4a_3x3", inception_v3::BasicConv2d(80, 192, 3, 3));
    const int poolFeatures[3] = {32, 64, 64};
    const int inA[3] = {192, 256, 288};
    for (int i = 0; i < 3; ++i)
        m_a.push_back(register_module(kV3NamesA[i], inception_v3::InceptionA(inA[i], poolFeatures[i])));
    Mixed_6a = register_module("Mixed_6a", inception_v3::InceptionB(288));
    const int c7[4] = {128, 160, 160, 192};
    for (int i = 0; i < 4; ++i)
        m_c.push_back(register_module(kV3NamesC[i], inception_v3::InceptionC(768, c7[i])));
    if (aux) AuxLogits = register_module("AuxLogits", inception_v3::InceptionAux(768, classes));
    Mixed_7a = register_module("Mixed_7a", inception_v3::InceptionD(768));
    m_e.push_back(register_module(kV3NamesE[0], inception_v3::InceptionE(1280)));
    m_e.push_back(register_module(kV3NamesE[1], inception_v3::InceptionE(2048)));
    fc = register_module("fc", torch::nn::Linear(2048, classes));

    // torchvision's init_weights: truncated normal (std 0.1, cut at ±2) for convolutions and linear layers,
    // batch norm as the identity; the auxiliary head's conv1 and fc narrower
    // (inception_v3::InceptionAux::initialise).
    torch::NoGradGuard noGrad;
    for (auto& module : modules(false)) {
        if (auto* c = module->as<torch::nn::Conv2d>()) {
            torch::nn::init::normal_(c->weight, 0.0, 0.1).clamp_(-2.0, 2.0);
        } else if (auto* l = module->as<torch::nn::Linear>()) {
            torch::nn::init::normal_(l->weight, 0.0, 0.1).clamp_(-2.0, 2.0);
        } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
            torch::nn::init::ones_(bn->weight);
            torch::nn::init::zeros_(bn->bias);
        }
    }
    if (AuxLogits) AuxLogits->initialise();
}

torch::Tensor InceptionV3Impl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    auto basic = [&](inception_v3::BasicConv2d& m, const char* name) {
        x = m->forward(x, name);
        if (tap) tap(name, x);
    };
    auto block = [&](const char* name, const char* title, auto&& run) {
        ScopeGuard s(name, ScopeKind::Block, title);
        x = run();
        if (tap) tap(name, x);
    };
    {
        ScopeGuard s("", ScopeKind::Stage, "Stem");
        basic(Conv2d_1a_3x3, "Conv2d_1a_3x3");
        basic(Conv2d_2a_3x3, "Conv2d_2a_3x3");
        basic(Conv2d_2b_3x3, "Conv2d_2b_3x3");
        x = trace::maxPool(x, 3, 2, 0, false, "maxpool1");
        basic(Conv2d_3b_1x1, "Conv2d_3b_1x1");
        basic(Conv2d_4a_3x3, "Conv2d_4a_3x3");
        x = trace::maxPool(x, 3, 2, 0, false, "maxpool2");
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Mixed 5 (35×35 at 299)");
        for (int i = 0; i < 3; ++i)
            block(kV3NamesA[i], "InceptionA", [&] { return m_a[std::size_t(i)]->forward(x); });
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Mixed 6 (grid reduction, 17×17 at 299)");
        block("Mixed_6a", "InceptionB (grid reduction)", [&] { return Mixed_6a->forward(x); });
        for (int i = 0; i < 4; ++i)
            block(kV3NamesC[i], "InceptionC (factorised 7x7)",
                  [&] { return m_c[std::size_t(i)]->forward(x); });
        if (AuxLogits) {
            ScopeGuard side("AuxLogits", ScopeKind::SideExit, "Auxiliary classifier (training only)");
            const torch::Tensor logits = AuxLogits->forward(x);
            if (tap) tap("AuxLogits", logits);
        }
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "Mixed 7 (grid reduction, 8×8 at 299)");
        block("Mixed_7a", "InceptionD (grid reduction)", [&] { return Mixed_7a->forward(x); });
        for (int i = 0; i < 2; ++i)
            block(kV3NamesE[i], "InceptionE (expanded 3x3)", [&] { return m_e[std::size_t(i)]->forward(x); });
    }
    x = trace::adaptiveAvgPool(x, 1, "avgpool");
    x = trace::dropout(x, 0.5, is_training(), "dropout");
    x = trace::flatten(x, "flatten");
    x = trace::linear(fc, x, "fc");
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> InceptionV3Impl::tapNames() const {
    std::vector<std::string> names{"Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "Conv2d_3b_1x1",
                                   "Conv2d_4a_3x3"};
    names.insert(names.end(), std::begin(kV3NamesA), std::end(kV3NamesA));
    names.emplace_back("Mixed_6a");
    names.insert(names.end(), std::begin(kV3NamesC), std::end(kV3NamesC));
    if (AuxLogits) names.emplace_back("AuxLogits");
    names.emplace_back("Mixed_7a");
    names.insert(names.end(), std::begin(kV3NamesE), std::end(kV3NamesE));
    names.emplace_back("fc");
    return names;
}

Classifier makeInceptionV3(int inChannels, int classes, bool aux) {
    return std::make_shared<InceptionV3Impl>(inChannels, classes, aux);
}

}  // namespace convscope::nn
