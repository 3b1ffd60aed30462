#include "core/imaging/dataset_image_decoder.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace convscope::imaging {

namespace {

// Resizes (or copies) `src` into `dst`, which already wraps the caller's bytes at size × size: cv::resize and
// copyTo keep a destination of the right size and type, so nothing is allocated for it.
void fit(const cv::Mat& src, cv::Mat& dst, int size) {
    if (src.cols == size && src.rows == size) {
        src.copyTo(dst);
        return;
    }
    const bool shrinks = size <= src.cols && size <= src.rows;
    cv::resize(src, dst, cv::Size(size, size), 0, 0, shrinks ? cv::INTER_AREA : cv::INTER_LINEAR);
}

}  // namespace

bool decodeDatasetImage(const std::string& path, int size, int channels, std::uint8_t* out,
                        std::string& error, const ImageLimits& limits) {
    if (size < 1 || (channels != 1 && channels != 3)) {
        error = "images are decoded to 1 (grey) or 3 (colour) channels at a size of at least 1";
        return false;
    }
    try {
        const LoadedImage image = loadImage(path, limits);
        const std::size_t plane = std::size_t(size) * std::size_t(size);
        if (channels == 1) {
            cv::Mat grey = image.pixels;
            if (grey.channels() == 3) cv::cvtColor(image.pixels, grey, cv::COLOR_BGR2GRAY);
            cv::Mat dst(size, size, CV_8UC1, out);
            fit(grey, dst, size);
            return true;
        }
        cv::Mat resized = image.pixels;
        if (resized.cols != size || resized.rows != size) {
            resized.create(size, size, image.pixels.type());
            fit(image.pixels, resized, size);
        }
        if (resized.channels() == 1) {
            for (int c = 0; c < 3; ++c) {
                cv::Mat dst(size, size, CV_8UC1, out + std::size_t(c) * plane);
                resized.copyTo(dst);
            }
            return true;
        }
        // BGR → the R, G and B planes, split straight into the caller's bytes.
        cv::Mat planes[3] = {cv::Mat(size, size, CV_8UC1, out + 2 * plane),
                             cv::Mat(size, size, CV_8UC1, out + plane), cv::Mat(size, size, CV_8UC1, out)};
        cv::split(resized, planes);
        return true;
    } catch (const ImageLoadError& e) {
        error = e.what();
    } catch (const cv::Exception& e) {
        error = path + " could not be converted: " + e.err;
    } catch (const std::exception& e) {
        error = path + " could not be read: " + e.what();
    }
    return false;
}

}  // namespace convscope::imaging
