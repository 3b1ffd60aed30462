#pragma once

#include <torch/torch.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

class CheckpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What a checkpoint holds besides the weights: enough to resume the run to the same result.
struct CheckpointState {
    TrainConfig config;
    int epochsDone = 0;
    std::int64_t step = 0;
    std::vector<EpochMetrics> history;
};

/// Writes model, optimizer (when given) and state to `path` atomically: a temporary file in the same folder,
/// renamed over `path` once complete, so an interrupted save never leaves a half-written checkpoint.
/// Throws CheckpointError naming the file on failure.
void saveCheckpoint(const std::string& path, ClassifierImpl& model, torch::optim::Optimizer* optimizer,
                    const CheckpointState& state);

/// Reads the state alone (to build the right model first). Throws CheckpointError for a missing, corrupt or
/// foreign file.
CheckpointState readCheckpointState(const std::string& path);

/// Loads weights (and optimizer state, when given) into a model built from the checkpoint's configuration.
/// Throws CheckpointError when the file's model differs from `expected` (another architecture, channel or
/// class count), saying which.
void loadCheckpoint(const std::string& path, ClassifierImpl& model, torch::optim::Optimizer* optimizer,
                    const ModelConfig& expected);

}  // namespace convscope::nn
