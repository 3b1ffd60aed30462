#include "app/cli/commands/command_explain.h"

#include <algorithm>
#include <iomanip>

#include <opencv2/core.hpp>

#include "app/cli/output/attribution_json.h"
#include "app/cli/output/output_check.h"
#include "app/cli/output/stderr_silencer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/model_image_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/imaging/image_loader.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/attribution.h"
#include "core/nn/explain/sanity_check.h"
#include "core/nn/train/device_choice.h"

namespace convscope::cli {

std::string ExplainCommand::summary() const {
    return "Attribution maps: which pixels or cells make the model's score for a class";
}

std::string ExplainCommand::help() const {
    return "Usage: convscope-cli explain (--checkpoint FILE | --model FILE.pt --input C×H×W) (--index N | "
           "--image FILE)\n"
           "         --method gradcam|gradcampp|hirescam|saliency|smoothgrad|ig|occlusion\n"
           "         [--layer TAP|all] [--target CLASS] [--steps N] [--samples N --noise F] [--seed N]\n"
           "         [--window K --stride S] [--baseline V] [--sanity N] [--json] [--png OUT]\n"
           "         [--invert auto|yes|no] [--data DIR]\n"
           "\n"
           "Explains the checkpoint's model's score y_c (the logit of class c, before softmax) for one "
           "image,\n"
           "with the model in evaluation mode. --index N takes Fashion-MNIST test image N (from --data DIR "
           "or\n"
           "the installed dataset); --image FILE converts a photograph as `features` does.\n"
           "\n"
           "Methods (the map is raw: no ReLU, no normalisation, no upsampling):\n"
           "  gradcam    Σ_k α_k·A_k with α_k the mean of ∂y_c/∂A_k over the tap's cells; at the tap's\n"
           "             resolution. --layer TAP (default: the last tap with a spatial map).\n"
           "  gradcampp  Grad-CAM++: channel weights Σ_ij relu(g)·g²/(2g² + Σ_ij A·g³).\n"
           "  hirescam   Σ_k (∂y_c/∂A_k ⊙ A_k): each cell its own gradient.\n"
           "  saliency   |∂y_c/∂x|, maximum over input channels; at the input's resolution.\n"
           "  smoothgrad |∂y_c/∂x| averaged over --samples N noisy copies (default 25), noise σ = --noise F\n"
           "             times the input's range (default 0.15), from --seed N (default 0); max over "
           "channels.\n"
           "  ig         integrated gradients from the baseline (--baseline V in the model's input space,\n"
           "             default 0) with the Gauss-Legendre rule over --steps N nodes (default 50, as "
           "Captum),\n"
           "             summed over input channels; reports the completeness error\n"
           "             |Σ attributions − (y_c(x) − y_c(baseline))|.\n"
           "  occlusion  a K×K window (--window, default 4) slid with stride S (--stride, default 1) over "
           "the\n"
           "             positions where it fits, set to the baseline in every channel; each pixel is the "
           "mean\n"
           "             of y_c(x) − y_c(occluded) over the windows that cover it (0 where none does).\n"
           "\n"
           "--layer all  the Grad-CAM-family method at every tap with a spatial map (one forward, one\n"
           "             backward pass): the layer strip.\n"
           "--target C   the class to explain (default: the predicted one).\n"
           "--sanity N   also randomise the model's weighted layers from the output down, N of them (0: "
           "all),\n"
           "             and report each step's Spearman rank correlation with the trained model's map.\n"
           "\n"
           "Output: a summary, or with --json one object: method, layer (Grad-CAM family; \"all\" with "
           "strip:\n"
           "[{layer, map}]), target, predicted, logits, probabilities, input (the model input used, C×H×W),\n"
           "map (nested lists, rows of columns), ig: steps, completeness_error, target_delta; occlusion:\n"
           "window, stride; --sanity: sanity [{randomised, rank_correlation}]. --png OUT writes the overlay\n"
           "the application shows: the input enlarged 8 times, the map upsampled bilinearly over it; "
           "Grad-CAM\n"
           "family with a ReLU, scaled by its maximum (Viridis); ig and occlusion signed, scaled by the\n"
           "largest magnitude (blue negative, red positive); opacity grows with |value|.\n"
           "Bad requests print one line and exit with status 2.\n" +
           std::string(kImportHelp);
}

int ExplainCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelImageOptions(parser);
    for (const char* o : {"--method", "--layer", "--target", "--steps", "--samples", "--noise", "--seed",
                          "--window", "--stride", "--baseline", "--sanity", "--png"})
        parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty()) throw UsageError("explain takes no positional arguments");
    const auto methodName = parser.value("--method");
    if (!methodName)
        throw UsageError(
            "explain needs --method (gradcam, gradcampp, hirescam, saliency, smoothgrad, ig or occlusion)");
    const auto method = nn::parseAttributionMethod(*methodName);
    if (!method)
        throw UsageError("unknown method \"" + *methodName +
                         "\": choose gradcam, gradcampp, hirescam, saliency, smoothgrad, ig or occlusion");
    const nn::AttributionMethodInfo& info = nn::methodInfo(*method);

    nn::AttributionOptions options;
    options.method = *method;
    const std::string layer = parser.value("--layer").value_or("");
    if (!layer.empty() && !info.atLayer) throw UsageError("--layer is for gradcam, gradcampp and hirescam");
    const bool strip = layer == "all";
    if (!strip) options.layer = layer;
    options.target = int(readIntegerOption(parser, "--target", -1, 0, 1 << 20));
    options.steps = int(readIntegerOption(parser, "--steps", options.steps, 1, 4096));
    options.samples = int(readIntegerOption(parser, "--samples", options.samples, 1, 100000));
    options.seed = std::uint64_t(readIntegerOption(parser, "--seed", 0, 0, (1LL << 53)));
    if (const auto v = parser.value("--noise")) {
        options.noise = parseNumber("--noise", *v);
        if (!(options.noise >= 0.0 && options.noise <= 10.0))
            throw UsageError("--noise: give a fraction 0 … 10");
    }
    if (const auto v = parser.value("--baseline")) options.baseline = parseNumber("--baseline", *v);
    const int window = int(readIntegerOption(parser, "--window", 4, 0, 1 << 20));
    if (window == 0) throw UsageError("--window: the occlusion window must be at least 1 pixel");
    options.windowHeight = options.windowWidth = window;
    options.strideY = options.strideX = int(readIntegerOption(parser, "--stride", 1, 1, 1 << 20));
    const int sanity = parser.has("--sanity") ? int(readIntegerOption(parser, "--sanity", 0, 0, 10000)) : -1;
    if (sanity >= 0 && strip) throw UsageError("--sanity explains one layer: leave out --layer all");
    // Before the model is loaded and explained: the picture must be writable as a PNG.
    if (const auto png = parser.value("--png")) checkWritableFile(*png, "--png", {"png"});

    const ModelImage image = readModelImage(parser);
    // An imported model explains at any of its operations: one that is not a tap yet becomes one.
    if (auto scripted = std::dynamic_pointer_cast<nn::ScriptedClassifierImpl>(image.model);
        scripted && !strip && !options.layer.empty()) {
        std::vector<std::string> taps = scripted->tapNames();
        if (std::find(taps.begin(), taps.end(), options.layer) == taps.end()) {
            taps.push_back(options.layer);
            scripted->setTaps(taps);
        }
    }
    const nn::DeviceChoice device = nn::chooseDevice("cpu", 0);
    nn::InputTransform transform = image.transform;
    transform.augment = false;
    const torch::Tensor input = nn::prepareBatch(image.pixels.unsqueeze(0), transform, 0, device.device)[0];
    if (window > input.size(1) || window > input.size(2))
        throw UsageError("--window " + std::to_string(window) + " is larger than the image (" +
                         std::to_string(input.size(1)) + "×" + std::to_string(input.size(2)) + ")");

    ExplainReport report;
    report.classes = image.classes;
    report.source = image.source;
    report.transform = image.transform;
    try {
        if (strip) {
            report.strip = nn::gradCamStrip(*image.model, input, options.target, device.device, *method);
            report.main = report.strip.back();
        } else {
            report.main = nn::explain(*image.model, input, options, device.device);
        }
        if (sanity >= 0)
            report.sanity =
                nn::cascadingRandomisation(*image.model, input, options, device.device, options.seed, sanity);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (const auto png = parser.value("--png")) writeOverlayPng(*png, report);
    if (parser.has("--json"))
        writeExplainJson(out, report);
    else
        writeExplainText(out, report);
    return 0;
}

}  // namespace convscope::cli
