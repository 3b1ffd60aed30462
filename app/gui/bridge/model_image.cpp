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

QImage datasetPicture(const torch::Tensor& image) {
    if (image.dim() != 3 || image.numel() == 0) return {};
    const torch::Tensor img = image.to(torch::kUInt8).contiguous();
    const int channels = int(img.size(0)), h = int(img.size(1)), w = int(img.size(2));
    const std::uint8_t* px = img.data_ptr<std::uint8_t>();
    const std::ptrdiff_t plane = std::ptrdiff_t(h) * w;
    QImage q(w, h, channels >= 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        uchar* line = q.scanLine(y);
        const std::ptrdiff_t row = std::ptrdiff_t(y) * w;
        if (channels >= 3) {
            for (int x = 0; x < w; ++x)
                for (int c = 0; c < 3; ++c) line[3 * x + c] = px[c * plane + row + x];
        } else {
            std::copy_n(px + row, w, line);
        }
    }
    return q;
}

}  // namespace convscope::gui::bridge
