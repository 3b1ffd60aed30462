#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// AlexNet as torchvision builds it (the single-GPU variant of Krizhevsky et al. 2012 with 64-192-384-256-256
/// filters and no local response normalisation), so that with 3 input channels and 1000 classes it has
/// torchvision's 61,100,840 parameters and the same module names ("features.0.weight", "classifier.6.bias").
/// Adaptive average pooling to 6x6 takes any input from 63x63 up. Taps: every ReLU of the features
/// ("features.1", "features.4", "features.7", "features.9", "features.11") and the logits ("classifier").
class AlexNetImpl : public ClassifierImpl {
public:
    AlexNetImpl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return m_convs.front()->weight; }

private:
    // Held twice: in the ModuleLists (registered, so parameter names and printing follow torchvision's
    // Sequential indices) and here, for the traced forward pass that calls each layer itself.
    std::vector<torch::nn::Conv2d> m_convs;  ///< features.0, .3, .6, .8, .10
    std::vector<torch::nn::Linear> m_fcs;    ///< classifier.1, .4, .6
};

Classifier makeAlexNet(int inChannels, int classes);

/// AlexNet's classifier, the same in torchvision's variant and the slides': dropout, 256·6·6 → 4096, ReLU,
/// dropout, 4096 → 4096, ReLU, 4096 → `classes`. Appends the modules to `list` in torchvision's order (so the
/// parameters are "classifier.1.weight", …) and returns the three linear layers.
std::vector<torch::nn::Linear> appendAlexNetClassifier(torch::nn::ModuleList& list, int classes);
/// Its traced forward pass under the names "classifier.0" … "classifier.6", in a stage titled `stage`.
torch::Tensor alexNetClassifierForward(std::vector<torch::nn::Linear>& fcs, torch::Tensor x, bool training,
                                       const char* stage);

}  // namespace convscope::nn
