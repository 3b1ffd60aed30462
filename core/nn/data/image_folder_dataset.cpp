#include "core/nn/data/image_folder_dataset.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "core/common/job_control.h"

namespace convscope::nn {

namespace {

using DecodeClock = std::chrono::steady_clock;

struct DecodeFailure {
    std::int64_t index;
    std::string reason;
};

// Everything the decoding threads share.
struct DecodeShared {
    std::atomic<std::int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    int running = 0;
    std::vector<DecodeFailure> failures;
    std::vector<std::uint64_t> histogram = std::vector<std::uint64_t>(256, 0);
};

void decodeRange(const std::vector<ImageFile>& files, std::int64_t n, int size, int channels,
                 std::uint8_t* base, std::vector<std::uint8_t>& ok, const DecodeFunction& decoder,
                 DecodeShared& s) {
    const std::int64_t per = std::int64_t(channels) * size * size;
    // Small chunks: an even share between the threads at the end, few atomic operations per image.
    constexpr std::int64_t kChunk = 8;
    std::uint64_t histogram[256] = {};
    std::vector<DecodeFailure> failures;
    for (std::int64_t start = s.next.fetch_add(kChunk); start < n && !s.stop.load();
         start = s.next.fetch_add(kChunk)) {
        const std::int64_t end = std::min(n, start + kChunk);
        for (std::int64_t i = start; i < end; ++i) {
            std::uint8_t* out = base + i * per;
            std::string error;
            bool good = false;
            try {
                good = decoder(files[std::size_t(i)].path, size, channels, out, error);
            } catch (const std::exception& e) {
                error = e.what();
            }
            if (good) {
                ok[std::size_t(i)] = 1;
                for (std::int64_t k = 0; k < per; ++k) ++histogram[out[k]];
            } else {
                failures.push_back({i, error.empty() ? "it could not be decoded" : error});
            }
        }
        s.done.fetch_add(end - start);
    }
    const std::lock_guard<std::mutex> lock(s.mutex);
    for (int v = 0; v < 256; ++v) s.histogram[std::size_t(v)] += histogram[v];
    s.failures.insert(s.failures.end(), failures.begin(), failures.end());
    --s.running;
    s.finished.notify_all();
}

// "7,840 bytes".
std::string groupedBytes(std::uint64_t bytes) {
    std::string digits = std::to_string(bytes);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(std::size_t(i), ",");
    return digits + " bytes";
}

}  // namespace

std::string describeMemory(std::uint64_t bytes) {
    std::ostringstream out;
    out.precision(3);
    if (bytes >= (1ull << 30))
        out << double(bytes) / double(1ull << 30) << " GiB";
    else if (bytes >= (1ull << 20))
        out << double(bytes) / double(1ull << 20) << " MiB";
    else if (bytes >= 1024)
        out << double(bytes) / 1024.0 << " KiB";
    else
        out << bytes << " bytes";
    return out.str();
}

std::pair<double, double> FolderDecodeReport::meanAndStdev() const {
    double count = 0.0, sum = 0.0;
    for (std::size_t v = 0; v < histogram.size(); ++v) {
        count += double(histogram[v]);
        sum += double(histogram[v]) * double(v);
    }
    if (count == 0.0) return {0.0, 0.0};
    const double mean = sum / count;
    double squares = 0.0;
    for (std::size_t v = 0; v < histogram.size(); ++v)
        squares += double(histogram[v]) * (double(v) - mean) * (double(v) - mean);
    return {mean / 255.0, std::sqrt(squares / count) / 255.0};
}

FolderDataset decodeImageFolder(const ImageFolderScan& scan, bool train, const FolderDecodeOptions& options,
                                const DecodeFunction& decoder, const DecodeProgress& progress,
                                const std::function<bool()>& isCancelled) {
    const int size = options.size, channels = options.channels;
    if (size < 1 || size > 4096)
        throw std::invalid_argument("The image size must be from 1 to 4096 (got " + std::to_string(size) +
                                    ").");
    if (channels != 1 && channels != 3)
        throw std::invalid_argument(
            "A folder's images are read as grey (1 channel) or colour (3 channels), not " +
            std::to_string(channels) + ".");
    const std::vector<ImageFile>& files = train ? scan.train : scan.test;
    const std::int64_t total = std::int64_t(files.size());
    const std::int64_t n = options.limit > 0 ? std::min(options.limit, total) : total;
    const std::uint64_t per = std::uint64_t(channels) * std::uint64_t(size) * std::uint64_t(size);
    const std::uint64_t need = std::uint64_t(n) * per;
    const std::string what = std::to_string(n) + (train ? " training" : " test") + " images of " + scan.root +
                             " at " + std::to_string(channels) + "×" + std::to_string(size) + "×" +
                             std::to_string(size);
    if (need > options.memoryLimitBytes) {
        std::string needText = describeMemory(need), limitText = describeMemory(options.memoryLimitBytes);
        if (needText == limitText) {  // just above the limit: the exact counts tell them apart
            needText = groupedBytes(need);
            limitText = groupedBytes(options.memoryLimitBytes);
        }
        throw std::runtime_error("The " + what + " need " + needText +
                                 " in memory, more than the image cache's limit of " + limitText +
                                 ": choose a smaller input size, fewer images or a larger limit.");
    }

    if (isCancelled && isCancelled()) throw common::Cancelled{};
    FolderDataset result;
    FolderDecodeReport& report = result.report;
    const auto start = DecodeClock::now();
    torch::Tensor images;
    try {
        images = torch::empty({n, channels, size, size}, torch::kUInt8);
    } catch (const c10::Error&) {
        throw std::runtime_error("The " + what + " need " + describeMemory(need) +
                                 " in memory, which this computer cannot give.");
    }
    std::vector<std::uint8_t> ok(std::size_t(n), 0);
    DecodeShared shared;
    const int threads = int(std::clamp<std::int64_t>(
        options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency()), 1,
        std::max<std::int64_t>(n, 1)));
    std::vector<std::thread> workers;
    std::uint8_t* base = images.data_ptr<std::uint8_t>();
    // Joins the workers however this function is left (a throwing callback, a thread that cannot start).
    struct Joiner {
        DecodeShared& shared;
        std::vector<std::thread>& workers;
        ~Joiner() {
            shared.stop = true;
            for (std::thread& w : workers)
                if (w.joinable()) w.join();
        }
    } joiner{shared, workers};
    for (int t = 0; t < threads; ++t) {
        {
            const std::lock_guard<std::mutex> lock(shared.mutex);
            ++shared.running;
        }
        try {
            workers.emplace_back(decodeRange, std::cref(files), n, size, channels, base, std::ref(ok),
                                 std::cref(decoder), std::ref(shared));
        } catch (const std::system_error&) {
            const std::lock_guard<std::mutex> lock(shared.mutex);
            --shared.running;
            if (workers.empty()) throw std::runtime_error("No thread could be started to decode the images.");
            break;  // fewer threads, same result
        }
    }
    bool cancelled = false;
    {
        std::unique_lock<std::mutex> lock(shared.mutex);
        while (!shared.finished.wait_for(lock, std::chrono::milliseconds(100),
                                         [&shared] { return shared.running == 0; })) {
            lock.unlock();
            if (progress) progress(shared.done.load(), n);
            if (!cancelled && isCancelled && isCancelled()) {
                cancelled = true;
                shared.stop = true;
            }
            lock.lock();
        }
    }
    for (std::thread& w : workers) w.join();
    if (cancelled) throw common::Cancelled{};
    if (progress) progress(n, n);

    // Compaction: the decoded images move forward over the skipped ones, in the split's order.
    std::vector<std::int64_t> labels;
    labels.reserve(std::size_t(n));
    std::int64_t kept = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        if (!ok[std::size_t(i)]) continue;
        if (kept != i) std::memmove(base + kept * per, base + i * per, per);
        labels.push_back(files[std::size_t(i)].label);
        ++kept;
    }
    ImageDataset& d = result.data;
    // A view: the few skipped images' bytes at the end are not worth a second copy of the cache.
    d.images = kept == n ? images : images.narrow(0, 0, kept);
    d.labels = torch::tensor(labels, torch::kInt64);
    d.classNames = scan.classNames;

    std::sort(shared.failures.begin(), shared.failures.end(),
              [](const DecodeFailure& a, const DecodeFailure& b) { return a.index < b.index; });
    for (const DecodeFailure& f : shared.failures) {
        if (report.skipped.size() == FolderDecodeReport::kMaxListedSkips) break;
        const std::string& path = files[std::size_t(f.index)].path;
        const std::string relative = std::filesystem::path(path).lexically_relative(scan.root).string();
        report.skipped.push_back({relative.empty() ? path : relative, f.reason});
    }
    report.files = n;
    report.decoded = kept;
    report.skippedCount = n - kept;
    report.histogram = shared.histogram;
    report.cacheBytes = std::uint64_t(kept) * per;
    report.seconds = std::chrono::duration<double>(DecodeClock::now() - start).count();
    return result;
}

}  // namespace convscope::nn
