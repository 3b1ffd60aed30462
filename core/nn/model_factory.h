#pragma once

#include <string>
#include <vector>

#include "core/nn/classifier.h"
#include "core/nn/resnet.h"

namespace convscope::nn {

/// A model by name and its options: what `convscope-cli train --model` and the Training panel's form choose.
struct ModelConfig {
    std::string name = "resnet18";  ///< simplecnn, hierarchicalcnn, lenet5, resnet18, resnet34, resnet50
    int inChannels = 1;
    int classes = 10;
    int inputSize = 28;  ///< square inputs; LeNet-5's fully connected layer depends on it
    Stem stem = Stem::Small;
    /// ResNets only: empty keeps the depth's own block (basic for 18/34, bottleneck for 50).
    std::string block;
    bool skip = true;
};

/// The names makeModel knows, in menu order.
const std::vector<std::string>& modelNames();
/// "ResNet-18", "LeNet-5", …
std::string modelTitle(const std::string& name);

/// Builds the model (weights initialised as PyTorch does, from the global torch seed). Throws
/// std::invalid_argument for an unknown name (the message lists the known ones), bad channel or class counts,
/// or an input too small for the model (the message names the layer where the size falls to zero).
Classifier makeModel(const ModelConfig& config);

/// "stem imagenet|small", "block basic|bottleneck" parsing for the CLI and settings.
Stem parseStem(const std::string& text);
std::string toString(Stem stem);
BlockKind parseBlock(const std::string& text);
std::string toString(BlockKind kind);

}  // namespace convscope::nn
