#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

struct Evaluation {
    double loss = 0.0;
    double accuracy = 0.0;
    std::vector<double> perClassAccuracy;  ///< NaN for a class without samples
    std::vector<std::int64_t> confusion;   ///< classes x classes, row = true class
    std::vector<int> predictions;          ///< the first `keepPredictions` samples' predicted classes
};

/// Runs `model` in evaluation mode (batch norm's running statistics, no gradients) over `data`. Restores the
/// model's training mode afterwards. `isCancelled`, when given, is polled between batches (throws
/// std::runtime_error("cancelled") when it says so).
Evaluation evaluate(ClassifierImpl& model, const ImageDataset& data, const InputTransform& transform,
                    const torch::Device& device, int batchSize, int keepPredictions = 0,
                    const std::function<bool()>& isCancelled = {});

}  // namespace convscope::nn
