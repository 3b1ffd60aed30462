#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/data/folder_loading.h"

namespace convscope::cli {

/// --data-folder DIR, --test-fraction F, --split-seed S and --cache-limit GIB, shared by train and evaluate.
void addDataFolderOptions(ArgumentParser& parser);

/// The options' help lines (indented like train's and evaluate's other groups).
std::string dataFolderHelp();

struct DataFolderChoice {
    std::string folder;
    double testFraction = 0.2;
    std::uint64_t splitSeed = 1;
    std::uint64_t cacheLimitBytes = 4ull << 30;
};

/// The options over `defaults` (a checkpoint's folder, fraction and seed, or the built-in ones); UsageError
/// for values out of range.
DataFolderChoice readDataFolderOptions(const ArgumentParser& parser, const DataFolderChoice& defaults);

/// Reads the folder for a run through nn::loadImageFolder (the Training panel's path too) with
/// imaging::decodeDatasetImage, over `options` (the sizes, the class subset, the limits; the folder,
/// fraction, seed and cache limit are `choice`'s): after the scan, its layout and class counts go to `info`
/// and `check` (the command's tests of the classes) runs before anything is decoded; then a progress line on
/// a terminal, the warnings (files that are not images, empty classes, files that did not decode, with the
/// reasons) to stderr and the rate and cache size of each split to `info`. libpng's and libtiff's own
/// complaints about damaged files are kept off stderr meanwhile. UsageError for a channel count other than 1
/// or 3 or a class subset the folder lacks, std::runtime_error with a sentence for a folder that is not a
/// data set. In a build without OpenCV (CONVSCOPE_NN_ONLY) it throws std::runtime_error saying so.
nn::LoadedFolder loadDataFolder(const DataFolderChoice& choice, nn::FolderLoadOptions options,
                                std::ostream& info,
                                const std::function<void(const nn::ImageFolderScan&)>& check = {});

}  // namespace convscope::cli
