#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace convscope::imaging {

class PaletteQuantizer;

/// A minimal animated GIF89a encoder: one local palette per frame, LZW compression, the NETSCAPE2.0 loop
/// extension. Frames are 8-bit RGB; each is quantised to at most 256 colours (exact when the frame has no
/// more than 256 distinct colours, as the convolution diagrams do; otherwise the frequent colours are kept
/// and the rest median-cut, with no dithering: see PaletteQuantizer). Every frame after the first stores only
/// the rectangle that changed since the previous frame (disposal "do not dispose" keeps the rest on screen).
/// Streams to disk; throws std::runtime_error on I/O errors. Destroying an unfinished encoder removes the
/// file.
class GifEncoder {
public:
    /// Opens `path` for writing. width and height in 1..65535. `delayCentiseconds` >= 2.
    GifEncoder(const std::string& path, int width, int height, int delayCentiseconds, bool loop = true);
    ~GifEncoder();
    GifEncoder(const GifEncoder&) = delete;
    GifEncoder& operator=(const GifEncoder&) = delete;

    /// `rgb` holds width * height * 3 bytes, row-major, no padding (std::invalid_argument otherwise).
    void addFrame(const std::vector<std::uint8_t>& rgb);
    /// Writes the trailer and closes the file; std::runtime_error("no frames to write") before any frame.
    /// Calling it again does nothing; addFrame() after it throws std::logic_error.
    void finish();

private:
    void write(const std::vector<std::uint8_t>& bytes);

    std::FILE* m_file = nullptr;
    std::string m_path;
    int m_width = 0;
    int m_height = 0;
    int m_delay = 2;
    bool m_finished = false;
    int m_frames = 0;
    std::vector<std::uint8_t> m_previous;  // the last frame's RGB, to find the rectangle that changed
    std::unique_ptr<PaletteQuantizer> m_quantizer;
    std::vector<std::uint8_t> m_frameBytes;  // one frame's blocks, reused
};

}  // namespace convscope::imaging
