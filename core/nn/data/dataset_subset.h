#pragma once

#include <cstdint>
#include <vector>

#include "core/nn/data/image_dataset.h"

namespace convscope::nn {

/// The images of the listed classes only, relabelled 0 … k − 1 in the order given (classes {5, 7} make
/// class 5 label 0 and class 7 label 1), with their names; images keep their order. An empty list returns
/// the set unchanged. Throws std::invalid_argument for a class outside 0 … classes − 1 or one listed twice.
ImageDataset selectClasses(const ImageDataset& data, const std::vector<int>& classes);

/// At most `perClass` images of every class: the images are shuffled with `seed` (std::mt19937_64, the
/// trainer's shuffle), the first `perClass` of each class in that order are kept, and the kept images are
/// returned in their original order. So the choice depends on the seed alone, and a larger count keeps every
/// image a smaller one kept. 0 returns the set unchanged.
ImageDataset takePerClass(const ImageDataset& data, std::int64_t perClass, std::uint64_t seed);

/// The images a run uses, in the trainer's order: the class subset (selectClasses), then for training
/// `perClass` images per class (takePerClass with `seed`), then the first `limit` (0: all). The image
/// folder's loader makes the same choice to compute the normalisation of the images trained on.
ImageDataset selectForRun(const ImageDataset& data, const std::vector<int>& classes, std::int64_t perClass,
                          std::uint64_t seed, std::int64_t limit);

/// The images per class (labels 0 … classes − 1).
std::vector<std::int64_t> classCounts(const ImageDataset& data);

}  // namespace convscope::nn
