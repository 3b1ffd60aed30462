#include "app/gui/bridge/model_image.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

#include "core/imaging/model_input.h"

namespace convscope::gui::bridge {

namespace {

// The stored images' resolution: photographs for ConvScope's own models are brought to it, like every
// dataset image, and the model's transform then resizes both the same way.
constexpr int kPhotoDatasetSide = 28;

}  // namespace

torch::Tensor photographInput(const cv::Mat& image, const nn::InputTransform& transform, bool imported,
                              QString& description) {
    if (imported && transform.channels == 3) {
        // The central square, area-averaged (or linearly enlarged), in RGB order as torchvision reads images.
        cv::Mat colour = image;
        if (colour.channels() == 1) cv::cvtColor(colour, colour, cv::COLOR_GRAY2BGR);
        const int size = transform.size;
        const int side = std::min(colour.cols, colour.rows);
        const cv::Mat square =
            colour(cv::Rect((colour.cols - side) / 2, (colour.rows - side) / 2, side, side));
        cv::Mat resized, rgb;
        cv::resize(square, resized, cv::Size(size, size), 0, 0,
                   side > size ? cv::INTER_AREA : cv::INTER_LINEAR);
        cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
        description = QStringLiteral("%1×%2 → central %3×%3 → %4×%4 colour")
                          .arg(colour.cols)
                          .arg(colour.rows)
                          .arg(side)
                          .arg(size);
        return torch::from_blob(rgb.data, {size, size, 3}, torch::kUInt8).permute({2, 0, 1}).clone();
    }
    const int size = imported ? transform.size : kPhotoDatasetSide;
    const imaging::ModelInput in = imaging::toModelInput(image, size);
    description = QString::fromStdString(in.description);
    return torch::from_blob(in.pixels.data, {1, size, size}, torch::kUInt8).clone();
}

}  // namespace convscope::gui::bridge
