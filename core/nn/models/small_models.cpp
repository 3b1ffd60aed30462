#include "core/nn/models/small_models.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

std::int64_t parameterCount(const torch::nn::Module& module) {
    std::int64_t n = 0;
    for (const torch::Tensor& p : module.parameters()) n += p.numel();
    return n;
}

namespace {
torch::Tensor head(const torch::Tensor& x) {
    return trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"));
}
void call(const TapSink& tap, const char* name, const torch::Tensor& x) {
    if (tap) tap(name, x);
}
/// Dropout where p > 0 (traced, so that the description shows it); nothing at all for p = 0.
torch::Tensor maybeDropout(const torch::Tensor& x, double p, bool training, const char* name = "dropout") {
    return p > 0.0 ? trace::dropout(x, p, training, name) : x;
}
}  // namespace

SimpleCnnImpl::SimpleCnnImpl(int inChannels, int classes, double dropout) : m_dropout(dropout) {
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 32, 3).padding(1)));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3).padding(1)));
    fc = register_module("fc", torch::nn::Linear(64, classes));
}

torch::Tensor SimpleCnnImpl::forward(torch::Tensor x, const TapSink& tap) {
    x = trace::relu(trace::conv(conv1, x, "conv1"), "relu1");
    call(tap, "conv1", x);
    x = trace::relu(trace::conv(conv2, x, "conv2"), "relu2");
    call(tap, "conv2", x);
    x = trace::linear(fc, maybeDropout(head(x), m_dropout, is_training()), "fc");
    call(tap, "fc", x);
    return x;
}

HierarchicalCnnImpl::HierarchicalCnnImpl(int inChannels, int classes, bool batchNorm, double dropout)
    : m_dropout(dropout) {
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 64, 3).padding(1)));
    if (batchNorm) bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(64, 128, 3).padding(1)));
    if (batchNorm) bn2 = register_module("bn2", torch::nn::BatchNorm2d(128));
    conv3 = register_module("conv3", torch::nn::Conv2d(torch::nn::Conv2dOptions(128, 256, 3).padding(1)));
    if (batchNorm) bn3 = register_module("bn3", torch::nn::BatchNorm2d(256));
    fc = register_module("fc", torch::nn::Linear(256, classes));
}

torch::Tensor HierarchicalCnnImpl::forward(torch::Tensor x, const TapSink& tap) {
    auto norm = [](torch::nn::BatchNorm2d& bn, const torch::Tensor& t, const char* name) {
        return bn ? trace::batchNorm(bn, t, name) : t;
    };
    x = trace::relu(norm(bn1, trace::conv(conv1, x, "conv1"), "bn1"), "relu1");
    call(tap, "conv1", x);
    x = trace::relu(norm(bn2, trace::conv(conv2, x, "conv2"), "bn2"), "relu2");
    call(tap, "conv2", x);
    x = trace::relu(norm(bn3, trace::conv(conv3, x, "conv3"), "bn3"), "relu3");
    call(tap, "conv3", x);
    x = trace::linear(fc, maybeDropout(head(x), m_dropout, is_training()), "fc");
    call(tap, "fc", x);
    return x;
}

LeNet5Impl::LeNet5Impl(int inChannels, int classes, int inputSize, double dropout) : m_dropout(dropout) {
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
    x = trace::tanh(trace::conv(conv1, x, "conv1"), "tanh1");
    call(tap, "conv1", x);
    x = trace::avgPool(x, 2, 2, 0, false, "pool1");
    x = trace::tanh(trace::conv(conv2, x, "conv2"), "tanh2");
    call(tap, "conv2", x);
    x = trace::flatten(trace::avgPool(x, 2, 2, 0, false, "pool2"));
    x = trace::tanh(trace::linear(fc1, x, "fc1"), "tanh3");
    call(tap, "fc1", x);
    x = trace::tanh(trace::linear(fc2, maybeDropout(x, m_dropout, is_training(), "dropout1"), "fc2"),
                    "tanh4");
    call(tap, "fc2", x);
    x = trace::linear(fc, maybeDropout(x, m_dropout, is_training(), "dropout2"), "fc");
    call(tap, "fc", x);
    return x;
}

}  // namespace convscope::nn
