#include "core/nn/models/model_summary.h"

#include <sstream>

namespace convscope::nn {

ModelSummary summarizeModel(ClassifierImpl& model, int inChannels, int size) {
    ModelSummary s;
    for (const auto& item : model.named_children()) {
        ModuleSummary m;
        m.name = item.key();
        std::ostringstream type;
        item.value()->pretty_print(type);
        m.type = type.str();
        m.parameters = parameterCount(*item.value());
        s.modules.push_back(m);
    }
    for (const torch::Tensor& p : model.parameters()) {
        s.totalParameters += p.numel();
        if (p.requires_grad()) s.trainableParameters += p.numel();
    }
    const bool wasTraining = model.is_training();
    model.eval();
    {
        torch::NoGradGuard noGrad;
        const torch::Device device =
            model.parameters().empty() ? torch::Device(torch::kCPU) : model.parameters().front().device();
        const torch::Tensor x =
            torch::zeros({1, inChannels, size, size}, torch::TensorOptions().device(device));
        model.forward(x, [&s](const std::string& name, const torch::Tensor& t) {
            TapSummary tap;
            tap.name = name;
            for (std::int64_t d = 1; d < t.dim(); ++d) tap.shape.push_back(t.size(d));
            s.taps.push_back(tap);
        });
    }
    if (wasTraining) model.train();
    return s;
}

}  // namespace convscope::nn
