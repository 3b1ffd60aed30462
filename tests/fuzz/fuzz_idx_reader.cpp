// libFuzzer target for the strict IDX reader and the gzip inflater (core/nn/idx_reader.cpp): any byte string
// must be parsed or refused with IdxError, never crash, hang, leak or read out of bounds (AddressSanitizer
// and UndefinedBehaviorSanitizer watch). Built with clang by tests/fuzz/CMakeLists.txt and run by CTest for a
// bounded time from the seed corpus in tests/data/nn/idx_corpus.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/nn/data/idx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope::nn;
    const std::vector<std::uint8_t> bytes(data, data + size);
    const IdxLimits limits{4, std::int64_t(1) << 24};  // 16 MiB: corrupt headers must not allocate more
    try {
        const IdxArray a = parseIdx(bytes, "input", limits);
        std::int64_t n = 1;
        for (std::int64_t d : a.dims) n *= d;
        if (std::int64_t(a.data.size()) != n) __builtin_trap();  // the reader's promise
    } catch (const IdxError&) {
    }
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        try {
            (void)parseIdx(gunzip(bytes, "input.gz", limits.maxBytes), "input.gz", limits);
        } catch (const IdxError&) {
        }
    }
    return 0;
}
