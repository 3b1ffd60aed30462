#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// The seed's own InceptionModule (seed 000, the Inception deep dive), as its code writes it, with the
/// example's arguments: 3 input channels; branches 1x1 → 64 | 1x1 → 96 then 3x3 → 128 | 1x1 → 16 then a real
/// 5x5 → 32 | 3x3 max pooling (stride 1, pad 1) then 1x1 → 32; every convolution with a bias and followed by
/// ReLU, the four outputs concatenated. On the seed's 28x28 input: 124,384 parameters, output 256×28×28 (the
/// number PyTorch gives for the seed's code). Not a classifier: forward returns the module's feature map,
/// whatever `classes`; the module names are the seed's ("branch5x5.weight", "branch_pool_proj.bias").
/// Unlike torchvision's GoogLeNet (zoo_googlenet.h), whose "5x5" branch is a 3x3, this one has the paper's
/// 5x5. Taps: each branch's output ("branch1x1", "branch3x3", "branch5x5", "branch_pool_proj") and "cat".
class SeedInceptionImpl : public ClassifierImpl {
public:
    explicit SeedInceptionImpl(int inChannels);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return branch1x1->weight; }

private:
    torch::nn::Conv2d branch1x1{nullptr}, branch3x3_reduce{nullptr}, branch3x3{nullptr},
        branch5x5_reduce{nullptr}, branch5x5{nullptr}, branch_pool_proj{nullptr};
};

Classifier makeSeedInception(int inChannels);

}  // namespace convscope::nn
