#include "app/cli/commands/command_features.h"

#include <filesystem>
#include <fstream>
#include <iomanip>

#include <opencv2/core.hpp>

#include "app/cli/output/feature_grid_image.h"
#include "app/cli/output/output_check.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/model_image_input.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/train/device_choice.h"

namespace convscope::cli {

std::string FeaturesCommand::summary() const {
    return "Feature maps of every layer for one image, as pictures";
}

std::string FeaturesCommand::help() const {
    return "Usage: convscope-cli features (--checkpoint FILE | --model FILE.pt --input C×H×W) (--index N | "
           "--image FILE) [--invert "
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
           "(--invert).\n"
           "\n"
           "--model FILE.pt instead of --checkpoint takes an imported TorchScript model; its taps are its "
           "convolutions\n"
           "(or --taps), a colour model gets the photograph's colours and a grey test image in every "
           "channel.\n" +
           std::string(kImportHelp);
}

int FeaturesCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelImageOptions(parser);
    parser.parse(args);
    if (parser.positionals().size() != 1) throw UsageError("features needs one OUTDIR");
    const std::filesystem::path dir(parser.positionals().front());
    checkWritableFolder(dir.string(), "OUTDIR");  // before the model is loaded
    const ModelImage loaded = readModelImage(parser);
    const nn::DeviceChoice device = nn::chooseDevice("cpu", 0);
    const std::vector<std::string>& classes = loaded.classes;
    const int truth = loaded.truth;
    const std::string& source = loaded.source;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
    const nn::FeatureSnapshot f =
        nn::captureFeatures(*loaded.model, loaded.pixels, loaded.transform, device.device);

    std::ofstream report(dir / "features.txt");
    report << "model: " << loaded.modelSource << "\nimage: " << source << "\nprediction: "
           << (f.prediction < int(classes.size()) ? classes[std::size_t(f.prediction)]
                                                  : std::to_string(f.prediction))
           << std::fixed << std::setprecision(1) << " (" << 100.0 * f.scores[std::size_t(f.prediction)]
           << "%)\n";
    // The input as the model sees it: grey, or colour (C x S x S in RGB → an S x S BGR picture).
    const torch::Tensor input = (f.input * 255.0).round().clamp(0, 255).to(torch::kUInt8);
    const bool colour = input.size(0) == 3;
    const torch::Tensor hwc = (colour ? input.flip({0}).permute({1, 2, 0}) : input[0]).contiguous();
    cv::Mat inputPicture(int(hwc.size(0)), int(hwc.size(1)), colour ? CV_8UC3 : CV_8UC1,
                         hwc.data_ptr<std::uint8_t>());
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
