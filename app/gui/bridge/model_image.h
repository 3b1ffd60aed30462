#pragma once

#include <torch/torch.h>

#include <QImage>
#include <QString>

#include <opencv2/core/mat.hpp>

#include "core/nn/data/input_transform.h"

namespace convscope::gui::bridge {

/// A photograph as the input of a model, as `convscope-cli features --image` and `explain --image` make it:
/// for ConvScope's checkpoints a Fashion-MNIST-like 28×28 grey picture (the model's transform then resizes
/// it); for an imported model its own size, in colour (RGB, central square) when it takes 3 channels.
/// Returns C × S × S uint8; `description` receives the steps ("868×600 colour → … → 28×28").
torch::Tensor photographInput(const cv::Mat& image, const nn::InputTransform& transform, bool imported,
                              QString& description);

/// A data set's image (C × H × W uint8, as ImageDataset holds it) as a picture: grey for one channel, RGB for
/// three or more (the first three). Empty for an empty tensor.
QImage datasetPicture(const torch::Tensor& image);

}  // namespace convscope::gui::bridge
