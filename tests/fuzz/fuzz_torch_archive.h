#pragma once

// LibTorch's archives (checkpoints, TorchScript files) are zip files whose records carry CRC-32 checksums
// that the reader verifies: a mutated byte inside a record makes the whole file unreadable, so raw bytes
// only ever exercise the zip directory. In "records" mode a fuzz input lists the records instead
// ("name\ncontent", separated as in fuzz_records.h) and this writes them as a valid archive with LibTorch's
// own writer, so that the mutations reach the pickles, the TorchScript code and ConvScope's fields.
#include <caffe2/serialize/inline_container.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace convscope::fuzz {

/// Writes `records` to `path` as a LibTorch archive; false when the writer refuses (a name it cannot
/// store), which makes the input uninteresting rather than a finding.
inline bool writeTorchArchive(const std::string& path, const std::vector<std::string>& records) {
    try {
        caffe2::serialize::PyTorchStreamWriter writer(path);
        std::set<std::string> names;
        for (const std::string& record : records) {
            const std::size_t newline = record.find('\n');
            const std::string name = record.substr(0, newline);
            const std::string content =
                newline == std::string::npos ? std::string() : record.substr(newline + 1);
            // The writer adds "version" itself (at least the oldest it produces) and refuses a name twice.
            if (name == "version") {
                const unsigned long long v = std::strtoull(content.c_str(), nullptr, 10);
                if (v > 0 && v < 1000) writer.setMinVersion(v);
                continue;
            }
            if (name.empty() || !names.insert(name).second) continue;
            writer.writeRecord(name, content.data(), content.size());
        }
        writer.writeEndOfFile();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace convscope::fuzz
