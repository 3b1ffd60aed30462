#include "app/cli/parsing/data_folder_input.h"

#include <unistd.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"

#ifdef CONVSCOPE_CLI_IMAGING
#include "app/cli/output/stderr_silencer.h"
#include "core/imaging/dataset_image_decoder.h"
#endif

namespace convscope::cli {

namespace {

constexpr std::size_t kListed = 5;  // names listed in a warning before "and N more"

std::string listOf(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > kListed) out += " and " + std::to_string(names.size() - kListed) + " more";
    return out;
}

}  // namespace

void addDataFolderOptions(ArgumentParser& parser) {
    for (const char* o : {"--data-folder", "--test-fraction", "--split-seed", "--cache-limit"})
        parser.addOption(o);
}

std::string dataFolderHelp() {
    return "Folder:   --data-folder DIR  images in torchvision's ImageFolder layout instead of "
           "Fashion-MNIST:\n"
           "          DIR/train/<class>/* with DIR/test/<class>/* (or DIR/val/<class>/*), or DIR/<class>/* "
           "split per\n"
           "          class by --test-fraction F (0.2; 0 to below 1) drawn from --split-seed S (1). Class "
           "names are\n"
           "          the folder names, sorted. PNG, JPEG, BMP, TIFF, WebP, PNM of any size, squashed to "
           "--size x --size\n"
           "          without cropping (as torchvision's Resize((S, S)): area averaging when shrinking, "
           "bilinear when\n"
           "          enlarging), grey (BT.601 luminance) for --in-channels 1, RGB for 3. Files that are not "
           "images or\n"
           "          do not decode are skipped and listed on stderr, as are empty classes. The images are "
           "decoded once\n"
           "          into memory; --cache-limit GIB (4) refuses a folder whose cache would be larger.\n";
}

DataFolderChoice readDataFolderOptions(const ArgumentParser& parser, const DataFolderChoice& defaults) {
    DataFolderChoice c = defaults;
    if (const auto folder = parser.value("--data-folder")) c.folder = *folder;
    if (const auto f = parser.value("--test-fraction")) {
        c.testFraction = parseNumber("--test-fraction", *f);
        if (c.testFraction < 0.0 || c.testFraction >= 1.0)
            throw UsageError("--test-fraction must be from 0 to below 1 (got " + *f + ")");
    }
    if (const auto seed = parser.value("--split-seed")) c.splitSeed = parseUnsigned("--split-seed", *seed);
    if (const auto limit = parser.value("--cache-limit")) {
        const double gib = parseNumber("--cache-limit", *limit);
        if (gib <= 0.0 || gib > 1024.0)
            throw UsageError("--cache-limit is a size in GiB above 0 and up to 1024 (got " + *limit + ")");
        c.cacheLimitBytes = std::uint64_t(std::llround(gib * double(1ull << 30)));
    }
    return c;
}

nn::ImageFolderScan scanDataFolder(const DataFolderChoice& choice, std::ostream& info) {
    nn::FolderScanOptions options;
    options.testFraction = choice.testFraction;
    options.splitSeed = choice.splitSeed;
    nn::ImageFolderScan scan;
    try {
        scan = nn::scanImageFolder(choice.folder, options);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    info << "folder: " << scan.root << ", layout " << scan.layout;
    if (scan.layout == "split")
        info << " (test fraction " << choice.testFraction << ", split seed " << choice.splitSeed << ")";
    info << ", " << scan.classNames.size() << " classes (training/test files):";
    for (std::size_t c = 0; c < scan.classNames.size(); ++c) {
        if (c == 10) {
            info << " and " << scan.classNames.size() - 10 << " more";
            break;
        }
        info << (c ? ", " : " ") << scan.classNames[c] << " " << scan.trainCounts[c] << "/"
             << scan.testCounts[c];
    }
    info << "\n" << std::flush;
    if (!scan.ignored.empty())
        std::cerr << "warning: " << scan.ignored.size() << " file(s) in the class folders are not images (by "
                  << "their extension) and are left out: " << listOf(scan.ignored) << "\n";
    if (!scan.emptyClasses.empty())
        std::cerr << "warning: " << scan.emptyClasses.size()
                  << " class(es) have no image files: " << listOf(scan.emptyClasses) << "\n";
    return scan;
}

nn::FolderDataset decodeDataFolder(const nn::ImageFolderScan& scan, bool train, int size, int channels,
                                   std::int64_t limit, std::uint64_t cacheLimitBytes, std::ostream& info) {
#ifndef CONVSCOPE_CLI_IMAGING
    (void)scan, (void)train, (void)size, (void)channels, (void)limit, (void)cacheLimitBytes, (void)info;
    throw std::runtime_error(
        "This convscope-cli was built without OpenCV (CONVSCOPE_NN_ONLY), so it cannot decode image folders: "
        "use a full build, or Fashion-MNIST.");
#else
    if (channels != 1 && channels != 3)
        throw UsageError(
            "a folder's images are read as grey (--in-channels 1) or colour (--in-channels 3), not " +
            std::to_string(channels) + " channels");
    const std::string split = train ? "training" : "test";
    nn::FolderDecodeOptions options;
    options.size = size;
    options.channels = channels;
    options.limit = limit;
    options.memoryLimitBytes = cacheLimitBytes;
    // The progress line goes to a copy of stderr: stderr itself is silenced while the decoders run.
    const int progressFd = isatty(STDERR_FILENO) ? dup(STDERR_FILENO) : -1;
    auto write = [progressFd](const std::string& text) {
        if (progressFd >= 0 && ::write(progressFd, text.data(), text.size()) < 0) return;
    };
    const auto progress = [&](std::int64_t done, std::int64_t total) {
        write("\rdecoding " + split + " images: " + std::to_string(done) + "/" + std::to_string(total) +
              "   ");
    };
    const auto decoder = [](const std::string& path, int s, int c, std::uint8_t* out, std::string& error) {
        return imaging::decodeDatasetImage(path, s, c, out, error);
    };
    nn::FolderDataset d;
    try {
        const StderrSilencer quiet;
        d = nn::decodeImageFolder(scan, train, options, decoder, progress);
    } catch (...) {
        write("\r" + std::string(60, ' ') + "\r");
        if (progressFd >= 0) close(progressFd);
        throw;
    }
    write("\r" + std::string(60, ' ') + "\r");
    if (progressFd >= 0) close(progressFd);

    const nn::FolderDecodeReport& r = d.report;
    if (r.skippedCount > 0) {
        std::cerr << "warning: " << r.skippedCount << " of " << r.files << " " << split
                  << " files could not be decoded and were skipped";
        for (const nn::SkippedFile& s : r.skipped) std::cerr << "\n  " << s.path << ": " << s.reason;
        if (r.skippedCount > std::int64_t(r.skipped.size()))
            std::cerr << "\n  and " << r.skippedCount - std::int64_t(r.skipped.size()) << " more";
        std::cerr << "\n";
    }
    if (train && r.files > 0 && r.decoded == 0)
        throw std::runtime_error("None of the " + std::to_string(r.files) + " training files of " +
                                 scan.root + " could be decoded" +
                                 (r.skipped.empty() ? "." : " (" + r.skipped.front().reason + ")."));
    std::ostringstream line;  // its own stream: `info`'s number format stays as it was
    line << "cache:  " << r.decoded << " " << split << " images decoded in " << std::fixed
         << std::setprecision(2) << r.seconds << " s (" << std::setprecision(0) << r.imagesPerSecond()
         << " images/s), " << nn::describeMemory(r.cacheBytes) << " in memory (limit "
         << nn::describeMemory(cacheLimitBytes) << ")\n";
    info << line.str() << std::flush;
    return d;
#endif
}

}  // namespace convscope::cli
