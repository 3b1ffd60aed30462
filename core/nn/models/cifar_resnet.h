#pragma once

#include <string>

#include "core/nn/models/classifier.h"
#include "core/nn/models/model_config.h"

namespace convscope::nn {

/// He et al. 2016's option-A shortcut (section 4.2): the identity where the shape stays, otherwise x
/// subsampled by `stride` (rows and columns 0, stride, 2·stride, …, the positions a 3x3 stride-2 convolution
/// with padding 1 centres on) and its channels extended with zeros up to `outChannels` (the new channels
/// after the old, as in fb.resnet.torch). It has no parameters, so a plain network and its residual twin
/// count the same. Throws std::invalid_argument when outChannels < x's channels.
torch::Tensor optionAShortcut(const torch::Tensor& x, int outChannels, int stride);

/// One block of the CIFAR networks: 3x3 conv → BN → ReLU → 3x3 conv → BN, the stride on the first
/// convolution; with `skip` the option-A shortcut is added before the last ReLU, without it the block is
/// "plain". No 1x1 projection in either case. `batchNorm` false leaves both batch norms out and gives the
/// convolutions a bias (resNetConv).
class CifarBlockImpl : public torch::nn::Module {
public:
    CifarBlockImpl(int inChannels, int planes, int stride, bool skip, bool batchNorm = true);
    torch::Tensor forward(const torch::Tensor& x);

private:
    int m_in, m_planes, m_stride;
    bool m_skip;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(CifarBlock);

/// The CIFAR-10 networks of He et al. 2016, section 4.2: 6n+2 weighted layers. A 3x3 convolution to 16
/// channels (+ BN, ReLU), three stages of n blocks at 16, 32 and 64 channels (the first block of stages 2
/// and 3 halves the resolution with stride 2), global average pooling and a fully connected layer. With
/// skip connections (option A) they are ResNet-20/32/44/56/110; without, the plain networks of the paper's
/// degradation experiment (figure 6, left). Fully convolutional up to the pooling, so any input size works
/// (28x28 Fashion-MNIST as well as 32x32 CIFAR). Taps: conv1, layer1.0 … layer3.(n-1), fc. `batchNorm`
/// false removes every batch norm (the convolutions get biases); `dropout` > 0 drops the pooled features
/// before fc in training mode.
class CifarResNetImpl : public ClassifierImpl {
public:
    CifarResNetImpl(int blocksPerStage, bool skip, int inChannels, int classes, bool batchNorm = true,
                    double dropout = 0.0);
    using ClassifierImpl::forward;
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override;
    std::vector<std::string> tapNames() const override;
    torch::Tensor firstConvWeights() const override { return conv1->weight; }
    int blocksPerStage() const { return m_n; }
    bool skip() const { return m_skip; }

private:
    int m_n;
    bool m_skip;
    double m_dropout;
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    std::vector<CifarBlock> m_blocks;
    std::vector<std::string> m_blockNames;
    torch::nn::Linear fc{nullptr};
};

/// The CIFAR network `config.name` names (resnet20/32/44/56/110, plain20/32/44/56/110), or nullptr for
/// another name. A resnet with config.skip false is its plain twin; the stem is always the 3x3 convolution
/// (config.stem does not apply) and the block always basic: config.block "bottleneck" throws
/// std::invalid_argument.
Classifier makeCifarResNet(const ModelConfig& config);

}  // namespace convscope::nn
