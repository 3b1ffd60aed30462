#include "app/cli/parsing/model_image_input.h"

#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/model_input.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"

namespace convscope::cli {

void addModelImageOptions(ArgumentParser& parser) {
    for (const char* o : {"--checkpoint", "--index", "--image", "--invert", "--data"}) parser.addOption(o);
}

ModelImage readModelImage(const ArgumentParser& parser) {
    const auto path = parser.value("--checkpoint");
    if (!path) throw UsageError("--checkpoint FILE is required");
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
    const nn::CheckpointState state = nn::readCheckpointState(*path);
    result.model = nn::makeModel(state.config.model);
    nn::loadCheckpoint(*path, *result.model, nullptr, state.config.model);
    result.transform = state.config.input;
    result.classes = nn::fashionMnistClasses();
    if (byIndex) {
        const nn::ImageDataset test =
            nn::loadFashionMnist(parser.value("--data").value_or(nn::defaultFashionMnistDirectory()), false);
        const long long index = readIntegerOption(parser, "--index", 0, 0, test.size() - 1);
        result.pixels = test.images[index];
        result.truth = int(test.labels[index].item<std::int64_t>());
        result.source =
            "test image " + std::to_string(index) + " (" + result.classes[std::size_t(result.truth)] + ")";
    } else {
        imaging::LoadedImage loaded;
        {
            const StderrSilencer quiet;
            loaded = imaging::loadImage(*parser.value("--image"));
        }
        const imaging::ModelInput in = imaging::toModelInput(loaded.pixels, 28, invert);
        result.pixels = torch::from_blob(in.pixels.data, {1, 28, 28}, torch::kUInt8).clone();
        result.source = *parser.value("--image") + ": " + in.description;
    }
    return result;
}

}  // namespace convscope::cli
