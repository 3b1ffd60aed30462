#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_folder.h"
#include "core/nn/data/image_folder_dataset.h"

namespace convscope::nn {

/// What to read of an image folder for a run: the scan's split, the decoding, and the run's own choice of
/// images (the trainer's: class subset, images per class, then the limit), so that only the files the run
/// uses are decoded and the normalisation is that of the images trained on.
struct FolderLoadOptions {
    std::string folder;
    double testFraction = 0.2;  ///< for a folder of class folders alone (FolderScanOptions)
    std::uint64_t splitSeed = 1;
    int size = 28;
    int channels = 1;  ///< 1 grey, 3 colour
    bool decodeTrain = true, decodeTest = true;
    /// Classes of the folder (0 … classes − 1) the run uses; empty: all. Only their files are decoded; the
    /// labels stay the folder's (the trainer's selectClasses relabels them, as it does Fashion-MNIST's).
    std::vector<int> classSubset;
    std::int64_t perClass = 0;  ///< training images per class (takePerClass with `seed`); 0: all
    std::uint64_t seed = 1;
    /// The first N files of the subset's (0: all). The training limit is applied while decoding unless
    /// images per class are chosen: their seeded choice needs every image, and the trainer limits after it.
    std::int64_t limitTrain = 0, limitTest = 0;
    std::uint64_t memoryLimitBytes = 4ull << 30;  ///< per split
    int threads = 0;                              ///< decoding threads; 0: the hardware's concurrency
};

struct FolderLoadCallbacks {
    /// After the scan, before any file is decoded: check the classes against a checkpoint, print the
    /// layout. An exception thrown here leaves loadImageFolder.
    std::function<void(const ImageFolderScan&)> onScanned;
    /// (files done, files to decode): both splits together, the training files first.
    DecodeProgress progress;
    std::function<bool()> isCancelled;
};

struct LoadedFolder {
    ImageFolderScan scan;
    FolderDataset train, test;  ///< empty data when the split was not asked for; the folder's labels
    /// Sentences for the learner: files that are not images, empty classes, files that did not decode.
    std::vector<std::string> warnings;
    /// Mean and (population) standard deviation, scaled to 0 … 1, of the pixels of the training images the
    /// run trains on (after the class subset, the images per class and the limit): the input normalisation
    /// of a new run. {0, 0} when no training images were decoded.
    double mean = 0.0, stdev = 0.0;
};

/// The one path from an image folder to a run's decoded images, shared by `convscope-cli train/evaluate
/// --data-folder` and the Training panel:
///  1. scanImageFolder with the fraction and seed;
///  2. the training case needs two classes at least (std::runtime_error with a sentence);
///  3. callbacks.onScanned;
///  4. for each split asked for, the files of the class subset, then the first `limit` of them, decoded by
///     decodeImageFolder with `decoder` (core/nn decodes nothing itself: the caller passes core/imaging's
///     decodeDatasetImage); std::runtime_error when none of the training files decodes;
///  5. the warnings and the normalisation of the images trained on.
/// Throws std::invalid_argument for a fraction out of range, a class of the subset the folder lacks, or a
/// channel count other than 1 or 3 (before scanning); std::runtime_error for a folder that is not a data
/// set or a cache above its limit; common::Cancelled when callbacks.isCancelled says so.
LoadedFolder loadImageFolder(const FolderLoadOptions& options, const DecodeFunction& decoder,
                             const FolderLoadCallbacks& callbacks = {});

/// "a.png, b.png, c.png and 4 more": the first few names of a warning.
std::string listOfNames(const std::vector<std::string>& names);

/// Mean and population standard deviation of uint8 images scaled to 0 … 1 (exact, from a histogram of
/// the bytes); {0, 0} for no images.
std::pair<double, double> pixelMeanAndStdev(const ImageDataset& data);

}  // namespace convscope::nn
