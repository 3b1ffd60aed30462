#include "core/nn/data/folder_loading.h"

#include <algorithm>
#include <stdexcept>

#include "core/nn/data/dataset_subset.h"

namespace convscope::nn {

namespace {

constexpr std::size_t kListed = 5;  // names listed in a warning before "and N more"

// "a, b, c, d, e and 7 more": the first few of `total` names (`names` may hold only the first of them).
std::string listOf(const std::vector<std::string>& names, std::size_t total) {
    std::string out;
    const std::size_t shown = std::min(names.size(), kListed);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + names[i];
    if (total > shown) out += " and " + std::to_string(total - shown) + " more";
    return out;
}

// The files of the classes the run uses, in the scan's order (still interleaved by class, so the first N
// of them are a balanced subset of those classes).
std::vector<ImageFile> filesOf(const std::vector<ImageFile>& files, const std::vector<int>& classes) {
    if (classes.empty()) return files;
    std::vector<ImageFile> kept;
    for (const ImageFile& f : files)
        if (std::find(classes.begin(), classes.end(), f.label) != classes.end()) kept.push_back(f);
    return kept;
}

std::int64_t countOf(std::size_t files, std::int64_t limit) {
    return limit > 0 ? std::min<std::int64_t>(limit, std::int64_t(files)) : std::int64_t(files);
}

}  // namespace

std::string listOfNames(const std::vector<std::string>& names) {
    return listOf(names, names.size());
}

std::pair<double, double> pixelMeanAndStdev(const ImageDataset& data) {
    FolderDecodeReport counts;  // its histogram and the exact mean and spread computed from it
    if (data.size() > 0) {
        const torch::Tensor bytes = data.images.contiguous();
        const std::uint8_t* p = bytes.data_ptr<std::uint8_t>();
        const std::int64_t n = bytes.numel();
        for (std::int64_t i = 0; i < n; ++i) ++counts.histogram[p[i]];
    }
    return counts.meanAndStdev();
}

LoadedFolder loadImageFolder(const FolderLoadOptions& o, const DecodeFunction& decoder,
                             const FolderLoadCallbacks& callbacks) {
    if (o.channels != 1 && o.channels != 3)
        throw std::invalid_argument("A folder's images are read as grey (1 channel) or colour (3), not " +
                                    std::to_string(o.channels) + " channels.");
    LoadedFolder result;
    FolderScanOptions scanOptions;
    scanOptions.testFraction = o.testFraction;
    scanOptions.splitSeed = o.splitSeed;
    result.scan = scanImageFolder(o.folder, scanOptions);
    const ImageFolderScan& scan = result.scan;
    const int classes = int(scan.classNames.size());
    if (o.decodeTrain && classes < 2)
        throw std::runtime_error(o.folder + " holds one class folder (" + scan.classNames.front() +
                                 "): a classifier needs at least two.");
    for (int k : o.classSubset)
        if (k < 0 || k >= classes)
            throw std::invalid_argument("Class " + std::to_string(k) + " is not one of the folder's " +
                                        std::to_string(classes) + " classes (0 to " +
                                        std::to_string(classes - 1) + ").");
    if (!scan.ignored.empty())
        result.warnings.push_back(
            std::to_string(scan.ignored.size()) +
            " file(s) in the class folders are not images and are left out: " + listOfNames(scan.ignored));
    if (!scan.emptyClasses.empty())
        result.warnings.push_back(std::to_string(scan.emptyClasses.size()) +
                                  " class(es) have no image files: " + listOfNames(scan.emptyClasses));
    if (callbacks.onScanned) callbacks.onScanned(scan);

    // Only the subset's files, then the limit: a run on classes 5 to 9 with --limit-train 100 trains on 100
    // images of those classes, not on the share of them among the first 100 of every class.
    ImageFolderScan used = scan;
    used.train = o.decodeTrain ? filesOf(scan.train, o.classSubset) : std::vector<ImageFile>{};
    used.test = o.decodeTest ? filesOf(scan.test, o.classSubset) : std::vector<ImageFile>{};
    const std::int64_t trainLimit = o.perClass > 0 ? 0 : o.limitTrain;
    const std::int64_t trainFiles = countOf(used.train.size(), trainLimit);
    const std::int64_t total = trainFiles + countOf(used.test.size(), o.limitTest);

    for (const bool train : {true, false}) {
        if (!(train ? o.decodeTrain : o.decodeTest)) continue;
        FolderDecodeOptions d;
        d.size = o.size;
        d.channels = o.channels;
        d.limit = train ? trainLimit : o.limitTest;
        d.memoryLimitBytes = o.memoryLimitBytes;
        d.threads = o.threads;
        const std::int64_t offset = train ? 0 : trainFiles;
        DecodeProgress progress;
        if (callbacks.progress)
            progress = [&](std::int64_t done, std::int64_t) { callbacks.progress(offset + done, total); };
        FolderDataset& split = train ? result.train : result.test;
        split = decodeImageFolder(used, train, d, decoder, progress, callbacks.isCancelled);
        const FolderDecodeReport& r = split.report;
        if (r.skippedCount > 0) {
            std::vector<std::string> names;
            for (const SkippedFile& s : r.skipped) names.push_back(s.path);
            result.warnings.push_back(std::to_string(r.skippedCount) + " of " + std::to_string(r.files) +
                                      (train ? " training" : " test") +
                                      " files could not be decoded and were skipped: " +
                                      listOf(names, std::size_t(r.skippedCount)));
        }
        if (train && r.files > 0 && r.decoded == 0)
            throw std::runtime_error("None of the " + std::to_string(r.files) + " training files of " +
                                     scan.root + " could be decoded" +
                                     (r.skipped.empty() ? "." : " (" + r.skipped.front().reason + ")."));
    }
    if (o.decodeTrain) {
        // Without images per class the decoded set is the one trained on; with them, the trainer's choice.
        const auto [mean, stdev] = o.perClass > 0
                                       ? pixelMeanAndStdev(selectForRun(result.train.data, o.classSubset,
                                                                        o.perClass, o.seed, o.limitTrain))
                                       : result.train.report.meanAndStdev();
        result.mean = mean;
        result.stdev = stdev;
    }
    return result;
}

}  // namespace convscope::nn
