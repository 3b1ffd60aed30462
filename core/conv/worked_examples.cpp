#include "core/conv/worked_examples.h"

#include <utility>

namespace convscope::conv {

namespace {

WorkedExample convExample(std::string id, std::string title, std::string source, int inChannels,
                          int inputSize, int filters, int kernel, int stride, int pad, int expectedSize) {
    WorkedExample e;
    e.id = std::move(id);
    e.title = std::move(title);
    e.source = std::move(source);
    e.inChannels = inChannels;
    e.inputSize = inputSize;
    e.outChannels = filters;
    e.kernel = kernel;
    e.spec.op = Operation::Convolution;
    e.spec.stride = {stride, stride};
    e.spec.padding = Padding::uniform(pad);
    e.expectedChannels = filters;
    e.expectedSize = expectedSize;
    return e;
}

WorkedExample maxPoolExample(std::string id, std::string title, std::string source, int channels,
                             int inputSize, int window, int stride, int expectedSize) {
    WorkedExample e;
    e.id = std::move(id);
    e.title = std::move(title);
    e.source = std::move(source);
    e.inChannels = channels;
    e.inputSize = inputSize;
    e.outChannels = channels;
    e.kernel = window;
    e.spec.op = Operation::MaxPool;
    e.spec.poolKernel = {window, window};
    e.spec.stride = {stride, stride};
    e.expectedChannels = channels;
    e.expectedSize = expectedSize;
    return e;
}

std::vector<WorkedExample> makeExamples() {
    const std::string textbook = "000_68ed2e30eab9b431.txt (textbook), ";
    const std::string slides = "002_57c1f422470353fb.txt (lecture slides), ";
    const std::string notes = "004_c7a6a087433700e6.txt (course notes), ";
    return {
        convExample("seed-6x6-conv", "6×6 input 1…36, two 3×3 filters, padding 1",
                    textbook +
                        "SimpleConv2d(in_channels=1, out_channels=2, kernel_size=3, padding=1) on the 6x6 "
                        "input 1..36: output torch.Size([1, 2, 6, 6])",
                    1, 6, 2, 3, 1, 1, 6),
        maxPoolExample("seed-6x6-maxpool", "6×6 input 1…36, 2×2 max pooling, stride 2",
                       textbook + "SimpleMaxPool2d(kernel_size=2) on the 6x6 input 1..36: output "
                                  "torch.Size([1, 1, 3, 3])",
                       1, 6, 2, 2, 3),
        convExample("7x7-3x3", "7×7 input, 3×3 filter, stride 1",
                    notes + "\"Output Size Formula\" example: 7x7 input, "
                            "filter 3x3, stride 1, padding 0 gives 5",
                    1, 7, 1, 3, 1, 0, 5),
        convExample(
            "7x7-3x3-stride2", "7×7 input, 3×3 filter, stride 2",
            slides + "\"01. CNN - Stride\" with the output-size formula (n + 2p − f)/s + 1 = (7 − 3)/2 + 1 "
                     "= 3",
            1, 7, 1, 3, 2, 0, 3),
        convExample("cs231n-32x32x3", "32×32×3 input, ten 5×5 filters, stride 1, pad 2",
                    slides + "\"Examples time\": (32 + 2*2 − 5)/1 + 1 = 32 spatially, so 32x32x10", 3, 32, 10,
                    5, 1, 2, 32),
        convExample("notes-6x6x3-twenty", "6×6×3 input, twenty 3×3×3 filters → 4×4×20",
                    notes + "\"Convolution Layer\": Dimensions 6 x 6 x 3 -> (3 x 3 x 3) -> 4 x 4 x 20 (if 20 "
                            "filters); (6 − 3)/1 + 1 = 4",
                    3, 6, 20, 3, 1, 0, 4),
        convExample("notes-56x56x64-1x1", "56×56×64 input, thirty-two 1×1 filters → 56×56×32",
                    notes + "\"(1) Pointwise Convolution\": 56 x 56 x 64 -> (1 x 1, 32) -> 56 x 56 x 32 "
                            "(dimension reduction)",
                    64, 56, 32, 1, 1, 0, 56),
        convExample("alexnet-conv1", "AlexNet CONV1: 227×227×3, ninety-six 11×11 filters, stride 4",
                    slides + "\"2012: AlexNet\": (227 − 11)/4 + 1 = 55, [55x55x96] CONV1", 3, 227, 96, 11, 4,
                    0, 55),
        maxPoolExample("alexnet-pool1", "AlexNet POOL1: 55×55×96, 3×3 max pooling, stride 2",
                       slides + "\"2012: AlexNet\": (55 − 3)/2 + 1 = 27, [27x27x96] MAX POOL1", 96, 55, 3, 2,
                       27),
    };
}

}  // namespace

const std::vector<WorkedExample>& workedExamples() {
    static const std::vector<WorkedExample> examples = makeExamples();
    return examples;
}

}  // namespace convscope::conv
