#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/nn/explain/attribution.h"

namespace convscope::nn {

/// One step of the cascading randomisation test (Adebayo et al., "Sanity checks for saliency maps").
struct SanityStep {
    /// "" for the trained model; else the layer randomised at this step: it and every layer above it
    /// (nearer the output) hold random weights now.
    std::string randomised;
    Attribution attribution;
    /// Spearman's rank correlation between this step's map and the trained model's (1 for the trained step;
    /// NaN when a map is constant). A method that explains what the network learned falls towards 0.
    double rankCorrelation = 1.0;
};

/// The layers that hold weights (convolutions and fully connected layers), from the output down, as the
/// randomisation visits them ("fc", "layer4.1.conv2", …).
std::vector<std::string> randomisableLayers(ClassifierImpl& model);

/// Explains `input` with the trained weights, then again after randomising each layer from the top in turn
/// (weights and biases drawn uniformly from ±1/√fan_in, PyTorch's default initialisation, from `seed`),
/// always for the trained model's target class. `maxSteps` > 0 stops after that many layers. The model's
/// weights are restored before returning, also when it throws.
std::vector<SanityStep> cascadingRandomisation(ClassifierImpl& model, const torch::Tensor& input,
                                               const AttributionOptions& options, const torch::Device& device,
                                               std::uint64_t seed, int maxSteps = 0,
                                               const common::JobControl& control = {});

}  // namespace convscope::nn
