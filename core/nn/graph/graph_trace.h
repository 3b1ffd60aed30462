#pragma once

// Models run their forward pass through these wrappers instead of calling modules directly. When no
// GraphRecorder is active on the thread (training, feature maps) each wrapper is the plain LibTorch call plus
// one thread-local pointer test. When one is active (describeArchitecture) each call records a node: its
// name (scope path + leaf name), output shape, parameters with their arithmetic, multiply-accumulates,
// activation size and receptive field, and which earlier nodes produced its inputs. LibTorch's C++ frontend
// has no forward hooks, which is why the models cooperate.

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/nn/graph/architecture.h"

namespace convscope::nn::trace {

class GraphRecorder;

/// Opens a named scope for the calls made while it lives: ScopeGuard s("layer1", ScopeKind::Stage, "Stage
/// 1"). Names nest with dots ("layer1" + "0" + "conv1" → "layer1.0.conv1"). An empty name groups without
/// adding to the path (VGG's "features.0 … features.4" grouped as one stage). A no-op when not tracing.
class ScopeGuard {
public:
    ScopeGuard(const std::string& name, ScopeKind kind, const std::string& title);
    ~ScopeGuard();
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;

private:
    GraphRecorder* m_recorder;
};

/// The dotted name a layer called `leaf` has here (scope path + leaf), recording or not.
std::string qualifiedName(const char* leaf);

/// Records while it lives on this thread (one at a time per thread). Construct, run the forward pass of a
/// model in eval mode under NoGradGuard with a 1 x C x H x W input, then take the result.
class GraphRecorder {
public:
    explicit GraphRecorder(const torch::Tensor& input);
    ~GraphRecorder();
    GraphRecorder(const GraphRecorder&) = delete;
    GraphRecorder& operator=(const GraphRecorder&) = delete;

    /// The recorded graph (nodes, scopes, totals). Call once, after the forward pass.
    Architecture finish();

    /// Asked at every recorded operation; when it returns true the operation throws DescribeCancelled
    /// (architecture_description.h).
    void setCancelCheck(std::function<bool()> cancelled);

    // Used by the wrappers below.
    static GraphRecorder* current();
    /// Records `node` (name, type, detail, parameters, MACs and receptive field filled in by the caller) as
    /// produced from `inputs`; returns the output, as a new view when an op handed back one of its inputs, so
    /// that every tensor the graph knows stays one node.
    torch::Tensor record(const std::vector<const torch::Tensor*>& inputs, torch::Tensor output,
                         ArchNode node);
    void openScope(const std::string& name, ScopeKind kind, const std::string& title);
    void closeScope();
    std::string qualified(const char* leaf) const;  ///< scope path + leaf (record numbers repeats: " (2)")
    const ArchNode& nodeOf(const torch::Tensor& t) const;
    /// Notes a tap point: `t` may be a detached copy of a recorded output (same data, new TensorImpl).
    void tap(const std::string& name,
             const torch::Tensor& t);  ///< the node that produced t (the input when unknown)

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// --- Layers with parameters. `name` is the leaf name torchvision uses ("conv1", "0", "fc").
torch::Tensor conv(torch::nn::Conv2d& m, const torch::Tensor& x, const char* name);
torch::Tensor convTranspose(torch::nn::ConvTranspose2d& m, const torch::Tensor& x, const char* name);
torch::Tensor batchNorm(torch::nn::BatchNorm2d& m, const torch::Tensor& x, const char* name);
torch::Tensor linear(torch::nn::Linear& m, const torch::Tensor& x, const char* name);

// --- Activations (not in place: the tracer identifies tensors by their TensorImpl).
torch::Tensor relu(const torch::Tensor& x, const char* name = "relu");
torch::Tensor relu6(const torch::Tensor& x, const char* name = "relu6");
torch::Tensor silu(const torch::Tensor& x, const char* name = "silu");
torch::Tensor sigmoid(const torch::Tensor& x, const char* name = "sigmoid");
torch::Tensor tanh(const torch::Tensor& x, const char* name = "tanh");

// --- Pooling, shape and regularisation. Sizes are checked first: a window larger than the (padded) input
// throws std::invalid_argument naming the layer ("at features.12 (MaxPool2d 3x3, stride 2) the 1x1 input is
// smaller than the window: the input image is too small for this model").
torch::Tensor maxPool(const torch::Tensor& x, int kernel, int stride, int padding, bool ceilMode,
                      const char* name);
torch::Tensor avgPool(const torch::Tensor& x, int kernel, int stride, int padding, bool ceilMode,
                      const char* name);
torch::Tensor adaptiveAvgPool(const torch::Tensor& x, int outputSize, const char* name = "avgpool");
torch::Tensor dropout(const torch::Tensor& x, double p, bool training, const char* name = "dropout");
torch::Tensor flatten(const torch::Tensor& x, const char* name = "flatten");
/// torch.nn.LocalResponseNorm's across-channel normalisation (AlexNet's "norm" layers): each value divided
/// by (k + alpha/size · sum of squares over `size` neighbouring channels)^beta. No parameters.
torch::Tensor localResponseNorm(const torch::Tensor& x, int size, double alpha, double beta, double k,
                                const char* name);

// --- Merges and rearrangements.
torch::Tensor add(const torch::Tensor& a, const torch::Tensor& b, const char* name = "add");
torch::Tensor concat(const std::vector<torch::Tensor>& xs, const char* name = "cat");
/// x scaled channel-wise by gate (N x C x 1 x 1): squeeze-and-excitation's rejoin.
torch::Tensor multiply(const torch::Tensor& x, const torch::Tensor& gate, const char* name = "scale");
torch::Tensor channelShuffle(const torch::Tensor& x, int groups, const char* name = "shuffle");
/// Splits the channels into `chunks` equal parts (ShuffleNet v2's channel split).
std::vector<torch::Tensor> chunk(const torch::Tensor& x, int chunks, const char* name = "split");

}  // namespace convscope::nn::trace
