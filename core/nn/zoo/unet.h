#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// A small U-Net (Ronneberger et al. 2015) with 16 base channels instead of 64: four encoder levels of two
/// 3x3 convolutions (padded, so sizes halve exactly and no cropping is needed) with batch norm and ReLU,
/// 2x2 max pooling between them, a 256-channel bottleneck, and four decoder levels that upsample with a 2x2
/// stride-2 transposed convolution and concatenate the encoder's output of the same size (the skip
/// connections) before their two convolutions. A 1x1 convolution gives per-pixel class scores: the output is
/// N x classes x H x W, not N x classes. The input size must be divisible by 16.
/// Taps: enc1 … enc4, bottleneck, dec4 … dec1, head.
class UNetImpl : public ClassifierImpl {
public:
    UNetImpl(int inChannels, int classes);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override;

private:
    struct DoubleConv {
        torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
        torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    };
    DoubleConv makeDouble(const std::string& name, int in, int out);
    static torch::Tensor run(DoubleConv& d, const torch::Tensor& x);

    std::vector<DoubleConv> m_encoders;             ///< enc1 … enc4, then the bottleneck
    std::vector<DoubleConv> m_decoders;             ///< dec4 … dec1
    std::vector<torch::nn::ConvTranspose2d> m_ups;  ///< up4 … up1
    torch::nn::Conv2d head{nullptr};
};

}  // namespace convscope::nn
