#pragma once

#include <string>

#include <opencv2/core/mat.hpp>

namespace convscope::imaging {

enum class InvertMode { Automatic, Never, Always };

/// A photograph as a Fashion-MNIST-like model input, each step stated in `description`: its luminance
/// (BT.601), the central square crop, area-averaged down (or linearly up) to size x size, and inverted when
/// the dataset's convention asks for it (light garments on a dark background: Automatic inverts images whose
/// border is brighter than their centre, i.e. a light background).
struct ModelInput {
    cv::Mat pixels;  ///< CV_8UC1, size x size
    bool inverted = false;
    std::string description;  ///< "868×600 colour → luminance → central 600×600 → 28×28 (area) → inverted"
};

/// Throws std::invalid_argument for an empty image or a size below 1.
ModelInput toModelInput(const cv::Mat& image, int size, InvertMode invert = InvertMode::Automatic);

}  // namespace convscope::imaging
