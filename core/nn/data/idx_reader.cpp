#include "core/nn/data/idx_reader.h"

#include <zlib.h>

#include <fstream>
#include <limits>

namespace convscope::nn {

namespace {

const char* typeName(std::uint8_t type) {
    switch (type) {
        case 0x08:
            return "unsigned byte";
        case 0x09:
            return "signed byte";
        case 0x0B:
            return "short";
        case 0x0C:
            return "int";
        case 0x0D:
            return "float";
        case 0x0E:
            return "double";
        default:
            return nullptr;
    }
}

std::uint32_t bigEndian32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

}  // namespace

IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, const std::string& name, const IdxLimits& limits) {
    if (bytes.size() < 4)
        throw IdxError(name + " is too short to be an IDX file (" + std::to_string(bytes.size()) +
                       " bytes).");
    if (bytes[0] != 0 || bytes[1] != 0)
        throw IdxError(name +
                       " is not an IDX file: it does not start with the two zero bytes of the magic number.");
    const std::uint8_t type = bytes[2];
    const int ndims = bytes[3];
    if (type != 0x08) {
        const char* known = typeName(type);
        throw IdxError(name + " holds " +
                       (known ? std::string(known) : "unknown (type byte " + std::to_string(type) + ")") +
                       " values; only unsigned bytes (type 0x08) are supported.");
    }
    if (ndims < 1 || ndims > limits.maxDims)
        throw IdxError(name + " declares " + std::to_string(ndims) + " dimensions; expected 1 to " +
                       std::to_string(limits.maxDims) + ".");
    const std::size_t header = 4 + 4 * std::size_t(ndims);
    if (bytes.size() < header)
        throw IdxError(name + " is truncated inside its header (" + std::to_string(bytes.size()) + " of " +
                       std::to_string(header) + " bytes).");
    IdxArray out;
    std::int64_t payload = 1;
    for (int d = 0; d < ndims; ++d) {
        const std::uint32_t n = bigEndian32(bytes.data() + 4 + 4 * d);
        if (n == 0) throw IdxError(name + ": dimension " + std::to_string(d + 1) + " is 0.");
        if (n > std::uint32_t(std::numeric_limits<std::int32_t>::max()) ||
            payload > limits.maxBytes / std::int64_t(n))
            throw IdxError(name + " declares more than " + std::to_string(limits.maxBytes >> 20) +
                           " MiB of data; it is corrupt or not a dataset this program reads.");
        payload *= std::int64_t(n);
        out.dims.push_back(std::int64_t(n));
    }
    const std::int64_t actual = std::int64_t(bytes.size() - header);
    if (actual < payload)
        throw IdxError(name + " is truncated: its header promises " + std::to_string(payload) +
                       " bytes of data, it holds " + std::to_string(actual) + ".");
    if (actual > payload)
        throw IdxError(name + " has " + std::to_string(actual - payload) + " bytes after the " +
                       std::to_string(payload) + " its header promises.");
    out.data.assign(bytes.begin() + std::ptrdiff_t(header), bytes.end());
    return out;
}

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed, const std::string& name,
                                 std::int64_t maxBytes) {
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip wrapper (header, CRC-32 and length trailer checked by zlib), not raw deflate.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw IdxError("zlib could not start inflating " + name + ".");
    std::vector<std::uint8_t> out;
    std::vector<std::uint8_t> chunk(1 << 16);
    stream.next_in = const_cast<Bytef*>(compressed.data());
    stream.avail_in = uInt(std::min<std::size_t>(compressed.size(), std::numeric_limits<uInt>::max()));
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = chunk.data();
        stream.avail_out = uInt(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            const std::string reason = status == Z_BUF_ERROR
                                           ? "it ends before the compressed stream does (truncated)"
                                       : stream.msg ? std::string("the data is corrupt (") + stream.msg + ")"
                                                    : "the data is corrupt";
            inflateEnd(&stream);
            throw IdxError(name + " cannot be decompressed: " + reason + ".");
        }
        out.insert(out.end(), chunk.data(), chunk.data() + (chunk.size() - stream.avail_out));
        if (std::int64_t(out.size()) > maxBytes) {
            inflateEnd(&stream);
            throw IdxError(name + " decompresses to more than " + std::to_string(maxBytes >> 20) + " MiB.");
        }
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
            inflateEnd(&stream);
            throw IdxError(name +
                           " cannot be decompressed: it ends before the compressed stream does (truncated).");
        }
    }
    const std::size_t consumed = compressed.size() - stream.avail_in;
    inflateEnd(&stream);
    if (consumed != compressed.size())
        throw IdxError(name + " has " + std::to_string(compressed.size() - consumed) +
                       " bytes after the end of its compressed data.");
    return out;
}

IdxArray readIdxFile(const std::string& path, const IdxLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IdxError(path + " cannot be opened (it does not exist or is not readable).");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw IdxError(path + " cannot be read.");
    // A compressed file is at most a few times smaller than what it holds; refuse absurd sizes early.
    if (size > limits.maxBytes + 4096)
        throw IdxError(path + " is larger than " + std::to_string(limits.maxBytes >> 20) + " MiB.");
    in.seekg(0);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size))
        throw IdxError(path + " cannot be read.");
    if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        return parseIdx(gunzip(bytes, path, limits.maxBytes + 4 + 4 * limits.maxDims), path, limits);
    return parseIdx(bytes, path, limits);
}

}  // namespace convscope::nn
