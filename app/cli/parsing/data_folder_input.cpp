#include "app/cli/parsing/data_folder_input.h"

#include <unistd.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"

#ifdef CONVSCOPE_CLI_IMAGING
#include "app/cli/output/stderr_silencer.h"
#include "core/imaging/dataset_image_decoder.h"
#endif

namespace convscope::cli {

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

#ifdef CONVSCOPE_CLI_IMAGING
namespace {

// The layout and the class counts, before anything is decoded.
void printScan(const nn::ImageFolderScan& scan, const DataFolderChoice& choice, std::ostream& info) {
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
}

void printCacheLine(const nn::FolderDecodeReport& r, const std::string& split, std::uint64_t limitBytes,
                    std::ostream& info) {
    std::ostringstream line;  // its own stream: `info`'s number format stays as it was
    line << "cache:  " << r.decoded << " " << split << " images decoded in " << std::fixed
         << std::setprecision(2) << r.seconds << " s (" << std::setprecision(0) << r.imagesPerSecond()
         << " images/s), " << nn::describeMemory(r.cacheBytes) << " in memory (limit "
         << nn::describeMemory(limitBytes) << ")\n";
    info << line.str() << std::flush;
}

}  // namespace
#endif

nn::LoadedFolder loadDataFolder(const DataFolderChoice& choice, nn::FolderLoadOptions options,
                                std::ostream& info,
                                const std::function<void(const nn::ImageFolderScan&)>& check) {
#ifndef CONVSCOPE_CLI_IMAGING
    (void)choice, (void)options, (void)info, (void)check;
    throw std::runtime_error(
        "This convscope-cli was built without OpenCV (CONVSCOPE_NN_ONLY), so it cannot decode image folders: "
        "use a full build, or Fashion-MNIST.");
#else
    if (options.channels != 1 && options.channels != 3)
        throw UsageError(
            "a folder's images are read as grey (--in-channels 1) or colour (--in-channels 3), not " +
            std::to_string(options.channels) + " channels");
    options.folder = choice.folder;
    options.testFraction = choice.testFraction;
    options.splitSeed = choice.splitSeed;
    options.memoryLimitBytes = choice.cacheLimitBytes;
    // The progress line goes to a copy of stderr: stderr itself is silenced while the decoders run.
    const int progressFd = isatty(STDERR_FILENO) ? dup(STDERR_FILENO) : -1;
    auto write = [progressFd](const std::string& text) {
        if (progressFd >= 0 && ::write(progressFd, text.data(), text.size()) < 0) return;
    };
    std::optional<StderrSilencer> quiet;
    nn::FolderLoadCallbacks callbacks;
    callbacks.onScanned = [&](const nn::ImageFolderScan& scan) {
        printScan(scan, choice, info);
        if (check) check(scan);
        quiet.emplace();
    };
    callbacks.progress = [&](std::int64_t done, std::int64_t total) {
        write("\rdecoding images: " + std::to_string(done) + "/" + std::to_string(total) + "   ");
    };
    const auto finish = [&] {
        quiet.reset();
        if (progressFd < 0) return;
        write("\r" + std::string(60, ' ') + "\r");
        close(progressFd);
    };
    const auto decoder = [](const std::string& path, int s, int c, std::uint8_t* out, std::string& error) {
        return imaging::decodeDatasetImage(path, s, c, out, error);
    };
    nn::LoadedFolder f;
    try {
        f = nn::loadImageFolder(options, decoder, callbacks);
    } catch (const std::invalid_argument& e) {
        finish();
        throw UsageError(e.what());
    } catch (...) {
        finish();
        throw;
    }
    finish();

    for (const std::string& w : f.warnings) std::cerr << "warning: " << w << "\n";
    // The sentences name the files; the reasons say what is wrong with them.
    for (const nn::FolderDataset* d : {&f.train, &f.test})
        for (const nn::SkippedFile& s : d->report.skipped) std::cerr << "  " << s.reason << "\n";
    if (options.decodeTrain) printCacheLine(f.train.report, "training", choice.cacheLimitBytes, info);
    if (options.decodeTest) printCacheLine(f.test.report, "test", choice.cacheLimitBytes, info);
    return f;
#endif
}

}  // namespace convscope::cli
