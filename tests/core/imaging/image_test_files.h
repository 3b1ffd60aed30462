#pragma once

// Builders of image files, whole or just their headers, for the loader and header-sniffing tests. Every
// byte is written here from the format specifications, so the tests do not depend on the code they check.

#include <QtGlobal>

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace imagetest {

using Bytes = std::vector<std::uint8_t>;

inline Bytes encode(const std::string& ext, const cv::Mat& image, const std::vector<int>& params = {}) {
    Bytes buffer;
    if (!cv::imencode(ext, image, buffer, params)) qFatal("cannot encode %s", ext.c_str());
    return buffer;
}

inline cv::Mat randomImage(int rows, int cols, int type, double high = 256, unsigned seed = 5) {
    cv::Mat image(rows, cols, type);
    cv::RNG rng(seed);
    rng.fill(image, cv::RNG::UNIFORM, 0, high);
    return image;
}

inline void put16be(Bytes& b, std::uint32_t v) {
    b.insert(b.end(), {std::uint8_t(v >> 8), std::uint8_t(v)});
}
inline void put16le(Bytes& b, std::uint32_t v) {
    b.insert(b.end(), {std::uint8_t(v), std::uint8_t(v >> 8)});
}
inline void put32be(Bytes& b, std::uint32_t v) {
    put16be(b, v >> 16);
    put16be(b, v & 0xFFFF);
}
inline void put32le(Bytes& b, std::uint32_t v) {
    put16le(b, v & 0xFFFF);
    put16le(b, v >> 16);
}
inline void putText(Bytes& b, const std::string& s) {
    b.insert(b.end(), s.begin(), s.end());
}
inline Bytes text(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

// From a literal, embedded NUL bytes included.
template <std::size_t N>
inline Bytes fromLiteral(const char (&s)[N]) {
    return Bytes(s, s + N - 1);
}

// A minimal PNG writer (stored, uncompressed deflate blocks) for what OpenCV cannot write: grey + alpha, and
// headers that claim any size with valid checksums.
inline std::uint32_t crc32(const std::uint8_t* data, std::size_t n) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void pngChunk(Bytes& png, const char* type, const Bytes& data) {
    put32be(png, std::uint32_t(data.size()));
    const std::size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    put32be(png, crc32(png.data() + start, png.size() - start));
}

inline Bytes makePng(std::uint32_t width, std::uint32_t height, std::uint8_t colourType, const Bytes& rows) {
    Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes ihdr;
    put32be(ihdr, width);
    put32be(ihdr, height);
    ihdr.insert(ihdr.end(), {8, colourType, 0, 0, 0});
    pngChunk(png, "IHDR", ihdr);
    Bytes z{0x78, 0x01, 0x01};  // zlib header, one final stored block
    put16le(z, std::uint32_t(rows.size()));
    put16le(z, std::uint32_t(~rows.size() & 0xFFFF));
    z.insert(z.end(), rows.begin(), rows.end());
    std::uint32_t a = 1, b = 0;
    for (std::uint8_t v : rows) {
        a = (a + v) % 65521;
        b = (b + a) % 65521;
    }
    put32be(z, (b << 16) | a);
    pngChunk(png, "IDAT", z);
    pngChunk(png, "IEND", {});
    return png;
}

// SOI, an APP0 segment, a DHT (0xC4, which must not be taken for a frame header), then SOFn.
inline Bytes jpegHeader(std::uint8_t sof, std::uint32_t width, std::uint32_t height, bool fillBytes) {
    Bytes b{0xFF, 0xD8, 0xFF, 0xE0};
    put16be(b, 16);
    putText(b, "JFIF");
    b.insert(b.end(), {0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    b.insert(b.end(), {0xFF, 0xC4});
    put16be(b, 6);
    b.insert(b.end(), {0x00, 0xC0, 0x12, 0x34});  // looks like a SOF0 marker inside the table data
    if (fillBytes) b.insert(b.end(), {0xFF, 0xFF, 0xFF});
    b.insert(b.end(), {0xFF, sof});
    put16be(b, 11);
    b.push_back(8);
    put16be(b, height);
    put16be(b, width);
    b.insert(b.end(), {1, 1, 0x11, 0});
    return b;
}

inline Bytes bmpHeader(std::int32_t width, std::int32_t height, std::uint32_t dibSize = 40) {
    Bytes b{'B', 'M'};
    put32le(b, 54);
    put32le(b, 0);
    put32le(b, 54);
    put32le(b, dibSize);
    if (dibSize == 12) {
        put16le(b, std::uint32_t(width));
        put16le(b, std::uint32_t(height));
    } else {
        put32le(b, std::uint32_t(width));
        put32le(b, std::uint32_t(height));
    }
    b.resize(54, 0);
    return b;
}

// A classic TIFF with one IFD holding two unrelated tags, then width and height of the given type.
inline Bytes tiffHeader(bool bigEndian, std::uint16_t type, std::uint32_t width, std::uint32_t height) {
    Bytes b = text(bigEndian ? "MM" : "II");
    auto p16 = [&](std::uint32_t v) { bigEndian ? put16be(b, v) : put16le(b, v); };
    auto p32 = [&](std::uint32_t v) { bigEndian ? put32be(b, v) : put32le(b, v); };
    p16(42);
    p32(8);
    p16(4);
    auto entry = [&](std::uint16_t tag, std::uint32_t value) {
        p16(tag);
        p16(type);
        p32(1);
        if (type == 3) {
            p16(value);
            p16(0);
        } else {
            p32(value);
        }
    };
    entry(254, 0);
    entry(259, 1);
    entry(256, width);
    entry(257, height);
    p32(0);
    return b;
}

inline Bytes bigTiffHeader(std::uint32_t width, std::uint32_t height) {
    Bytes b{'I', 'I', 43, 0, 8, 0, 0, 0};
    put32le(b, 16);
    put32le(b, 0);  // 64-bit IFD offset 16
    put32le(b, 2);
    put32le(b, 0);  // 64-bit entry count
    for (auto [tag, value] : {std::pair<std::uint32_t, std::uint32_t>{256, width}, {257, height}}) {
        put16le(b, tag);
        put16le(b, 16);  // LONG8
        put32le(b, 1);
        put32le(b, 0);
        put32le(b, value);
        put32le(b, 0);
    }
    return b;
}

// A RIFF/WebP container whose VP8X chunk claims a width x height canvas.
inline Bytes webpVp8x(std::uint32_t width, std::uint32_t height) {
    Bytes b{'R', 'I', 'F', 'F'};
    put32le(b, 22);
    putText(b, "WEBPVP8X");
    put32le(b, 10);
    b.insert(b.end(), {0, 0, 0, 0});
    const std::uint32_t w = width - 1, h = height - 1;
    b.insert(b.end(), {std::uint8_t(w), std::uint8_t(w >> 8), std::uint8_t(w >> 16)});
    b.insert(b.end(), {std::uint8_t(h), std::uint8_t(h >> 8), std::uint8_t(h >> 16)});
    return b;
}

}  // namespace imagetest
