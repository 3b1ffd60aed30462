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
    /// CV_8UC1 (grey sources) or CV_8UC3 in BGR order. Alpha is composited over white (what a viewer shows
    /// on a white page; dropping it would expose the arbitrary colours under transparent pixels), 16-bit
    /// samples are divided by 257 and rounded, float samples are taken as 0..255 values and clamped.
    cv::Mat pixels;
    std::string format;      ///< "PNG", "JPEG", "BMP", "TIFF", "WebP", "PNM", ...
    int sourceChannels = 0;  ///< channels as stored in the file (2 = grey + alpha, 4 = colour + alpha)
    int sourceBitDepth = 0;  ///< bits per sample as stored (1-bit PNM reads as 8)
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

/// Lower-case file extensions, without the dot, of the formats loadImage reads and saveImage writes:
/// png jpg jpeg jpe bmp dib tif tiff webp pbm pgm ppm pnm.
std::vector<std::string> supportedExtensions();

/// Sets OPENCV_IO_MAX_IMAGE_PIXELS / _WIDTH / _HEIGHT to `limits` where they are not already set, as a
/// backstop behind loadImage's own header checks. Call it first thing in main(), before any decode.
/// Caveat: OpenCV 4.x reads these variables once, in static initialisers of libopencv_imgcodecs, i.e.
/// when the library is loaded. A process that links OpenCV has therefore already read them when main()
/// runs, and the variables only reach OpenCV in child processes (or when they were set before launch).
/// The real protection is the header check in loadImage, which runs before anything is decoded.
void installDecoderLimits(const ImageLimits& limits);

}  // namespace convscope::imaging
