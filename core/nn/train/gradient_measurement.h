#pragma once

#include <torch/torch.h>

#include <cstdint>

#include "core/nn/data/image_dataset.h"
#include "core/nn/data/input_transform.h"
#include "core/nn/models/classifier.h"
#include "core/nn/train/instrument_readings.h"

namespace convscope::nn {

struct GradientMeasurement {
    double loss = 0.0;  ///< mean cross-entropy over the images
    std::int64_t images = 0;
    NamedValues gradNorms;  ///< L2 norm of d(loss)/d(parameter), named as model.named_parameters()
};

/// The gradient of the mean cross-entropy over every image of `data` (prepared as for evaluation: no
/// augmentation) with respect to each parameter of `model`. `trainingMode` runs the forward pass in
/// training mode (batch norm normalises with each batch's statistics and updates its running ones, dropout
/// drops, from seed 0); otherwise in evaluation mode, where the result does not depend on `batchSize`. The
/// images go through in batches of `batchSize`, the gradients accumulated (scaled by 1/N), so any N fits in
/// memory. The model's gradients are overwritten and its mode restored. Throws std::invalid_argument for an
/// empty set.
GradientMeasurement measureGradients(ClassifierImpl& model, const ImageDataset& data,
                                     const InputTransform& transform, const torch::Device& device,
                                     bool trainingMode, int batchSize = 256);

}  // namespace convscope::nn
