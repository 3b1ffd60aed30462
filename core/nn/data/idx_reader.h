#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace convscope::nn {

/// Every failure to read an IDX file: one sentence naming the file and what is wrong with it.
class IdxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An IDX array of unsigned bytes (the only element type MNIST-style datasets use).
struct IdxArray {
    std::vector<std::int64_t> dims;  ///< e.g. {60000, 28, 28}; every dimension at least 1
    std::vector<std::uint8_t> data;  ///< product(dims) bytes, row-major
    std::int64_t count() const { return dims.empty() ? 0 : dims.front(); }
};

/// Limits checked before anything is allocated, so a corrupt header cannot ask for gigabytes.
struct IdxLimits {
    int maxDims = 4;
    std::int64_t maxBytes = std::int64_t(1) << 30;  ///< 1 GiB of payload
};

/// Parses an IDX file held in memory. Strict: the magic number's two zero bytes, the type byte (0x08,
/// unsigned byte; the other IDX types are named in the message), 1 … maxDims dimensions, each dimension at
/// least 1, the payload within the limits, and the length exactly header + payload (a truncated file and
/// trailing bytes are both errors). `name` appears in messages. Thread-safe.
IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, const std::string& name,
                  const IdxLimits& limits = {});

/// gzip-compressed bytes inflated strictly (zlib): a corrupt stream, a truncated one (no end of stream, or a
/// missing/wrong CRC-32 and length trailer) and bytes after the end are errors. Output above `maxBytes` is
/// refused before it is produced in full.
std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed, const std::string& name,
                                 std::int64_t maxBytes);

/// Reads `path`, inflating it when it starts with the gzip magic (1f 8b), and parses it. Throws IdxError for
/// a missing or unreadable file and for everything parseIdx and gunzip refuse.
IdxArray readIdxFile(const std::string& path, const IdxLimits& limits = {});

}  // namespace convscope::nn
