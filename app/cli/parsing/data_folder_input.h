#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/data/image_folder.h"
#include "core/nn/data/image_folder_dataset.h"

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

/// Scans the folder (std::runtime_error with a sentence for a folder that is not a data set), writes its
/// layout and class counts to `info` and the files that are no images and the empty classes to stderr.
nn::ImageFolderScan scanDataFolder(const DataFolderChoice& choice, std::ostream& info);

/// Decodes the training or test files (the first `limit`, 0: all) into the in-memory cache with
/// imaging::decodeDatasetImage: a progress line on a terminal, the rate and the cache's size to `info`, the
/// files that did not decode (their count, the first few with the reason) to stderr. libpng's and libtiff's
/// own complaints about damaged files are kept off stderr meanwhile. In a build without OpenCV
/// (CONVSCOPE_NN_ONLY) it throws std::runtime_error saying so.
nn::FolderDataset decodeDataFolder(const nn::ImageFolderScan& scan, bool train, int size, int channels,
                                   std::int64_t limit, std::uint64_t cacheLimitBytes, std::ostream& info);

}  // namespace convscope::cli
