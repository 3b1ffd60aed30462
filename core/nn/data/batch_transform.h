#pragma once

#include <torch/torch.h>

#include <cstdint>

#include "core/nn/data/input_transform.h"

namespace convscope::nn {

/// `images`: B x C x H x W uint8 (any device). Returns B x C x size x size float on `device`. The
/// augmentation's random choices come from `seed` alone (a crop offset and a flip per image), so a run is
/// reproducible whatever the threads. Bilinear resizing (align_corners false), as torchvision's Resize on
/// tensors.
torch::Tensor prepareBatch(const torch::Tensor& images, const InputTransform& transform, std::uint64_t seed,
                           const torch::Device& device);

/// The inverse of the normalisation, for showing an input as a picture: float B x C x S x S → 0 … 1.
torch::Tensor denormalize(const torch::Tensor& input, const InputTransform& transform);

}  // namespace convscope::nn
