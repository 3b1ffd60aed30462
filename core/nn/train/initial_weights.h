#pragma once

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

/// What starting a model from trained weights did.
struct InitReport {
    InitLineage source;     ///< what the file held, for TrainConfig::initSource
    std::string headName;   ///< the classifier head's module ("fc")
    bool headKept = false;  ///< the head's weights came from the file too
    std::string message;    ///< one or two sentences for the run's log
};

/// Starts `model` (built from `config`, seeded) from the weights in `path`: the one place a run's initial
/// weights are read, so a TorchScript source (.pt) is added here.
///
/// Today `path` must be a ConvScope checkpoint (saveCheckpoint) of the same architecture: the same model
/// name, input channels, stem, block and skip connections (otherwise a CheckpointError names both).
/// Parameters and buffers are copied by name and shape. The classifier head (classifierHeadName) is kept when
/// its shape fits the new class count and the class names agree (when both are known: `classNames` are the
/// new training set's, the checkpoint's come from its settings); otherwise it stays as `model` was
/// initialised, and the message says so. Any other parameter whose shape differs (LeNet-5 at another input
/// size) is a CheckpointError naming it and both shapes. A file that is not a ConvScope checkpoint is a
/// CheckpointError too.
InitReport loadInitialWeights(const std::string& path, ClassifierImpl& model, const ModelConfig& config,
                              const std::vector<std::string>& classNames);

/// The architecture `path` can start (its model settings, its class count included): a new run's model is
/// built from it, with the new class count. Throws CheckpointError as loadInitialWeights does.
ModelConfig initialModelOf(const std::string& path);

/// The classes a run trained on, from its settings alone: Fashion-MNIST's names (or, for a folder, the
/// names its settings list) after its class subset. Empty when they cannot be told.
std::vector<std::string> trainedClassNames(const TrainConfig& config);

}  // namespace convscope::nn
