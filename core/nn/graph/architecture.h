#pragma once

// A model's architecture as plain values, without LibTorch: what a traced forward pass on a dummy input
// recorded (see graph_trace.h). The CLI prints it, the GUI's bridge turns it into the diagram's values.

#include <cstdint>
#include <string>
#include <vector>

namespace convscope::nn {

/// How a scope groups its nodes. Stage: a run of blocks at one resolution ("layer2", "features.3").
/// Block: one repeated unit (a residual block, an Inception module, an MBConv). Branch: one of several
/// parallel paths that start from the same input and end in a concatenation or addition; consecutive Branch
/// siblings are drawn side by side. SidePath: a path off the main line that rejoins it by multiplication
/// (squeeze-and-excitation). Shortcut: the projection on a residual connection (1x1 convolution + batch
/// norm). SideExit: a path off the main line that ends in an output of its own and never rejoins (an
/// auxiliary classifier of GoogLeNet or Inception-v3).
enum class ScopeKind { Model, Stage, Block, Branch, SidePath, Shortcut, SideExit };

struct ArchScope {
    int id = 0;
    int parent = -1;    ///< -1 for the model's root scope (id 0)
    std::string name;   ///< dotted path as torchvision names it: "layer1.0", "inception3a.branch2"
    std::string title;  ///< for people: "BasicBlock", "Inception (3a)", "MBConv6 3x3, SE"
    ScopeKind kind = ScopeKind::Model;
};

/// One recorded operation. Its inputs are earlier nodes (node 0 is the model's input).
struct ArchNode {
    int id = 0;
    std::string name;    ///< dotted path: "layer1.0.conv1" (torchvision's module names where it has them)
    std::string type;    ///< "Input", "Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Add", "Concat", …
    std::string detail;  ///< "3x3, stride 2, pad 1, 64→128", "p = 0.5", "groups 32"
    int scope = 0;       ///< innermost scope
    std::vector<int> inputs;
    std::vector<std::int64_t> shape;  ///< output without the batch dimension: C x H x W, or features
    std::int64_t parameters = 0;
    std::string parameterArithmetic;  ///< "(3×3×64)×64 + 64 = 36,928"; empty when there are none
    std::int64_t macs = 0;            ///< multiply-accumulates for one image (convolutions and linear layers)
    std::string macArithmetic;        ///< "56×56×64 outputs × (3×3×64) = 115,605,504"
    std::int64_t activationBytes = 0;  ///< the output's size in float32 for one image
    /// Receptive field of one output position on the input, in input pixels (square kernels assumed), and
    /// the jump: the input distance between neighbouring outputs. It follows the convolution and pooling
    /// paths; a squeeze-and-excitation gate, computed from the whole image, scales channels and is left out.
    std::int64_t receptiveField = 1;
    std::int64_t jump = 1;
    bool global = false;  ///< after global pooling or flattening into a linear layer: sees the whole image
};

/// A tap point of the model (ClassifierImpl::tapNames): where the feature-map views can show activations.
struct ArchTap {
    std::string name;  ///< "layer1.0"
    int node = -1;     ///< the node whose output the tap reads
    std::vector<std::int64_t> shape;
};

struct Architecture {
    std::string model;  ///< "resnet50"
    std::string title;  ///< "ResNet-50"
    int inChannels = 0;
    int classes = 0;
    int inputSize = 0;
    std::vector<ArchScope> scopes;  ///< scopes[0] is the model
    std::vector<ArchNode> nodes;    ///< in execution order; nodes[0] is the input
    std::vector<ArchTap> taps;
    std::int64_t totalParameters = 0;  ///< the model's parameter count (for the zoo, the sum over nodes)
    /// Parameters of the model that no operation of the forward pass reads (an imported model's auxiliary
    /// heads, traced in eval mode): counted in totalParameters, in no node. Zero for every zoo model.
    std::int64_t unusedParameters = 0;
    std::int64_t totalMacs = 0;
    std::int64_t totalActivationBytes = 0;
    /// Inputs to traced operations that came from untraced ones (a model that bypassed the tracer). Zero for
    /// every zoo model; tests hold it there.
    int untracedInputs = 0;
};

/// "ReLU" → true etc.: operations drawn as a tag on the previous box rather than as their own box.
bool isElementwise(const ArchNode& node);
std::string toString(ScopeKind kind);
/// 36928 → "36,928".
std::string groupDigits(std::int64_t value);
/// {64, 56, 56} → "64×56×56".
std::string shapeText(const std::vector<std::int64_t>& shape);

}  // namespace convscope::nn
