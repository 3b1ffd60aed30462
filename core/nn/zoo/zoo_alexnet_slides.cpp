#include "core/nn/zoo/zoo_alexnet_slides.h"

#include "core/nn/graph/graph_trace.h"
#include "core/nn/zoo/zoo_alexnet.h"

namespace convscope::nn {

namespace {

struct SlidesConvSpec {
    int index, out, kernel, stride, padding, groups;
};

// The slides' CONV1–CONV5 with the paper's groups; `index` is the position in the features Sequential.
constexpr SlidesConvSpec kSlidesConvs[5] = {{0, 96, 11, 4, 0, 1},
                                            {4, 256, 5, 1, 2, 2},
                                            {8, 384, 3, 1, 1, 1},
                                            {10, 384, 3, 1, 1, 2},
                                            {12, 256, 3, 1, 1, 2}};

// Krizhevsky et al. 2012, section 3.3: k = 2, n = 5, alpha = 1e-4, beta = 0.75. torch's LocalResponseNorm
// divides alpha by the size, as the paper's formula does not; the seeds name only "Normalization layer", and
// torch's form is the one a reader would write in PyTorch.
constexpr int kLrnSize = 5;
constexpr double kLrnAlpha = 1e-4, kLrnBeta = 0.75, kLrnK = 2.0;

std::string slidesFeature(int index) {
    return "features." + std::to_string(index);
}

}  // namespace

AlexNetSlidesImpl::AlexNetSlidesImpl(int inChannels, int classes) {
    torch::nn::ModuleList featureList, classifierList;
    int in = inChannels;
    for (int i = 0; i < 5; ++i) {
        const SlidesConvSpec& s = kSlidesConvs[i];
        m_convs.emplace_back(torch::nn::Conv2dOptions(in, s.out, s.kernel)
                                 .stride(s.stride)
                                 .padding(s.padding)
                                 .groups(s.groups));
        featureList->push_back(m_convs.back());
        featureList->push_back(torch::nn::ReLU());
        if (i < 2) {
            featureList->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2)));
            featureList->push_back(torch::nn::LocalResponseNorm(
                torch::nn::LocalResponseNormOptions(kLrnSize).alpha(kLrnAlpha).beta(kLrnBeta).k(kLrnK)));
        } else if (i == 4) {
            featureList->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2)));
        }
        in = s.out;
    }
    m_fcs = appendAlexNetClassifier(classifierList, classes);
    register_module("features", featureList);
    register_module("classifier", classifierList);
}

torch::Tensor AlexNetSlidesImpl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    auto convRelu = [&](int conv) {
        const int index = kSlidesConvs[conv].index;
        x = trace::conv(m_convs[std::size_t(conv)], x, slidesFeature(index).c_str());
        x = trace::relu(x, slidesFeature(index + 1).c_str());
        if (tap) tap(slidesFeature(index + 1), x);
    };
    auto poolNorm = [&](int index) {
        x = trace::maxPool(x, 3, 2, 0, false, slidesFeature(index).c_str());
        x = trace::localResponseNorm(x, kLrnSize, kLrnAlpha, kLrnBeta, kLrnK,
                                     slidesFeature(index + 1).c_str());
    };
    {
        ScopeGuard s("", ScopeKind::Stage, "CONV1, POOL1, NORM1 (96 filters 11x11, stride 4)");
        convRelu(0);
        poolNorm(2);
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "CONV2, POOL2, NORM2 (256 filters 5x5, 2 groups)");
        convRelu(1);
        poolNorm(6);
    }
    {
        ScopeGuard s("", ScopeKind::Stage, "CONV3–CONV5 (384, 384, 256 filters 3x3), POOL3");
        convRelu(2);
        convRelu(3);
        convRelu(4);
        x = trace::maxPool(x, 3, 2, 0, false, "features.14");
    }
    x = trace::adaptiveAvgPool(x, 6, "avgpool");
    x = trace::flatten(x, "flatten");
    x = alexNetClassifierForward(m_fcs, x, is_training(), "FC6, FC7, FC8");
    if (tap) tap("classifier", x);
    return x;
}

std::vector<std::string> AlexNetSlidesImpl::tapNames() const {
    return {"features.1", "features.5", "features.9", "features.11", "features.13", "classifier"};
}

Classifier makeAlexNetSlides(int inChannels, int classes) {
    return std::make_shared<AlexNetSlidesImpl>(inChannels, classes);
}

}  // namespace convscope::nn
