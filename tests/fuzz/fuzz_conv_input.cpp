// libFuzzer target for conv-trace's input reader (app/cli/parsing/conv_input_reader.cpp): any text must
// parse to a volume within kMaxTraceSide and kMaxTraceChannels or be refused with std::invalid_argument;
// readTraceInput on a file (text, or an image when the bytes are one) may also refuse with UsageError or
// std::runtime_error. The CLI's sources are compiled into the target (convscope-cli is an executable).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/cli/parsing/conv_input_reader.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_header.h"
#include "fuzz_fail.h"
#include "fuzz_temp_file.h"

namespace {

[[noreturn]] void fail(const char* what) {
    convscope::fuzz::fail("fuzz_conv_input", what);
}

void checkVolume(const convscope::conv::Volume& v) {
    using namespace convscope::cli;
    if (v.channels < 1 || v.height < 1 || v.width < 1 || v.channels > kMaxTraceChannels ||
        v.height > kMaxTraceSide || v.width > kMaxTraceSide ||
        v.values.size() != std::size_t(v.channels) * v.height * v.width)
        fail("a volume outside the documented sizes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::optional<conv::Volume> parsed;
    try {
        parsed = cli::parseVolumeText(text);
        checkVolume(*parsed);
    } catch (const std::invalid_argument&) {
    }

    // The file path, as `conv-trace --input FILE --channels C`: an image name when the bytes look like an
    // image (the loader then sniffs them), a text file otherwise; C from the input's length, so that every
    // value (including ones an image cannot give) is tried.
    // readTraceInput reads a text file into a 1 MiB buffer (about 20 ms under AddressSanitizer, a hundred
    // times the parse): one input in eight goes through the file, chosen by content so that a run repeats.
    if (std::hash<std::string>()(text) % 8 != 0) return 0;
    const bool image = imaging::sniffImageHeader(data, size).has_value();
    const std::string path = fuzz::FuzzTempDir::write(image ? "input.png" : "input.txt", data, size);
    const int channels = int(size % 5);  // 0 (any), 1, 2, 3, 4
    try {
        const cli::TraceInput input = cli::readTraceInput(path, channels);
        checkVolume(input.volume);
        if (!image && channels != 0 && input.volume.channels != channels)
            fail("a text input whose channels differ from --channels was accepted");
        if (!image && (!parsed || parsed->values != input.volume.values))
            fail("readTraceInput and parseVolumeText disagree on the same text");
    } catch (const cli::UsageError&) {
    } catch (const std::invalid_argument&) {
    } catch (const std::runtime_error&) {
    }
    return 0;
}
