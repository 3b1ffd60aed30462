#include "app/cli/parsing/checkpoint_test_set.h"

#include <stdexcept>

#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/data/dataset_location.h"
#include "core/nn/data/dataset_subset.h"

namespace convscope::cli {

nn::ImageDataset checkpointTestSet(const ArgumentParser& parser, const std::string& checkpointPath,
                                   const nn::TrainConfig& trained, std::int64_t limit, std::ostream& info) {
    if (parser.has("--data") && parser.has("--data-folder"))
        throw UsageError("--data (Fashion-MNIST's folder) and --data-folder exclude each other");
    // A checkpoint trained on a folder reads that folder unless another data set is named.
    const DataFolderChoice folder = readDataFolderOptions(
        parser, {parser.has("--data") ? "" : trained.dataFolder, trained.testFraction, trained.splitSeed});
    nn::ImageDataset test;
    if (folder.folder.empty()) {
        const std::string dataDir = parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
        test = nn::selectClasses(nn::loadFashionMnist(dataDir, false), trained.classSubset).head(limit);
    } else {
        const auto check = [&](const nn::ImageFolderScan& scan) {
            const int classes = int(scan.classNames.size());
            if ((trained.classSubset.empty() && classes != trained.model.classes) ||
                (!trained.classNames.empty() && trained.classNames != scan.classNames))
                throw std::runtime_error(folder.folder + "'s " + std::to_string(classes) +
                                         " classes are not the ones " + checkpointPath + " was trained on (" +
                                         std::to_string(trained.model.classes) + " classes).");
        };
        // Only the test files of the run's classes are decoded, up to the limit.
        nn::FolderLoadOptions o;
        o.decodeTrain = false;
        o.size = trained.input.size;
        o.channels = trained.model.inChannels;
        o.classSubset = trained.classSubset;
        o.limitTest = limit;
        test = nn::selectClasses(loadDataFolder(folder, o, info, check).test.data, trained.classSubset);
    }
    if (test.classes() != trained.model.classes)
        throw std::runtime_error(
            checkpointPath + "'s model has " + std::to_string(trained.model.classes) +
            " outputs, but the test set has " + std::to_string(test.classes()) + " classes" +
            (trained.dataFolder.empty()
                 ? "."
                 : ": it was trained on " + trained.dataFolder + " (name that folder with --data-folder)."));
    return test;
}

}  // namespace convscope::cli
