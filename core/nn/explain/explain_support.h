#pragma once

// What the attribution methods share (internal to core/nn/explain).

#include <torch/torch.h>

#include "core/nn/explain/attribution.h"

namespace convscope::nn::detail {

/// Puts the model in evaluation mode for its lifetime and restores the mode it found.
class EvalModeGuard {
public:
    explicit EvalModeGuard(ClassifierImpl& model) : m_model(model), m_wasTraining(model.is_training()) {
        m_model.eval();
    }
    ~EvalModeGuard() {
        if (m_wasTraining) m_model.train();
    }
    EvalModeGuard(const EvalModeGuard&) = delete;
    EvalModeGuard& operator=(const EvalModeGuard&) = delete;

private:
    ClassifierImpl& m_model;
    bool m_wasTraining;
};

/// Runs `batch` (N x C x H x W on the model's device) and returns N x classes logits. A batch of one goes
/// through as two identical images: LibTorch 1.13's CPU convolution takes a slow path for a batch of one,
/// and in evaluation mode the two results are independent.
torch::Tensor forwardBatch(ClassifierImpl& model, const torch::Tensor& batch, const TapSink& tap = {});

/// ∂(Σ_n y_c(batch_n))/∂batch, N x C x H x W: each image's gradient of its own target logit.
torch::Tensor inputGradients(ClassifierImpl& model, const torch::Tensor& batch, int target);

/// The checks and the common part of every explanation: the input as 1 x C x H x W on `device`, the
/// logits, the prediction and the resolved target. Throws std::invalid_argument for a bad input or target.
Attribution beginAttribution(ClassifierImpl& model, const torch::Tensor& input,
                             const AttributionOptions& options, const torch::Device& device,
                             torch::Tensor& batchOfOne);

/// The Grad-CAM family at one tap, from the tap's activation and gradient (K x h x w, CPU float).
void finishCam(Attribution& a, torch::Tensor activation, torch::Tensor gradient);

void saliency(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
              const AttributionOptions& options, const common::JobControl& control);
void integratedGradients(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
                         const AttributionOptions& options, const common::JobControl& control);
void occlusion(Attribution& a, ClassifierImpl& model, const torch::Tensor& x,
               const AttributionOptions& options, const common::JobControl& control);

/// The model's tap activations and their gradients of logit `target` for one image, from one forward and
/// one backward pass; `only` empty takes every spatial tap, else that tap alone (std::invalid_argument when
/// it is not a spatial tap, listing those that are).
struct TapGradients {
    std::vector<std::string> names;
    std::vector<torch::Tensor> activations, gradients;  ///< K x h x w float on the CPU
};
/// `lastOnly` (with `only` empty) keeps the last spatial tap alone: the gradient and the copy to the CPU
/// are then made for the one layer explain() uses.
TapGradients tapGradients(ClassifierImpl& model, const torch::Tensor& x, int target, const std::string& only,
                          bool lastOnly = false);

}  // namespace convscope::nn::detail
