#pragma once

#include "core/nn/models/classifier.h"
#include "core/nn/models/model_config.h"
#include "core/nn/models/resnet.h"

namespace convscope::nn {

/// Builds the model (weights initialised as PyTorch does, from the global torch seed). Throws
/// std::invalid_argument for an unknown name (the message lists the known ones), bad channel or class counts,
/// an input too small for the model (the message names the layer where the size falls to zero), or a
/// batch-norm or dropout switch the model does not take (validateModelSwitches, model_switches.h).
Classifier makeModel(const ModelConfig& config);

/// The zoo's models other than the trainable ones and the ResNets (AlexNet, VGG, GoogLeNet, DenseNet,
/// MobileNets, ShuffleNet, EfficientNets, pre-activation ResNet, U-Net); nullptr for other names. Expects
/// makeModel's validation to have run.
Classifier makeZooModel(const ModelConfig& config);

}  // namespace convscope::nn
