#pragma once

// Every model the application can build, as plain values (no LibTorch): names, titles, families and the
// ImageNet accuracies the seeds quote. The Training panel trains the `trainable` ones; every one can be
// described (convscope-cli describe, the Architecture panel).

#include <string>
#include <vector>

namespace convscope::nn {

struct ModelInfo {
    std::string name;            ///< "efficientnet_b0"
    std::string title;           ///< "EfficientNet-B0"
    std::string family;          ///< "EfficientNet"
    bool trainable = false;      ///< offered by `train` and the Training panel
    int nativeResolution = 224;  ///< the input size the model was designed for
    int nativeClasses = 1000;    ///< the classes of the data set it was designed for (CIFAR-10: 10)
    /// ImageNet accuracy as a seed quotes it (at the native resolution), empty where no seed does; for the
    /// CIFAR networks, 100 % minus the CIFAR-10 test error of He et al. 2016 (accuracySource says so).
    std::string top1, top5, accuracySource;
    /// How the model differs from a namesake, where that matters to a reader (empty for most): describe
    /// prints it under the heading, the Architecture panel in its summary.
    std::string note;
};

/// All models, in the zoo's order (by family, then size).
const std::vector<ModelInfo>& modelCatalog();
/// The model's entry, or nullptr.
const ModelInfo* findModel(const std::string& name);
/// "simplecnn, hierarchicalcnn, …" of the whole catalog (trainableOnly: the trainable ones).
std::string knownModelList(bool trainableOnly);

}  // namespace convscope::nn
