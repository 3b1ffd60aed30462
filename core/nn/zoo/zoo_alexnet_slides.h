#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// AlexNet as the slides (seed 002) draw it, with the details of Krizhevsky et al. 2012 they leave out:
/// 227×227×3 in; CONV1 96 11x11 filters at stride 4, pad 0 (55×55×96); each of the first two max poolings
/// (3x3, stride 2) followed by a normalisation layer, local response normalisation as
/// torch.nn.LocalResponseNorm computes it (size 5, alpha 1e-4, beta 0.75, k 2); CONV2 256 5x5, CONV3 384,
/// CONV4 384, CONV5 256 3x3 filters; the paper's two-GPU split as groups = 2 on CONV2, CONV4 and CONV5 (each
/// filter sees half of its input channels); FC6 4096, FC7 4096, FC8 classes, dropout 0.5 before FC6 and FC7.
/// 60,965,224 parameters with 1000 classes. torchvision's AlexNet (zoo_alexnet.h) is the later single-GPU
/// variant: 64 filters in CONV1, no normalisation, no groups (61,100,840 parameters).
/// Names follow a Sequential as torchvision's: features.0 (CONV1), .3 (NORM1), .4 (CONV2), .7 (NORM2), .8,
/// .10, .12 (CONV3–5), classifier.1, .4, .6 (FC6–FC8). An adaptive average pooling to 6×6 before the
/// classifier, as torchvision's, is the identity at 227×227 (POOL3 gives 6×6 there) and lets other sizes from
/// 67×67 run. Taps: the ReLUs after each convolution (features.1, .5, .9, .11, .13) and the logits
/// (classifier).
class AlexNetSlidesImpl : public ClassifierImpl {
public:
    AlexNetSlidesImpl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return m_convs.front()->weight; }

private:
    std::vector<torch::nn::Conv2d> m_convs;  ///< features.0, .4, .8, .10, .12
    std::vector<torch::nn::Linear> m_fcs;    ///< classifier.1, .4, .6
};

Classifier makeAlexNetSlides(int inChannels, int classes);

}  // namespace convscope::nn
