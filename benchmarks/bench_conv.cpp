// How the from-scratch convolutions of core/conv compare with LibTorch's conv2d.
//
// A ResNet-style layer: 1x64x56x56 input, 64 filters of 3x3x64, padding 1, stride 1, with bias (115.6 million
// multiply-adds). Timed: conv2dNaive (seven nested loops), conv2dIm2col (im2col + cache-blocked matrix
// multiply), ConvTrace's eager output (what the Convolution panel waits for), and torch::conv2d in float32
// and float64 with 1 and 2 intra-op threads. core/conv works in double precision throughout (so that a
// learner reads exact numbers), so float64 LibTorch is the like-for-like comparison; float32 is what a
// network would use.
//
// Usage: bench_conv [runs]   (default 7 timed runs after one warm-up; the median is reported)

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/conv/conv_trace.h"
#include "core/conv/reference_conv.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace convscope::conv;

struct Timing {
    double medianMs = 0;
    double minMs = 0;
};

Timing timeIt(int runs, const std::function<void()>& work) {
    work();  // warm-up: page faults, lazy initialisation, caches
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

double maxDifference(const Volume& got, const torch::Tensor& ref) {
    const torch::Tensor r = ref.to(torch::kFloat64).contiguous();
    const double* p = r.data_ptr<double>();
    double worst = 0;
    for (std::size_t i = 0; i < got.size(); ++i) worst = std::max(worst, std::fabs(got.values[i] - p[i]));
    return worst;
}

struct Row {
    std::string method;
    std::string precision;
    std::string threads;
    Timing t;
    double maxDiff;
};

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    constexpr int channels = 64, size = 56, filters = 64, k = 3;

    torch::manual_seed(1);
    const torch::Tensor x64 = torch::randn({1, channels, size, size}, torch::kFloat64);
    const torch::Tensor w64 = torch::randn({filters, channels, k, k}, torch::kFloat64) * 0.05;
    const torch::Tensor b64 = torch::randn({filters}, torch::kFloat64);
    const torch::Tensor x32 = x64.to(torch::kFloat32), w32 = w64.to(torch::kFloat32),
                        b32 = b64.to(torch::kFloat32);

    const Volume input(channels, size, size,
                       std::vector<double>(x64.data_ptr<double>(), x64.data_ptr<double>() + x64.numel()));
    FilterBank weights(filters, channels, k, k);
    std::copy(w64.data_ptr<double>(), w64.data_ptr<double>() + w64.numel(), weights.weights.begin());
    weights.bias.assign(b64.data_ptr<double>(), b64.data_ptr<double>() + filters);
    ConvSpec spec;
    spec.padding = Padding::uniform(1);

    at::set_num_threads(1);
    const torch::Tensor reference = torch::conv2d(x64, w64, b64, {1, 1}, {1, 1});
    std::vector<Row> rows;
    Volume out;
    // The naive loops take about half a second each; fewer runs keep the whole benchmark under a minute.
    const int slowRuns = std::max(1, std::min(runs, 5));
    Timing t = timeIt(slowRuns, [&] { out = conv2dNaive(input, weights, spec); });
    rows.push_back({"core/conv conv2dNaive", "float64", "1", t, maxDifference(out, reference)});
    t = timeIt(runs, [&] { out = conv2dIm2col(input, weights, spec); });
    rows.push_back({"core/conv conv2dIm2col", "float64", "1", t, maxDifference(out, reference)});
    t = timeIt(slowRuns, [&] { out = ConvTrace(input, weights, spec).output(); });
    rows.push_back({"core/conv ConvTrace (eager output)", "float64", "1", t, maxDifference(out, reference)});

    for (int threads : {1, 2}) {
        at::set_num_threads(threads);
        torch::NoGradGuard noGrad;
        torch::Tensor y;
        t = timeIt(runs * 3, [&] { y = torch::conv2d(x32, w32, b32, {1, 1}, {1, 1}); });
        rows.push_back({"LibTorch conv2d", "float32", std::to_string(threads), t,
                        (y.to(torch::kFloat64) - reference).abs().max().item<double>()});
        t = timeIt(runs * 3, [&] { y = torch::conv2d(x64, w64, b64, {1, 1}, {1, 1}); });
        rows.push_back({"LibTorch conv2d", "float64", std::to_string(threads), t,
                        (y - reference).abs().max().item<double>()});
    }

    double torch32 = 0, torch64 = 0;
    for (const Row& r : rows) {
        if (r.method != "LibTorch conv2d" || r.threads != "1") continue;
        (r.precision == "float32" ? torch32 : torch64) = r.t.medianMs;
    }
    const double macs = double(filters) * size * size * channels * k * k;
    std::printf(
        "Convolution 1x%dx%dx%d, %d filters %dx%d, padding 1 (%.1f M multiply-adds); median of %d runs "
        "(%d for the naive loops and the trace); LibTorch %s, %u hardware threads.\n\n",
        channels, size, size, filters, k, k, macs / 1e6, runs, slowRuns, TORCH_VERSION,
        std::thread::hardware_concurrency());
    std::printf(
        "| method | precision | threads | median ms | min ms | GMAC/s | × LibTorch fp64, 1 thread | "
        "× LibTorch fp32, 1 thread | max abs difference from LibTorch fp64 |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Row& r : rows) {
        std::printf("| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.1f | %.1e |\n", r.method.c_str(),
                    r.precision.c_str(), r.threads.c_str(), r.t.medianMs, r.t.minMs,
                    macs / (r.t.medianMs * 1e6), r.t.medianMs / torch64, r.t.medianMs / torch32, r.maxDiff);
    }
    std::printf(
        "\ncore/conv computes in double precision (exact for integer inputs); its fair comparison is the "
        "float64 LibTorch row.\n");
    return 0;
}
