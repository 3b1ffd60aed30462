// The cost of the instruments of training (core/nn/train/training_instruments.h: gradient and weight norms,
// update ratios and dead-ReLU fractions on every logged step), for docs/benchmarks.md: one epoch of the
// Trainer with instruments on and off, alternating, at the trainer's default --log-every (10), with a batch
// callback that consumes the readings as the CLI's metrics writer does (the line is built, not written).
// Usage: bench_instruments [steps] [threads] [stem] [batch] [optimizer] [rounds] [log-every]
//        defaults: 30 2 small 64 sgd 3 10
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/trainer.h"

using namespace convscope::nn;

namespace {

ImageDataset randomData(std::int64_t n) {
    torch::manual_seed(3);
    ImageDataset d;
    d.images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kUInt8);
    d.labels = torch::randint(0, 10, {n}, torch::kInt64);
    for (int c = 0; c < 10; ++c) d.classNames.push_back(std::to_string(c));
    return d;
}

struct Timing {
    double wall = 0.0;  ///< seconds per step, the trainer's own epoch time (evaluation excluded)
    double cpu =
        0.0;  ///< process CPU seconds per step over the run (all threads): steadier on a busy machine
};

Timing timePerStep(TrainConfig c, const ImageDataset& train, const ImageDataset& test, bool instruments,
                   std::size_t* readings) {
    c.instruments = instruments;
    Trainer t(c, train, test);
    TrainCallbacks cb;
    cb.onBatch = [readings](const BatchMetrics& m) {
        *readings += m.instruments.gradNorms.size() + m.instruments.weightNorms.size() +
                     m.instruments.updateRatios.size() + m.instruments.deadRelu.size();
    };
    double seconds = 0.0;
    cb.onEpoch = [&seconds](const EpochMetrics& e, const std::vector<int>&) { seconds = e.seconds; };
    const std::clock_t cpuStart = std::clock();
    t.run(cb);
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    const double steps = double((train.size() + c.batchSize - 1) / c.batchSize);
    return {seconds / steps, cpu / steps};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int steps = argc > 1 ? std::atoi(argv[1]) : 30;
    TrainConfig c;
    c.threads = argc > 2 ? std::atoi(argv[2]) : 2;
    c.model.name = "resnet18";
    c.model.stem = parseStem(argc > 3 ? argv[3] : "small");
    c.batchSize = argc > 4 ? std::atoi(argv[4]) : 64;
    c.optimizer = argc > 5 ? argv[5] : "sgd";
    const int rounds = argc > 6 ? std::atoi(argv[6]) : 3;
    c.logEvery = argc > 7 ? std::atoi(argv[7]) : 10;
    c.learningRate = c.optimizer == "sgd" ? 0.05 : 1e-3;
    c.schedule = "none";
    c.epochs = 1;
    c.device = std::getenv("CONVSCOPE_BENCH_CUDA") ? "cuda" : "cpu";
    const ImageDataset train = randomData(std::int64_t(steps) * c.batchSize);
    const ImageDataset test = randomData(c.batchSize).head(1);
    std::printf(
        "resnet18 (stem %s), batch %d, %s, %d threads, device %s, %d steps, log every %d, %d rounds\n",
        toString(c.model.stem).c_str(), c.batchSize, c.optimizer.c_str(), c.threads, c.device.c_str(), steps,
        c.logEvery, rounds);
    std::size_t readings = 0;
    (void)timePerStep(c, train.head(std::int64_t(c.batchSize) * 4), test, true, &readings);  // warm-up
    std::vector<double> off, on, cpuOff, cpuOn;
    for (int round = 0; round < rounds; ++round) {
        // Alternating, and the order swapped every round, so a drift of the shared machine hits both.
        const bool onFirst = round % 2 == 1;
        for (const bool instruments : {onFirst, !onFirst}) {
            const Timing t = timePerStep(c, train, test, instruments, &readings);
            (instruments ? on : off).push_back(t.wall);
            (instruments ? cpuOn : cpuOff).push_back(t.cpu);
        }
        std::printf("round %d: off %.1f ms/step (CPU %.1f), on %.1f ms/step (CPU %.1f)\n", round + 1,
                    1000.0 * off.back(), 1000.0 * cpuOff.back(), 1000.0 * on.back(), 1000.0 * cpuOn.back());
        std::fflush(stdout);
    }
    std::printf(
        "| instruments | ms per step (median of %d) | images/s | CPU ms per step (median) |\n"
        "|---|---:|---:|---:|\n",
        rounds);
    std::printf("| off | %.1f | %.0f | %.1f |\n| on | %.1f | %.0f | %.1f |\n", 1000.0 * median(off),
                double(c.batchSize) / median(off), 1000.0 * median(cpuOff), 1000.0 * median(on),
                double(c.batchSize) / median(on), 1000.0 * median(cpuOn));
    std::printf("throughput ratio on / off: %.3f wall, %.3f CPU time (%zu readings)\n",
                median(off) / median(on), median(cpuOff) / median(cpuOn), readings);
    return 0;
}
