#include "core/imaging/gif_lzw.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace convscope::imaging {

namespace {

constexpr int kMaxCodeBits = 12;
constexpr int kMaxCodes = 1 << kMaxCodeBits;
// Open-addressing table for the (prefix code, next index) -> code dictionary; at most half full.
constexpr std::uint32_t kHashSize = 8192;
constexpr std::uint32_t kNoEntry = 0xFFFFFFFFu;

// Packs codes least significant bit first into data sub-blocks of at most 255 bytes.
class SubBlockWriter {
public:
    explicit SubBlockWriter(std::vector<std::uint8_t>& out) : m_out(out) {}

    void put(int code, int bits) {
        m_bits |= std::uint32_t(code) << m_bitCount;
        m_bitCount += bits;
        while (m_bitCount >= 8) {
            putByte(std::uint8_t(m_bits & 0xFF));
            m_bits >>= 8;
            m_bitCount -= 8;
        }
    }
    /// Writes the partial last byte, the last sub-block and the block terminator.
    void finish() {
        if (m_bitCount > 0) putByte(std::uint8_t(m_bits & 0xFF));
        m_bits = 0;
        m_bitCount = 0;
        flushBlock();
        m_out.push_back(0);
    }

private:
    void putByte(std::uint8_t byte) {
        m_block[m_blockSize++] = byte;
        if (m_blockSize == m_block.size()) flushBlock();
    }
    void flushBlock() {
        if (m_blockSize == 0) return;
        m_out.push_back(std::uint8_t(m_blockSize));
        m_out.insert(m_out.end(), m_block.begin(), m_block.begin() + std::ptrdiff_t(m_blockSize));
        m_blockSize = 0;
    }

    std::vector<std::uint8_t>& m_out;
    std::uint32_t m_bits = 0;
    int m_bitCount = 0;
    std::array<std::uint8_t, 255> m_block{};
    std::size_t m_blockSize = 0;
};

}  // namespace

void appendGifLzwData(const std::vector<std::uint8_t>& indices, int minCodeSize,
                      std::vector<std::uint8_t>& out) {
    if (minCodeSize < 2 || minCodeSize > 8)
        throw std::invalid_argument("GIF LZW minimum code size must be 2..8");
    if (indices.empty()) throw std::invalid_argument("GIF LZW data needs at least one pixel");
    out.push_back(std::uint8_t(minCodeSize));
    SubBlockWriter writer(out);
    const int clearCode = 1 << minCodeSize;
    const int endCode = clearCode + 1;
    const int indexLimit = clearCode;

    std::vector<std::uint32_t> keys(kHashSize);
    std::vector<std::uint16_t> codes(kHashSize);
    int codeSize = 0;
    int nextCode = 0;
    const auto reset = [&] {
        std::fill(keys.begin(), keys.end(), kNoEntry);
        codeSize = minCodeSize + 1;
        nextCode = endCode + 1;
    };
    reset();
    writer.put(clearCode, codeSize);

    if (indices[0] >= indexLimit) throw std::invalid_argument("GIF LZW index outside the colour table");
    int prefix = indices[0];
    for (std::size_t i = 1; i < indices.size(); ++i) {
        const int next = indices[i];
        if (next >= indexLimit) throw std::invalid_argument("GIF LZW index outside the colour table");
        const std::uint32_t key = (std::uint32_t(prefix) << 8) | std::uint32_t(next);
        std::uint32_t slot = (key * 0x9E3779B1u) >> 19;  // top 13 bits: 0..kHashSize-1
        while (keys[slot] != kNoEntry && keys[slot] != key) slot = (slot + 1) & (kHashSize - 1);
        if (keys[slot] == key) {
            prefix = codes[slot];
            continue;
        }
        writer.put(prefix, codeSize);
        keys[slot] = key;
        codes[slot] = std::uint16_t(nextCode);
        // The decoder adds each entry one code later than the encoder, so the encoder widens its codes once
        // the entry it just added needs the extra bit: that is when the decoder's next free code reaches it.
        if (nextCode == (1 << codeSize) && codeSize < kMaxCodeBits) ++codeSize;
        ++nextCode;
        if (nextCode == kMaxCodes) {
            writer.put(clearCode, codeSize);
            reset();
        }
        prefix = next;
    }
    writer.put(prefix, codeSize);
    // The decoder adds one more entry on reading that last code, which may widen the end code.
    if (nextCode == (1 << codeSize) && codeSize < kMaxCodeBits) ++codeSize;
    writer.put(endCode, codeSize);
    writer.finish();
}

}  // namespace convscope::imaging
