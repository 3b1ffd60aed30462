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
/// weights are read. `path` is told apart by its content (isTorchScriptModel), not its extension.
///
/// A TorchScript model (torch.jit.save) starts an imported model (config.name "torchscript", config.file
/// usually `path` itself: makeModel loaded its weights already, a new class count gave it a new head): its
/// parameters and buffers are copied by name and shape, and the head (ScriptedClassifierImpl::headName) is
/// kept when its class count fits and the class names agree (`sourceClassNames`, the file's classes as the
/// learner named them: a file does not record them; empty when unknown), otherwise it is initialised afresh
/// from the seed. The lineage is model "torchscript", the file's class count, `sourceClassNames`, 0 epochs.
/// Any other model config is a CheckpointError; a file the import rejects an ImportError.
///
/// Otherwise `path` must be a ConvScope checkpoint (saveCheckpoint) of the same architecture: the same model
/// name, input channels, stem, block and skip connections (otherwise a CheckpointError names both).
/// Parameters and buffers are copied by name and shape. The classifier head (classifierHeadName) is kept when
/// its shape fits the new class count and the class names agree (when both are known: `classNames` are the
/// new training set's, the checkpoint's come from its settings); otherwise it stays as `model` was
/// initialised, and the message says so. Any other parameter whose shape differs (LeNet-5 at another input
/// size) is a CheckpointError naming it and both shapes. A file that is not a ConvScope checkpoint is a
/// CheckpointError too.
InitReport loadInitialWeights(const std::string& path, ClassifierImpl& model, const ModelConfig& config,
                              const std::vector<std::string>& classNames,
                              const std::vector<std::string>& sourceClassNames = {});

/// The architecture the checkpoint `path` can start (its model settings, its class count included): a new
/// run's model is built from it, with the new class count. Throws CheckpointError as loadInitialWeights
/// does, and for a TorchScript model, whose input shape only the learner knows (importedConfig builds its
/// run's settings).
ModelConfig initialModelOf(const std::string& path);

/// The classes a run trained on, from its settings alone: Fashion-MNIST's names (or, for a folder, the
/// names its settings list) after its class subset. Empty when they cannot be told.
std::vector<std::string> trainedClassNames(const TrainConfig& config);

}  // namespace convscope::nn
