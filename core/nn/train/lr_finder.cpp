#include "core/nn/train/lr_finder.h"

#include <torch/torch.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/common/job_control.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/train/label_smoothing.h"
#include "core/nn/train/trainer.h"

namespace convscope::nn {

namespace {
// A namespace of its own: core/nn is a unity build, and trainer.cpp has helpers of the same names.
namespace finder {

bool positiveFinite(double v) {
    return std::isfinite(v) && v > 0.0;
}

// The same shuffle as the trainer's epochs (seed and epoch alone), so the test sees the run's first batches.
torch::Tensor permutation(std::int64_t n, std::uint64_t seed, int epoch) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(epoch) + 1);
    std::shuffle(order.begin(), order.end(), rng);
    return torch::tensor(order, torch::kInt64);
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainConfig& c,
                                                       std::vector<torch::Tensor> params) {
    if (c.optimizer == "adam")
        return std::make_unique<torch::optim::Adam>(
            params, torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay));
    if (c.optimizer == "adamw")
        return std::make_unique<torch::optim::AdamW>(
            params, torch::optim::AdamWOptions(c.learningRate).weight_decay(c.weightDecay));
    return std::make_unique<torch::optim::SGD>(
        params, torch::optim::SGDOptions(c.learningRate).momentum(c.momentum).weight_decay(c.weightDecay));
}

// Parameters and buffers as they were, put back however the test ends.
class WeightsGuard {
public:
    explicit WeightsGuard(ClassifierImpl& model) : m_model(model) {
        torch::NoGradGuard noGrad;
        for (const torch::Tensor& p : model.parameters()) m_saved.push_back(p.detach().clone());
        for (const torch::Tensor& b : model.buffers()) m_saved.push_back(b.detach().clone());
    }
    ~WeightsGuard() {
        torch::NoGradGuard noGrad;
        std::size_t i = 0;
        for (torch::Tensor& p : m_model.parameters()) {
            p.copy_(m_saved[i++]);
            p.mutable_grad() = torch::Tensor();
        }
        for (torch::Tensor& b : m_model.buffers()) b.copy_(m_saved[i++]);
    }
    WeightsGuard(const WeightsGuard&) = delete;
    WeightsGuard& operator=(const WeightsGuard&) = delete;

private:
    ClassifierImpl& m_model;
    std::vector<torch::Tensor> m_saved;
};

std::string rateText(double lr) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", lr);
    return buffer;
}

}  // namespace finder
}  // namespace

void LrFinderOptions::validate() const {
    if (!finder::positiveFinite(startLr))
        throw std::invalid_argument("The start learning rate must be a positive number.");
    if (!finder::positiveFinite(endLr))
        throw std::invalid_argument("The end learning rate must be a positive number.");
    if (startLr >= endLr)
        throw std::invalid_argument("The start learning rate (" + finder::rateText(startLr) +
                                    ") must be below the end learning rate (" + finder::rateText(endLr) +
                                    ").");
    if (steps < 2 || steps > 100000)
        throw std::invalid_argument("The range test needs between 2 and 100000 steps (got " +
                                    std::to_string(steps) + ").");
    if (!(beta >= 0.0 && beta < 1.0)) throw std::invalid_argument("The smoothing factor must be in [0, 1).");
    if (!(divergeRatio > 1.0)) throw std::invalid_argument("The divergence ratio must be above 1.");
}

double LrFinderOptions::learningRateAt(int step) const {
    if (step <= 0) return startLr;
    if (step >= steps - 1) return endLr;
    return startLr * std::pow(endLr / startLr, double(step) / double(steps - 1));
}

std::string lrSuggestionRule() {
    return "steepest descent: the learning rate where the smoothed loss falls fastest against log(lr) "
           "(fastai's steep), leaving out the first tenth of the steps and the last five points";
}

int suggestLearningRateIndex(const std::vector<LrFinderPoint>& points, int plannedSteps) {
    const int n = int(points.size());
    if (n < 2) return -1;
    int first = std::max(0, plannedSteps / 10), last = n - 5;  // [first, last)
    if (last - first < 3) {
        first = 0;
        last = n;
    }
    int best = -1;
    double steepest = 0.0;
    for (int i = first; i + 1 < last; ++i) {
        const double dx = std::log(points[i + 1].lr) - std::log(points[i].lr);
        const double slope = (points[i + 1].smoothedLoss - points[i].smoothedLoss) / dx;
        if (best < 0 || slope < steepest) {
            best = i;
            steepest = slope;
        }
    }
    return best;
}

LrFinderResult findLearningRate(Trainer& trainer, const LrFinderOptions& options,
                                const LrFinderCallbacks& callbacks) {
    options.validate();
    const TrainConfig& c = trainer.config();
    ClassifierImpl& model = trainer.model();
    const ImageDataset& data = trainer.trainingSet();
    const torch::Device device = trainer.device().device;
    const finder::WeightsGuard guard(model);
    const auto optimizer = finder::makeOptimizer(c, trainer.freezePlan().trainableParameters(model));

    LrFinderResult result;
    const std::int64_t n = data.size();
    const int batchSize = c.batchSize;
    const int batchesPerEpoch = int((n + batchSize - 1) / batchSize);
    double average = 0.0, best = 0.0;
    torch::Tensor order;
    for (int step = 0; step < options.steps; ++step) {
        if (callbacks.isCancelled && callbacks.isCancelled()) throw common::Cancelled{};
        const int epoch = step / batchesPerEpoch, b = step % batchesPerEpoch;
        if (b == 0) order = finder::permutation(n, c.seed, epoch);
        const std::int64_t start = std::int64_t(b) * batchSize;
        const torch::Tensor index = order.narrow(0, start, std::min<std::int64_t>(batchSize, n - start));
        const std::uint64_t seed = c.seed * 1000003ULL + std::uint64_t(epoch) * 65537ULL + std::uint64_t(b);
        const torch::Tensor x = prepareBatch(data.images.index_select(0, index), c.input, seed, device);
        const torch::Tensor y = data.labels.index_select(0, index).to(device);
        const double lr = options.learningRateAt(step);
        for (auto& group : optimizer->param_groups()) group.options().set_lr(lr);

        optimizer->zero_grad();
        model.train();
        trainer.freezePlan().applyModes();
        const torch::Tensor loss = smoothedCrossEntropy(model.forward(x), y, c.labelSmoothing);
        const double value = loss.item<double>();
        if (!std::isfinite(value)) {
            result.stoppedEarly = true;
            result.message = "The loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") +
                             " at learning rate " + finder::rateText(lr) + " (step " +
                             std::to_string(step + 1) + " of " + std::to_string(options.steps) + ").";
            break;
        }
        // fastai's smoothing: an exponential moving average, divided by 1 − β^(i+1) so that the first
        // values are not pulled towards zero.
        average = options.beta * average + (1.0 - options.beta) * value;
        const double smoothed = average / (1.0 - std::pow(options.beta, step + 1));
        const LrFinderPoint point{lr, value, smoothed};
        result.points.push_back(point);
        if (callbacks.onPoint) callbacks.onPoint(point, step, options.steps);
        if (step == 0 || smoothed < best) best = smoothed;
        if (step > 0 && smoothed > options.divergeRatio * best) {
            result.stoppedEarly = step + 1 < options.steps;
            result.message = "The smoothed loss (" + finder::rateText(smoothed) + ") exceeded " +
                             finder::rateText(options.divergeRatio) + " times its best (" +
                             finder::rateText(best) + ") at learning rate " + finder::rateText(lr) + ".";
            break;
        }
        loss.backward();
        optimizer->step();
    }
    if (result.message.empty())
        result.message =
            "Reached the end learning rate " + finder::rateText(options.endLr) + " without diverging.";
    result.suggestedIndex = suggestLearningRateIndex(result.points, options.steps);
    if (result.suggestedIndex >= 0) result.suggestedLr = result.points[std::size_t(result.suggestedIndex)].lr;
    return result;
}

LrFinderResult findLearningRate(const TrainConfig& config, const ImageDataset& train,
                                const ImageDataset& test, const LrFinderOptions& options,
                                const LrFinderCallbacks& callbacks) {
    options.validate();
    Trainer trainer(config, train, test);
    return findLearningRate(trainer, options, callbacks);
}

}  // namespace convscope::nn
