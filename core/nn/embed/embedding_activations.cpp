#include "core/nn/embed/embedding_activations.h"

#include <algorithm>
#include <stdexcept>

namespace convscope::nn {

namespace {

// Puts the model back in the mode it had, however the pass ends (a cancellation included).
class EmbeddingModeGuard {
public:
    explicit EmbeddingModeGuard(ClassifierImpl& model) : m_model(model), m_wasTraining(model.is_training()) {
        m_model.eval();
    }
    ~EmbeddingModeGuard() {
        if (m_wasTraining) m_model.train();
    }
    EmbeddingModeGuard(const EmbeddingModeGuard&) = delete;
    EmbeddingModeGuard& operator=(const EmbeddingModeGuard&) = delete;

private:
    ClassifierImpl& m_model;
    bool m_wasTraining;
};

// N x C x H x W → N x C by the mean over H×W; N x F stays; anything else is flattened per image.
torch::Tensor pooledActivation(const torch::Tensor& t) {
    if (t.dim() == 4) return t.mean({2, 3});
    if (t.dim() == 2) return t;
    return t.reshape({t.size(0), -1});
}

std::string joinedTapNames(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace

std::string defaultEmbeddingTap(ClassifierImpl& model, const torch::Tensor& sample) {
    const EmbeddingModeGuard mode(model);
    torch::NoGradGuard noGrad;
    std::vector<std::pair<std::string, torch::Tensor>> taps;
    const torch::Tensor logits = model.forward(
        sample, [&taps](const std::string& name, const torch::Tensor& t) { taps.emplace_back(name, t); });
    for (auto it = taps.rbegin(); it != taps.rend(); ++it) {
        const torch::Tensor& t = it->second;
        const bool isLogits = t.sizes() == logits.sizes() && torch::equal(t.to(logits.dtype()), logits);
        if (!isLogits) return it->first;
    }
    if (taps.empty()) throw std::invalid_argument("the model has no tap points to embed");
    return taps.back().first;
}

EmbeddingActivations embeddingActivations(ClassifierImpl& model, const ImageDataset& data,
                                          const InputTransform& transform, const torch::Device& device,
                                          const std::string& tap, int batchSize,
                                          const common::JobControl& control) {
    if (batchSize < 1) throw std::invalid_argument("the batch size must be at least 1");
    const std::int64_t n = data.size();
    if (n < 1) throw std::invalid_argument("there are no images to embed");
    const std::vector<std::string> names = model.tapNames();
    if (!tap.empty() && std::find(names.begin(), names.end(), tap) == names.end())
        throw std::invalid_argument("the model has no tap point \"" + tap +
                                    "\" (its taps: " + joinedTapNames(names) + ")");
    const EmbeddingModeGuard mode(model);
    torch::NoGradGuard noGrad;
    const InputTransform evaluation = evaluationTransform(transform);
    EmbeddingActivations result;
    result.tap = tap;
    result.count = int(n);
    control.progress(0, int(n));
    for (std::int64_t start = 0; start < n; start += batchSize) {
        if (control.cancelled()) throw common::Cancelled{};
        const std::int64_t count = std::min<std::int64_t>(batchSize, n - start);
        const torch::Tensor x = prepareBatch(data.images.narrow(0, start, count), evaluation, 0, device);
        if (result.tap.empty()) result.tap = defaultEmbeddingTap(model, x);
        torch::Tensor kept;
        model.forward(x, [&](const std::string& name, const torch::Tensor& t) {
            if (name == result.tap) kept = pooledActivation(t);
        });
        if (!kept.defined())
            throw std::invalid_argument("the model did not reach its tap point \"" + result.tap + "\"");
        kept = kept.to(torch::kCPU, torch::kFloat).contiguous();
        if (start == 0) {
            result.dims = int(kept.size(1));
            result.values.reserve(std::size_t(n) * std::size_t(result.dims));
        }
        const float* v = kept.data_ptr<float>();
        result.values.insert(result.values.end(), v, v + kept.numel());
        control.progress(int(start + count), int(n));
    }
    const torch::Tensor labels = data.labels.to(torch::kCPU, torch::kLong).contiguous();
    const auto* y = labels.data_ptr<std::int64_t>();
    result.labels.assign(y, y + n);
    return result;
}

}  // namespace convscope::nn
