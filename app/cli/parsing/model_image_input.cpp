#include "app/cli/parsing/model_image_input.h"

#include <opencv2/imgproc.hpp>

#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/model_input.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::cli {

void addModelImageOptions(ArgumentParser& parser) {
    for (const char* o : {"--checkpoint", "--model", "--index", "--image", "--invert", "--data"})
        parser.addOption(o);
    addImportOptions(parser);
}

namespace {

/// A photograph for a colour model: its central square, area-averaged (or linearly enlarged) to size x size,
/// in RGB order as torchvision reads images.
torch::Tensor colourInput(const cv::Mat& bgr, int size, std::string& description) {
    cv::Mat colour = bgr;
    if (colour.channels() == 1) cv::cvtColor(colour, colour, cv::COLOR_GRAY2BGR);
    const int side = std::min(colour.cols, colour.rows);
    const cv::Mat square = colour(cv::Rect((colour.cols - side) / 2, (colour.rows - side) / 2, side, side));
    cv::Mat resized, rgb;
    cv::resize(square, resized, cv::Size(size, size), 0, 0, side > size ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
    description = std::to_string(colour.cols) + "×" + std::to_string(colour.rows) + " → central " +
                  std::to_string(side) + "×" + std::to_string(side) + " → " + std::to_string(size) + "×" +
                  std::to_string(size) + " colour";
    return torch::from_blob(rgb.data, {size, size, 3}, torch::kUInt8).permute({2, 0, 1}).clone();
}

}  // namespace

ModelImage readModelImage(const ArgumentParser& parser) {
    const auto path = parser.value("--checkpoint");
    const auto file = parser.value("--model");
    if (bool(path) == bool(file)) throw UsageError("give one of --checkpoint FILE and --model FILE.pt");
    const bool byIndex = parser.has("--index"), byImage = parser.has("--image");
    if (byIndex == byImage) throw UsageError("give exactly one of --index N and --image FILE");
    imaging::InvertMode invert = imaging::InvertMode::Automatic;
    if (const auto v = parser.value("--invert")) {
        if (*v == "yes")
            invert = imaging::InvertMode::Always;
        else if (*v == "no")
            invert = imaging::InvertMode::Never;
        else if (*v != "auto")
            throw UsageError("--invert: choose auto, yes or no");
    }
    ModelImage result;
    if (file) {
        ImportedModel imported = loadImportedModel(parser, *file);
        result.model = imported.model;
        result.transform = imported.config.input;
        result.classes = imported.config.classNames;
        result.modelSource = *file;
    } else {
        const nn::CheckpointState state = nn::readCheckpointState(*path);
        result.model = nn::makeModel(state.config.model);
        nn::loadCheckpoint(*path, *result.model, nullptr, state.config.model);
        result.transform = state.config.input;
        result.classes =
            state.config.classNames.empty() ? nn::fashionMnistClasses() : state.config.classNames;
        result.modelSource = *path;
    }
    if (byIndex) {
        const nn::ImageDataset test =
            nn::loadFashionMnist(parser.value("--data").value_or(nn::defaultFashionMnistDirectory()), false);
        const long long index = readIntegerOption(parser, "--index", 0, 0, test.size() - 1);
        result.pixels = test.images[index];
        result.truth = int(test.labels[index].item<std::int64_t>());
        const std::string label = nn::fashionMnistClasses()[std::size_t(result.truth)];
        result.source = "Fashion-MNIST test image " + std::to_string(index) + " (" + label + ")";
        // The truth is one of this model's classes only when it was trained on Fashion-MNIST's.
        if (result.truth >= int(result.classes.size()) || result.classes[std::size_t(result.truth)] != label)
            result.truth = -1;
    } else {
        imaging::LoadedImage loaded;
        {
            const StderrSilencer quiet;
            loaded = imaging::loadImage(*parser.value("--image"));
        }
        if (result.transform.channels > 1) {
            std::string description;
            result.pixels = colourInput(loaded.pixels, result.transform.size, description);
            result.source = *parser.value("--image") + ": " + description;
        } else {
            // Checkpoints of ConvScope's models take Fashion-MNIST-like 28×28 pictures (resized later to
            // their input size); an imported grey model gets its own size.
            const int size = file ? result.transform.size : 28;
            const imaging::ModelInput in = imaging::toModelInput(loaded.pixels, size, invert);
            result.pixels = torch::from_blob(in.pixels.data, {1, size, size}, torch::kUInt8).clone();
            result.source = *parser.value("--image") + ": " + in.description;
        }
    }
    return result;
}

}  // namespace convscope::cli
