#include "core/nn/models/feature_maps.h"

namespace convscope::nn {

FeatureSnapshot captureFeatures(ClassifierImpl& model, const torch::Tensor& image,
                                const InputTransform& transform, const torch::Device& device, bool prepared) {
    const bool wasTraining = model.is_training();
    model.eval();
    FeatureSnapshot snapshot;
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor x =
            prepared ? image.to(device).unsqueeze(0)
                     : prepareBatch(image.unsqueeze(0), evaluationTransform(transform), 0, device);
        std::vector<std::pair<std::string, torch::Tensor>> onDevice;
        // The image twice: LibTorch 1.13's CPU convolution takes a slow path for a batch of one (a 3x3
        // 512-channel convolution on a 1x1 map ran 12 times slower than on two images). In evaluation mode
        // the two results are independent, so element 0 is exactly the single image's.
        const torch::Tensor logits = model.forward(
            x.repeat({2, 1, 1, 1}),
            [&onDevice](const std::string& name, const torch::Tensor& t) { onDevice.emplace_back(name, t); });
        for (auto& [name, t] : onDevice) {
            torch::Tensor v = t[0];
            if (v.dim() == 1) v = v.view({v.size(0), 1, 1});  // fc: one 1x1 "map" per class
            snapshot.taps.push_back({name, v.to(torch::kCPU, torch::kFloat32).contiguous()});
        }
        const torch::Tensor p = torch::softmax(logits[0], 0).to(torch::kCPU).contiguous();
        snapshot.scores.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
        snapshot.prediction = int(p.argmax().item<std::int64_t>());
        snapshot.input = denormalize(x[0], transform).to(torch::kCPU).contiguous();
    }
    if (wasTraining) model.train();
    return snapshot;
}

}  // namespace convscope::nn
