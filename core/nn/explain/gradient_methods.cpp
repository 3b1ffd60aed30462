#include <cmath>
#include <random>
#include <stdexcept>

#include "core/nn/explain/attribution.h"
#include "core/nn/explain/explain_support.h"

// Saliency, SmoothGrad and integrated gradients: gradients of y_c with respect to the input.

namespace convscope::nn::detail {

namespace {

void checkCancel(const common::JobControl& control) {
    if (control.cancelled()) throw common::Cancelled{};
}

/// N copies of x plus Gaussian noise of standard deviation sigma, drawn from `random`
/// (std::normal_distribution: the same seed gives the same noise on every run of the same build).
torch::Tensor noisyCopies(const torch::Tensor& x, int n, double sigma, std::mt19937_64& random) {
    torch::Tensor noise = torch::empty({n, x.size(1), x.size(2), x.size(3)}, torch::kFloat32);
    std::normal_distribution<float> normal(0.0f, float(sigma));
    float* values = noise.data_ptr<float>();
    for (std::int64_t i = 0; i < noise.numel(); ++i) values[i] = normal(random);
    return x.repeat({n, 1, 1, 1}) + noise.to(x.device());
}

}  // namespace

void saliency(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
              const AttributionOptions& options, const common::JobControl& control) {
    if (a.method == AttributionMethod::Saliency) {
        a.map = inputGradients(model, x, a.target)[0].abs().amax(0).to(torch::kCPU).contiguous();
        return;
    }
    if (options.samples < 1) throw std::invalid_argument("SmoothGrad needs at least one sample");
    if (!(options.noise >= 0.0)) throw std::invalid_argument("SmoothGrad's noise level cannot be negative");
    const double range = (x.max() - x.min()).item<double>();
    const double sigma = options.noise * range;
    std::mt19937_64 random(options.seed);
    torch::Tensor sum = torch::zeros({x.size(1), x.size(2), x.size(3)}, x.options());
    const int batch = std::max(1, options.batchSize);
    for (int done = 0; done < options.samples; done += batch) {
        checkCancel(control);
        const int n = std::min(batch, options.samples - done);
        sum += inputGradients(model, noisyCopies(x, n, sigma, random), a.target).abs().sum(0);
        control.progress(done + n, options.samples);
    }
    a.map = (sum / double(options.samples)).amax(0).to(torch::kCPU).contiguous();
}

void integratedGradients(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
                         const AttributionOptions& options, const common::JobControl& control) {
    if (options.steps < 1) throw std::invalid_argument("integrated gradients need at least one step");
    std::vector<double> alphas, weights;
    gaussLegendre01(options.steps, alphas, weights);
    const torch::Tensor baseline = torch::full_like(x, options.baseline);
    const torch::Tensor difference = x - baseline;
    torch::Tensor total = torch::zeros_like(x[0]);
    const int batch = std::max(1, options.batchSize);
    for (int done = 0; done < options.steps; done += batch) {
        checkCancel(control);
        const int n = std::min(batch, options.steps - done);
        torch::Tensor alpha = torch::empty({n, 1, 1, 1}, torch::kFloat32);
        torch::Tensor weight = torch::empty({n, 1, 1, 1}, torch::kFloat32);
        for (int i = 0; i < n; ++i) {
            alpha[i].fill_(alphas[std::size_t(done + i)]);
            weight[i].fill_(weights[std::size_t(done + i)]);
        }
        alpha = alpha.to(x.device());
        weight = weight.to(x.device());
        const torch::Tensor points = baseline + alpha * difference;
        total += (inputGradients(model, points, a.target) * weight).sum(0);
        control.progress(done + n, options.steps);
    }
    const torch::Tensor attributions = (difference[0] * total).to(torch::kCPU);
    a.map = attributions.sum(0).contiguous();
    a.steps = options.steps;
    double yBaseline = 0.0;
    {
        torch::NoGradGuard noGrad;
        yBaseline = forwardBatch(model, baseline)[0][a.target].item<double>();
    }
    a.targetDelta = double(a.logits[std::size_t(a.target)]) - yBaseline;
    a.completenessError = std::abs(attributions.to(torch::kFloat64).sum().item<double>() - a.targetDelta);
}

}  // namespace convscope::nn::detail
