#pragma once

// Model choices as plain values, without LibTorch: the CLI's and the GUI's forms build them.

#include <string>
#include <vector>

namespace convscope::nn {

enum class BlockKind { Basic, Bottleneck };

/// The stem: `Imagenet` is torchvision's 7x7 stride-2 convolution and 3x3 stride-2 max pooling (the seed
/// trains it on Fashion-MNIST resized to 224); `Small` is one 3x3 stride-1 convolution, which suits 28x28
/// inputs.
enum class Stem { Imagenet, Small };

/// A model by name and its options: what `convscope-cli train --model` and the Training panel's form choose.
struct ModelConfig {
    std::string name =
        "resnet18";  ///< simplecnn, hierarchicalcnn, lenet5, resnet18/34/50, resnet20 … plain110
    int inChannels = 1;
    int classes = 10;
    int inputSize = 28;  ///< square inputs; LeNet-5's fully connected layer depends on it
    Stem stem = Stem::Small;
    /// ResNets only: empty keeps the depth's own block (basic for 18/34, bottleneck for 50).
    std::string block;
    bool skip = true;
    /// false removes every batch normalisation layer (batchNormApplies, model_switches.h: HierarchicalCNN,
    /// the ResNets and the CIFAR networks); the convolutions that fed one then get a bias, the shift that
    /// batch norm's beta gave them. HierarchicalCNN's convolutions have one either way, as in the seed.
    bool batchNorm = true;
    /// Dropout probability (0 ≤ p < 1; 0: none) on the features the classifier reads: the pooled features
    /// before the last linear layer, and for LeNet-5 the outputs of its two hidden fully connected layers, as
    /// AlexNet places it (the seed: "dropout 0.5"). Active in training mode only (dropoutApplies).
    double dropout = 0.0;
    /// GoogLeNet and Inception-v3 only (auxApplies, model_switches.h): build torchvision's auxiliary
    /// classifiers too (aux_logits=True); the description draws them as side exits.
    bool auxLogits = false;
    /// name "torchscript": the TorchScript file (torch.jit.save) the model is loaded from, taking
    /// inChannels x inputSize x inputSize images; `classes` other than the file's replaces its head.
    std::string file;
};

/// The names makeModel knows, in menu order.
const std::vector<std::string>& modelNames();
/// "ResNet-18", "LeNet-5", …
std::string modelTitle(const std::string& name);
/// He et al. 2016's CIFAR networks (resnet20/32/44/56/110, plain20/32/44/56/110, cifar_resnet.h): their
/// stem (one 3x3 convolution to 16 channels) and block (basic) are fixed, so `stem` and `block` do not apply.
bool isCifarNetwork(const std::string& name);

/// "stem imagenet|small", "block basic|bottleneck" parsing for the CLI and settings; parse throws
/// std::invalid_argument naming the choices.
Stem parseStem(const std::string& text);
std::string toString(Stem stem);
BlockKind parseBlock(const std::string& text);
std::string toString(BlockKind kind);

}  // namespace convscope::nn
