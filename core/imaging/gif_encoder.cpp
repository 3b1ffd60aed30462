#include "core/imaging/gif_encoder.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/imaging/gif_lzw.h"
#include "core/imaging/palette_quantizer.h"

namespace convscope::imaging {

namespace {

constexpr int kMaxDimension = 65535;

void put16(std::vector<std::uint8_t>& out, int value) {
    out.push_back(std::uint8_t(value & 0xFF));
    out.push_back(std::uint8_t((value >> 8) & 0xFF));
}

struct Rect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// The smallest rectangle holding every pixel that differs between two frames; 1x1 at the origin when none
// does (a GIF image needs at least one pixel).
Rect changedRect(const std::vector<std::uint8_t>& before, const std::vector<std::uint8_t>& after, int width,
                 int height) {
    const std::size_t rowBytes = std::size_t(width) * 3;
    int top = 0;
    while (top < height && std::memcmp(&before[top * rowBytes], &after[top * rowBytes], rowBytes) == 0) ++top;
    if (top == height) return Rect{0, 0, 1, 1};
    int bottom = height - 1;
    while (std::memcmp(&before[bottom * rowBytes], &after[bottom * rowBytes], rowBytes) == 0) --bottom;
    int left = width;
    int right = -1;
    for (int y = top; y <= bottom; ++y) {
        const std::uint8_t* a = &before[y * rowBytes];
        const std::uint8_t* b = &after[y * rowBytes];
        int x = 0;
        while (x < left && std::memcmp(a + 3 * x, b + 3 * x, 3) == 0) ++x;
        left = std::min(left, x);
        x = width - 1;
        while (x > right && std::memcmp(a + 3 * x, b + 3 * x, 3) == 0) --x;
        right = std::max(right, x);
    }
    return Rect{left, top, right - left + 1, bottom - top + 1};
}

// Colour table entries for `colours` colours: the next power of two, at least 2; returns log2 of it.
int colourTableBits(std::size_t colours) {
    int bits = 1;
    while ((std::size_t(1) << bits) < colours) ++bits;
    return bits;
}

}  // namespace

GifEncoder::GifEncoder(const std::string& path, int width, int height, int delayCentiseconds, bool loop)
    : m_path(path),
      m_width(width),
      m_height(height),
      m_delay(delayCentiseconds),
      m_quantizer(std::make_unique<PaletteQuantizer>()) {
    if (width < 1 || width > kMaxDimension || height < 1 || height > kMaxDimension) {
        throw std::invalid_argument("a GIF image must be 1 to 65535 pixels wide and high, not " +
                                    std::to_string(width) + "x" + std::to_string(height));
    }
    if (delayCentiseconds < 2 || delayCentiseconds > 65535) {
        throw std::invalid_argument("GIF frame delay must be 2 to 65535 centiseconds, not " +
                                    std::to_string(delayCentiseconds));
    }
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) {
        throw std::runtime_error("cannot create the GIF file '" + path + "': " + std::strerror(errno));
    }
    std::vector<std::uint8_t> header{'G', 'I', 'F', '8', '9', 'a'};
    // Logical screen descriptor: no global colour table (every frame has its own), 8 bits per primary.
    put16(header, width);
    put16(header, height);
    header.insert(header.end(), {0x70, 0, 0});
    if (loop) {
        const char* app = "NETSCAPE2.0";
        header.insert(header.end(), {0x21, 0xFF, 11});
        header.insert(header.end(), app, app + 11);
        header.insert(header.end(), {3, 1});
        put16(header, 0);  // loop count 0: forever
        header.push_back(0);
    }
    try {
        write(header);
    } catch (...) {
        // The destructor does not run for an object whose constructor throws.
        std::fclose(m_file);
        std::remove(path.c_str());
        throw;
    }
}

GifEncoder::~GifEncoder() {
    if (m_file) {
        std::fclose(m_file);
        std::remove(m_path.c_str());
    }
}

void GifEncoder::addFrame(const std::vector<std::uint8_t>& rgb) {
    if (m_finished) throw std::logic_error("GifEncoder::addFrame called after finish() for '" + m_path + "'");
    const std::size_t expected = std::size_t(m_width) * std::size_t(m_height) * 3;
    if (rgb.size() != expected) {
        throw std::invalid_argument("GIF frame of " + std::to_string(rgb.size()) + " bytes, expected " +
                                    std::to_string(expected) + " (" + std::to_string(m_width) + "x" +
                                    std::to_string(m_height) + " RGB)");
    }
    const Rect rect =
        m_previous.empty() ? Rect{0, 0, m_width, m_height} : changedRect(m_previous, rgb, m_width, m_height);
    const IndexedImage& image = m_quantizer->quantize(&rgb[(std::size_t(rect.y) * m_width + rect.x) * 3],
                                                      rect.width, rect.height, m_width * 3);
    const std::size_t colours = image.paletteRgb.size() / 3;
    const int tableBits = colourTableBits(colours);

    std::vector<std::uint8_t>& out = m_frameBytes;
    out.clear();
    // Graphic control extension: disposal 1 ("do not dispose"), no user input, no transparency.
    out.insert(out.end(), {0x21, 0xF9, 4, 1 << 2});
    put16(out, m_delay);
    out.insert(out.end(), {0, 0});
    // Image descriptor with a local colour table, not interlaced.
    out.push_back(0x2C);
    put16(out, rect.x);
    put16(out, rect.y);
    put16(out, rect.width);
    put16(out, rect.height);
    out.push_back(std::uint8_t(0x80 | (tableBits - 1)));
    out.insert(out.end(), image.paletteRgb.begin(), image.paletteRgb.end());
    out.resize(out.size() + ((std::size_t(1) << tableBits) - colours) * 3, 0);
    appendGifLzwData(image.indices, std::max(2, tableBits), out);
    write(out);
    m_previous.assign(rgb.begin(), rgb.end());
    ++m_frames;
}

void GifEncoder::finish() {
    if (m_finished) return;
    if (m_frames == 0) throw std::runtime_error("no frames to write to '" + m_path + "'");
    write({0x3B});
    std::FILE* file = m_file;
    m_file = nullptr;
    if (std::fclose(file) != 0) {
        const int error = errno;
        std::remove(m_path.c_str());
        throw std::runtime_error("cannot finish the GIF file '" + m_path + "': " + std::strerror(error));
    }
    m_finished = true;
    m_previous = {};
}

void GifEncoder::write(const std::vector<std::uint8_t>& bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) {
        throw std::runtime_error("cannot write to the GIF file '" + m_path + "': " + std::strerror(errno));
    }
}

}  // namespace convscope::imaging
