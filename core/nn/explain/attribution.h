#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/attribution_display.h"
#include "core/common/job_control.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// The attribution methods: why a model gives class c its score.
enum class AttributionMethod {
    GradCam,
    GradCamPlusPlus,
    HiResCam,
    Saliency,
    SmoothGrad,
    IntegratedGradients,
    Occlusion
};

struct AttributionMethodInfo {
    AttributionMethod method;
    std::string name;   ///< the command line's spelling: "gradcam", "gradcampp", "hirescam", "saliency", …
    std::string title;  ///< "Grad-CAM", "Grad-CAM++", "HiResCAM", "Saliency", "SmoothGrad", …
    bool atLayer;       ///< true for the Grad-CAM family: the map is at a tap's resolution
};

/// Every method, in the order the panel and the help list them.
const std::vector<AttributionMethodInfo>& attributionMethods();
const AttributionMethodInfo& methodInfo(AttributionMethod method);
std::optional<AttributionMethod> parseAttributionMethod(const std::string& name);

/// What to explain and how. Defaults are Captum's where Captum has one.
struct AttributionOptions {
    AttributionMethod method = AttributionMethod::GradCam;
    std::string layer;       ///< Grad-CAM family: a tap name; empty takes the last tap with a spatial map
    int target = -1;         ///< the class whose logit y_c is explained; -1 takes the predicted class
    int steps = 50;          ///< integrated gradients: Gauss–Legendre nodes (Captum's n_steps)
    int samples = 25;        ///< SmoothGrad: noisy copies
    double noise = 0.15;     ///< SmoothGrad: σ as a fraction of the input's range (max − min)
    std::uint64_t seed = 0;  ///< SmoothGrad's noise comes from this seed alone
    int windowHeight = 4, windowWidth = 4;  ///< occlusion window in input pixels
    int strideY = 1, strideX = 1;           ///< occlusion stride
    double baseline = 0.0;  ///< integrated gradients' and occlusion's baseline, in the model's input space
    int batchSize = 64;     ///< copies per forward pass (IG, SmoothGrad, occlusion)
};

/// One explanation. Conventions (also in `convscope-cli explain --help`): `map` is raw. The Grad-CAM
/// family's map is at the tap's resolution, before any ReLU, normalisation or upsampling; saliency and
/// SmoothGrad give |gradient| (SmoothGrad: averaged over the noisy copies), maximum over input channels;
/// integrated gradients the attributions summed over input channels (signed); occlusion one value per
/// pixel, y_c(x) − y_c(x occluded) averaged over the windows that cover it (0 where none does). Display
/// choices are the view's.
struct Attribution {
    AttributionMethod method = AttributionMethod::GradCam;
    std::string layer;  ///< the tap (Grad-CAM family), else empty
    int target = -1;
    int predicted = -1;
    std::vector<float> logits;         ///< the model's output for the input
    std::vector<float> probabilities;  ///< softmax of the logits
    torch::Tensor input;               ///< C x H x W float on the CPU: the model input actually used
    torch::Tensor map;                 ///< h x w float on the CPU (raw; see above)
    /// Grad-CAM family: what each cell is made of. activation A and gradient ∂y_c/∂A, K x h x w; the channel
    /// weights (Grad-CAM α_k, Grad-CAM++ w_k; undefined for HiResCAM, whose weights are per cell).
    torch::Tensor activation, gradient, channelWeights;
    int steps = 0;                   ///< integrated gradients
    double completenessError = 0.0;  ///< |Σ attributions − (y_c(x) − y_c(baseline))|
    double targetDelta = 0.0;        ///< y_c(x) − y_c(baseline)
    int windowHeight = 0, windowWidth = 0, strideY = 0, strideX = 0;  ///< occlusion
};

/// Explains the model's output for `input` (C x H x W float, already in the model's input space, any
/// device) on `device`, with the model in evaluation mode (its mode is restored afterwards). Throws
/// std::invalid_argument for an unknown layer, a target outside the classes, a window of 0 or larger than
/// the image, steps or samples < 1; common::Cancelled when `control` says so between batches.
Attribution explain(ClassifierImpl& model, const torch::Tensor& input, const AttributionOptions& options,
                    const torch::Device& device, const common::JobControl& control = {});

/// The taps whose activation is a spatial map (C x H x W), in forward order: the layers Grad-CAM can use.
std::vector<std::string> spatialTaps(ClassifierImpl& model, const torch::Tensor& input,
                                     const torch::Device& device);

/// Grad-CAM (or another method of its family) at every spatial tap from one forward and one backward pass
/// ("the layer strip"). Every entry is what explain() returns for that layer.
std::vector<Attribution> gradCamStrip(ClassifierImpl& model, const torch::Tensor& input, int target,
                                      const torch::Device& device,
                                      AttributionMethod method = AttributionMethod::GradCam);

/// How a method's map is shown by default: the Grad-CAM family with a ReLU (what speaks for the class),
/// saliency and SmoothGrad as they are (never negative), integrated gradients and occlusion with their sign.
common::AttributionDisplayOptions defaultDisplay(AttributionMethod method);

/// One term of a Grad-CAM-family cell: map(i, j) = Σ_k term_k.
struct CellTerm {
    int channel = 0;
    float term =
        0.0f;  ///< α_k·A_k(i, j) (Grad-CAM, Grad-CAM++ with w_k), ∂y_c/∂A_k(i, j)·A_k(i, j) (HiResCAM)
    float weight = 0.0f;      ///< α_k, w_k or the cell's gradient
    float activation = 0.0f;  ///< A_k(i, j)
};

/// The terms of cell (row, col), largest magnitude first. Empty for methods outside the Grad-CAM family or a
/// cell outside the map.
std::vector<CellTerm> cellTerms(const Attribution& attribution, int row, int col);

/// Gauss–Legendre nodes and weights on [0, 1] (numpy's leggauss mapped from [−1, 1]), n ≥ 1.
void gaussLegendre01(int n, std::vector<double>& nodes, std::vector<double>& weights);

}  // namespace convscope::nn
