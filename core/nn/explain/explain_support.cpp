#include "core/nn/explain/explain_support.h"

#include <stdexcept>

namespace convscope::nn::detail {

torch::Tensor forwardBatch(ClassifierImpl& model, const torch::Tensor& batch, const TapSink& tap) {
    if (batch.size(0) == 1) return model.forward(batch.repeat({2, 1, 1, 1}), tap).narrow(0, 0, 1);
    return model.forward(batch, tap);
}

torch::Tensor inputGradients(ClassifierImpl& model, const torch::Tensor& batch, int target) {
    torch::AutoGradMode gradients(true);
    const torch::Tensor x = batch.detach().clone().requires_grad_(true);
    const torch::Tensor logits = forwardBatch(model, x);
    // Each image's logit depends on that image alone (evaluation mode), so one backward pass of the sum
    // gives every image its own gradient.
    const torch::Tensor y = logits.select(1, target).sum();
    return torch::autograd::grad({y}, {x})[0].detach();
}

Attribution beginAttribution(ClassifierImpl& model, const torch::Tensor& input,
                             const AttributionOptions& options, const torch::Device& device,
                             torch::Tensor& batchOfOne) {
    if (!input.defined() || input.dim() != 3 || input.numel() == 0)
        throw std::invalid_argument("the input must be one image, C × H × W");
    Attribution a;
    a.method = options.method;
    // Floating-point inputs keep their type (a double-precision model gets double inputs), others become
    // float.
    const torch::Tensor typed = input.is_floating_point() ? input : input.to(torch::kFloat32);
    batchOfOne = typed.to(device).unsqueeze(0).contiguous();
    torch::Tensor logits;
    {
        torch::NoGradGuard noGrad;
        logits = forwardBatch(model, batchOfOne)[0].to(torch::kCPU, torch::kFloat32).contiguous();
    }
    const int classes = int(logits.numel());
    a.logits.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + classes);
    const torch::Tensor p = torch::softmax(logits, 0).contiguous();
    a.probabilities.assign(p.data_ptr<float>(), p.data_ptr<float>() + classes);
    a.predicted = int(logits.argmax().item<std::int64_t>());
    if (options.target >= classes)
        throw std::invalid_argument("target class " + std::to_string(options.target) +
                                    " is out of range: the model has " + std::to_string(classes) +
                                    " classes (0 … " + std::to_string(classes - 1) + ")");
    if (options.target < -1) throw std::invalid_argument("the target class cannot be negative");
    a.target = options.target < 0 ? a.predicted : options.target;
    a.input = input.to(torch::kCPU, torch::kFloat32).contiguous().clone();
    return a;
}

TapGradients tapGradients(ClassifierImpl& model, const torch::Tensor& x, int target, const std::string& only,
                          bool lastOnly) {
    torch::AutoGradMode gradients(true);
    // The input asks for gradients so that every activation is in the graph even when the weights are frozen.
    const torch::Tensor in = x.detach().clone().requires_grad_(true);
    TapGradients result;
    std::vector<torch::Tensor> taps;
    std::vector<std::string> spatial;
    const torch::Tensor logits =
        forwardBatch(model, in, [&](const std::string& name, const torch::Tensor& t) {
            if (t.dim() != 4) return;
            spatial.push_back(name);
            if (!only.empty() && name != only) return;
            result.names.push_back(name);
            taps.push_back(t);
        });
    if (spatial.empty()) throw std::invalid_argument("the model has no tap with a spatial map for Grad-CAM");
    if (!only.empty() && taps.empty()) {
        std::string known;
        for (const std::string& name : spatial) known += (known.empty() ? "" : ", ") + name;
        throw std::invalid_argument("unknown layer \"" + only +
                                    "\": the model's layers with a spatial map are " + known);
    }
    if (lastOnly && taps.size() > 1) {
        taps.erase(taps.begin(), taps.end() - 1);
        result.names.erase(result.names.begin(), result.names.end() - 1);
    }
    const std::vector<torch::Tensor> grads =
        torch::autograd::grad({logits[0][target]}, taps, {}, /*retain_graph=*/false, /*create_graph=*/false,
                              /*allow_unused=*/true);
    for (std::size_t i = 0; i < taps.size(); ++i) {
        // Element 0 of the doubled batch (see forwardBatch).
        const torch::Tensor a = taps[i].detach()[0].to(torch::kCPU, torch::kFloat32).contiguous();
        result.activations.push_back(a);
        result.gradients.push_back(grads[i].defined()
                                       ? grads[i].detach()[0].to(torch::kCPU, torch::kFloat32).contiguous()
                                       : torch::zeros_like(a));
    }
    return result;
}

}  // namespace convscope::nn::detail
