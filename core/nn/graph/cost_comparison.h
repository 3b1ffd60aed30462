#pragma once

// The seeds' cost comparisons, computed live: each row is a small network built from the same LibTorch
// layers the zoo uses and measured by the tracer, so the numbers are the engine's, not a formula's.

#include <cstdint>
#include <string>
#include <vector>

namespace convscope::nn {

struct CostRow {
    std::string label;  ///< "Standard 3×3 convolution"
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    std::string parameterArithmetic;  ///< the layers' arithmetic joined with " + "
    std::string macArithmetic;
};

struct CostComparison {
    std::string title;    ///< "Standard vs depthwise separable convolution"
    std::string setting;  ///< "input 7×7×3, output 5×5×128, 3×3 kernels (the seed's example)"
    std::vector<CostRow> rows;
    std::string conclusion;  ///< "ratio 0.119 = 1/N + 1/K² = 1/128 + 1/9"
};

/// A k x k convolution from `inChannels` to `outChannels` on a `size` x `size` input without padding,
/// against a depthwise k x k convolution followed by a pointwise 1x1 one. Defaults: the seed's example.
CostComparison compareDepthwiseSeparable(int size = 7, int inChannels = 3, int outChannels = 128,
                                         int kernel = 3);

/// ResNet's BasicBlock at 64 channels against the Bottleneck at 256 (1x1 to 64, 3x3, 1x1 back to 256),
/// on a `size` x `size` input (56: ResNet's first stage).
CostComparison compareResidualBlocks(int size = 56);

/// A k x k convolution straight from `inChannels` to `outChannels` against a 1x1 reduction to `reduced`
/// channels first: Inception (3a)'s 5x5 branch by default (28x28x192 → 16 → 32).
CostComparison compareInceptionReduction(int size = 28, int inChannels = 192, int reduced = 16,
                                         int outChannels = 32, int kernel = 5);

struct ScalingRow {
    int phi = 0;
    double depth = 1, width = 1, resolution = 1;  ///< α^φ, β^φ, γ^φ
    double flops = 1;                             ///< (α·β²·γ²)^φ, about 2^φ
    int resolutionPixels = 224;                   ///< 224·γ^φ rounded
};

/// EfficientNet's compound scaling with the seed's α = 1.2, β = 1.1, γ = 1.15 for φ = 0 … maxPhi.
std::vector<ScalingRow> compoundScaling(int maxPhi = 7, double alpha = 1.2, double beta = 1.1,
                                        double gamma = 1.15);

}  // namespace convscope::nn
