#include "core/nn/small_models.h"

#include <stdexcept>

namespace convscope::nn {

namespace F = torch::nn::functional;

std::int64_t parameterCount(const torch::nn::Module& module) {
    std::int64_t n = 0;
    for (const torch::Tensor& p : module.parameters()) n += p.numel();
    return n;
}

namespace {
torch::Tensor head(const torch::Tensor& x) {
    return torch::flatten(F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1)), 1);
}
void call(const TapSink& tap, const char* name, const torch::Tensor& x) {
    if (tap) tap(name, x.detach());
}
}  // namespace

SimpleCnnImpl::SimpleCnnImpl(int inChannels, int classes) {
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 32, 3).padding(1)));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3).padding(1)));
    fc = register_module("fc", torch::nn::Linear(64, classes));
}

torch::Tensor SimpleCnnImpl::forward(torch::Tensor x, const TapSink& tap) {
    x = torch::relu(conv1->forward(x));
    call(tap, "conv1", x);
    x = torch::relu(conv2->forward(x));
    call(tap, "conv2", x);
    x = fc->forward(head(x));
    call(tap, "fc", x);
    return x;
}

HierarchicalCnnImpl::HierarchicalCnnImpl(int inChannels, int classes) {
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 64, 3).padding(1)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(64, 128, 3).padding(1)));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(128));
    conv3 = register_module("conv3", torch::nn::Conv2d(torch::nn::Conv2dOptions(128, 256, 3).padding(1)));
    bn3 = register_module("bn3", torch::nn::BatchNorm2d(256));
    fc = register_module("fc", torch::nn::Linear(256, classes));
}

torch::Tensor HierarchicalCnnImpl::forward(torch::Tensor x, const TapSink& tap) {
    x = torch::relu(bn1->forward(conv1->forward(x)));
    call(tap, "conv1", x);
    x = torch::relu(bn2->forward(conv2->forward(x)));
    call(tap, "conv2", x);
    x = torch::relu(bn3->forward(conv3->forward(x)));
    call(tap, "conv3", x);
    x = fc->forward(head(x));
    call(tap, "fc", x);
    return x;
}

LeNet5Impl::LeNet5Impl(int inChannels, int classes, int inputSize) {
    if (inputSize < 28) throw std::invalid_argument("LeNet-5 needs an input of at least 28x28 pixels");
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 6, 5).padding(2)));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(6, 16, 5)));
    // size → pool → (size/2 − 4) → pool → (size/2 − 4)/2
    const int side = (inputSize / 2 - 4) / 2;
    fc1 = register_module("fc1", torch::nn::Linear(16 * side * side, 120));
    fc2 = register_module("fc2", torch::nn::Linear(120, 84));
    fc = register_module("fc", torch::nn::Linear(84, classes));
}

torch::Tensor LeNet5Impl::forward(torch::Tensor x, const TapSink& tap) {
    x = torch::tanh(conv1->forward(x));
    call(tap, "conv1", x);
    x = F::avg_pool2d(x, F::AvgPool2dFuncOptions(2));
    x = torch::tanh(conv2->forward(x));
    call(tap, "conv2", x);
    x = torch::flatten(F::avg_pool2d(x, F::AvgPool2dFuncOptions(2)), 1);
    x = torch::tanh(fc1->forward(x));
    call(tap, "fc1", x);
    x = torch::tanh(fc2->forward(x));
    call(tap, "fc2", x);
    x = fc->forward(x);
    call(tap, "fc", x);
    return x;
}

}  // namespace convscope::nn
