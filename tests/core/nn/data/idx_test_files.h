#pragma once
// IDX files made byte by byte for the tests (independent of the reader), and gzip through zlib's own
// gzip writer.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace convscope::nn::testing {

inline std::vector<std::uint8_t> idxBytes(const std::vector<std::uint32_t>& dims, std::uint8_t type = 0x08,
                                          std::int64_t payload = -1) {
    std::vector<std::uint8_t> b{0, 0, type, std::uint8_t(dims.size())};
    std::int64_t n = 1;
    for (std::uint32_t d : dims) {
        b.push_back(std::uint8_t(d >> 24));
        b.push_back(std::uint8_t(d >> 16));
        b.push_back(std::uint8_t(d >> 8));
        b.push_back(std::uint8_t(d));
        n *= d;
    }
    if (payload < 0) payload = n;
    for (std::int64_t i = 0; i < payload; ++i) b.push_back(std::uint8_t((i * 7 + 3) % 251));
    return b;
}

inline std::vector<std::uint8_t> gzipBytes(const std::vector<std::uint8_t>& raw) {
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::vector<std::uint8_t> out(deflateBound(&s, uLong(raw.size())) + 64);
    s.next_in = const_cast<Bytef*>(raw.data());
    s.avail_in = uInt(raw.size());
    s.next_out = out.data();
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(out.size() - s.avail_out);
    deflateEnd(&s);
    return out;
}

}  // namespace convscope::nn::testing
