#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace convscope::imaging {

/// Limits checked before any pixel is decoded, so a file that claims huge dimensions (a decompression
/// bomb) is refused without allocating.
struct ImageLimits {
    std::uint64_t maxPixels = 100'000'000;  ///< 100 megapixels
    int maxSide = 32768;
    std::uint64_t maxFileBytes = 512ull << 20;  ///< 512 MiB
};

/// Every failure to load an image: the message is one sentence a user can act on.
class ImageLoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LoadedImage {
    cv::Mat pixels;      ///< CV_8UC1 (grey sources) or CV_8UC3 in BGR order; alpha dropped, 16 bit scaled
    std::string format;  ///< "PNG", "JPEG", "BMP", "TIFF", "WebP", "PNM", ...
    int sourceChannels = 0;
    int sourceBitDepth = 0;
};

/// Reads, checks and decodes an image file. Throws ImageLoadError for unreadable paths, empty, truncated,
/// corrupt or non-image files, unsupported formats and images beyond `limits`. Any thread.
LoadedImage loadImage(const std::string& path, const ImageLimits& limits = {});

/// Same as loadImage on bytes already in memory; `name` only appears in messages.
LoadedImage decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                        const ImageLimits& limits = {});

/// Writes an image; the format follows the extension. A .tif/.tiff file keeps 32-bit float values as they
/// are; other formats need 8-bit data. Throws std::runtime_error with a clear message on failure.
void saveImage(const std::string& path, const cv::Mat& image);

/// File-name filter of the formats loadImage can read, e.g. "*.png *.jpg ...".
std::vector<std::string> supportedExtensions();

}  // namespace convscope::imaging
