#pragma once

#include <torch/torch.h>

#include <QStringList>

#include "app/gui/explain/explain_frame.h"
#include "core/nn/data/input_transform.h"
#include "core/nn/models/classifier.h"

namespace convscope::gui {

/// What the run being trained looks at in its pinned test image: Grad-CAM at the last spatial tap and
/// occlusion, for the predicted class, as the Explain panel shows them. Called on the training thread
/// between batches (the model's training mode is restored; its gradients are not touched). Occlusion uses
/// non-overlapping windows (4×4 at 28×28: 49 copies) so that a snapshot costs a few passes, not 625.
ExplainFrame liveExplanation(nn::ClassifierImpl& model, const torch::Tensor& image,
                             const nn::InputTransform& transform, const torch::Device& device,
                             const QStringList& classNames, const QString& source, qint64 step,
                             int trueLabel);

}  // namespace convscope::gui
