#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/nn/explain/attribution.h"
#include "core/nn/explain/explain_support.h"

// The Grad-CAM family. With A_k the tap's channel k and g_k = ∂y_c/∂A_k:
//   Grad-CAM    map = Σ_k α_k A_k,  α_k = mean_ij g_k(i, j)                        (Selvaraju et al.)
//   Grad-CAM++  map = Σ_k w_k A_k,  w_k = Σ_ij relu(g_k(i, j))·a_k(i, j),
//               a = g² / (2g² + Σ_ij A_k·g³), 0 where g = 0   (Chattopadhay et al., with the exponential
//               output's closed form, as pytorch-grad-cam computes it)
//   HiResCAM    map = Σ_k g_k ⊙ A_k                                                (Draelos & Carin)
// No ReLU, no normalisation, no upsampling here: those are display choices.

namespace convscope::nn {

namespace detail {

void finishCam(Attribution& a, torch::Tensor activation, torch::Tensor gradient) {
    switch (a.method) {
        case AttributionMethod::GradCamPlusPlus: {
            const torch::Tensor g2 = gradient.pow(2), g3 = gradient.pow(3);
            const torch::Tensor sumA = activation.sum({1, 2}, /*keepdim=*/true);
            torch::Tensor aij = g2 / (2.0 * g2 + sumA * g3 + 1e-7);
            aij = torch::where(gradient != 0, aij, torch::zeros_like(aij));
            a.channelWeights = (torch::relu(gradient) * aij).sum({1, 2});
            a.map = (a.channelWeights.view({-1, 1, 1}) * activation).sum(0);
            break;
        }
        case AttributionMethod::HiResCam:
            a.map = (gradient * activation).sum(0);
            break;
        default:
            a.channelWeights = gradient.mean({1, 2});
            a.map = (a.channelWeights.view({-1, 1, 1}) * activation).sum(0);
            break;
    }
    a.map = a.map.contiguous();
    a.activation = std::move(activation);
    a.gradient = std::move(gradient);
}

}  // namespace detail

std::vector<std::string> spatialTaps(ClassifierImpl& model, const torch::Tensor& input,
                                     const torch::Device& device) {
    detail::EvalModeGuard evalMode(model);
    torch::NoGradGuard noGrad;
    std::vector<std::string> names;
    detail::forwardBatch(
        model, (input.is_floating_point() ? input : input.to(torch::kFloat32)).to(device).unsqueeze(0),
        [&names](const std::string& name, const torch::Tensor& t) {
            if (t.dim() == 4) names.push_back(name);
        });
    return names;
}

std::vector<Attribution> gradCamStrip(ClassifierImpl& model, const torch::Tensor& input, int target,
                                      const torch::Device& device, AttributionMethod method) {
    if (!methodInfo(method).atLayer)
        throw std::invalid_argument("the layer strip is for the Grad-CAM family only");
    detail::EvalModeGuard evalMode(model);
    AttributionOptions options;
    options.method = method;
    options.target = target;
    torch::Tensor x;
    const Attribution common = detail::beginAttribution(model, input, options, device, x);
    detail::TapGradients g = detail::tapGradients(model, x, common.target, std::string());
    std::vector<Attribution> strip;
    for (std::size_t i = 0; i < g.names.size(); ++i) {
        Attribution a = common;
        a.layer = g.names[i];
        detail::finishCam(a, g.activations[i], g.gradients[i]);
        strip.push_back(std::move(a));
    }
    return strip;
}

std::vector<CellTerm> cellTerms(const Attribution& a, int row, int col) {
    std::vector<CellTerm> terms;
    if (!methodInfo(a.method).atLayer || !a.activation.defined() || a.activation.dim() != 3) return terms;
    if (row < 0 || col < 0 || row >= a.activation.size(1) || col >= a.activation.size(2)) return terms;
    const torch::Tensor act = a.activation.select(2, col).select(1, row).contiguous();
    const torch::Tensor grad = a.gradient.select(2, col).select(1, row).contiguous();
    const bool perCell = a.method == AttributionMethod::HiResCam;
    const torch::Tensor weights = perCell ? grad : a.channelWeights.contiguous();
    const float* A = act.data_ptr<float>();
    const float* W = weights.data_ptr<float>();
    for (int k = 0; k < int(act.numel()); ++k) terms.push_back({k, W[k] * A[k], W[k], A[k]});
    std::stable_sort(terms.begin(), terms.end(), [](const CellTerm& l, const CellTerm& r) {
        return std::abs(l.term) > std::abs(r.term);
    });
    return terms;
}

}  // namespace convscope::nn
