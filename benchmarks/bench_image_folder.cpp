// Image folders, for docs/benchmarks.md:
//  1. Decoding a folder of 28x28 PNGs into the in-memory cache (scan + decode on every core, what
//     `train --data-folder` does before the first epoch). The PNGs are Fashion-MNIST's first training images
//     (random noise when the dataset is not installed), written into a temporary folder first, untimed; the
//     page cache is warm, as it is for a folder read a second time.
//  2. Training from that cache against training from Fashion-MNIST's IDX tensor: the same images, model,
//     batch size, seed and normalisation; one epoch each, alternating, the trainer's epoch time (evaluation
//     excluded), median of the rounds.
// Usage: bench_image_folder [images] [threads] [model] [batch] [rounds]
//        defaults: 10000 0 (all cores) simplecnn 32 5; rounds 0 measures the decoding alone
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/data/image_folder_dataset.h"
#include "core/nn/train/trainer.h"

using namespace convscope;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

nn::ImageDataset sourceImages(std::int64_t n) {
    try {
        nn::ImageDataset d = nn::loadFashionMnist(nn::defaultFashionMnistDirectory(), true).head(n);
        if (d.size() == n) return d;
    } catch (const std::exception& e) {
        std::printf("(Fashion-MNIST not available: %s; random images instead)\n", e.what());
    }
    torch::manual_seed(3);
    nn::ImageDataset d;
    d.images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kUInt8);
    d.labels = torch::randint(0, 10, {n}, torch::kInt64);
    d.classNames = nn::fashionMnistClasses();
    return d;
}

// class folders c0 … c9 (so that the sorted class order is the label order), one PNG per image.
void writeFolder(const nn::ImageDataset& d, const fs::path& root) {
    for (int c = 0; c < 10; ++c) fs::create_directories(root / ("c" + std::to_string(c)));
    const torch::Tensor images = d.images.contiguous();
    for (std::int64_t i = 0; i < d.size(); ++i) {
        const cv::Mat m(28, 28, CV_8UC1, images[i].data_ptr<std::uint8_t>());
        char name[32];
        std::snprintf(name, sizeof name, "%05lld.png", static_cast<long long>(i));
        cv::imwrite((root / ("c" + std::to_string(d.labels[i].item<std::int64_t>())) / name).string(), m);
    }
}

bool decode(const std::string& path, int size, int channels, std::uint8_t* out, std::string& error) {
    return imaging::decodeDatasetImage(path, size, channels, out, error);
}

double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

struct EpochTime {
    double wall = 0.0;  // the trainer's epoch time (evaluation excluded)
    double cpu = 0.0;   // the process's CPU time for the whole run (a single test image evaluated)
};

EpochTime epochTime(const nn::TrainConfig& c, const nn::ImageDataset& train, const nn::ImageDataset& test) {
    nn::Trainer t(c, train, test);
    EpochTime time;
    nn::TrainCallbacks cb;
    cb.onEpoch = [&time](const nn::EpochMetrics& e, const std::vector<int>&) { time.wall = e.seconds; };
    const double cpu0 = cpuSeconds();
    t.run(cb);
    time.cpu = cpuSeconds() - cpu0;
    return time;
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 10000;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 0;
    const std::string model = argc > 3 ? argv[3] : "simplecnn";
    const int batch = argc > 4 ? std::atoi(argv[4]) : 32;
    const int rounds = argc > 5 ? std::atoi(argv[5]) : 5;

    const nn::ImageDataset source = sourceImages(n);
    const fs::path root = fs::temp_directory_path() / ("bench_image_folder_" + std::to_string(::getpid()));
    fs::remove_all(root);
    writeFolder(source, root);
    std::uintmax_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) bytes += entry.file_size();
    std::printf("%lld PNGs of 28x28 (%.1f KiB on average) in %s, %u hardware threads\n",
                static_cast<long long>(n), double(bytes) / 1024.0 / double(n), root.c_str(),
                std::thread::hardware_concurrency());

    // 1. Scan and decode, three times.
    nn::FolderDecodeOptions options;
    options.threads = threads;
    std::vector<double> rates, scans;
    nn::FolderDataset cache;
    for (int r = 0; r < 3; ++r) {
        const auto t0 = Clock::now();
        const nn::ImageFolderScan scan = nn::scanImageFolder(root.string(), {0.0, 1});
        const double scanSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        cache = nn::decodeImageFolder(scan, true, options, decode);
        const double total = std::chrono::duration<double>(Clock::now() - t0).count();
        scans.push_back(scanSeconds * 1000.0);
        rates.push_back(double(n) / total);
        std::printf("round %d: scan %.0f ms, decode %.3f s, %.0f images/s (scan + decode)\n", r + 1,
                    scanSeconds * 1000.0, cache.report.seconds, double(n) / total);
    }
    std::printf(
        "\n| step | median of 3 |\n|---|---:|\n| scan (ms) | %.0f |\n| scan + decode (images/s) | %.0f |\n\n",
        median(scans), median(rates));
    if (cache.report.skippedCount != 0 || cache.data.size() != n) {
        std::printf("error: %lld files were skipped\n", static_cast<long long>(cache.report.skippedCount));
        return 1;
    }
    // The cache holds the same pixels as the source (as a multiset: the folder's order is by class).
    const bool same = cache.data.images.to(torch::kInt64).sum().item<std::int64_t>() ==
                      source.images.to(torch::kInt64).sum().item<std::int64_t>();
    std::printf("cache pixels equal the source's (sum): %s\n", same ? "yes" : "NO");

    if (rounds <= 0) {  // decoding alone
        fs::remove_all(root);
        return same ? 0 : 1;
    }
    // 2. Training throughput, the cache against the IDX tensor, alternating.
    nn::TrainConfig c;
    c.model.name = model;
    c.model.stem = nn::parseStem("small");
    c.batchSize = batch;
    c.optimizer = "sgd";
    c.learningRate = 0.05;
    c.schedule = "none";
    c.epochs = 1;
    c.logEvery = 1000000;
    c.threads = 2;
    const nn::ImageDataset test = source.head(1);
    (void)epochTime(c, source.head(batch * 10), test);  // warm-up
    // The order alternates (IDX first, then the cache first) and each round's ratio is taken between two runs
    // next to each other in time, so that the load of a shared machine drifting between rounds cancels out.
    std::vector<double> idx, folder, idxCpu, folderCpu, ratios, cpuRatios;
    for (int r = 0; r < rounds; ++r) {
        EpochTime a, b;
        if (r % 2 == 0) {
            a = epochTime(c, source, test);
            b = epochTime(c, cache.data, test);
        } else {
            b = epochTime(c, cache.data, test);
            a = epochTime(c, source, test);
        }
        idx.push_back(a.wall);
        folder.push_back(b.wall);
        idxCpu.push_back(a.cpu);
        folderCpu.push_back(b.cpu);
        ratios.push_back(a.wall / b.wall);
        cpuRatios.push_back(a.cpu / b.cpu);
        std::printf("round %d: IDX tensor %.2f s (CPU %.2f s), folder cache %.2f s (CPU %.2f s)\n", r + 1,
                    a.wall, a.cpu, b.wall, b.cpu);
    }
    const double steps = double((n + batch - 1) / batch);
    std::printf(
        "\n| data | epoch s (median of %d) | ms per step | images/s | CPU s per run (median) |\n"
        "|---|---:|---:|---:|---:|\n",
        rounds);
    std::printf("| Fashion-MNIST IDX tensor | %.2f | %.2f | %.0f | %.2f |\n", median(idx),
                1000.0 * median(idx) / steps, double(n) / median(idx), median(idxCpu));
    std::printf("| folder cache | %.2f | %.2f | %.0f | %.2f |\n", median(folder),
                1000.0 * median(folder) / steps, double(n) / median(folder), median(folderCpu));
    std::printf(
        "throughput ratio folder / IDX (model %s, batch %d, %.0f steps per epoch): median of the rounds' "
        "ratios %.3f (wall), %.3f (CPU time); ratio of the medians %.3f\n",
        model.c_str(), batch, steps, median(ratios), median(cpuRatios), median(idx) / median(folder));
    fs::remove_all(root);
    return 0;
}
