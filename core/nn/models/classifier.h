#pragma once

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace convscope::nn {

/// Receives a named activation at a tap point during forward, on the model's device. Models have no forward
/// hooks in LibTorch's C++ frontend, so they call the sink themselves; an empty sink costs nothing. The
/// activation is the tensor itself, not a detached copy: when gradients are on it is part of the autograd
/// graph, which is how attribution methods (core/nn/explain) take gradients at a tap. A sink that keeps it
/// after the forward pass detaches it; models never modify a tapped tensor in place.
using TapSink = std::function<void(const std::string& name, const torch::Tensor& activation)>;

/// Every model the application trains: images in, class scores (logits) out, with named tap points.
class ClassifierImpl : public torch::nn::Module {
public:
    /// x: N x C x H x W float. Returns N x classes logits. Calls `tap` at every tap point, in order.
    virtual torch::Tensor forward(torch::Tensor x, const TapSink& tap) = 0;
    torch::Tensor forward(torch::Tensor x) { return forward(std::move(x), TapSink{}); }
    /// The tap points' names in the order forward reaches them ("conv1", "layer1.0", …, "fc").
    virtual std::vector<std::string> tapNames() const = 0;
    /// The first convolution's weights (out x in x kH x kW), whose learned filters can be shown as images.
    virtual torch::Tensor firstConvWeights() const = 0;
};

using Classifier = std::shared_ptr<ClassifierImpl>;

/// Total number of parameters (trainable or not: batch norm's weights and biases count, its running
/// statistics are buffers and do not, as in PyTorch's sum(p.numel() for p in model.parameters())).
std::int64_t parameterCount(const torch::nn::Module& module);

}  // namespace convscope::nn
