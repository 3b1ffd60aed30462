#include "core/nn/data/image_dataset.h"

#include <filesystem>

#include "core/nn/data/idx_reader.h"

namespace convscope::nn {

ImageDataset ImageDataset::head(std::int64_t count) const {
    if (count <= 0 || count >= size()) return *this;
    return {images.narrow(0, 0, count), labels.narrow(0, 0, count), classNames};
}

std::string defaultFashionMnistDirectory() {
    return "/usr/share/datasets/fashion-mnist";
}

const std::vector<std::string>& fashionMnistClasses() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                   "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                   "Bag",         "Ankle boot"};
    return names;
}

namespace {

std::string findFile(const std::string& directory, const std::string& stem) {
    namespace fs = std::filesystem;
    for (const std::string& name : {stem + ".gz", stem}) {
        const fs::path p = fs::path(directory) / name;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

}  // namespace

ImageDataset loadFashionMnist(const std::string& directory, bool train) {
    namespace fs = std::filesystem;
    const std::string prefix = train ? "train" : "t10k";
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        throw IdxError("Fashion-MNIST was not found: " + directory +
                       " is not a folder. Install Debian's dataset-fashion-mnist package (sudo apt install "
                       "dataset-fashion-mnist) or choose the folder that holds its four IDX files.");
    }
    const std::string imagesPath = findFile(directory, prefix + "-images-idx3-ubyte");
    const std::string labelsPath = findFile(directory, prefix + "-labels-idx1-ubyte");
    if (imagesPath.empty() || labelsPath.empty()) {
        throw IdxError("Fashion-MNIST's " + std::string(train ? "training" : "test") + " files (" + prefix +
                       "-images-idx3-ubyte and " + prefix +
                       "-labels-idx1-ubyte, optionally .gz) are not in " + directory +
                       ". Install dataset-fashion-mnist (sudo apt install dataset-fashion-mnist) or "
                       "choose the folder that holds them.");
    }
    IdxArray images = readIdxFile(imagesPath);
    IdxArray labels = readIdxFile(labelsPath);
    if (images.dims.size() != 3)
        throw IdxError(imagesPath + " holds " + std::to_string(images.dims.size()) +
                       "-dimensional data; images must be N x height x width.");
    if (labels.dims.size() != 1)
        throw IdxError(labelsPath + " holds " + std::to_string(labels.dims.size()) +
                       "-dimensional data; labels must be a list.");
    if (images.count() != labels.count())
        throw IdxError("The image and label files disagree: " + std::to_string(images.count()) +
                       " images in " + imagesPath + " but " + std::to_string(labels.count()) + " labels in " +
                       labelsPath + ".");
    const int classes = int(fashionMnistClasses().size());
    for (std::size_t i = 0; i < labels.data.size(); ++i) {
        if (labels.data[i] >= classes)
            throw IdxError(labelsPath + ": label " + std::to_string(i) + " is " +
                           std::to_string(labels.data[i]) + ", but Fashion-MNIST has only " +
                           std::to_string(classes) + " classes.");
    }
    ImageDataset d;
    const std::int64_t n = images.count();
    d.images =
        torch::from_blob(images.data.data(), {n, 1, images.dims[1], images.dims[2]}, torch::kUInt8).clone();
    d.labels = torch::from_blob(labels.data.data(), {n}, torch::kUInt8).to(torch::kInt64);
    d.classNames = fashionMnistClasses();
    return d;
}

}  // namespace convscope::nn
