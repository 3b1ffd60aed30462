// How long describing a model takes (one traced forward pass on a zero image, CPU, after building the
// model): the Architecture panel's worker and `convscope-cli describe` do exactly this. Prints a markdown
// table for docs/benchmarks.md.
//
//   build/benchmarks/bench_describe [THREADS]
#include <torch/torch.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.h"  // next to this file: the benchmarks are programs, not a library
#include "core/nn/graph/architecture_description.h"
#include "core/nn/graph/graph_trace.h"
#include "core/nn/models/model_factory.h"

using namespace convscope::nn;
using namespace convscope::bench;

int main(int argc, char** argv) {
    const int threads = threadsArgument(argc, argv, 1);
    torch::set_num_threads(threads);
    struct Case {
        const char* model;
        int size;
    };
    const std::vector<Case> cases = {{"resnet18", 224},        {"resnet50", 224},        {"resnet152", 224},
                                     {"vgg16", 224},           {"googlenet", 224},       {"densenet121", 224},
                                     {"efficientnet_b0", 224}, {"efficientnet_b7", 600}, {"unet", 256}};
    std::printf("%d threads; median of 3 runs\n\n", threads);
    std::printf(
        "| model | input | operations | build (ms) | traced forward (ms) | describe total (ms) | untraced "
        "forward (ms) |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|\n");
    for (const Case& c : cases) {
        ModelConfig config;
        config.name = c.model;
        config.inChannels = 3;
        config.classes = std::string(c.model) == "unet" ? 2 : 1000;
        config.inputSize = c.size;
        config.stem = Stem::Imagenet;
        std::vector<double> build, traced, total, plain;
        std::size_t nodes = 0;
        for (int run = 0; run < 3; ++run) {
            const auto t0 = Clock::now();
            Classifier model = makeModel(config);
            model->eval();
            const auto t1 = Clock::now();
            torch::NoGradGuard noGrad;
            const torch::Tensor x = torch::zeros({1, 3, c.size, c.size});
            {
                trace::GraphRecorder recorder(x);
                model->forward(x);
                nodes = recorder.finish().nodes.size();
            }
            const auto t2 = Clock::now();
            model->forward(x);
            const auto t3 = Clock::now();
            const Architecture a = describeArchitecture(config);
            const auto t4 = Clock::now();
            build.push_back(ms(t0, t1));
            traced.push_back(ms(t1, t2));
            plain.push_back(ms(t2, t3));
            total.push_back(ms(t3, t4));
            if (a.nodes.size() != nodes) std::fprintf(stderr, "%s: node counts differ\n", c.model);
        }
        std::printf("| %s | %d×%d | %zu | %.0f | %.0f | %.0f | %.0f |\n", c.model, c.size, c.size, nodes - 1,
                    median(build), median(traced), median(total), median(plain));
    }
    return 0;
}
