#include "app/cli/command_describe.h"

#include <iomanip>

#include "app/cli/json_writer.h"
#include "app/cli/nn_options.h"
#include "app/cli/usage_error.h"
#include "core/nn/model_factory.h"
#include "core/nn/model_summary.h"

namespace convscope::cli {

namespace {
std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s;
    for (std::int64_t d : shape) s += (s.empty() ? "" : "x") + std::to_string(d);
    return s;
}
std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}
}  // namespace

std::string DescribeCommand::summary() const {
    return "Layers, output shapes and parameter counts of a model";
}

std::string DescribeCommand::help() const {
    return "Usage: convscope-cli describe MODEL [--in-channels C] [--classes K] [--size S] [--stem "
           "imagenet|small]\n"
           "                                    [--block basic|bottleneck] [--no-skip] [--json]\n"
           "\n"
           "MODEL: simplecnn, hierarchicalcnn, lenet5, resnet18, resnet34, resnet50. Builds the model, runs "
           "one\n"
           "zero image of C x S x S through it and prints every submodule with its parameter count and the "
           "output\n"
           "shape at every tap point. Defaults: 1 input channel, 10 classes, size 28, the small stem (for "
           "28x28;\n"
           "--stem imagenet is torchvision's 7x7 stride-2 convolution and max pooling). --json prints one "
           "object\n"
           "with total_params, trainable_params, modules and taps.\n";
}

int DescribeCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelOptions(parser, false);
    parser.addFlag("--json");
    parser.parse(args);
    if (parser.positionals().size() != 1)
        throw UsageError("describe needs one MODEL, got " + std::to_string(parser.positionals().size()));
    const nn::ModelConfig config = readModelOptions(parser, {}, parser.positionals().front());
    nn::Classifier model;
    try {
        model = nn::makeModel(config);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const nn::ModelSummary s = nn::summarizeModel(*model, config.inChannels, config.inputSize);
    if (parser.has("--json")) {
        JsonWriter json(out);
        json.beginObject();
        json.key("model").value(config.name);
        json.key("input_shape").integers({config.inChannels, config.inputSize, config.inputSize});
        json.key("classes").value(config.classes);
        json.key("total_params").value(static_cast<long long>(s.totalParameters));
        json.key("trainable_params").value(static_cast<long long>(s.trainableParameters));
        json.key("modules").beginArray();
        for (const nn::ModuleSummary& m : s.modules) {
            json.beginObject();
            json.key("name").value(m.name);
            json.key("type").value(m.type);
            json.key("params").value(static_cast<long long>(m.parameters));
            json.endObject();
        }
        json.endArray();
        json.key("taps").beginArray();
        for (const nn::TapSummary& t : s.taps) {
            json.beginObject();
            json.key("name").value(t.name);
            std::vector<int> shape(t.shape.begin(), t.shape.end());
            json.key("output_shape").integers(shape);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        out << "\n";
        return 0;
    }
    out << nn::modelTitle(config.name) << ", input " << config.inChannels << "x" << config.inputSize << "x"
        << config.inputSize << ", " << config.classes << " classes\n\n";
    out << "module                    parameters  type\n";
    for (const nn::ModuleSummary& m : s.modules)
        out << std::left << std::setw(24) << m.name << std::right << std::setw(12) << grouped(m.parameters)
            << "  " << m.type << "\n";
    out << "\ntap point     output shape (C x H x W)\n";
    for (const nn::TapSummary& t : s.taps)
        out << std::left << std::setw(14) << t.name << shapeText(t.shape) << "\n";
    out << "\ntotal parameters: " << grouped(s.totalParameters) << " (trainable "
        << grouped(s.trainableParameters) << ")\n";
    return 0;
}

}  // namespace convscope::cli
