#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// One vector per image: the activation at a tap point, averaged over the map's height and width (global
/// average pooling) when it has them. The input of an embedding (core/embedding: PCA, t-SNE).
struct EmbeddingActivations {
    std::string tap;            ///< the tap point the vectors come from
    int count = 0;              ///< images
    int dims = 0;               ///< channels (or features of a 1-D tap)
    std::vector<float> values;  ///< count × dims, row-major, in the data set's order
    std::vector<int> labels;    ///< each image's class
};

/// The tap an embedding uses when none is named: the last tap point before the output, i.e. the
/// penultimate layer (for the ResNets the last block, whose pooled map is exactly what the classifier
/// reads; for LeNet-5 fc2). A tap whose value is the logits themselves is never the default. `model` runs
/// once on `sample` (N x C x H x W, prepared) to see the taps' values. Throws std::invalid_argument for a
/// model without tap points.
std::string defaultEmbeddingTap(ClassifierImpl& model, const torch::Tensor& sample);

/// Runs `model` in evaluation mode without gradients over `data` in batches of `batchSize`, with the
/// evaluation's input (`transform`'s size and normalisation, no augmentation), keeping each image's
/// activation at `tap` (empty: defaultEmbeddingTap), pooled over H×W when 4-D, flattened otherwise. The
/// model's training mode is restored afterwards. Reports progress in images and throws common::Cancelled
/// between batches; std::invalid_argument for an empty data set or a tap the model does not have (the
/// message lists those it has).
EmbeddingActivations embeddingActivations(ClassifierImpl& model, const ImageDataset& data,
                                          const InputTransform& transform, const torch::Device& device,
                                          const std::string& tap = {}, int batchSize = 256,
                                          const common::JobControl& control = {});

}  // namespace convscope::nn
