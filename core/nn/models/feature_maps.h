#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/nn/data/batch_transform.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// One tap's activation for one image, moved to the CPU once (never per channel).
struct TapActivation {
    std::string name;     ///< "conv1", "layer1.0", …, "fc"
    torch::Tensor value;  ///< C x H x W float on the CPU (fc: classes x 1 x 1)
};

/// The activations at every tap point for one input image, and what the model made of it.
struct FeatureSnapshot {
    std::vector<TapActivation> taps;
    torch::Tensor input;  ///< 1 x S x S float in 0 … 1 (the normalised input, denormalised for display)
    std::vector<float> scores;  ///< softmax probabilities, one per class
    int prediction = -1;
};

/// Runs `model` in evaluation mode on one image (1 x H x W uint8, or already prepared 1 x S x S float when
/// `prepared`), collecting every tap. Inference mode is entered in the calling thread (it is thread-local).
/// The model's training mode is restored afterwards.
FeatureSnapshot captureFeatures(ClassifierImpl& model, const torch::Tensor& image,
                                const InputTransform& transform, const torch::Device& device,
                                bool prepared = false);

}  // namespace convscope::nn
