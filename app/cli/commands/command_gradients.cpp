#include "app/cli/commands/command_gradients.h"

#include <iomanip>
#include <iostream>
#include <limits>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/checkpoint_test_set.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/device_choice.h"
#include "core/nn/train/gradient_measurement.h"

namespace convscope::cli {

namespace {

// "A:B" with 0 ≤ A < B; the upper bound against the test set is checked once it is loaded.
std::pair<std::int64_t, std::int64_t> readIndices(const std::string& text) {
    const auto colon = text.find(':');
    const auto number = [&](const std::string& part) -> std::int64_t {
        std::size_t used = 0;
        long long v = -1;
        try {
            v = std::stoll(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (part.empty() || used != part.size() || v < 0)
            throw UsageError("--indices must be A:B with whole numbers 0 ≤ A < B (got '" + text + "')");
        return v;
    };
    if (colon == std::string::npos)
        throw UsageError("--indices must be A:B with whole numbers 0 ≤ A < B (got '" + text + "')");
    const std::int64_t a = number(text.substr(0, colon)), b = number(text.substr(colon + 1));
    if (a >= b) throw UsageError("--indices A:B needs A < B (got " + text + ")");
    return {a, b};
}

void writeNormalisation(JsonWriter& json, const nn::InputTransform& t) {
    json.key("normalisation").beginObject();
    if (t.channelMean.empty()) {
        json.key("mean").value(t.mean);
        json.key("std").value(t.stdev);
    } else {
        json.key("mean").numbers(t.channelMean);
        json.key("std").numbers(t.channelStd);
    }
    json.endObject();
}

}  // namespace

std::string GradientsCommand::summary() const {
    return "A checkpoint's loss over test images A…B−1 and the gradient norm of each parameter";
}

std::string GradientsCommand::help() const {
    return "Usage: convscope-cli gradients --checkpoint FILE --indices A:B [--mode train|eval] [--data DIR]\n"
           "                               [--device cpu|cuda] [--threads T] [--json]\n"
           "\n"
           "Rebuilds the checkpoint's model, loads its weights and takes the gradient of the mean "
           "cross-entropy over\n"
           "the test images A, A+1, …, B−1 (from 0; prepared as for evaluation: no augmentation, the "
           "checkpoint's\n"
           "normalisation) with respect to every parameter, and prints each gradient's L2 norm under the "
           "parameter's\n"
           "name in the checkpoint (e.g. layer1_0.conv1.weight). Small norms in the first layers and large "
           "ones near\n"
           "the output are the vanishing gradient that skip connections counter.\n"
           "\n"
           "  --indices A:B     the images, 0 ≤ A < B ≤ the test set's size\n"
           "  --mode eval       (default) batch norm uses its running statistics, dropout is off: the "
           "network as it\n"
           "                    predicts\n"
           "  --mode train      batch norm normalises with the statistics of each batch of up to 256 images "
           "and dropout\n"
           "                    drops (masks from seed 0): the network as the trainer sees it\n"
           "  --data DIR        Fashion-MNIST's folder (Debian's dataset-fashion-mnist by default); a "
           "checkpoint\n"
           "                    trained on a folder of images uses that folder's test files, split as in "
           "training\n"
           "  --device, --threads   as for evaluate\n"
           "  --json            one object: normalisation ({mean, std}: the input normalisation used; "
           "arrays for a\n"
           "                    per-channel one), indices ([A, B]), mode, loss (the mean cross-entropy), "
           "grad_norms\n"
           "                    (parameter name → L2 norm, in the model's order)\n";
}

int GradientsCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--checkpoint", "--indices", "--mode", "--data", "--device", "--threads"})
        parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    const auto path = parser.value("--checkpoint");
    if (!path) throw UsageError("gradients needs --checkpoint FILE");
    const auto indicesText = parser.value("--indices");
    if (!indicesText) throw UsageError("gradients needs --indices A:B (the test images A … B−1)");
    if (!parser.positionals().empty())
        throw UsageError("gradients takes no file arguments besides --checkpoint");
    const auto [first, last] = readIndices(*indicesText);
    const std::string mode = parser.value("--mode").value_or("eval");
    if (mode != "eval" && mode != "train")
        throw UsageError("--mode must be train or eval (got '" + mode + "')");
    const int threads = int(readIntegerOption(parser, "--threads", 0, 0, 256));

    const nn::CheckpointState state = nn::readCheckpointState(*path);
    const nn::TrainConfig& trained = state.config;
    const nn::DeviceChoice device = nn::chooseDevice(parser.value("--device").value_or("cpu"), threads);
    const nn::Classifier model = nn::makeModel(trained.model);
    nn::loadCheckpoint(*path, *model, nullptr, trained.model);
    model->to(device.device);

    // The test set as evaluate chooses it (the run's folder, split as then, or Fashion-MNIST); in --json mode
    // a folder's report goes to stderr.
    const nn::ImageDataset test =
        checkpointTestSet(parser, *path, trained, last, parser.has("--json") ? std::cerr : out);
    if (last > test.size())
        throw std::runtime_error("--indices " + *indicesText + " goes past the test set, which has " +
                                 std::to_string(test.size()) + " images (the last index is " +
                                 std::to_string(test.size() - 1) + ").");
    nn::ImageDataset range;
    range.images = test.images.narrow(0, first, last - first);
    range.labels = test.labels.narrow(0, first, last - first);
    range.classNames = test.classNames;
    if (range.labels.max().item<std::int64_t>() >= trained.model.classes)
        throw std::runtime_error(*path + "'s model has " + std::to_string(trained.model.classes) +
                                 " outputs, fewer than the test set's classes.");
    const nn::GradientMeasurement g =
        nn::measureGradients(*model, range, trained.input, device.device, mode == "train");

    if (parser.has("--json")) {
        JsonWriter json(out);
        json.beginObject();
        writeNormalisation(json, trained.input);
        json.key("indices")
            .beginArray()
            .value(static_cast<long long>(first))
            .value(static_cast<long long>(last));
        json.endArray();
        json.key("mode").value(mode);
        json.key("loss").value(g.loss);
        json.key("grad_norms").beginObject();
        for (const auto& [parameter, norm] : g.gradNorms) json.key(parameter).value(norm);
        json.endObject();
        json.endObject();
        out << "\n";
        return 0;
    }
    out << "checkpoint: " << *path << " (" << nn::modelTitle(trained.model.name) << ", " << state.epochsDone
        << " epochs trained)\n";
    out << "images:     test " << first << " … " << last - 1 << " (" << g.images << "), " << mode
        << " mode\n";
    out << std::setprecision(6) << "loss:       " << g.loss << " (mean cross-entropy)\n";
    out << "gradient L2 norm per parameter:\n";
    std::size_t width = 0;
    for (const auto& entry : g.gradNorms) width = std::max(width, entry.first.size());
    for (const auto& [parameter, norm] : g.gradNorms)
        out << "  " << std::left << std::setw(int(width)) << parameter << std::right << "  "
            << std::scientific << std::setprecision(3) << norm << std::defaultfloat << "\n";
    return 0;
}

}  // namespace convscope::cli
