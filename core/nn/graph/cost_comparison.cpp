#include "core/nn/graph/cost_comparison.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "core/nn/graph/graph_trace.h"
#include "core/nn/models/resnet.h"

namespace convscope::nn {

namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int groups = 1, int padding = 0, bool bias = false) {
    return torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).groups(groups).padding(padding).bias(bias));
}

/// Runs `body` on a 1 x channels x size x size zero input under a recorder and sums the convolutions.
template <class Body>
CostRow measure(const std::string& label, int channels, int size, Body body) {
    torch::NoGradGuard noGrad;
    const torch::Tensor x = torch::zeros({1, channels, size, size});
    trace::GraphRecorder recorder(x);
    body(x);
    const Architecture a = recorder.finish();
    CostRow row;
    row.label = label;
    for (const ArchNode& n : a.nodes) {
        if (n.type != "Conv2d") continue;  // batch norm is left out: the comparisons are about convolutions
        row.parameters += n.parameters;
        row.macs += n.macs;
        const auto pick = [](const std::string& s) { return s.substr(0, s.rfind(" = ")); };
        row.parameterArithmetic +=
            (row.parameterArithmetic.empty() ? "" : " + ") + pick(n.parameterArithmetic);
        row.macArithmetic += (row.macArithmetic.empty() ? "" : " + ") + pick(n.macArithmetic);
    }
    row.parameterArithmetic += " = " + groupDigits(row.parameters);
    row.macArithmetic += " = " + groupDigits(row.macs);
    return row;
}

std::string ratio(double r) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << r;
    return s.str();
}

void checkPositive(std::initializer_list<int> values) {
    for (int v : values)
        if (v < 1 || v > 4096) throw std::invalid_argument("sizes and channel counts must be from 1 to 4096");
}

}  // namespace

CostComparison compareDepthwiseSeparable(int size, int in, int out, int k) {
    checkPositive({size, in, out, k});
    if (k > size) throw std::invalid_argument("the kernel is larger than the input");
    CostComparison c;
    c.title = "Standard vs depthwise separable convolution";
    const int o = size - k + 1;
    c.setting = "input " + std::to_string(size) + "×" + std::to_string(size) + "×" + std::to_string(in) +
                ", output " + std::to_string(o) + "×" + std::to_string(o) + "×" + std::to_string(out) + ", " +
                std::to_string(k) + "×" + std::to_string(k) + " kernels, no bias";
    torch::nn::Conv2d standard = conv(in, out, k), depthwise = conv(in, in, k, in),
                      pointwise = conv(in, out, 1);
    c.rows.push_back(measure("Standard " + std::to_string(k) + "×" + std::to_string(k) + " convolution", in,
                             size, [&](const torch::Tensor& x) { trace::conv(standard, x, "conv"); }));
    c.rows.push_back(measure("Depthwise " + std::to_string(k) + "×" + std::to_string(k) + " + pointwise 1×1",
                             in, size, [&](const torch::Tensor& x) {
                                 trace::conv(pointwise, trace::conv(depthwise, x, "depthwise"), "pointwise");
                             }));
    const double r = double(c.rows[1].macs) / double(c.rows[0].macs);
    c.conclusion = "depthwise separable costs " + ratio(r) +
                   " of the standard convolution = 1/N + 1/K² = 1/" + std::to_string(out) + " + 1/" +
                   std::to_string(k * k);
    return c;
}

CostComparison compareResidualBlocks(int size) {
    checkPositive({size});
    CostComparison c;
    c.title = "BasicBlock vs Bottleneck";
    c.setting = "on " + std::to_string(size) + "×" + std::to_string(size) +
                " (ResNet's first stage); convolutions only, batch norm left out";
    ResidualBlock basic(BlockKind::Basic, 64, 64, 1, true),
        bottleneck(BlockKind::Bottleneck, 256, 64, 1, true);
    basic->eval();
    bottleneck->eval();
    c.rows.push_back(measure("BasicBlock, 64 channels: 3×3 → 3×3", 64, size,
                             [&](const torch::Tensor& x) { basic->forward(x); }));
    c.rows.push_back(measure("Bottleneck, 256 channels: 1×1 to 64 → 3×3 → 1×1 to 256", 256, size,
                             [&](const torch::Tensor& x) { bottleneck->forward(x); }));
    c.conclusion = "the Bottleneck carries 4× the channels for " +
                   ratio(double(c.rows[1].macs) / double(c.rows[0].macs)) +
                   "× the BasicBlock's multiply-accumulates";
    return c;
}

CostComparison compareInceptionReduction(int size, int in, int reduced, int out, int k) {
    checkPositive({size, in, reduced, out, k});
    CostComparison c;
    c.title = "Inception's 1×1 reductions";
    const std::string kk = std::to_string(k) + "×" + std::to_string(k);
    c.setting = "input " + std::to_string(size) + "×" + std::to_string(size) + "×" + std::to_string(in) +
                " → " + std::to_string(out) + " channels by " + kk + " (padded); Inception (3a)'s " + kk +
                " branch";
    torch::nn::Conv2d direct = conv(in, out, k, 1, k / 2), reduce = conv(in, reduced, 1),
                      after = conv(reduced, out, k, 1, k / 2);
    c.rows.push_back(measure(kk + " straight from " + std::to_string(in) + " channels", in, size,
                             [&](const torch::Tensor& x) { trace::conv(direct, x, "conv"); }));
    c.rows.push_back(measure(
        "1×1 to " + std::to_string(reduced) + ", then " + kk, in, size,
        [&](const torch::Tensor& x) { trace::conv(after, trace::conv(reduce, x, "reduce"), "conv"); }));
    c.conclusion = "the 1×1 reduction cuts the branch to " +
                   ratio(double(c.rows[1].macs) / double(c.rows[0].macs)) + " of its multiply-accumulates";
    return c;
}

std::vector<ScalingRow> compoundScaling(int maxPhi, double alpha, double beta, double gamma) {
    if (maxPhi < 0 || maxPhi > 20) throw std::invalid_argument("φ must be from 0 to 20");
    std::vector<ScalingRow> rows;
    for (int phi = 0; phi <= maxPhi; ++phi) {
        ScalingRow r;
        r.phi = phi;
        r.depth = std::pow(alpha, phi);
        r.width = std::pow(beta, phi);
        r.resolution = std::pow(gamma, phi);
        r.flops = std::pow(alpha * beta * beta * gamma * gamma, phi);
        r.resolutionPixels = static_cast<int>(std::lround(224 * r.resolution));
        rows.push_back(r);
    }
    return rows;
}

}  // namespace convscope::nn
