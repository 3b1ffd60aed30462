// How long opening and describing an imported TorchScript model takes: torch::jit::load, the check run on a
// zero image (ScriptedClassifierImpl::load), and describe() (the inlined graph run once with every
// operation's output kept). The goal: an imported ResNet-50 at 224×224 described in under 2 s.
//
//   /usr/bin/python3 benchmarks/export_torchvision_model.py resnet50 /tmp/resnet50.pt
//   build/benchmarks/bench_import /tmp/resnet50.pt 3x224x224 [THREADS]
#include <torch/torch.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.h"  // next to this file: the benchmarks are programs, not a library
#include "core/nn/imported/import_options.h"
#include "core/nn/imported/scripted_classifier.h"

using namespace convscope::nn;
using namespace convscope::bench;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_import FILE.pt CxHxW [THREADS]\n");
        return 2;
    }
    const int threads = threadsArgument(argc, argv, 3);
    torch::set_num_threads(threads);
    const std::vector<std::int64_t> shape = parseInputShape(argv[2]);
    std::vector<double> load, describe, forward;
    std::size_t nodes = 0;
    std::int64_t params = 0, macs = 0;
    for (int run = 0; run < 5; ++run) {
        const auto t0 = Clock::now();
        ScriptedClassifier m = ScriptedClassifierImpl::load(argv[1], shape);
        const auto t1 = Clock::now();
        const Architecture a = m->describe();
        const auto t2 = Clock::now();
        {
            torch::NoGradGuard noGrad;
            m->eval();
            m->forward(torch::zeros({1, shape[0], shape[1], shape[2]}));
        }
        const auto t3 = Clock::now();
        load.push_back(ms(t0, t1));
        describe.push_back(ms(t1, t2));
        forward.push_back(ms(t2, t3));
        nodes = a.nodes.size();
        params = a.totalParameters;
        macs = a.totalMacs;
    }
    std::printf("%d threads; median of 5 runs\n\n", threads);
    std::printf(
        "| file | input | operations | parameters | MACs | load + check (ms) | describe (ms) | open and "
        "describe (ms) | plain forward (ms) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    std::printf("| %s | %s | %zu | %s | %s | %.0f | %.0f | %.0f | %.0f |\n", argv[1], argv[2], nodes - 1,
                groupDigits(params).c_str(), groupDigits(macs).c_str(), median(load), median(describe),
                median(load) + median(describe), median(forward));
    return 0;
}
