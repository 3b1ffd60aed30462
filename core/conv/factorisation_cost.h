#pragma once

// Factorised convolutions counted by plain arithmetic: Inception v2's 5×5 as two stacked 3×3 convolutions,
// Inception v3's n×n as a 1×n then an n×1 convolution, and ResNet's 3×3 convolution with and without the bias
// that batch norm makes redundant. Every convolution keeps its input's H×W ("same" padding, stride 1), so a
// layer's multiply-accumulates are H·W·C_out·(k_h·k_w·C_in), its weights k_h·k_w·C_in·C_out (+ C_out with a
// bias), counted as PyTorch's Conv2d holds them.

#include <cstdint>
#include <string>
#include <vector>

namespace convscope::conv {

/// One convolution of a factorisation.
struct FactorLayer {
    int kernelHeight = 1, kernelWidth = 1;
    int inChannels = 1, outChannels = 1;
    bool bias = false;
    std::int64_t parameters = 0;  ///< kh·kw·C_in·C_out (+ C_out)
    std::int64_t macs = 0;        ///< H·W·C_out·kh·kw·C_in
};

/// One alternative: its layers in order, their sums and the arithmetic written out.
struct FactorisationRow {
    std::string label;  ///< "Two stacked 3×3 convolutions"
    std::vector<FactorLayer> layers;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    std::string parameterArithmetic;              ///< "(3×3×64)×64 + (3×3×64)×64 = 73,728"
    std::string macArithmetic;                    ///< "56×56×64 outputs × (3×3×64) + … = …"
    int receptiveHeight = 1, receptiveWidth = 1;  ///< of the stack: 1 + Σ (k − 1), stride 1
};

/// A full convolution (rows[0]) against its factorisation (rows[1]).
struct Factorisation {
    std::string title;    ///< "One 5×5 vs two stacked 3×3 convolutions"
    std::string setting;  ///< "input 56×56×64 → 64 channels, stride 1, same padding, no bias"
    std::vector<FactorisationRow> rows;
    double parameterRatio = 0;  ///< rows[1] / rows[0]
    double macRatio = 0;
    std::string conclusion;  ///< "… 0.720 of the weights (18/25) for the same 5×5 receptive field"
};

/// One convolution on a height×width input with "same" padding and stride 1. Throws std::invalid_argument
/// for sizes outside 1 … 4096.
FactorLayer factorLayer(int kernelHeight, int kernelWidth, int inChannels, int outChannels, int height,
                        int width, bool bias = false);

/// A 5×5 convolution from `inChannels` to `outChannels` against two stacked 3×3 (the first to
/// `outChannels`): 25·C_in·C_out weights against 9·C_in·C_out + 9·C_out², so 25·C² against 18·C² when
/// C_in = C_out.
Factorisation compareStackedThrees(int inChannels, int outChannels, int height, int width);

/// An n×n convolution against a 1×n followed by an n×1 (n odd, 3 to 15, so that "same" padding is
/// symmetric): n²·C² against 2n·C² weights when C_in = C_out.
Factorisation compareAsymmetric(int n, int inChannels, int outChannels, int height, int width);

/// ResNet's 3×3 convolution at `channels` → `channels` with and without a bias, and the BasicBlock's two
/// convolutions with their batch norms (γ and β) both ways. The seeds count the bias (36,928 and 74,112 at
/// 64 channels); torchvision, which ConvScope follows, has none (36,864 and 73,984).
struct BiasCounts {
    int channels = 64;
    std::int64_t convWithBias = 0, convWithoutBias = 0;
    std::int64_t batchNorm = 0;  ///< 2·C: γ and β (the running statistics are not parameters)
    std::int64_t blockWithBias = 0, blockWithoutBias = 0;
    std::string convWithBiasArithmetic, convWithoutBiasArithmetic;    ///< "(3×3×64)×64 + 64 = 36,928"
    std::string blockWithBiasArithmetic, blockWithoutBiasArithmetic;  ///< "2 × (36,928 + 128) = 74,112"
};
BiasCounts resnetBiasCounts(int channels = 64);

/// Why batch norm makes the bias redundant, in one sentence (the same wherever it is shown).
std::string biasBeforeBatchNormReason();

/// 1234567 → "1,234,567".
std::string groupedDigits(std::int64_t value);

}  // namespace convscope::conv
