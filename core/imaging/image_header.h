#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace convscope::imaging {

/// What an image file says about itself before any pixel is decoded.
struct ImageHeader {
    std::string format;  ///< "PNG", "JPEG", "BMP", "TIFF", "WebP", "PNM", "GIF", ...
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    bool dimensionsKnown = false;  ///< false when the format was recognised but its size could not be read
    bool decodable = true;         ///< false for formats OpenCV cannot decode here (e.g. GIF)
    /// Samples per pixel as stored, where the header states it unambiguously (PNG: 1 grey, 2 grey + alpha,
    /// 3 colour, 4 colour + alpha); 0 when unknown. Decoders may expand grey + alpha to four channels.
    int channels = 0;
};

/// Recognises the format from its magic bytes and reads the dimensions from the header without decoding.
/// Returns nullopt for data that is no known image format. Never reads past `size`.
std::optional<ImageHeader> sniffImageHeader(const std::uint8_t* data, std::size_t size);

/// For JPEG: true when an end-of-image marker follows the last start-of-scan, i.e. the file is not
/// truncated. For PNG: true when the chunk list reaches its IEND chunk. Other formats: true.
bool looksComplete(const ImageHeader& header, const std::uint8_t* data, std::size_t size);

}  // namespace convscope::imaging
