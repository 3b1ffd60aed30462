#pragma once

#include <torch/torch.h>

#include <QImage>
#include <vector>

#include "app/gui/explain/explain_frame.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/attribution.h"

namespace convscope::gui::bridge {

/// The picture behind attribution overlays: the model's input undone of the normalisation, channels last,
/// 0 … 1 (what `convscope-cli explain --png` draws under its maps).
struct ExplainBackground {
    std::vector<float> pixels;
    int channels = 1, height = 0, width = 0;
};

ExplainBackground explainBackground(const torch::Tensor& input, const nn::InputTransform& transform);
/// The background's first channel as an 8-bit grey picture.
QImage explainInputImage(const ExplainBackground& background);

/// An attribution as Qt values: the raw map, its overlay (common::renderOverlay with the method's default
/// display, enlarged to at least 168 pixels), the scaling, the method's note and, for the Grad-CAM family,
/// every cell's terms. Used by the Explain panel's worker and by the training worker's live explanations.
ExplainMap toExplainMap(const nn::Attribution& attribution, const ExplainBackground& background);

}  // namespace convscope::gui::bridge
