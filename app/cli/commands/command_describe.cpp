#include "app/cli/commands/command_describe.h"

#include <iomanip>

#include "app/cli/output/architecture_json.h"
#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/zoo/model_catalog.h"

namespace convscope::cli {

namespace {

/// Display width of UTF-8 text (× and → are one column each but several bytes).
std::size_t displayColumns(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string padTo(const std::string& s, std::size_t width) {
    const std::size_t w = displayColumns(s);
    return w >= width ? s + " " : s + std::string(width - w, ' ');
}

/// `text` broken at spaces into lines of at most `width` columns.
std::string wrapNote(const std::string& text, std::size_t width) {
    std::string out, line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && displayColumns(line) + 1 + displayColumns(word) > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    return out + line;
}

std::string receptiveText(const nn::ArchNode& n) {
    return n.global ? "all" : std::to_string(n.receptiveField);
}

}  // namespace

std::string DescribeCommand::summary() const {
    return "Every layer of a model: output shape, parameters, multiply-accumulates, receptive field";
}

std::string DescribeCommand::help() const {
    return "Usage: convscope-cli describe MODEL [--in-channels C] [--classes K] [--size S] [--stem "
           "imagenet|small]\n"
           "                              [--block basic|bottleneck] [--no-skip] [--no-batch-norm]\n"
           "                              [--dropout P] [--aux] [--json]\n\n"
           "--aux adds the auxiliary classifiers of googlenet (aux1, aux2) and inception_v3 (AuxLogits), as\n"
           "torchvision's aux_logits=True: they are traced (torchvision runs them in training only) and "
           "listed\n"
           "as side exits, scopes of kind \"side exit\" whose last layer feeds nothing.\n"
           "--no-batch-norm describes the model without its batch norms (hierarchicalcnn, the ResNets and\n"
           "the CIFAR networks; their convolutions then have a bias); --dropout P (0 <= P < 1) shows the\n"
           "dropout added before the classifier (lenet5: after fc1 and fc2). Both apply to ConvScope's own\n"
           "networks only, as in train; the title names them (\"ResNet-20 (CIFAR), no batch norm\").\n"
           "MODEL: any model of `convscope-cli zoo`. Builds it, runs one zero image of C x S x S through it "
           "with the\n"
           "tracer on and prints every operation it ran: output shape, parameters, multiply-accumulates "
           "(MACs, for one\n"
           "image), float32 activation size and receptive field (\"all\" after global pooling or a fully "
           "connected layer),\n"
           "then the totals. Defaults: for the trainable models (simplecnn, hierarchicalcnn, lenet5, "
           "resnet18/34/50,\n"
           "the CIFAR networks resnet20 … resnet110 and plain20 … plain110)\n"
           "the Training panel's Fashion-MNIST settings (1 channel, 10 classes, 28x28, small stem); for the "
           "others\n"
           "ImageNet's (3 channels, 1000 classes, the model's native resolution, e.g. 224 or 600 for "
           "EfficientNet-B7).\n"
           "--json prints one object: model, input_shape, total_params, trainable_params, unused_params, "
           "total_macs,\n"
           "activation_bytes, scopes, nodes (with arithmetic), taps and the model's direct modules.\n"
           "\n"
           "MODEL may also be a TorchScript file (torch.jit.save): describe FILE.pt --input 1x28x28 [--json] "
           "runs its\n"
           "inlined graph once and prints the same table and JSON, named after the file's modules; taps are "
           "its\n"
           "convolutions (or --taps). Any C×H×W input, square or not. total_params counts every parameter "
           "of the file\n"
           "(as PyTorch's sum(p.numel())); unused_params (and a note) says how many of them no operation of "
           "the forward\n"
           "pass reads, such as GoogLeNet's auxiliary heads traced in eval mode.\n";
}

int DescribeCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelOptions(parser, false);
    addImportOptions(parser);
    parser.addFlag("--aux");
    parser.addFlag("--json");
    parser.parse(args);
    if (parser.positionals().size() != 1)
        throw UsageError("describe needs one MODEL, got " + std::to_string(parser.positionals().size()));
    const std::string modelName = parser.positionals().front();
    if (!nn::findModel(modelName) && namesModelFile(modelName)) return describeFile(parser, modelName, out);
    nn::ModelConfig defaults;
    if (const nn::ModelInfo* info = nn::findModel(modelName); info && !info->trainable) {
        defaults.inChannels = 3;
        defaults.classes = modelName == "unet" ? 2 : 1000;
        defaults.inputSize = info->nativeResolution;
        defaults.stem = nn::Stem::Imagenet;
    }
    nn::ModelConfig config = readModelOptions(parser, defaults, modelName, true);
    if (parser.has("--aux")) {
        config.auxLogits = true;
        try {
            nn::validateModelSwitches(config);
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
    }
    nn::Architecture a;
    try {
        a = nn::describeArchitecture(config);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    // The seed's Inception module is one module, not a classifier: its output is a feature map.
    const std::string output =
        modelName == "seed-inception"
            ? "output " + nn::shapeText(a.nodes.back().shape) + " (one module, no classifier)"
            : std::to_string(config.classes) + " classes";
    std::string heading = a.title + ", input " + std::to_string(config.inChannels) + "x" +
                          std::to_string(config.inputSize) + "x" + std::to_string(config.inputSize) + ", " +
                          output;
    if (const nn::ModelInfo* info = nn::findModel(modelName);
        info && !info->note.empty() && !parser.has("--json"))
        heading += "\n" + wrapNote(info->note, 110);
    return print(a, heading, parser.has("--json"), out);
}

int DescribeCommand::describeFile(const ArgumentParser& parser, const std::string& file, std::ostream& out) {
    // Any C×H×W, square or not: the description runs the file's own graph.
    const nn::ImportOptions o = readImportOptions(parser, file);
    const nn::ScriptedClassifier m = nn::ScriptedClassifierImpl::load(file, o.inputShape);
    if (parser.has("--taps")) m->setTaps(readTapNames(parser));
    const nn::Architecture a = m->describe();
    const std::string heading = file + " (TorchScript), input " + nn::shapeText(o.inputShape) + ", " +
                                std::to_string(m->classes()) + " classes";
    return print(a, heading, parser.has("--json"), out);
}

int DescribeCommand::print(const nn::Architecture& a, const std::string& heading, bool asJson,
                           std::ostream& out) {
    if (asJson) {
        JsonWriter json(out);
        writeArchitecture(json, a);
        out << "\n";
        return 0;
    }
    out << heading << "\n\n";
    out << padTo("layer", 34) << padTo("type", 18) << padTo("output", 14) << std::setw(13) << "parameters"
        << std::setw(16) << "MACs" << std::setw(8) << "RF"
        << "\n";
    for (const nn::ArchNode& n : a.nodes) {
        out << padTo(n.name, 34) << padTo(n.type, 18) << padTo(nn::shapeText(n.shape), 14) << std::setw(13)
            << (n.parameters ? nn::groupDigits(n.parameters) : "-") << std::setw(16)
            << (n.macs ? nn::groupDigits(n.macs) : "-") << std::setw(8) << receptiveText(n) << "\n";
    }
    out << "\ntotal parameters: " << nn::groupDigits(a.totalParameters) << "\n";
    if (a.unusedParameters > 0)
        out << "note: " << nn::groupDigits(a.unusedParameters) << " of them are read by no operation of the "
            << "forward pass (e.g. auxiliary heads of a model traced in eval mode) and are in no row above\n";
    out << "multiply-accumulates: " << nn::groupDigits(a.totalMacs) << " per image\n";
    out << "activations: " << nn::groupDigits(a.totalActivationBytes) << " bytes per image (float32, every "
        << "operation's output)\n";
    return 0;
}

}  // namespace convscope::cli
