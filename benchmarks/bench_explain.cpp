// What attribution costs against the passes it is made of (CPU, ResNet-18 with the small stem, one 28×28
// image, random weights: the cost does not depend on what the weights learned):
//   - the Grad-CAM layer strip (every tap from one forward and one backward pass) against one forward and
//     backward pass to the input (saliency), the goal being ≤ 1.5×;
//   - occlusion 28×28, window 4, stride 1 (625 occluded copies, batches of 64 and 625) against the same 625
//     images in one batched forward pass, the goal being ≤ 1.2×;
//   - integrated gradients (50 steps) and SmoothGrad (25 samples) for scale.
// Prints a markdown table for docs/benchmarks.md; medians of 5 runs (3 for the 625-image ones) after a
// warm-up.
//
//   build/benchmarks/bench_explain [THREADS] [DEVICE]     (DEVICE: cpu or cuda)
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/explain/attribution.h"
#include "core/nn/models/model_factory.h"

using namespace convscope::nn;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(const std::function<void()>& work, const torch::Device& device, int runs = 5) {
    work();  // warm-up: allocations, thread pool, kernels
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        if (device.is_cuda()) torch::cuda::synchronize();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int threads = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2;
    const std::string deviceName = argc > 2 ? argv[2] : "cpu";
    torch::set_num_threads(threads);
    if (deviceName == "cuda" && !torch::cuda::is_available()) {
        std::fprintf(stderr, "CUDA is not available here\n");
        return 1;
    }
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);
    torch::manual_seed(0);
    Classifier model = makeModel(ModelConfig{});
    model->to(device);
    model->eval();
    const torch::Tensor input = torch::randn({1, 28, 28}).to(device);

    AttributionOptions saliency;
    saliency.method = AttributionMethod::Saliency;
    const double pass = medianMs([&] { explain(*model, input, saliency, device); }, device);
    const double strip = medianMs([&] { gradCamStrip(*model, input, -1, device); }, device);

    AttributionOptions occlusion;
    occlusion.method = AttributionMethod::Occlusion;
    occlusion.batchSize = 64;
    const double occlusion64 = medianMs([&] { explain(*model, input, occlusion, device); }, device, 3);
    occlusion.batchSize = 625;
    const double occlusion625 = medianMs([&] { explain(*model, input, occlusion, device); }, device, 3);
    const torch::Tensor batch = input.unsqueeze(0).repeat({625, 1, 1, 1});
    const double forward625 = medianMs(
        [&] {
            torch::NoGradGuard noGrad;
            model->forward(batch);
        },
        device, 3);

    AttributionOptions ig;
    ig.method = AttributionMethod::IntegratedGradients;
    const double igMs = medianMs([&] { explain(*model, input, ig, device); }, device, 3);
    AttributionOptions smooth;
    smooth.method = AttributionMethod::SmoothGrad;
    const double smoothMs = medianMs([&] { explain(*model, input, smooth, device); }, device, 3);

    std::printf("ResNet-18 (small stem), 1×28×28, %s, %d threads; medians of 5 runs (3 for 625 images)\n\n",
                deviceName.c_str(), threads);
    std::printf("| work | time | against | ratio |\n|---|---:|---|---:|\n");
    std::printf("| one forward + backward to the input (saliency) | %.1f ms | | |\n", pass);
    std::printf("| Grad-CAM layer strip, 9 taps | %.1f ms | forward + backward | %.2f× |\n", strip,
                strip / pass);
    std::printf("| 625 images, one batched forward pass | %.1f ms | | |\n", forward625);
    std::printf(
        "| occlusion 4×4, stride 1 (625 copies), batches of 64 | %.1f ms | batched forward | %.2f× |\n",
        occlusion64, occlusion64 / forward625);
    std::printf("| occlusion 4×4, stride 1 (625 copies), one batch | %.1f ms | batched forward | %.2f× |\n",
                occlusion625, occlusion625 / forward625);
    std::printf("| integrated gradients, 50 steps | %.1f ms | forward + backward | %.1f× |\n", igMs,
                igMs / pass);
    std::printf("| SmoothGrad, 25 samples | %.1f ms | forward + backward | %.1f× |\n", smoothMs,
                smoothMs / pass);
    return 0;
}
