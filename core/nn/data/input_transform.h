#pragma once

#include <vector>

namespace convscope::nn {

/// How stored 28x28 bytes become a network's input: scaled to 0 … 1, optionally augmented, resized, and
/// normalised with the training set's mean and standard deviation. (No LibTorch here: the GUI's forms use
/// it.)
struct InputTransform {
    int size = 28;         ///< 28, 56, 112 or 224 (the seed trains at 224)
    bool augment = false;  ///< random crop (zero padding of size/7, 4 px at 28) and random horizontal flip
    double mean = 0.2860;  ///< Fashion-MNIST's training pixels, computed over all 60,000 images
    double stdev = 0.3530;
    /// Per-channel normalisation (an imported model's, e.g. ImageNet's); empty: `mean` and `stdev` for every
    /// channel. Otherwise one value per input channel.
    std::vector<double> channelMean, channelStd;
    /// The channels the model takes when they differ from the stored images': grey images are repeated
    /// into every channel, colour images averaged into one. 0: as stored.
    int channels = 0;
};

/// The same transform without augmentation: how test images, feature maps and attributions are prepared.
inline InputTransform evaluationTransform(InputTransform t) {
    t.augment = false;
    return t;
}

}  // namespace convscope::nn
