#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::gui {

/// An image folder's two splits decoded for a Training panel run, and what to tell the learner about them.
struct FolderTrainingData {
    nn::ImageDataset train, test;
    std::vector<std::string> warnings;  ///< files left out, empty classes, files that did not decode
    std::string summary;                ///< "12 training and 4 test images, 3 classes, 1.2 MiB in memory"
};

/// Prepares a new run on `config.dataFolder` as `convscope-cli train --data-folder` does: both go through
/// nn::loadImageFolder (core/nn/data/folder_loading.h) with imaging::decodeDatasetImage, which scans the
/// folder with the config's test fraction and split seed and decodes the files of the class subset (the first
/// limitTrain / limitTest of them; grey or colour as the model's input channels) into the in-memory cache.
/// Here the folder is made absolute, the class count and names are set and the input is normalised with the
/// mean and spread of the images trained on. So the run's checkpoint resumes like a CLI run.
/// `progress(done, total)` counts the files of both splits. Throws std::runtime_error (or
/// std::invalid_argument) with a sentence for a folder that is not a data set, and common::Cancelled when
/// `isCancelled` says so.
FolderTrainingData loadFolderForTraining(nn::TrainConfig& config,
                                         const std::function<void(std::int64_t, std::int64_t)>& progress,
                                         const std::function<bool()>& isCancelled);

}  // namespace convscope::gui
