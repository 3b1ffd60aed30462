#include "core/imaging/model_input.h"

#include <stdexcept>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace convscope::imaging {

ModelInput toModelInput(const cv::Mat& image, int size, InvertMode invert) {
    if (image.empty()) throw std::invalid_argument("there is no image to convert");
    if (size < 1) throw std::invalid_argument("the model input size must be at least 1");
    ModelInput m;
    cv::Mat gray = image;
    std::string text = std::to_string(image.cols) + "×" + std::to_string(image.rows) +
                       (image.channels() == 3 ? " colour → luminance" : " grey");
    if (image.channels() == 3) cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    const int side = std::min(gray.cols, gray.rows);
    if (gray.cols != gray.rows) {
        gray = gray(cv::Rect((gray.cols - side) / 2, (gray.rows - side) / 2, side, side));
        text += " → central " + std::to_string(side) + "×" + std::to_string(side);
    }
    cv::resize(gray, m.pixels, cv::Size(size, size), 0, 0, side > size ? cv::INTER_AREA : cv::INTER_LINEAR);
    text +=
        " → " + std::to_string(size) + "×" + std::to_string(size) + (side > size ? " (area)" : " (linear)");
    bool doInvert = invert == InvertMode::Always;
    if (invert == InvertMode::Automatic) {
        // Compare the outer ring with the centre: a light background means a dark object, unlike the dataset.
        const int ring = std::max(1, size / 7);
        cv::Mat mask(size, size, CV_8U, cv::Scalar(255));
        mask(cv::Rect(ring, ring, size - 2 * ring, size - 2 * ring)).setTo(0);
        const double border = cv::mean(m.pixels, mask)[0];
        const double centre = cv::mean(m.pixels(cv::Rect(ring, ring, size - 2 * ring, size - 2 * ring)))[0];
        doInvert = size > 2 * ring && border > centre;
    }
    if (doInvert) {
        cv::bitwise_not(m.pixels, m.pixels);
        text += " → inverted (Fashion-MNIST: light objects on black)";
    }
    m.inverted = doInvert;
    m.description = text;
    return m;
}

}  // namespace convscope::imaging
