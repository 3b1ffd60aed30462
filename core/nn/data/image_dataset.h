#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/nn/data/dataset_location.h"

namespace convscope::nn {

/// A labelled image set held whole in memory as two tensors; batches are taken with index_select.
struct ImageDataset {
    torch::Tensor images;  ///< N x C x H x W, uint8 (C = 1 for Fashion-MNIST; 1 or 3 for an image folder)
    torch::Tensor labels;  ///< N, int64, 0 … classes − 1
    std::vector<std::string> classNames;

    std::int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
    int classes() const { return static_cast<int>(classNames.size()); }
    /// The first `count` samples (all when count is 0 or larger than the set): a subset for quick runs.
    ImageDataset head(std::int64_t count) const;
};

/// Loads the training (60,000) or test (10,000) split from `directory`: train-images-idx3-ubyte and
/// train-labels-idx1-ubyte (or t10k-…), gzipped (.gz) or not, read strictly (IdxError for corrupt, truncated
/// or mismatched files). The images must be N x H x W, the labels N values below 10, the counts equal. A
/// missing dataset's message says how to install it.
ImageDataset loadFashionMnist(const std::string& directory, bool train);

}  // namespace convscope::nn
