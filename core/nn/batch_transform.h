#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace convscope::nn {

/// How stored 28x28 bytes become a network's input: scaled to 0 … 1, optionally augmented, resized, and
/// normalised with the training set's mean and standard deviation.
struct InputTransform {
    int size = 28;         ///< 28, 56, 112 or 224 (the seed trains at 224)
    bool augment = false;  ///< random crop (zero padding of size/7, 4 px at 28) and random horizontal flip
    double mean = 0.2860;  ///< Fashion-MNIST's training pixels, computed over all 60,000 images
    double stdev = 0.3530;
};

/// `images`: B x 1 x H x W uint8 (any device). Returns B x 1 x size x size float on `device`. The
/// augmentation's random choices come from `seed` alone (a crop offset and a flip per image), so a run is
/// reproducible whatever the threads. Bilinear resizing (align_corners false), as torchvision's Resize on
/// tensors.
torch::Tensor prepareBatch(const torch::Tensor& images, const InputTransform& transform, std::uint64_t seed,
                           const torch::Device& device);

/// The inverse of the normalisation, for showing an input as a picture: float B x 1 x S x S → 0 … 1.
torch::Tensor denormalize(const torch::Tensor& input, const InputTransform& transform);

}  // namespace convscope::nn
