#include "core/nn/explain/attribution.h"

#include <cmath>
#include <stdexcept>

#include "core/nn/explain/explain_support.h"

namespace convscope::nn {

const std::vector<AttributionMethodInfo>& attributionMethods() {
    static const std::vector<AttributionMethodInfo> methods = {
        {AttributionMethod::GradCam, "gradcam", "Grad-CAM", true},
        {AttributionMethod::GradCamPlusPlus, "gradcampp", "Grad-CAM++", true},
        {AttributionMethod::HiResCam, "hirescam", "HiResCAM", true},
        {AttributionMethod::Saliency, "saliency", "Saliency", false},
        {AttributionMethod::SmoothGrad, "smoothgrad", "SmoothGrad", false},
        {AttributionMethod::IntegratedGradients, "ig", "Integrated gradients", false},
        {AttributionMethod::Occlusion, "occlusion", "Occlusion", false},
    };
    return methods;
}

const AttributionMethodInfo& methodInfo(AttributionMethod method) {
    for (const AttributionMethodInfo& info : attributionMethods())
        if (info.method == method) return info;
    return attributionMethods().front();
}

std::optional<AttributionMethod> parseAttributionMethod(const std::string& name) {
    for (const AttributionMethodInfo& info : attributionMethods())
        if (info.name == name) return info.method;
    return std::nullopt;
}

Attribution explain(ClassifierImpl& model, const torch::Tensor& input, const AttributionOptions& options,
                    const torch::Device& device, const common::JobControl& control) {
    detail::EvalModeGuard evalMode(model);
    torch::Tensor x;
    Attribution a = detail::beginAttribution(model, input, options, device, x);
    switch (options.method) {
        case AttributionMethod::GradCam:
        case AttributionMethod::GradCamPlusPlus:
        case AttributionMethod::HiResCam: {
            detail::TapGradients g =
                detail::tapGradients(model, x, a.target, options.layer, options.layer.empty());
            const std::size_t last = g.names.size() - 1;  // the named tap, or the last spatial one
            a.layer = g.names[last];
            detail::finishCam(a, g.activations[last], g.gradients[last]);
            break;
        }
        case AttributionMethod::Saliency:
        case AttributionMethod::SmoothGrad:
            detail::saliency(a, model, x, options, control);
            break;
        case AttributionMethod::IntegratedGradients:
            detail::integratedGradients(a, model, x, options, control);
            break;
        case AttributionMethod::Occlusion:
            detail::occlusion(a, model, x, options, control);
            break;
    }
    return a;
}

common::AttributionDisplayOptions defaultDisplay(AttributionMethod method) {
    common::AttributionDisplayOptions display;
    switch (method) {
        case AttributionMethod::IntegratedGradients:
        case AttributionMethod::Occlusion:
            display.relu = false;
            display.diverging = true;
            break;
        case AttributionMethod::Saliency:
        case AttributionMethod::SmoothGrad:
            display.relu = false;
            break;
        default:
            break;
    }
    return display;
}

void gaussLegendre01(int n, std::vector<double>& nodes, std::vector<double>& weights) {
    if (n < 1) throw std::invalid_argument("Gauss–Legendre needs at least one node");
    nodes.assign(std::size_t(n), 0.0);
    weights.assign(std::size_t(n), 0.0);
    // Newton's method on P_n from Chebyshev-like first guesses; roots are symmetric, so half are computed.
    const double pi = std::acos(-1.0);
    for (int i = 0; i < (n + 1) / 2; ++i) {
        double z = std::cos(pi * (i + 0.75) / (n + 0.5));
        double derivative = 1.0;
        for (int iteration = 0; iteration < 100; ++iteration) {
            double p0 = 1.0, p1 = 0.0;
            for (int j = 1; j <= n; ++j) {
                const double p2 = p1;
                p1 = p0;
                p0 = ((2.0 * j - 1.0) * z * p1 - (j - 1.0) * p2) / j;
            }
            derivative = n * (z * p0 - p1) / (z * z - 1.0);
            const double step = p0 / derivative;
            z -= step;
            if (std::abs(step) < 1e-15) break;
        }
        const double w = 2.0 / ((1.0 - z * z) * derivative * derivative);
        // numpy orders the nodes from −1 to 1; z here runs from near 1 downwards.
        nodes[std::size_t(n - 1 - i)] = 0.5 * (1.0 + z);
        nodes[std::size_t(i)] = 0.5 * (1.0 - z);
        weights[std::size_t(i)] = weights[std::size_t(n - 1 - i)] = 0.5 * w;
    }
}

}  // namespace convscope::nn
