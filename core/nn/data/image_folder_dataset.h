#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/data/image_folder.h"

namespace convscope::nn {

/// Decodes one file into channels × size × size bytes (planar) at `out`; false with `error` set (one
/// sentence) for a file that is not a readable image. Called from several threads at once. core/nn cannot
/// decode images itself (it links no OpenCV): the caller passes imaging::decodeDatasetImage.
using DecodeFunction = std::function<bool(const std::string& path, int size, int channels, std::uint8_t* out,
                                          std::string& error)>;

struct FolderDecodeOptions {
    int size = 28;
    int channels = 1;        ///< 1 grey, 3 colour
    std::int64_t limit = 0;  ///< decode only the first N files of the split (0: all)
    /// The cache's size above which decoding is refused before anything is allocated.
    std::uint64_t memoryLimitBytes = 4ull << 30;
    int threads = 0;  ///< decoding threads; 0: the hardware's concurrency
};

struct SkippedFile {
    std::string path;
    std::string reason;
};

/// What decoding one split of a folder found.
struct FolderDecodeReport {
    std::int64_t files = 0;    ///< files tried
    std::int64_t decoded = 0;  ///< images in the cache
    std::int64_t skippedCount = 0;
    std::vector<SkippedFile> skipped;  ///< the first few (kMaxListedSkips) of them, in the split's order
    double seconds = 0.0;
    std::uint64_t cacheBytes = 0;
    /// How often each byte value occurs in the decoded images: their exact mean and spread.
    std::vector<std::uint64_t> histogram = std::vector<std::uint64_t>(256, 0);

    static constexpr std::size_t kMaxListedSkips = 10;
    double imagesPerSecond() const { return seconds > 0.0 ? double(files) / seconds : 0.0; }
    /// Mean and (population) standard deviation of the decoded pixels scaled to 0 … 1, over every channel:
    /// the normalisation of a model trained on them. {0, 0} when nothing was decoded.
    std::pair<double, double> meanAndStdev() const;
};

struct FolderDataset {
    ImageDataset data;  ///< N × channels × size × size uint8, labels and the folder's class names
    FolderDecodeReport report;
};

/// Called with (files done, files in all), at least every 100 ms and at the end, on the calling thread.
using DecodeProgress = std::function<void(std::int64_t done, std::int64_t total)>;

/// Decodes the training (or test) files of `scan` once into one in-memory tensor, on `options.threads`
/// threads that write straight into it; files the decoder refuses are left out (and reported), so one bad
/// file never stops a run. Throws std::runtime_error before allocating when N × channels × size² bytes exceed
/// the memory limit (naming both), std::invalid_argument for a size or channel count out of range, and
/// common::Cancelled when `isCancelled` (polled with the progress) says so.
FolderDataset decodeImageFolder(const ImageFolderScan& scan, bool train, const FolderDecodeOptions& options,
                                const DecodeFunction& decoder, const DecodeProgress& progress = {},
                                const std::function<bool()>& isCancelled = {});

/// "512 MiB", "4 GiB", "1.5 GiB": memory sizes in messages.
std::string describeMemory(std::uint64_t bytes);

}  // namespace convscope::nn
