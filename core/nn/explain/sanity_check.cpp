#include "core/nn/explain/sanity_check.h"

#include <cmath>
#include <random>

#include "core/nn/explain/rank_correlation.h"

namespace convscope::nn {

namespace {

/// Saves every parameter and buffer and puts them back when it goes out of scope.
class WeightsRestorer {
public:
    explicit WeightsRestorer(ClassifierImpl& model) : m_model(model) {
        torch::NoGradGuard noGrad;
        for (const auto& p : model.named_parameters())
            m_saved.emplace_back(p.key(), p.value().detach().clone());
    }
    ~WeightsRestorer() {
        torch::NoGradGuard noGrad;
        auto params = m_model.named_parameters();
        for (const auto& [name, value] : m_saved)
            if (torch::Tensor* p = params.find(name)) p->copy_(value);
    }
    WeightsRestorer(const WeightsRestorer&) = delete;
    WeightsRestorer& operator=(const WeightsRestorer&) = delete;

private:
    ClassifierImpl& m_model;
    std::vector<std::pair<std::string, torch::Tensor>> m_saved;
};

std::vector<double> mapValues(const torch::Tensor& map) {
    const torch::Tensor m = map.to(torch::kFloat64).contiguous();
    return std::vector<double>(m.data_ptr<double>(), m.data_ptr<double>() + m.numel());
}

void randomise(torch::Tensor& t, double bound, std::mt19937_64& random) {
    std::uniform_real_distribution<float> uniform(float(-bound), float(bound));
    torch::Tensor values = torch::empty(t.sizes(), torch::kFloat32);
    float* v = values.data_ptr<float>();
    for (std::int64_t i = 0; i < values.numel(); ++i) v[i] = uniform(random);
    t.copy_(values.to(t.device(), t.scalar_type()));
}

}  // namespace

std::vector<std::string> randomisableLayers(ClassifierImpl& model) {
    std::vector<std::string> layers;
    for (const auto& item : model.named_modules("", /*include_self=*/false)) {
        // The dictionary is kept: find() points into it (a temporary here read freed memory, AddressSanitizer).
        const auto parameters = item.value()->named_parameters(false);
        const torch::Tensor* weight = parameters.find("weight");
        if (weight && weight->dim() >= 2) layers.push_back(item.key());
    }
    return {layers.rbegin(), layers.rend()};
}

std::vector<SanityStep> cascadingRandomisation(ClassifierImpl& model, const torch::Tensor& input,
                                               const AttributionOptions& options, const torch::Device& device,
                                               std::uint64_t seed, int maxSteps,
                                               const common::JobControl& control) {
    std::vector<SanityStep> steps;
    SanityStep trained;
    trained.attribution = explain(model, input, options, device);
    const std::vector<double> reference = mapValues(trained.attribution.map);
    AttributionOptions fixed = options;
    fixed.target = trained.attribution.target;
    fixed.layer = trained.attribution.layer;
    steps.push_back(std::move(trained));

    const std::vector<std::string> layers = randomisableLayers(model);
    const int total = maxSteps > 0 ? std::min<int>(maxSteps, int(layers.size())) : int(layers.size());
    const WeightsRestorer restorer(model);
    std::mt19937_64 random(seed);
    const auto modules = model.named_modules("", false);
    for (int i = 0; i < total; ++i) {
        if (control.cancelled()) throw common::Cancelled{};
        const std::shared_ptr<torch::nn::Module>* module = modules.find(layers[std::size_t(i)]);
        {
            torch::NoGradGuard noGrad;
            auto params = (*module)->named_parameters(false);
            torch::Tensor* weight = params.find("weight");
            const double fanIn = double(weight->numel() / weight->size(0));
            const double bound = 1.0 / std::sqrt(fanIn);
            randomise(*weight, bound, random);
            if (torch::Tensor* bias = params.find("bias")) randomise(*bias, bound, random);
        }
        SanityStep step;
        step.randomised = layers[std::size_t(i)];
        step.attribution = explain(model, input, fixed, device);
        step.rankCorrelation = spearmanCorrelation(reference, mapValues(step.attribution.map));
        steps.push_back(std::move(step));
        control.progress(i + 1, total);
    }
    return steps;
}

}  // namespace convscope::nn
