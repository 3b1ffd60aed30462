#include "core/conv/factorisation_cost.h"

#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace convscope::conv {

namespace {

std::string factorTimes(int a, int b) {
    return std::to_string(a) + "×" + std::to_string(b);
}

std::string factorFixed3(double value) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << value;
    return s.str();
}

void checkFactorRange(int value, const char* what) {
    if (value < 1 || value > 4096)
        throw std::invalid_argument(std::string(what) + " must be from 1 to 4096 (got " +
                                    std::to_string(value) + ")");
}

/// Sums the layers and writes their arithmetic the way the traced comparisons do: one term per layer.
FactorisationRow factorRow(const std::string& label, std::vector<FactorLayer> layers, int height, int width) {
    FactorisationRow r;
    r.label = label;
    r.layers = std::move(layers);
    for (const FactorLayer& l : r.layers) {
        const std::string fan =
            "(" + factorTimes(l.kernelHeight, l.kernelWidth) + "×" + std::to_string(l.inChannels) + ")";
        r.parameters += l.parameters;
        r.macs += l.macs;
        r.parameterArithmetic += (r.parameterArithmetic.empty() ? "" : " + ") + fan + "×" +
                                 std::to_string(l.outChannels) +
                                 (l.bias ? " + " + std::to_string(l.outChannels) : std::string());
        r.macArithmetic += (r.macArithmetic.empty() ? "" : " + ") + factorTimes(height, width) + "×" +
                           std::to_string(l.outChannels) + " outputs × " + fan;
        // Stride 1: each layer widens the field by k − 1.
        r.receptiveHeight += l.kernelHeight - 1;
        r.receptiveWidth += l.kernelWidth - 1;
    }
    r.parameterArithmetic += " = " + groupedDigits(r.parameters);
    r.macArithmetic += " = " + groupedDigits(r.macs);
    return r;
}

std::string factorSetting(int in, int out, int height, int width) {
    return "input " + factorTimes(height, width) + "×" + std::to_string(in) + " → " + std::to_string(out) +
           " channels, stride 1, same padding (output " + factorTimes(height, width) +
           "), no bias (batch norm follows)";
}

void finishFactorisation(Factorisation& f) {
    f.parameterRatio = double(f.rows[1].parameters) / double(f.rows[0].parameters);
    f.macRatio = double(f.rows[1].macs) / double(f.rows[0].macs);
}

}  // namespace

std::string groupedDigits(std::int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(std::size_t(i), ",");
    return (value < 0 ? "-" : "") + digits;
}

FactorLayer factorLayer(int kh, int kw, int in, int out, int height, int width, bool bias) {
    checkFactorRange(kh, "the kernel height");
    checkFactorRange(kw, "the kernel width");
    checkFactorRange(in, "the input channel count");
    checkFactorRange(out, "the output channel count");
    checkFactorRange(height, "the height");
    checkFactorRange(width, "the width");
    FactorLayer l;
    l.kernelHeight = kh;
    l.kernelWidth = kw;
    l.inChannels = in;
    l.outChannels = out;
    l.bias = bias;
    const std::int64_t weights = std::int64_t(kh) * kw * in * out;
    l.parameters = weights + (bias ? out : 0);
    // Every output position of every output channel takes kh·kw·C_in products (padding zeros included, as
    // PyTorch's profilers count them).
    l.macs = std::int64_t(height) * width * weights;
    return l;
}

Factorisation compareStackedThrees(int in, int out, int height, int width) {
    Factorisation f;
    f.title = "One 5×5 vs two stacked 3×3 convolutions (Inception v2)";
    f.setting = factorSetting(in, out, height, width);
    f.rows.push_back(
        factorRow("One 5×5 convolution", {factorLayer(5, 5, in, out, height, width)}, height, width));
    f.rows.push_back(
        factorRow("Two stacked 3×3 convolutions",
                  {factorLayer(3, 3, in, out, height, width), factorLayer(3, 3, out, out, height, width)},
                  height, width));
    finishFactorisation(f);
    f.conclusion =
        "the same 5×5 receptive field for " + factorFixed3(f.parameterRatio) + " of the weights and " +
        factorFixed3(f.macRatio) + " of the multiply-accumulates" +
        (in == out ? " (18·C²/25·C² = 0.720), with a nonlinearity between the two" : std::string());
    return f;
}

Factorisation compareAsymmetric(int n, int in, int out, int height, int width) {
    if (n < 3 || n > 15 || n % 2 == 0)
        throw std::invalid_argument("n must be odd, from 3 to 15 (got " + std::to_string(n) + ")");
    Factorisation f;
    const std::string nn = factorTimes(n, n), row1 = factorTimes(1, n), col1 = factorTimes(n, 1);
    f.title = "One " + nn + " vs " + row1 + " then " + col1 + " (Inception v3)";
    f.setting = factorSetting(in, out, height, width);
    f.rows.push_back(
        factorRow("One " + nn + " convolution", {factorLayer(n, n, in, out, height, width)}, height, width));
    f.rows.push_back(
        factorRow(row1 + " then " + col1,
                  {factorLayer(1, n, in, out, height, width), factorLayer(n, 1, out, out, height, width)},
                  height, width));
    finishFactorisation(f);
    f.conclusion = "the same " + nn + " receptive field for " + factorFixed3(f.parameterRatio) +
                   " of the weights and " + factorFixed3(f.macRatio) + " of the multiply-accumulates" +
                   (in == out ? " (2n·C²/n²·C² = 2/" + std::to_string(n) + ")" : std::string());
    return f;
}

BiasCounts resnetBiasCounts(int channels) {
    checkFactorRange(channels, "the channel count");
    BiasCounts b;
    b.channels = channels;
    const std::int64_t c = channels;
    b.convWithoutBias = 9 * c * c;
    b.convWithBias = b.convWithoutBias + c;
    b.batchNorm = 2 * c;
    b.blockWithBias = 2 * (b.convWithBias + b.batchNorm);
    b.blockWithoutBias = 2 * (b.convWithoutBias + b.batchNorm);
    const std::string conv = "(3×3×" + std::to_string(channels) + ")×" + std::to_string(channels);
    b.convWithBiasArithmetic =
        conv + " + " + std::to_string(channels) + " = " + groupedDigits(b.convWithBias);
    b.convWithoutBiasArithmetic = conv + " = " + groupedDigits(b.convWithoutBias);
    const auto block = [&](std::int64_t convCount, std::int64_t total) {
        return "2 × (" + groupedDigits(convCount) + " + " + groupedDigits(b.batchNorm) +
               ") = " + groupedDigits(total);
    };
    b.blockWithBiasArithmetic = block(b.convWithBias, b.blockWithBias);
    b.blockWithoutBiasArithmetic = block(b.convWithoutBias, b.blockWithoutBias);
    return b;
}

std::string biasBeforeBatchNormReason() {
    return "batch norm subtracts each channel's mean over the batch, which removes any constant the "
           "convolution adds, and then adds its own β: a bias there would be a parameter that does nothing";
}

}  // namespace convscope::conv
