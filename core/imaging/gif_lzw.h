#pragma once

#include <cstdint>
#include <vector>

namespace convscope::imaging {

/// Appends the GIF image data for `indices` to `out`: the LZW minimum code size byte, the variable-length LZW
/// codes (a clear code first, code size growing up to 12 bits, a clear code whenever the dictionary is full,
/// the end-of-information code last) packed LSB first into data sub-blocks of at most 255 bytes, and the
/// zero-length block terminator. Every index must be below 2^minCodeSize; `minCodeSize` in 2..8.
/// `indices` must not be empty. Pure function; any thread may call it.
void appendGifLzwData(const std::vector<std::uint8_t>& indices, int minCodeSize,
                      std::vector<std::uint8_t>& out);

}  // namespace convscope::imaging
