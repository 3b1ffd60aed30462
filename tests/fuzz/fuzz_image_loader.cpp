// libFuzzer target for the image path (core/imaging/image_header.cpp, image_loader.cpp): bytes → header
// sniffing → limits → completeness → OpenCV's decoder → 8-bit grey or BGR. Any byte string must load or be
// refused with ImageLoadError; a crash, another exception, a sanitizer report, a leak or a hang is a finding.
// Beyond "no crash" it checks the promises the limits rest on: a decoded image has the size its header
// claimed (so the header check before decoding is the real bound), and loadImage on a file agrees with
// decodeImage on its bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include <opencv2/core.hpp>

#include "core/imaging/image_header.h"
#include "core/imaging/image_loader.h"
#include "fuzz_fail.h"
#include "fuzz_temp_file.h"

namespace {

[[noreturn]] void fail(const char* what) {
    convscope::fuzz::fail("fuzz_image_loader", what);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    cv::setNumThreads(0);  // one thread: reproducible, and the fuzzer's exec/s measure one core
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convscope::imaging;
    // Small limits keep every accepted decode cheap; a file that slips past them shows up as a size
    // mismatch below or as libFuzzer's malloc limit.
    ImageLimits limits;
    limits.maxPixels = 1u << 20;
    limits.maxSide = 4096;
    limits.maxFileBytes = 1u << 20;

    const std::optional<ImageHeader> header = sniffImageHeader(data, size);
    if (header) (void)looksComplete(*header, data, size);

    const std::vector<std::uint8_t> bytes(data, data + size);
    bool decoded = false;
    try {
        const LoadedImage image = decodeImage(bytes, "input", limits);
        decoded = true;
        if (!header) fail("decoded bytes that the sniffer does not recognise");
        const cv::Mat& p = image.pixels;
        if (p.empty() || !p.isContinuous() || (p.type() != CV_8UC1 && p.type() != CV_8UC3))
            fail("a decoded image that is not continuous 8-bit grey or BGR");
        // JPEG's EXIF orientation may swap the sides; anything else is the header's size.
        const bool same = std::uint64_t(p.cols) == header->width && std::uint64_t(p.rows) == header->height;
        const bool swapped =
            std::uint64_t(p.rows) == header->width && std::uint64_t(p.cols) == header->height;
        if (!same && !(swapped && header->format == "JPEG"))
            fail("the decoder made an image of another size than the header the limits checked");
        if (std::uint64_t(p.total()) > limits.maxPixels) fail("an image beyond the pixel limit");
    } catch (const ImageLoadError&) {
    }

    // The file path: the same bytes through loadImage must give the same answer.
    const std::string path = convscope::fuzz::FuzzTempDir::write("input.img", data, size);
    bool loaded = false;
    try {
        (void)loadImage(path, limits);
        loaded = true;
    } catch (const ImageLoadError&) {
    }
    if (loaded != decoded) fail("loadImage and decodeImage disagree on the same bytes");
    return 0;
}
