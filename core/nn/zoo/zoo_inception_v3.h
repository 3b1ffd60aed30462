#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/zoo/zoo_inception_v3_blocks.h"

namespace convscope::nn {

/// Inception-v3 (Szegedy et al. 2016, "Rethinking the Inception architecture") as torchvision 0.14 builds
/// it, for 299×299 inputs: a stem of five BasicConv2d and two max poolings, three 35×35 modules
/// (Mixed_5b–5d), a grid reduction (Mixed_6a), four 17×17 modules with factorised 7x7 convolutions
/// (Mixed_6b–6e), a grid reduction (Mixed_7a), two 8×8 modules (Mixed_7b, 7c), global average pooling,
/// dropout 0.5, fc. With 3 input channels and 1000 classes it has torchvision's 23,834,568 parameters
/// (aux_logits=False) and its module names ("Mixed_6e.branch7x7dbl_5.conv.weight"). With `aux` it has the
/// auxiliary classifier AuxLogits on Mixed_6e too (27,161,264 parameters): it runs in every forward pass
/// (torchvision runs it in training only) so that the description draws it as a side exit, and its logits are
/// the tap "AuxLogits"; the model's output stays the main classifier's. No transform_input (torchvision's
/// default without pretrained weights). Taps: the stem's convolutions, every Mixed_* module, AuxLogits (with
/// aux), fc.
class InceptionV3Impl : public ClassifierImpl {
public:
    InceptionV3Impl(int inChannels, int classes, bool aux = false);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return Conv2d_1a_3x3->convWeight(); }

private:
    inception_v3::BasicConv2d Conv2d_1a_3x3{nullptr}, Conv2d_2a_3x3{nullptr}, Conv2d_2b_3x3{nullptr},
        Conv2d_3b_1x1{nullptr}, Conv2d_4a_3x3{nullptr};
    std::vector<inception_v3::InceptionA> m_a;  ///< Mixed_5b, 5c, 5d
    inception_v3::InceptionB Mixed_6a{nullptr};
    std::vector<inception_v3::InceptionC> m_c;  ///< Mixed_6b … 6e
    inception_v3::InceptionAux AuxLogits{nullptr};
    inception_v3::InceptionD Mixed_7a{nullptr};
    std::vector<inception_v3::InceptionE> m_e;  ///< Mixed_7b, 7c
    torch::nn::Linear fc{nullptr};
};

Classifier makeInceptionV3(int inChannels, int classes, bool aux = false);

}  // namespace convscope::nn
