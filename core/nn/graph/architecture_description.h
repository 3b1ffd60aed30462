#pragma once

#include <functional>

#include "core/nn/graph/architecture.h"
#include "core/nn/models/model_config.h"

namespace convscope::nn {

/// Builds the model, runs one zero image of config.inChannels x inputSize x inputSize through it on the CPU
/// (evaluation mode, no gradients) with a trace::GraphRecorder active, and returns what was recorded. Throws
/// std::invalid_argument for a bad configuration or an input too small for the model (the message names
/// the layer), and DescribeCancelled when `cancelled` returns true (asked at every recorded operation).
Architecture describeArchitecture(const ModelConfig& config, std::function<bool()> cancelled = {});

struct DescribeCancelled : std::exception {
    const char* what() const noexcept override { return "description cancelled"; }
};

}  // namespace convscope::nn
