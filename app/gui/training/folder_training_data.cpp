#include "app/gui/training/folder_training_data.h"

#include <filesystem>
#include <stdexcept>

#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/image_folder.h"
#include "core/nn/data/image_folder_dataset.h"

namespace convscope::gui {

namespace {

constexpr std::size_t kListed = 5;  // names listed in a warning before "and N more"

std::string listOf(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > kListed) out += " and " + std::to_string(names.size() - kListed) + " more";
    return out;
}

}  // namespace

FolderTrainingData loadFolderForTraining(nn::TrainConfig& c,
                                         const std::function<void(std::int64_t, std::int64_t)>& progress,
                                         const std::function<bool()>& isCancelled) {
    nn::FolderScanOptions options;
    options.testFraction = c.testFraction;
    options.splitSeed = c.splitSeed;
    const nn::ImageFolderScan scan = nn::scanImageFolder(c.dataFolder, options);
    const int classes = int(scan.classNames.size());
    if (classes < 2)
        throw std::runtime_error(c.dataFolder + " holds one class folder (" + scan.classNames.front() +
                                 "): a classifier needs at least two.");
    FolderTrainingData d;
    if (!scan.ignored.empty())
        d.warnings.push_back(
            std::to_string(scan.ignored.size()) +
            " file(s) in the class folders are not images and are left out: " + listOf(scan.ignored));
    if (!scan.emptyClasses.empty())
        d.warnings.push_back(std::to_string(scan.emptyClasses.size()) +
                             " class(es) have no image files: " + listOf(scan.emptyClasses));
    c.model.classes = classes;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(c.dataFolder, ec);
    if (!ec) c.dataFolder = absolute.lexically_normal().string();
    c.classNames = scan.classNames;

    const int channels = c.model.inChannels;
    if (channels != 1 && channels != 3)
        throw std::runtime_error("A folder's images are read as grey (1 channel) or colour (3), not " +
                                 std::to_string(channels) + " channels.");
    const auto count = [](std::size_t files, std::int64_t limit) {
        return limit > 0 ? std::min<std::int64_t>(limit, std::int64_t(files)) : std::int64_t(files);
    };
    const std::int64_t trainFiles = count(scan.train.size(), c.limitTrain);
    const std::int64_t total = trainFiles + count(scan.test.size(), c.limitTest);
    const auto decoder = [](const std::string& path, int s, int ch, std::uint8_t* out, std::string& error) {
        return imaging::decodeDatasetImage(path, s, ch, out, error);
    };
    nn::FolderDataset split[2];
    for (int i = 0; i < 2; ++i) {
        const bool train = i == 0;
        nn::FolderDecodeOptions o;
        o.size = c.input.size;
        o.channels = channels;
        o.limit = train ? c.limitTrain : c.limitTest;
        const std::int64_t offset = train ? 0 : trainFiles;
        split[i] = nn::decodeImageFolder(
            scan, train, o, decoder,
            [&](std::int64_t done, std::int64_t) {
                if (progress) progress(offset + done, total);
            },
            isCancelled);
        const nn::FolderDecodeReport& r = split[i].report;
        if (r.skippedCount > 0) {
            std::string w = std::to_string(r.skippedCount) + " of " + std::to_string(r.files) +
                            (train ? " training" : " test") + " files could not be decoded and were skipped:";
            for (std::size_t k = 0; k < r.skipped.size() && k < kListed; ++k)
                w += (k ? ", " : " ") + std::filesystem::path(r.skipped[k].path).filename().string();
            d.warnings.push_back(w);
        }
        if (train && r.files > 0 && r.decoded == 0)
            throw std::runtime_error("None of the " + std::to_string(r.files) + " training files of " +
                                     scan.root + " could be decoded.");
    }
    // A new run normalises with its own training pixels (a flat colour has no spread to divide by).
    const auto [mean, stdev] = split[0].report.meanAndStdev();
    c.input.mean = mean;
    c.input.stdev = stdev > 1e-6 ? stdev : 1.0;
    d.summary = std::to_string(split[0].report.decoded) + " training and " +
                std::to_string(split[1].report.decoded) + " test images, " + std::to_string(classes) +
                " classes, " + nn::describeMemory(split[0].report.cacheBytes + split[1].report.cacheBytes) +
                " in memory";
    d.train = std::move(split[0].data);
    d.test = std::move(split[1].data);
    return d;
}

}  // namespace convscope::gui
