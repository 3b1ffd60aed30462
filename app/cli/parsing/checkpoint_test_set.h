#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "app/cli/parsing/argument_parser.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::cli {

/// The test set a checkpoint's run is judged on, chosen alike by evaluate, embed and gradients: Fashion-MNIST
/// (--data DIR or Debian's folder) unless the run trained on an image folder, then that folder's test files
/// split as in training; --data-folder DIR (with --test-fraction, --split-seed, --cache-limit) names another
/// folder where the command offers those options. A run trained on a class subset sees those classes,
/// relabelled as in training. `limit` > 0 keeps the first `limit` images (a folder's later files are then not
/// decoded). The folder's report goes to `info`.
///
/// Throws UsageError when --data and --data-folder are both given; std::runtime_error with a sentence when a
/// folder's classes are not the checkpoint's, or when the test set has another class count than the model
/// has outputs.
nn::ImageDataset checkpointTestSet(const ArgumentParser& parser, const std::string& checkpointPath,
                                   const nn::TrainConfig& trained, std::int64_t limit, std::ostream& info);

}  // namespace convscope::cli
