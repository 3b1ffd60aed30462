#pragma once

// The regularisation switches of ModelConfig (batchNorm, dropout): which models they apply to, their checks
// and how a run names them. Plain values, no LibTorch: the CLI's parser and the Training panel's form use
// them to grey or reject a switch.

#include <string>

#include "core/nn/models/model_config.h"

namespace convscope::nn {

/// True for the models ConvScope builds with batch normalisation, which `batchNorm = false` removes:
/// HierarchicalCNN, the ResNets (resnet18 … resnet152) and the CIFAR networks (resnet20 … plain110).
/// SimpleCNN and LeNet-5 have none; the zoo's other models keep torchvision's layout (VGG has a "_bn" twin)
/// and an imported model its file's.
bool batchNormApplies(const std::string& name);
/// True for the models whose classifier ConvScope builds (SimpleCNN, HierarchicalCNN, LeNet-5, the ResNets,
/// the CIFAR networks): `dropout` adds dropout before their classifier. The zoo's others keep torchvision's
/// layout (AlexNet and VGG already drop out with p = 0.5), an imported model its file's.
bool dropoutApplies(const std::string& name);

/// True for the models with auxiliary classifiers that `auxLogits` adds: googlenet and inception_v3.
bool auxApplies(const std::string& name);

/// Throws std::invalid_argument with one sentence when the switches are impossible: a dropout probability
/// outside [0, 1) or not a number, batch norm switched off on a model that has none, dropout on a model
/// where it does not apply.
void validateModelSwitches(const ModelConfig& config);

/// What the switches change, for titles and lists: "" for the defaults, else e.g. ", no batch norm" or
/// ", no batch norm, dropout 0.5".
std::string modelSwitchesText(const ModelConfig& config);

/// The probability as text: "0.5", "0.25" (at most 3 significant digits, no trailing zeros).
std::string dropoutText(double p);

}  // namespace convscope::nn
