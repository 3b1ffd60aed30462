// libFuzzer target for kernel text files (core/imaging/kernel_io.cpp): any text must parse to a kernel or be
// refused with std::invalid_argument (readKernelFile: std::invalid_argument or std::runtime_error). A parsed
// kernel must be within the size limits with finite values, read back identically from the text
// writeKernelFile writes, and readKernelFile on a file must agree with parseKernelText on its text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/common/kernel.h"
#include "core/imaging/kernel_io.h"
#include "fuzz_fail.h"
#include "fuzz_temp_file.h"

namespace {

[[noreturn]] void fail(const char* what) {
    convscope::fuzz::fail("fuzz_kernel_io", what);
}

bool sameKernel(const convscope::common::Kernel& a, const convscope::common::Kernel& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a.values() == b.values();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::optional<common::Kernel> parsed;
    try {
        parsed = imaging::parseKernelText(text);
    } catch (const std::invalid_argument&) {
    }
    if (parsed) {
        const common::Kernel& k = *parsed;
        if (k.rows() < 1 || k.cols() < 1 || k.rows() > common::Kernel::kMaxSide ||
            k.cols() > common::Kernel::kMaxSide || k.values().size() != std::size_t(k.rows()) * k.cols())
            fail("a kernel outside the documented sizes");
        for (double v : k.values())
            if (!std::isfinite(v)) fail("a kernel with a value that is not finite");
        // What writeKernelFile writes must read back to the same doubles.
        try {
            if (!sameKernel(imaging::parseKernelText("# comment\n" + k.toText(17)), k))
                fail("the kernel's text does not read back to the same values");
        } catch (const std::invalid_argument&) {
            fail("the kernel's own text is refused");
        }
    }

    // readKernelFile reads every file into a 1 MiB buffer (about 20 ms under AddressSanitizer, a hundred
    // times the parse): one input in eight goes through the file, chosen by content so that a run repeats.
    if (std::hash<std::string>()(text) % 8 != 0) return 0;
    const std::string path = fuzz::FuzzTempDir::write("input.kernel", text);
    std::optional<common::Kernel> read;
    try {
        read = imaging::readKernelFile(path);
    } catch (const std::invalid_argument&) {
    } catch (const std::runtime_error&) {
    }
    // readKernelFile refuses files over 1 MiB, which parseKernelText would read.
    const bool agree = parsed.has_value() == read.has_value() && (!parsed || sameKernel(*parsed, *read));
    if (size <= (std::size_t(1) << 20) && !agree)
        fail("readKernelFile and parseKernelText disagree on the same text");
    return 0;
}
