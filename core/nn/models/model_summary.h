#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

struct ModuleSummary {
    std::string name;  ///< the model's direct submodule: "conv1", "bn1", "layer1_0", "fc"
    std::string type;  ///< "Conv2d(1, 64, kernel_size=[3, 3], …)" as LibTorch prints it
    std::int64_t parameters = 0;
};

struct TapSummary {
    std::string name;                 ///< "conv1", "layer1.0", …
    std::vector<std::int64_t> shape;  ///< C x H x W (batch dimension dropped), or classes for fc
};

struct ModelSummary {
    std::vector<ModuleSummary> modules;
    std::vector<TapSummary> taps;
    std::int64_t totalParameters = 0;
    std::int64_t trainableParameters = 0;
};

/// The model's submodules with their parameter counts, and the output shape at every tap point from a
/// forward pass of one zero image of `inChannels` x `size` x `size` (evaluation mode, no gradients).
ModelSummary summarizeModel(ClassifierImpl& model, int inChannels, int size);

}  // namespace convscope::nn
