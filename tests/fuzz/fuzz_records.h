#pragma once

// Inputs that stand for several files (a run folder, a zip archive's records, a checkpoint's fields) are
// one byte string cut at a separator line, so that libFuzzer's mutations (and a person writing a seed)
// keep the parts apart: "part\n@@@@\npart\n@@@@\npart". tests/data/fuzz/make_fuzz_corpus.py writes seeds
// this way.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace convscope::fuzz {

inline const std::string kRecordSeparator = "\n@@@@\n";

inline std::vector<std::string> splitRecords(const std::uint8_t* data, std::size_t size) {
    const std::string all(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = all.find(kRecordSeparator, start);
        if (at == std::string::npos) {
            parts.push_back(all.substr(start));
            return parts;
        }
        parts.push_back(all.substr(start, at - start));
        start = at + kRecordSeparator.size();
    }
}

}  // namespace convscope::fuzz
