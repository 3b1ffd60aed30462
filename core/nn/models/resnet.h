#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/models/model_config.h"

namespace convscope::nn {

/// A convolution without bias (batch norm follows it), as torchvision's ResNets build theirs.
torch::nn::Conv2d biasFreeConv(int in, int out, int kernel, int stride, int padding);
/// A ResNet convolution: bias-free when batch norm follows it (its beta is the shift), with a bias when the
/// batch norms are switched off, so that each channel keeps a learnable offset as in a plain CNN.
torch::nn::Conv2d resNetConv(int in, int out, int kernel, int stride, int padding, bool batchNorm);
/// torchvision's initialisation for `module`'s convolutions and batch norms: He (fan-out) weights, batch
/// norm as the identity, and zero biases for the convolutions that have one (batch norm switched off).
void initialiseResNetWeights(torch::nn::Module& module);

struct ResNetConfig {
    std::vector<int> layers{2, 2, 2,
                            2};  ///< blocks per stage: ResNet-18 [2,2,2,2], 34 [3,4,6,3], 50 [3,4,6,3]
    BlockKind block = BlockKind::Basic;
    Stem stem = Stem::Imagenet;
    int inChannels = 3;
    int classes = 1000;
    bool skip = true;  ///< false removes the skip connections (and their 1x1 projections): a "plain" network
    bool batchNorm = true;  ///< false removes every batch norm; the convolutions then have biases
    double dropout = 0.0;   ///< dropout on the pooled features before fc (training mode only); 0: none
};

/// One residual block, torchvision's layout (convolutions without bias, each followed by batch norm; the
/// stride on the 3x3 convolution). Basic: 3x3 → 3x3 (expansion 1). Bottleneck: 1x1 → 3x3 → 1x1 (expansion 4).
/// The shortcut is the identity, or a 1x1 convolution + batch norm when the shape changes. `batchNorm` false
/// leaves every batch norm out and gives the convolutions a bias (resNetConv).
class ResidualBlockImpl : public torch::nn::Module {
public:
    ResidualBlockImpl(BlockKind kind, int inChannels, int planes, int stride, bool skip,
                      bool batchNorm = true);
    torch::Tensor forward(const torch::Tensor& x);
    static int expansion(BlockKind kind) { return kind == BlockKind::Basic ? 1 : 4; }

private:
    BlockKind m_kind;
    bool m_skip;
    int m_stride;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    torch::nn::Sequential downsample{nullptr};  ///< m_downConv, m_downBn (torchvision's downsample.0, .1)
    torch::nn::Conv2d m_downConv{nullptr};
    torch::nn::BatchNorm2d m_downBn{nullptr};
};
TORCH_MODULE(ResidualBlock);

/// ResNet as torchvision builds it (so parameter counts match torchvision's: ResNet-18 with 3 input channels
/// and 1000 classes has 11,689,512), with a configurable stem, block kind, input channels, classes and skip
/// connections. Taps: conv1 (the first convolution's output), layer1.0 … layer4.N (each block), fc.
class ResNetImpl : public ClassifierImpl {
public:
    explicit ResNetImpl(const ResNetConfig& config);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return conv1->weight; }
    const ResNetConfig& config() const { return m_config; }

private:
    ResNetConfig m_config;
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    std::vector<ResidualBlock> m_blocks;
    std::vector<std::string> m_blockNames;
    torch::nn::Linear fc{nullptr};
};

}  // namespace convscope::nn
