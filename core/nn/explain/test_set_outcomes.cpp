#include "core/nn/explain/test_set_outcomes.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace convscope::nn {

namespace {

// Puts the model back in the mode it had, however the loop ends (a cancellation included).
class OutcomesModeGuard {
public:
    explicit OutcomesModeGuard(ClassifierImpl& model) : m_model(model), m_wasTraining(model.is_training()) {
        m_model.eval();
    }
    ~OutcomesModeGuard() {
        if (m_wasTraining) m_model.train();
    }
    OutcomesModeGuard(const OutcomesModeGuard&) = delete;
    OutcomesModeGuard& operator=(const OutcomesModeGuard&) = delete;

private:
    ClassifierImpl& m_model;
    bool m_wasTraining;
};

}  // namespace

std::vector<std::int64_t> TestSetOutcomes::confusion() const {
    std::vector<std::int64_t> counts(std::size_t(classes) * std::size_t(classes), 0);
    for (const TestOutcome& o : images)
        ++counts[std::size_t(o.label) * std::size_t(classes) + std::size_t(o.predicted)];
    return counts;
}

TestSetOutcomes testSetOutcomes(ClassifierImpl& model, const ImageDataset& data,
                                const InputTransform& transform, const torch::Device& device, int batchSize,
                                const common::JobControl& control) {
    if (batchSize < 1) throw std::invalid_argument("the batch size must be at least 1");
    const OutcomesModeGuard mode(model);
    torch::NoGradGuard noGrad;
    const std::int64_t n = data.size();
    TestSetOutcomes result;
    result.classes = data.classes();
    result.images.reserve(std::size_t(n));
    control.progress(0, int(n));
    for (std::int64_t start = 0; start < n; start += batchSize) {
        if (control.cancelled()) throw common::Cancelled{};
        const std::int64_t count = std::min<std::int64_t>(batchSize, n - start);
        const torch::Tensor x =
            prepareBatch(data.images.narrow(0, start, count), evaluationTransform(transform), 0, device);
        const torch::Tensor logits = model.forward(x, TapSink{}).to(torch::kCPU, torch::kFloat);
        if (logits.dim() != 2 || logits.size(1) != result.classes)
            throw std::invalid_argument("the model scores " +
                                        std::to_string(logits.dim() == 2 ? logits.size(1) : 0) +
                                        " classes, but the test set has " + std::to_string(result.classes));
        // log-softmax once: the probabilities are its exponential and the loss its negated label entry, so
        // both agree with cross_entropy to the last bit of float.
        const torch::Tensor logProbabilities = torch::log_softmax(logits, 1).contiguous();
        const torch::Tensor probabilities = logProbabilities.exp().contiguous();
        const torch::Tensor predicted = logits.argmax(1).contiguous();
        const torch::Tensor labels =
            data.labels.narrow(0, start, count).to(torch::kCPU, torch::kLong).contiguous();
        const float* lp = logProbabilities.data_ptr<float>();
        const float* p = probabilities.data_ptr<float>();
        const auto* pr = predicted.data_ptr<std::int64_t>();
        const auto* y = labels.data_ptr<std::int64_t>();
        const std::size_t k = std::size_t(result.classes);
        for (std::int64_t i = 0; i < count; ++i) {
            if (y[i] < 0 || y[i] >= result.classes)
                throw std::invalid_argument("test image " + std::to_string(start + i) + " has the label " +
                                            std::to_string(y[i]) + ", outside the model's " +
                                            std::to_string(result.classes) + " classes");
            TestOutcome o;
            o.label = int(y[i]);
            o.predicted = int(pr[i]);
            o.loss = -lp[std::size_t(i) * k + std::size_t(y[i])];
            o.probabilities.assign(p + std::size_t(i) * k, p + std::size_t(i + 1) * k);
            result.images.push_back(std::move(o));
        }
        control.progress(int(start + count), int(n));
    }
    return result;
}

std::vector<int> confusionCell(const TestSetOutcomes& outcomes, int trueClass, int predictedClass) {
    std::vector<int> cell;
    for (std::size_t i = 0; i < outcomes.images.size(); ++i)
        if (outcomes.images[i].label == trueClass && outcomes.images[i].predicted == predictedClass)
            cell.push_back(int(i));
    return cell;
}

std::vector<int> topLosses(const TestSetOutcomes& outcomes, int k) {
    std::vector<int> order(outcomes.images.size());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t keep = k < 0 ? order.size() : std::min(order.size(), std::size_t(k));
    const auto higher = [&outcomes](int a, int b) {
        const float la = outcomes.images[std::size_t(a)].loss, lb = outcomes.images[std::size_t(b)].loss;
        return la != lb ? la > lb : a < b;
    };
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(keep), order.end(), higher);
    order.resize(keep);
    return order;
}

std::vector<ConfusedPair> mostConfusedPairs(const TestSetOutcomes& outcomes, int k) {
    const std::vector<std::int64_t> counts = outcomes.confusion();
    const int n = outcomes.classes;
    std::vector<ConfusedPair> pairs;
    for (int t = 0; t < n; ++t) {
        std::int64_t total = 0;
        for (int p = 0; p < n; ++p) total += counts[std::size_t(t * n + p)];
        for (int p = 0; p < n; ++p) {
            const std::int64_t c = counts[std::size_t(t * n + p)];
            if (p != t && c > 0) pairs.push_back({t, p, c, double(c) / double(total)});
        }
    }
    // Stable: equal counts keep the true-then-predicted order they were collected in.
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const ConfusedPair& a, const ConfusedPair& b) { return a.count > b.count; });
    if (k >= 0 && std::size_t(k) < pairs.size()) pairs.resize(std::size_t(k));
    return pairs;
}

}  // namespace convscope::nn
