#pragma once

// Label smoothing (Szegedy et al. 2016, Inception v3): the training loss is the cross-entropy against
// (1 − ε)·one-hot + ε/K instead of the one-hot target, so that the model is not pushed towards infinitely
// confident logits. PyTorch's definition (torch.nn.functional.cross_entropy(..., label_smoothing=ε)), which
// LibTorch 1.13 implements: the true class gets 1 − ε + ε/K, every other class ε/K.

#include <torch/types.h>

#include "core/nn/train/label_smoothing_targets.h"

namespace convscope::nn {

/// The mean cross-entropy of `logits` (N × K) against the smoothed targets of `targets` (N class indices).
/// ε = 0 is the plain cross-entropy. Throws std::invalid_argument unless 0 ≤ ε < 1.
torch::Tensor smoothedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& targets, double epsilon);

}  // namespace convscope::nn
