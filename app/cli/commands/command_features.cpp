#include "app/cli/commands/command_features.h"

#include <filesystem>
#include <fstream>
#include <iomanip>

#include <opencv2/core.hpp>

#include "app/cli/output/feature_grid_image.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/model_input.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/device_choice.h"

namespace convscope::cli {

std::string FeaturesCommand::summary() const {
    return "Feature maps of every layer for one image, as pictures";
}

std::string FeaturesCommand::help() const {
    return "Usage: convscope-cli features --checkpoint FILE (--index N | --image FILE) [--invert "
           "auto|yes|no]\n"
           "                              [--data DIR] OUTDIR\n"
           "\n"
           "Runs one image through the checkpoint's model and writes, into OUTDIR (created if needed), "
           "input.png\n"
           "(the image as the model sees it), one TAP.png per tap point (conv1, layer1.0, ..., fc: each "
           "channel a\n"
           "tile, scaled to its own range) and features.txt (shapes, value ranges and the prediction).\n"
           "--index N takes test image N of Fashion-MNIST; --image FILE converts a photograph: its "
           "luminance, the\n"
           "central square, resized to the model's input and inverted when its background is light "
           "(--invert).\n";
}

int FeaturesCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--checkpoint", "--index", "--image", "--invert", "--data"}) parser.addOption(o);
    parser.parse(args);
    const auto path = parser.value("--checkpoint");
    if (!path) throw UsageError("features needs --checkpoint FILE");
    if (parser.positionals().size() != 1) throw UsageError("features needs one OUTDIR");
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
    const std::filesystem::path dir(parser.positionals().front());
    const nn::CheckpointState state = nn::readCheckpointState(*path);
    const nn::Classifier model = nn::makeModel(state.config.model);
    nn::loadCheckpoint(*path, *model, nullptr, state.config.model);
    const nn::DeviceChoice device = nn::chooseDevice("cpu", 0);

    torch::Tensor image;
    std::string source;
    std::vector<std::string> classes = nn::fashionMnistClasses();
    int truth = -1;
    if (byIndex) {
        const nn::ImageDataset test =
            nn::loadFashionMnist(parser.value("--data").value_or(nn::defaultFashionMnistDirectory()), false);
        const long long index = readIntegerOption(parser, "--index", 0, 0, test.size() - 1);
        image = test.images[index];
        truth = int(test.labels[index].item<std::int64_t>());
        source = "test image " + std::to_string(index) + " (" + classes[std::size_t(truth)] + ")";
    } else {
        imaging::LoadedImage loaded;
        {
            const StderrSilencer quiet;
            loaded = imaging::loadImage(*parser.value("--image"));
        }
        const imaging::ModelInput in = imaging::toModelInput(loaded.pixels, 28, invert);
        image = torch::from_blob(in.pixels.data, {1, 28, 28}, torch::kUInt8).clone();
        source = *parser.value("--image") + ": " + in.description;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
    const nn::FeatureSnapshot f = nn::captureFeatures(*model, image, state.config.input, device.device);

    std::ofstream report(dir / "features.txt");
    report << "checkpoint: " << *path << "\nimage: " << source << "\nprediction: "
           << (f.prediction < int(classes.size()) ? classes[std::size_t(f.prediction)]
                                                  : std::to_string(f.prediction))
           << std::fixed << std::setprecision(1) << " (" << 100.0 * f.scores[std::size_t(f.prediction)]
           << "%)\n";
    const torch::Tensor input = (f.input[0] * 255.0).round().to(torch::kUInt8).contiguous();
    cv::Mat inputPicture(int(input.size(0)), int(input.size(1)), CV_8UC1, input.data_ptr<std::uint8_t>());
    {
        const StderrSilencer quiet;
        imaging::saveImage((dir / "input.png").string(), inputPicture.clone());
    }
    for (const nn::TapActivation& tap : f.taps) {
        const cv::Mat grid = featureGridImage(tap);
        {
            const StderrSilencer quiet;
            imaging::saveImage((dir / (tap.name + ".png")).string(), grid);
        }
        report << tap.name << ": " << tap.value.size(0) << " x " << tap.value.size(1) << " x "
               << tap.value.size(2) << std::setprecision(4) << ", min " << tap.value.min().item<float>()
               << ", max " << tap.value.max().item<float>() << ", mean " << tap.value.mean().item<float>()
               << "\n";
    }
    out << "image:      " << source << "\n";
    out << "prediction: " << classes[std::size_t(f.prediction)]
        << (truth >= 0 ? (f.prediction == truth ? " (right)" : " (wrong)") : "") << "\n";
    out << "wrote:      " << f.taps.size() + 2 << " files to " << dir.string() << "\n";
    return 0;
}

}  // namespace convscope::cli
