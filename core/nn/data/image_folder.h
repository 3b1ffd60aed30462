#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convscope::nn {

/// One image file of a folder data set and its class.
struct ImageFile {
    std::string path;
    int label = 0;
};

/// How a folder in torchvision's ImageFolder layout was read (no LibTorch here: the GUI's forms use it).
struct ImageFolderScan {
    std::string root;    ///< the folder given
    std::string layout;  ///< "train/test", "train/val" or "split"
    std::vector<std::string>
        classNames;  ///< the class folders' names, sorted by their bytes (as Python's sorted)
    /// The files of each split, interleaved by class (the first file of every class, then the second, …) so
    /// that the first N of a list are a balanced subset; within a class, in the order of their paths.
    std::vector<ImageFile> train, test;
    std::vector<std::int64_t> trainCounts, testCounts;  ///< files per class
    /// Classes whose folder holds no image file: "cat", or "cat (test)" when only one split's folder is
    /// empty.
    std::vector<std::string> emptyClasses;
    /// Files inside class folders that are not images by their extension (paths relative to the root).
    std::vector<std::string> ignored;
};

struct FolderScanOptions {
    /// For a folder of class folders alone: the share of each class's files kept for testing, 0 … below 1.
    double testFraction = 0.2;
    std::uint64_t splitSeed = 1;
};

/// Reads the layout of `directory`:
///  - `DIR/train/<class>/…` with `DIR/test/<class>/…` (or `DIR/val/<class>/…` when there is no test folder);
///  - otherwise `DIR/<class>/…`, split per class: round(fraction × n) files, at least one and at most n − 1
///    when a class has two or more files and the fraction is above 0 (none of a class of one file), go to the
///    test set, chosen by a Fisher–Yates shuffle of the sorted paths drawn from the seed and the class name
///    (the same split on every platform and whatever other classes exist).
/// Images are the files with a known image extension (png, jpg, jpeg, jpe, bmp, dib, tif, tiff, webp, pbm,
/// pgm, ppm, pnm; any case) anywhere under a class folder; names that begin with a dot (.DS_Store,
/// .ipynb_checkpoints) are passed over silently, other files are listed in `ignored`. Files are not opened.
/// Throws std::invalid_argument for a fraction outside 0 … below 1, and std::runtime_error with a sentence
/// for a missing folder, a folder without class folders, a train folder without a test or val folder, train
/// and test class folders that differ, and a folder without any image (or without training images).
ImageFolderScan scanImageFolder(const std::string& directory, const FolderScanOptions& options = {});

/// True for a file name with one of the image extensions above.
bool hasImageExtension(const std::string& fileName);

/// The split's test files of one class: the indices (into the class's sorted paths, 0 … n − 1) that the
/// seeded shuffle puts into the test set, sorted. Exposed for the tests.
std::vector<std::size_t> testIndicesOfClass(std::size_t n, double testFraction, std::uint64_t splitSeed,
                                            const std::string& className);

}  // namespace convscope::nn
