#pragma once

// What a learner tells ConvScope about a TorchScript file that the file cannot tell: the input shape, the
// normalisation its training used and the class names. No LibTorch here: the GUI's import dialog uses it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/train/train_config.h"

namespace convscope::nn {

struct ImportOptions {
    std::string file;                      ///< the .pt file (torch.jit.save)
    std::vector<std::int64_t> inputShape;  ///< C, H, W
    std::string normalisation = "none";    ///< none, imagenet, fashion-mnist or custom
    std::vector<double> mean, stdev;       ///< custom: one value per channel (or one for all)
    std::vector<std::string> classNames;   ///< empty: "class 0", "class 1", …
    /// The operations whose outputs are tapped (feature maps, Grad-CAM layers), by their describe names
    /// ("layer1.add"); empty: every convolution. Applied with ScriptedClassifierImpl::setTaps.
    std::vector<std::string> taps;
};

/// The presets in menu order, as the CLI spells them: none, imagenet, fashion-mnist.
const std::vector<std::string>& normalisationPresets();

/// "1x28x28", "3×224×224" or "3,224,224" → {C, H, W}. Throws std::invalid_argument with a sentence.
std::vector<std::int64_t> parseInputShape(const std::string& text);
/// "0.485,0.456,0.406" → numbers. Throws std::invalid_argument naming `what` for a bad list.
std::vector<double> parseNumberList(const std::string& text, const std::string& what);

/// Class names from a text file, one per line (blank lines at the end ignored, surrounding spaces trimmed).
/// Throws std::runtime_error for an unreadable or empty file.
std::vector<std::string> readClassNames(const std::string& path);

/// The training configuration that stands for the imported model: model "torchscript" with its file, the
/// channels and (square) size of the input shape, `classes` classes, and the normalisation and class names
/// of the options. Throws std::invalid_argument for a non-square input, a normalisation whose channel count
/// is not the model's (ImageNet's needs 3 channels), or a class-name list of the wrong length.
TrainConfig importedConfig(const ImportOptions& options, int classes);

}  // namespace convscope::nn
