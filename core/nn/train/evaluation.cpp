#include "core/nn/train/evaluation.h"

#include <limits>

namespace convscope::nn {

Evaluation evaluate(ClassifierImpl& model, const ImageDataset& data, const InputTransform& transform,
                    const torch::Device& device, int batchSize, int keepPredictions,
                    const std::function<bool()>& isCancelled) {
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    const int classes = data.classes();
    Evaluation e;
    e.confusion.assign(std::size_t(classes) * classes, 0);
    double lossSum = 0.0;
    const std::int64_t n = data.size();
    std::vector<std::int64_t> correct(std::size_t(classes), 0), total(std::size_t(classes), 0);
    for (std::int64_t start = 0; start < n; start += batchSize) {
        if (isCancelled && isCancelled()) {
            if (wasTraining) model.train();
            throw std::runtime_error("cancelled");
        }
        const std::int64_t count = std::min<std::int64_t>(batchSize, n - start);
        const torch::Tensor x =
            prepareBatch(data.images.narrow(0, start, count), evaluationTransform(transform), 0, device);
        const torch::Tensor y = data.labels.narrow(0, start, count).to(device);
        const torch::Tensor logits = model.forward(x, TapSink{});
        lossSum += torch::nn::functional::cross_entropy(
                       logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        // One transfer of the batch's predictions to the CPU, then plain loops.
        const torch::Tensor predicted = logits.argmax(1).to(torch::kCPU).contiguous();
        const torch::Tensor truth = y.to(torch::kCPU).contiguous();
        const auto* p = predicted.data_ptr<std::int64_t>();
        const auto* t = truth.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < count; ++i) {
            ++e.confusion[std::size_t(t[i]) * classes + std::size_t(p[i])];
            ++total[std::size_t(t[i])];
            if (p[i] == t[i]) ++correct[std::size_t(t[i])];
            if (start + i < keepPredictions) e.predictions.push_back(int(p[i]));
        }
    }
    std::int64_t allCorrect = 0;
    for (int c = 0; c < classes; ++c) {
        allCorrect += correct[std::size_t(c)];
        e.perClassAccuracy.push_back(total[std::size_t(c)]
                                         ? double(correct[std::size_t(c)]) / total[std::size_t(c)]
                                         : std::numeric_limits<double>::quiet_NaN());
    }
    e.loss = n ? lossSum / n : 0.0;
    e.accuracy = n ? double(allCorrect) / n : 0.0;
    if (wasTraining) model.train();
    return e;
}

}  // namespace convscope::nn
