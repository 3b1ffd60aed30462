// Training speed of the engine, for docs/benchmarks.md (run bench_train.py beside it for PyTorch Python):
//  1. Mean training step time (forward, backward, optimizer step, batch preparation) of ConvScope's Trainer
//  for a
//     model, batch size and thread count, on images held in memory — the same work bench_train.py times.
//  2. Throughput with live feature taps (a snapshot of every tap once a second) against taps off.
// Usage: bench_train [steps] [threads] [model] [stem] [batch] [optimizer]
//        defaults: 40 2 resnet18 imagenet 128 adam      (device: cuda when CONVSCOPE_BENCH_CUDA=1)
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/trainer.h"

using namespace convscope::nn;
using Clock = std::chrono::steady_clock;

namespace {

ImageDataset randomData(std::int64_t n) {
    torch::manual_seed(3);
    ImageDataset d;
    d.images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kUInt8);
    d.labels = torch::randint(0, 10, {n}, torch::kInt64);
    for (int c = 0; c < 10; ++c) d.classNames.push_back(std::to_string(c));
    return d;
}

double secondsPerStep(TrainConfig c, const ImageDataset& train, const ImageDataset& test, bool taps,
                      double* imagesPerSecond) {
    Trainer t(c, train, test);
    TrainCallbacks cb;
    int snapshots = 0;
    if (taps) {
        cb.onFeatures = [&snapshots](const FeatureSnapshot&) { ++snapshots; };
        cb.featureIntervalSeconds = 1.0;
    }
    // One epoch over the data, timed by the trainer without its evaluation (main() warms up beforehand).
    double seconds = 0.0;
    cb.onEpoch = [&seconds](const EpochMetrics& e, const std::vector<int>&) { seconds = e.seconds; };
    t.run(cb);
    const std::int64_t steps = (train.size() + c.batchSize - 1) / c.batchSize;
    *imagesPerSecond = double(train.size()) / seconds;
    (void)snapshots;
    return seconds / double(steps);
}

}  // namespace

int main(int argc, char** argv) {
    const int steps = argc > 1 ? std::atoi(argv[1]) : 40;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    TrainConfig c;
    c.model.name = argc > 3 ? argv[3] : "resnet18";
    c.model.stem = parseStem(argc > 4 ? argv[4] : "imagenet");
    c.batchSize = argc > 5 ? std::atoi(argv[5]) : 128;
    c.optimizer = argc > 6 ? argv[6] : "adam";
    c.learningRate = c.optimizer == "sgd" ? 0.05 : 1e-3;
    c.weightDecay = 0.0;
    c.schedule = "none";
    c.threads = threads;
    c.epochs = 1;
    c.logEvery = 1000000;
    c.device = std::getenv("CONVSCOPE_BENCH_CUDA") ? "cuda" : "cpu";
    const ImageDataset train = randomData(std::int64_t(steps) * c.batchSize);
    const ImageDataset test = randomData(c.batchSize).head(1);
    std::printf("model %s (stem %s), batch %d, %s, %d threads, device %s, %d steps\n", c.model.name.c_str(),
                toString(c.model.stem).c_str(), c.batchSize, c.optimizer.c_str(), threads, c.device.c_str(),
                steps);
    double ipsWarm = 0;
    (void)secondsPerStep(c, train.head(std::int64_t(c.batchSize) * 5), test, false, &ipsWarm);  // warm-up
    // Taps off and on alternate three times and the medians are compared: the difference (a snapshot once a
    // second) is smaller than this shared machine's drift between two runs.
    std::vector<double> off, on, ipsOff, ipsOn;
    for (int round = 0; round < 3; ++round) {
        double ips = 0;
        off.push_back(secondsPerStep(c, train, test, false, &ips));
        ipsOff.push_back(ips);
        on.push_back(secondsPerStep(c, train, test, true, &ips));
        ipsOn.push_back(ips);
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf(
        "| taps | ms per step (median of 3) | images/s |\n|---|---:|---:|\n| off | %.1f | %.0f |\n"
        "| on (a snapshot every 1 s) | %.1f | %.0f |\n",
        1000.0 * median(off), median(ipsOff), 1000.0 * median(on), median(ipsOn));
    std::printf("throughput ratio taps on / off: %.3f\n", median(ipsOn) / median(ipsOff));
    return 0;
}
