#include "core/imaging/pixel_inspection.h"

#include <stdexcept>
#include <string>

#include <opencv2/imgproc.hpp>

namespace convscope::imaging {

namespace {

// Where position p (possibly outside 0..len-1) reads from under the border rule; -1 for the zero border.
// Reflect101 mirrors about the edge pixels, repeatedly when the kernel reaches farther than the image is
// long (the extension is periodic with period 2(len-1)); a side of length 1 repeats its single pixel. This
// is OpenCV's definition (cv::borderInterpolate), which filterImage follows.
int sourceIndex(int p, int len, BorderMode border) {
    if (p >= 0 && p < len) return p;
    switch (border) {
        case BorderMode::Zero:
            return -1;
        case BorderMode::Replicate:
            return p < 0 ? 0 : len - 1;
        case BorderMode::Wrap:
            return ((p % len) + len) % len;
        case BorderMode::Reflect101:
        default: {
            if (len == 1) return 0;
            const int period = 2 * (len - 1);
            const int q = ((p % period) + period) % period;
            return q < len ? q : period - q;
        }
    }
}

}  // namespace

PixelInspection inspectPixel(const cv::Mat& src, const common::Kernel& kernel, const FilterOptions& options,
                             int x, int y, int channel) {
    if (src.empty() || (src.type() != CV_8UC1 && src.type() != CV_8UC3)) {
        throw std::invalid_argument("pixel inspection needs an 8-bit grey or 8-bit BGR image");
    }
    cv::Mat image = src;
    if (options.grayscale && src.channels() == 3) cv::cvtColor(src, image, cv::COLOR_BGR2GRAY);
    if (x < 0 || x >= image.cols || y < 0 || y >= image.rows) {
        throw std::out_of_range("pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                                ") is outside the " + std::to_string(image.cols) + "x" +
                                std::to_string(image.rows) + " result");
    }
    if (channel < 0 || channel >= image.channels()) {
        throw std::out_of_range("channel " + std::to_string(channel) + " does not exist in a " +
                                std::to_string(image.channels()) + "-channel result");
    }

    // Convolution multiplies the flipped kernel, whose anchor is the mirror of the original one.
    const bool convolve = options.mode == CorrelationMode::Convolve;
    const common::Kernel applied = convolve ? kernel.flipped() : kernel;
    const int anchorRow = convolve ? kernel.rows() - 1 - kernel.anchorRow() : kernel.anchorRow();
    const int anchorCol = convolve ? kernel.cols() - 1 - kernel.anchorCol() : kernel.anchorCol();

    PixelInspection result;
    result.x = x;
    result.y = y;
    result.channel = channel;
    result.rows = applied.rows();
    result.cols = applied.cols();
    const size_t count = static_cast<size_t>(result.rows) * static_cast<size_t>(result.cols);
    result.inputs.reserve(count);
    result.sourceX.reserve(count);
    result.sourceY.reserve(count);
    result.outside.reserve(count);
    result.weights.reserve(count);
    result.products.reserve(count);
    const int cn = image.channels();
    for (int i = 0; i < result.rows; ++i) {
        for (int j = 0; j < result.cols; ++j) {
            const int py = y + i - anchorRow;
            const int px = x + j - anchorCol;
            const bool outside = px < 0 || px >= image.cols || py < 0 || py >= image.rows;
            int sy = sourceIndex(py, image.rows, options.border);
            int sx = sourceIndex(px, image.cols, options.border);
            if (sx < 0 || sy < 0) sx = sy = -1;
            const double input = sx < 0 ? 0.0 : static_cast<double>(image.ptr<uchar>(sy)[sx * cn + channel]);
            const double weight = applied.at(i, j);
            result.inputs.push_back(input);
            result.sourceX.push_back(sx);
            result.sourceY.push_back(sy);
            result.outside.push_back(outside);
            result.weights.push_back(weight);
            result.products.push_back(input * weight);
            result.sum += input * weight;
        }
    }
    return result;
}

}  // namespace convscope::imaging
