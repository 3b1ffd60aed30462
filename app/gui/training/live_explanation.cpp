#include "app/gui/training/live_explanation.h"

#include <algorithm>

#include "app/gui/bridge/explain_bridge.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/attribution.h"

namespace convscope::gui {

ExplainFrame liveExplanation(nn::ClassifierImpl& model, const torch::Tensor& image,
                             const nn::InputTransform& transform, const torch::Device& device,
                             const QStringList& classNames, const QString& source, qint64 step,
                             int trueLabel) {
    nn::InputTransform plain = transform;  // the whole transform (per-channel normalisation too), unaugmented
    plain.augment = false;
    const torch::Tensor input = nn::prepareBatch(image.unsqueeze(0), plain, 0, device)[0];
    nn::AttributionOptions gradCam;
    const nn::Attribution cam = nn::explain(model, input, gradCam, device);
    nn::AttributionOptions occlusion;
    occlusion.method = nn::AttributionMethod::Occlusion;
    occlusion.target = cam.target;
    const int side = int(input.size(1));
    occlusion.windowHeight = occlusion.windowWidth = std::max(1, 4 * side / 28);
    occlusion.strideY = occlusion.strideX = occlusion.windowHeight;
    const nn::Attribution occluded = nn::explain(model, input, occlusion, device);

    const bridge::ExplainBackground background = bridge::explainBackground(input.to(torch::kCPU), transform);
    ExplainFrame frame;
    frame.source = source;
    frame.modelSource = QObject::tr("the run being trained (step %1)").arg(step);
    frame.input = bridge::explainInputImage(background);
    frame.predicted = cam.predicted;
    frame.target = cam.target;
    frame.trueLabel = trueLabel;
    frame.probabilities = QVector<float>(cam.probabilities.begin(), cam.probabilities.end());
    frame.classNames = classNames;
    frame.methods = {bridge::toExplainMap(cam, background), bridge::toExplainMap(occluded, background)};
    frame.step = step;
    return frame;
}

}  // namespace convscope::gui
