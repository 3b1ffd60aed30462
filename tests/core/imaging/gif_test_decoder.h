#pragma once

// A strict GIF89a reader for the animation tests, written from the GIF89a specification independently of the
// encoder: it walks every block, keeps what the tests check (loop extension, delays, disposal, colour tables,
// LZW code sizes, clear codes) and throws std::runtime_error on anything malformed, including LZW data that
// does not end exactly with the end-of-information code in its last byte.

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace giftest {

struct Image {
    int delayCs = -1;  // from the graphic control extension before the image; -1 when there is none
    int disposal = -1;
    bool transparent = false;
    int x = 0, y = 0, width = 0, height = 0;
    int tableSize = 0;  // local colour table entries; 0 when the image has none
    std::vector<std::uint8_t> palette;
    int minCodeSize = 0;
    int maxCodeSize = 0;  // widest LZW code read
    int clearCodes = 0;   // clear codes read, the leading one included
    std::vector<std::uint8_t> indices;
};

struct File {
    int width = 0, height = 0;
    bool globalTable = false;
    bool loopExtension = false;
    int loopCount = -1;
    std::vector<Image> images;
};

class Reader {
public:
    explicit Reader(const std::vector<std::uint8_t>& bytes) : m_bytes(bytes) {}

    File read() {
        File file;
        if (take(6) != std::vector<std::uint8_t>{'G', 'I', 'F', '8', '9', 'a'}) fail("not a GIF89a header");
        file.width = u16();
        file.height = u16();
        const int packed = u8();
        u8();  // background colour index
        u8();  // pixel aspect ratio
        file.globalTable = (packed & 0x80) != 0;
        if (file.globalTable) take(3 * (2 << (packed & 7)));
        Image pending;
        for (;;) {
            const int introducer = u8();
            if (introducer == 0x3B) break;
            if (introducer == 0x21) {
                readExtension(file, pending);
            } else if (introducer == 0x2C) {
                file.images.push_back(readImage(pending));
                pending = Image{};
            } else {
                fail("unexpected block introducer " + std::to_string(introducer));
            }
        }
        if (m_pos != m_bytes.size()) fail("bytes after the trailer");
        return file;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw std::runtime_error("GIF at byte " + std::to_string(m_pos) + ": " + why);
    }
    int u8() {
        if (m_pos >= m_bytes.size()) fail("unexpected end of file");
        return m_bytes[m_pos++];
    }
    int u16() {
        const int lo = u8();
        return lo | (u8() << 8);
    }
    std::vector<std::uint8_t> take(std::size_t n) {
        if (m_bytes.size() - m_pos < n) fail("unexpected end of file");
        std::vector<std::uint8_t> out(m_bytes.begin() + std::ptrdiff_t(m_pos),
                                      m_bytes.begin() + std::ptrdiff_t(m_pos + n));
        m_pos += n;
        return out;
    }
    std::vector<std::uint8_t> subBlocks() {
        std::vector<std::uint8_t> data;
        for (int size = u8(); size != 0; size = u8()) {
            const auto block = take(std::size_t(size));
            data.insert(data.end(), block.begin(), block.end());
        }
        return data;
    }

    void readExtension(File& file, Image& pending) {
        const int label = u8();
        if (label == 0xF9) {
            if (u8() != 4) fail("graphic control extension of the wrong size");
            const int packed = u8();
            pending.disposal = (packed >> 2) & 7;
            pending.transparent = (packed & 1) != 0;
            pending.delayCs = u16();
            u8();  // transparent colour index
            if (u8() != 0) fail("graphic control extension not terminated");
        } else if (label == 0xFF) {
            const std::vector<std::uint8_t> data = subBlocks();
            const std::string id(data.begin(),
                                 data.begin() + std::min<std::ptrdiff_t>(11, std::ptrdiff_t(data.size())));
            if (id == "NETSCAPE2.0") {
                if (data.size() != 14 || data[11] != 1) fail("malformed NETSCAPE2.0 extension");
                file.loopExtension = true;
                file.loopCount = data[12] | (data[13] << 8);
            }
        } else {
            subBlocks();
        }
    }

    Image readImage(Image image) {
        image.x = u16();
        image.y = u16();
        image.width = u16();
        image.height = u16();
        const int packed = u8();
        if (packed & 0x40) fail("interlaced images are not expected");
        if (packed & 0x80) {
            image.tableSize = 2 << (packed & 7);
            image.palette = take(std::size_t(3 * image.tableSize));
        }
        image.minCodeSize = u8();
        if (image.minCodeSize < 2 || image.minCodeSize > 8) fail("LZW minimum code size out of range");
        decodeLzw(subBlocks(), image);
        if (image.indices.size() != std::size_t(image.width) * std::size_t(image.height)) {
            fail("LZW data holds " + std::to_string(image.indices.size()) + " pixels, the image " +
                 std::to_string(image.width * image.height));
        }
        return image;
    }

    void decodeLzw(const std::vector<std::uint8_t>& data, Image& image) {
        const int clearCode = 1 << image.minCodeSize;
        const int endCode = clearCode + 1;
        std::vector<int> prefix(4096, -1);
        std::vector<std::uint8_t> suffix(4096), first(4096);
        for (int c = 0; c < clearCode; ++c) suffix[std::size_t(c)] = first[std::size_t(c)] = std::uint8_t(c);
        int codeSize = image.minCodeSize + 1;
        int next = endCode + 1;
        int previous = -1;
        std::size_t bit = 0;
        std::vector<std::uint8_t> string;
        const auto readCode = [&] {
            if (bit + std::size_t(codeSize) > data.size() * 8) fail("LZW data ends without an end code");
            int code = 0;
            for (int i = 0; i < codeSize; ++i, ++bit) code |= ((data[bit / 8] >> (bit % 8)) & 1) << i;
            image.maxCodeSize = std::max(image.maxCodeSize, codeSize);
            return code;
        };
        const auto emit = [&](int code) {
            string.clear();
            for (int c = code; c >= 0; c = prefix[std::size_t(c)]) string.push_back(suffix[std::size_t(c)]);
            image.indices.insert(image.indices.end(), string.rbegin(), string.rend());
        };
        if (readCode() != clearCode) fail("LZW data does not start with a clear code");
        image.clearCodes = 1;
        for (;;) {
            const int code = readCode();
            if (code == clearCode) {
                ++image.clearCodes;
                codeSize = image.minCodeSize + 1;
                next = endCode + 1;
                previous = -1;
                continue;
            }
            if (code == endCode) break;
            if (previous < 0) {
                if (code >= clearCode) fail("first code after a clear is not a colour index");
                emit(code);
                previous = code;
                continue;
            }
            if (code > next || (code == next && next >= 4096))
                fail("LZW code " + std::to_string(code) + " unknown");
            const std::uint8_t head = code == next ? first[std::size_t(previous)] : first[std::size_t(code)];
            if (next < 4096) {
                prefix[std::size_t(next)] = previous;
                suffix[std::size_t(next)] = head;
                first[std::size_t(next)] = first[std::size_t(previous)];
                ++next;
            }
            emit(code);
            if (next == (1 << codeSize) && codeSize < 12) ++codeSize;
            previous = code;
        }
        if ((bit + 7) / 8 != data.size()) fail("LZW data continues after the end code");
        for (std::uint8_t index : image.indices) {
            if (image.tableSize > 0 && index >= image.tableSize) fail("pixel index outside the colour table");
        }
    }

    const std::vector<std::uint8_t>& m_bytes;
    std::size_t m_pos = 0;
};

/// Draws an image over `canvas` (RGB, the logical screen's size) as disposal 1, "do not dispose", shows it.
inline void draw(const File& file, const Image& image, std::vector<std::uint8_t>& canvas) {
    if (image.x + image.width > file.width || image.y + image.height > file.height) {
        throw std::runtime_error("GIF image outside the logical screen");
    }
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const std::size_t index = image.indices[std::size_t(y * image.width + x)];
            const std::size_t at =
                (std::size_t(image.y + y) * std::size_t(file.width) + std::size_t(image.x + x)) * 3;
            for (std::size_t c = 0; c < 3; ++c) canvas[at + c] = image.palette[3 * index + c];
        }
    }
}

/// Every frame as shown, RGB bytes.
inline std::vector<std::vector<std::uint8_t>> composite(const File& file) {
    std::vector<std::vector<std::uint8_t>> frames;
    std::vector<std::uint8_t> canvas(std::size_t(file.width) * std::size_t(file.height) * 3, 0);
    for (const Image& image : file.images) {
        draw(file, image, canvas);
        frames.push_back(canvas);
    }
    return frames;
}

/// The last frame as shown, RGB bytes.
inline std::vector<std::uint8_t> lastFrame(const File& file) {
    std::vector<std::uint8_t> canvas(std::size_t(file.width) * std::size_t(file.height) * 3, 0);
    for (const Image& image : file.images) draw(file, image, canvas);
    return canvas;
}

}  // namespace giftest
