#include "core/imaging/image_header.h"

#include <algorithm>
#include <cstring>

namespace convscope::imaging {

namespace {

// Every read goes through these helpers, which check the bounds first: the bytes come from untrusted files.
bool has(std::size_t size, std::size_t offset, std::size_t count) {
    return offset <= size && count <= size - offset;
}

std::uint32_t u16le(const std::uint8_t* p) {
    return p[0] | (p[1] << 8);
}
std::uint32_t u16be(const std::uint8_t* p) {
    return (p[0] << 8) | p[1];
}
std::uint32_t u32le(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
}
std::uint32_t u32be(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}
std::uint64_t u64le(const std::uint8_t* p) {
    return u32le(p) | (std::uint64_t(u32le(p + 4)) << 32);
}
std::uint64_t u64be(const std::uint8_t* p) {
    return (std::uint64_t(u32be(p)) << 32) | u32be(p + 4);
}

bool startsWith(const std::uint8_t* data, std::size_t size, const char* magic, std::size_t length) {
    return size >= length && std::memcmp(data, magic, length) == 0;
}

ImageHeader recognised(const char* format) {
    ImageHeader header;
    header.format = format;
    return header;
}

void setSize(ImageHeader& header, std::uint64_t width, std::uint64_t height) {
    header.width = width;
    header.height = height;
    header.dimensionsKnown = true;
}

// PNG: the IHDR chunk must come first and holds width and height as big-endian 32-bit numbers.
ImageHeader sniffPng(const std::uint8_t* data, std::size_t size) {
    ImageHeader header = recognised("PNG");
    if (has(size, 8, 16) && std::memcmp(data + 12, "IHDR", 4) == 0) {
        setSize(header, u32be(data + 16), u32be(data + 20));
        if (has(size, 25, 1)) {
            // Colour type: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA; 3 (palette) leaves the count open.
            switch (data[25]) {
                case 0:
                    header.channels = 1;
                    break;
                case 2:
                    header.channels = 3;
                    break;
                case 4:
                    header.channels = 2;
                    break;
                case 6:
                    header.channels = 4;
                    break;
                default:
                    break;
            }
        }
    }
    return header;
}

bool isJpegSof(std::uint8_t marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isStandaloneJpegMarker(std::uint8_t marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);  // TEM, RST0..7: no length field
}

// JPEG: walks the marker segments up to the first start-of-frame. Each step advances by at least one
// byte, so the walk ends after at most `size` steps whatever the file contains.
ImageHeader sniffJpeg(const std::uint8_t* data, std::size_t size) {
    ImageHeader header = recognised("JPEG");
    std::size_t pos = 2;
    while (pos < size) {
        // Like libjpeg, skip stray bytes before a marker and any 0xFF fill bytes.
        while (pos < size && data[pos] != 0xFF) ++pos;
        while (pos < size && data[pos] == 0xFF) ++pos;
        if (pos >= size) break;
        const std::uint8_t marker = data[pos++];
        if (marker == 0x00 || isStandaloneJpegMarker(marker)) continue;
        if (marker == 0xD9 || marker == 0xDA) break;  // end of image or scan data before any frame header
        if (!has(size, pos, 2)) break;
        const std::size_t length = u16be(data + pos);
        if (length < 2) break;
        if (isJpegSof(marker)) {
            // Segment: length(2) precision(1) height(2) width(2) ...
            if (length >= 7 && has(size, pos, 7))
                setSize(header, u16be(data + pos + 5), u16be(data + pos + 3));
            break;
        }
        pos += length;
    }
    return header;
}

bool isBmpHeaderSize(std::uint32_t dibSize) {
    for (std::uint32_t known : {12u, 16u, 40u, 52u, 56u, 64u, 108u, 124u}) {
        if (dibSize == known) return true;
    }
    return false;
}

// BMP: a 14-byte file header followed by the DIB header, whose size tells its layout. "BM" alone is too
// common a start for text, so a known DIB header size is part of the signature.
std::optional<ImageHeader> sniffBmp(const std::uint8_t* data, std::size_t size) {
    if (!has(size, 14, 4) || !isBmpHeaderSize(u32le(data + 14))) return std::nullopt;
    ImageHeader header = recognised("BMP");
    const std::uint32_t dibSize = u32le(data + 14);
    if (dibSize == 12 && has(size, 18, 4)) {  // OS/2 BITMAPCOREHEADER: unsigned 16-bit sides
        setSize(header, u16le(data + 18), u16le(data + 20));
    } else if (dibSize >= 16 && has(size, 18, 8)) {  // BITMAPINFOHEADER and its successors
        const auto width = static_cast<std::int32_t>(u32le(data + 18));
        const auto height = static_cast<std::int32_t>(u32le(data + 22));
        // A negative height means rows are stored top-down; a negative width is never valid.
        if (width >= 0) {
            const std::int64_t h = height;
            setSize(header, static_cast<std::uint64_t>(width), static_cast<std::uint64_t>(h < 0 ? -h : h));
        }
    }
    return header;
}

// TIFF and BigTIFF: reads tags 256 (ImageWidth) and 257 (ImageLength) from the first IFD.
ImageHeader sniffTiff(const std::uint8_t* data, std::size_t size, bool bigTiff) {
    ImageHeader header = recognised("TIFF");
    const bool little = data[0] == 'I';
    auto read16 = [&](std::size_t at) { return little ? u16le(data + at) : u16be(data + at); };
    auto read32 = [&](std::size_t at) { return little ? u32le(data + at) : u32be(data + at); };
    auto read64 = [&](std::size_t at) { return little ? u64le(data + at) : u64be(data + at); };

    std::uint64_t ifd = 0;
    std::uint64_t count = 0;
    std::size_t entrySize = 12;
    std::size_t countSize = 2;
    if (bigTiff) {
        if (!has(size, 4, 12) || read16(4) != 8) return header;  // offset size must be 8
        ifd = read64(8);
        entrySize = 20;
        countSize = 8;
    } else {
        if (!has(size, 4, 4)) return header;
        ifd = read32(4);
    }
    if (ifd >= size || !has(size, static_cast<std::size_t>(ifd), countSize)) return header;
    const auto start = static_cast<std::size_t>(ifd);
    count = bigTiff ? read64(start) : read16(start);
    // Never trust the entry count: stop at the end of the data.
    const std::uint64_t available = (size - start - countSize) / entrySize;
    count = std::min(count, available);

    bool haveWidth = false;
    bool haveHeight = false;
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t entry = start + countSize + static_cast<std::size_t>(i) * entrySize;
        const std::uint32_t tag = read16(entry);
        if (tag != 256 && tag != 257) continue;
        // libtiff takes the first entry of a tag and ignores later duplicates, whatever their type, so the
        // limits must judge that same entry: skipping a first entry of another integer type and reading a
        // small duplicate let a 4 x 4 header decode as 40 x 4 (found with tests/fuzz/fuzz_image_loader's
        // size check). A type libtiff reads as a size but this cannot (a LONG8 stored outside a classic
        // TIFF's entry) or a negative size leaves the size unknown, and the file is refused.
        bool& seen = tag == 256 ? haveWidth : haveHeight;
        if (seen) continue;
        seen = true;
        const std::uint32_t type = read16(entry + 2);
        const std::size_t valueAt = entry + (bigTiff ? 12 : 8);
        std::int64_t value = -1;
        switch (type) {
            case 1:  // BYTE, SBYTE: left-justified in the value field
            case 6:
                value = type == 1 ? data[valueAt] : static_cast<std::int8_t>(data[valueAt]);
                break;
            case 3:  // SHORT, SSHORT
            case 8:
                value =
                    type == 3 ? std::int64_t(read16(valueAt)) : static_cast<std::int16_t>(read16(valueAt));
                break;
            case 4:  // LONG, SLONG
            case 9:
                value =
                    type == 4 ? std::int64_t(read32(valueAt)) : static_cast<std::int32_t>(read32(valueAt));
                break;
            case 16:  // LONG8, SLONG8: in the entry only in BigTIFF (beyond 2^63: negative or refused anyway)
            case 17:
                if (bigTiff && read64(valueAt) <= std::uint64_t(INT64_MAX))
                    value = static_cast<std::int64_t>(read64(valueAt));
                break;
            default:
                break;
        }
        if (value < 0) return header;
        (tag == 256 ? width : height) = static_cast<std::uint64_t>(value);
        if (haveWidth && haveHeight) break;
    }
    if (haveWidth && haveHeight) setSize(header, width, height);
    return header;
}

// PNM: "P1".."P6", then whitespace-separated ASCII width and height; '#' starts a comment to end of line.
ImageHeader sniffPnm(const std::uint8_t* data, std::size_t size) {
    ImageHeader header = recognised("PNM");
    std::size_t pos = 2;
    std::uint64_t numbers[2] = {0, 0};
    for (std::uint64_t& number : numbers) {
        for (;;) {
            while (pos < size && std::strchr(" \t\r\n\v\f", data[pos]) && data[pos] != 0) ++pos;
            if (pos < size && data[pos] == '#') {
                while (pos < size && data[pos] != '\n' && data[pos] != '\r') ++pos;
                continue;
            }
            break;
        }
        if (pos >= size || data[pos] < '0' || data[pos] > '9') return header;
        while (pos < size && data[pos] >= '0' && data[pos] <= '9') {
            // Saturate rather than overflow: anything this large is refused by the limits anyway.
            number = std::min<std::uint64_t>(number * 10 + (data[pos] - '0'), 1'000'000'000'000ull);
            ++pos;
        }
    }
    setSize(header, numbers[0], numbers[1]);
    return header;
}

// WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended).
ImageHeader sniffWebp(const std::uint8_t* data, std::size_t size) {
    ImageHeader header = recognised("WebP");
    if (!has(size, 12, 8)) return header;
    const std::uint8_t* chunk = data + 12;
    if (std::memcmp(chunk, "VP8 ", 4) == 0) {
        // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
        if (has(size, 20, 10) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A) {
            setSize(header, u16le(data + 26) & 0x3FFF, u16le(data + 28) & 0x3FFF);
        }
    } else if (std::memcmp(chunk, "VP8L", 4) == 0) {
        // Signature byte 0x2F, then width-1 and height-1 in 14 bits each.
        if (has(size, 20, 5) && data[20] == 0x2F) {
            const std::uint32_t bits = u32le(data + 21);
            setSize(header, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
    } else if (std::memcmp(chunk, "VP8X", 4) == 0) {
        // Flags and reserved bytes (4), then canvas width-1 and height-1 in 24 bits each.
        if (has(size, 20, 10)) {
            const std::uint32_t width = data[24] | (data[25] << 8) | (data[26] << 16);
            const std::uint32_t height = data[27] | (data[28] << 8) | (data[29] << 16);
            setSize(header, std::uint64_t(width) + 1, std::uint64_t(height) + 1);
        }
    }
    return header;
}

ImageHeader sniffGif(const std::uint8_t* data, std::size_t size) {
    ImageHeader header = recognised("GIF");
    header.decodable = false;  // this OpenCV build has no GIF decoder
    if (has(size, 6, 4)) setSize(header, u16le(data + 6), u16le(data + 8));
    return header;
}

// Scans a JPEG for its end-of-image marker: marker segments are skipped by their length, entropy-coded
// data byte by byte (inside it a 0xFF data byte is always followed by 0x00, so a marker cannot hide there).
bool jpegHasEndAfterScan(const std::uint8_t* data, std::size_t size) {
    std::size_t pos = 2;
    bool inScan = false;
    while (pos < size) {
        if (data[pos] != 0xFF) {
            ++pos;
            continue;
        }
        while (pos < size && data[pos] == 0xFF) ++pos;
        if (pos >= size) return false;
        const std::uint8_t marker = data[pos++];
        if (marker == 0x00 || isStandaloneJpegMarker(marker)) continue;
        if (marker == 0xD9) return inScan;
        if (!has(size, pos, 2)) return false;
        const std::size_t length = u16be(data + pos);
        if (length < 2) return false;
        pos += length;
        if (marker == 0xDA) inScan = true;
    }
    return false;
}

// Walks the PNG chunk list to IEND. Each chunk moves forward by at least 12 bytes.
bool pngHasEnd(const std::uint8_t* data, std::size_t size) {
    std::size_t pos = 8;
    while (has(size, pos, 12)) {
        const std::uint64_t length = u32be(data + pos);
        if (std::memcmp(data + pos + 4, "IEND", 4) == 0) return true;
        if (length > size - pos - 12) return false;  // chunk runs past the end of the data
        pos += 12 + static_cast<std::size_t>(length);
    }
    return false;
}

}  // namespace

std::optional<ImageHeader> sniffImageHeader(const std::uint8_t* data, std::size_t size) {
    if (data == nullptr || size == 0) return std::nullopt;
    if (startsWith(data, size, "\x89PNG\r\n\x1a\n", 8)) return sniffPng(data, size);
    if (startsWith(data, size, "\xFF\xD8\xFF", 3)) return sniffJpeg(data, size);
    if (startsWith(data, size, "BM", 2)) return sniffBmp(data, size);
    if (startsWith(data, size, "II*\0", 4) || startsWith(data, size, "MM\0*", 4)) {
        return sniffTiff(data, size, false);
    }
    if (startsWith(data, size, "II+\0", 4) || startsWith(data, size, "MM\0+", 4)) {
        return sniffTiff(data, size, true);
    }
    if (size >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '6' &&
        std::strchr(" \t\r\n\v\f#", data[2]) && data[2] != 0) {
        return sniffPnm(data, size);
    }
    if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) {
        return sniffWebp(data, size);
    }
    if (startsWith(data, size, "GIF87a", 6) || startsWith(data, size, "GIF89a", 6))
        return sniffGif(data, size);
    return std::nullopt;
}

bool looksComplete(const ImageHeader& header, const std::uint8_t* data, std::size_t size) {
    if (data == nullptr) return false;
    if (header.format == "JPEG") return jpegHasEndAfterScan(data, size);
    if (header.format == "PNG") return pngHasEnd(data, size);
    return true;
}

}  // namespace convscope::imaging
