#include "app/gui/training/folder_training_data.h"

#include <filesystem>

#include "core/imaging/dataset_image_decoder.h"
#include "core/nn/data/folder_loading.h"

namespace convscope::gui {

FolderTrainingData loadFolderForTraining(nn::TrainConfig& c,
                                         const std::function<void(std::int64_t, std::int64_t)>& progress,
                                         const std::function<bool()>& isCancelled) {
    nn::FolderLoadOptions o;
    o.folder = c.dataFolder;
    o.testFraction = c.testFraction;
    o.splitSeed = c.splitSeed;
    o.size = c.input.size;
    o.channels = c.model.inChannels;
    o.classSubset = c.classSubset;
    o.perClass = c.perClass;
    o.seed = c.seed;
    o.limitTrain = c.limitTrain;
    o.limitTest = c.limitTest;
    nn::FolderLoadCallbacks callbacks;
    callbacks.progress = progress;
    callbacks.isCancelled = isCancelled;
    nn::LoadedFolder folder = nn::loadImageFolder(
        o,
        [](const std::string& path, int s, int ch, std::uint8_t* out, std::string& error) {
            return imaging::decodeDatasetImage(path, s, ch, out, error);
        },
        callbacks);
    const int classes = int(folder.scan.classNames.size());
    c.model.classes = classes;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(c.dataFolder, ec);
    if (!ec) c.dataFolder = absolute.lexically_normal().string();
    c.classNames = folder.scan.classNames;
    // A new run normalises with its own training pixels (a flat colour has no spread to divide by); an
    // imported model keeps the normalisation it was trained with (its import options), as `train` does.
    if (c.model.name != "torchscript") {
        c.input.mean = folder.mean;
        c.input.stdev = folder.stdev > 1e-6 ? folder.stdev : 1.0;
    }

    FolderTrainingData d;
    d.warnings = std::move(folder.warnings);
    const nn::FolderDecodeReport &train = folder.train.report, &test = folder.test.report;
    d.summary = std::to_string(train.decoded) + " training and " + std::to_string(test.decoded) +
                " test images, " + std::to_string(classes) + " classes, " +
                nn::describeMemory(train.cacheBytes + test.cacheBytes) + " in memory";
    d.train = std::move(folder.train.data);
    d.test = std::move(folder.test.data);
    return d;
}

}  // namespace convscope::gui
