#include "app/cli/parsing/run_options.h"

#include <filesystem>

#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/nn/data/idx_reader.h"
#include "core/nn/imported/torchscript_file.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/initial_weights.h"

// The readers below are train's (command_train.cpp), for a new run only: lr-find tests the run train would
// start from the same options.

namespace convscope::cli {

namespace {
// A namespace of their own: convscope-cli is a unity build, and command_train.cpp has helpers of these names.
namespace run {

const char* const kImportOptions[] = {"--input", "--normalisation", "--mean", "--std", "--class-names"};

double readDouble(const ArgumentParser& p, const std::string& option, double fallback) {
    const auto text = p.value(option);
    return text ? parseNumber(option, *text) : fallback;
}

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

void rejectZooOptions(const ArgumentParser& parser) {
    if (parser.has("--model"))
        throw UsageError("--model and a TorchScript --init exclude each other: the file is the model");
    for (const char* o :
         {"--size", "--in-channels", "--stem", "--block", "--no-skip", "--no-batch-norm", "--dropout"})
        if (parser.has(o))
            throw UsageError(std::string(o) + " applies to the zoo's models; an imported model's input is " +
                             "given by --input C×H×W (with a TorchScript --init)");
}

void readTorchScriptInit(const ArgumentParser& parser, const std::string& init, nn::TrainConfig& c) {
    rejectZooOptions(parser);
    const std::string file = absolutePath(init);
    if (!parser.has("--input"))
        throw UsageError(std::filesystem::path(file).filename().string() +
                         " is a TorchScript model, which does not record the input it takes: give --input "
                         "C×H×W (e.g. --input 1x28x28)");
    const nn::ImportOptions o = readImportOptions(parser, file);
    const nn::ScriptedClassifier probe = nn::ScriptedClassifierImpl::load(file, o.inputShape);
    nn::TrainConfig imported;
    try {
        imported = nn::importedConfig(o, probe->classes());
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    c.model = imported.model;
    c.model.classes = int(readIntegerOption(parser, "--classes", nn::ModelConfig{}.classes, 2, 100000));
    c.input = imported.input;
    c.initSource.classNames = o.classNames;
}

void readModelAndInit(const ArgumentParser& parser, const std::optional<std::string>& model,
                      const std::optional<std::string>& init, nn::TrainConfig& c) {
    for (const char* o : kImportOptions)
        if (parser.has(o)) throw UsageError(std::string(o) + " applies to a TorchScript --init file");
    if (init) {
        c.model = nn::initialModelOf(*init);
        c.model.classes = nn::ModelConfig{}.classes;
        if (c.model.name == "torchscript") {
            rejectZooOptions(parser);
            c.model.classes = int(readIntegerOption(parser, "--classes", c.model.classes, 2, 100000));
            c.input = nn::readCheckpointState(*init).config.input;
            c.input.augment = false;
            return;
        }
    }
    c.model = readModelOptions(parser, c.model, model.value_or(c.model.name));
}

}  // namespace run
}  // namespace

void addRunOptions(ArgumentParser& parser) {
    addModelOptions(parser, true);
    addDataFolderOptions(parser);
    for (const char* o : {"--batch-size", "--optimizer", "--momentum", "--weight-decay", "--label-smoothing",
                          "--device", "--threads", "--seed", "--limit-train", "--limit-test", "--data",
                          "--init", "--freeze", "--class-subset", "--per-class"})
        parser.addOption(o);
    for (const char* o : run::kImportOptions) parser.addOption(o);
    parser.addFlag("--augment");
}

nn::TrainConfig readRunConfig(const ArgumentParser& parser, const std::string& command) {
    nn::TrainConfig c;
    const auto model = parser.value("--model");
    const auto init = parser.value("--init");
    if (!model && !init) throw UsageError(command + " needs --model (or --init FILE)");
    // A TorchScript model by its content, not its name: a checkpoint is a zip archive too.
    if (init && nn::isTorchScriptModel(*init))
        run::readTorchScriptInit(parser, *init, c);
    else
        run::readModelAndInit(parser, model, init, c);
    if (init) c.init = run::absolutePath(*init);
    if (const auto f = parser.value("--freeze")) {
        if (!init) throw UsageError("--freeze needs --init: the trained weights to keep");
        c.freeze = *f;
    }
    if (const auto s = parser.value("--class-subset"))
        for (long long k : parseIntegerList("--class-subset", *s, 0, 99999)) c.classSubset.push_back(int(k));
    c.perClass = readIntegerOption(parser, "--per-class", 0, 0, 1LL << 40);
    c.input.size = c.model.inputSize;
    c.input.augment = parser.has("--augment");
    c.batchSize = int(readIntegerOption(parser, "--batch-size", c.batchSize, 1, 4096));
    if (const auto o = parser.value("--optimizer")) c.optimizer = *o;
    c.momentum = run::readDouble(parser, "--momentum", c.momentum);
    c.weightDecay = run::readDouble(parser, "--weight-decay", c.weightDecay);
    c.labelSmoothing = readLabelSmoothing(parser, c.labelSmoothing);
    if (const auto seed = parser.value("--seed")) c.seed = parseUnsigned("--seed", *seed);
    c.limitTrain = readIntegerOption(parser, "--limit-train", 0, 0, 1LL << 40);
    c.limitTest = readIntegerOption(parser, "--limit-test", 0, 0, 1LL << 40);
    if (const auto d = parser.value("--device")) c.device = *d;
    c.threads = int(readIntegerOption(parser, "--threads", c.threads, 0, 256));
    return c;
}

double readLabelSmoothing(const ArgumentParser& parser, double fallback) {
    const auto text = parser.value("--label-smoothing");
    if (!text) return fallback;
    const double epsilon = parseNumber("--label-smoothing", *text);
    if (!(epsilon >= 0.0 && epsilon < 1.0))
        throw UsageError("--label-smoothing takes an ε from 0 to below 1 (got " + *text + ")");
    return epsilon;
}

void loadRunData(const ArgumentParser& parser, nn::TrainConfig& c, std::ostream& info,
                 nn::ImageDataset& train, nn::ImageDataset& test, std::string& dataDirectory) {
    const DataFolderChoice folder =
        readDataFolderOptions(parser, {c.dataFolder, c.testFraction, c.splitSeed, 4ull << 30});
    if (!folder.folder.empty() && parser.has("--data"))
        throw UsageError("--data (Fashion-MNIST's folder) and --data-folder exclude each other");
    dataDirectory = !folder.folder.empty()
                        ? folder.folder
                        : parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
    if (folder.folder.empty()) {
        train = nn::loadFashionMnist(dataDirectory, true);
        test = nn::loadFashionMnist(dataDirectory, false);
    } else {
        nn::FolderLoadOptions o;
        o.size = c.input.size;
        o.channels = c.model.inChannels;
        o.classSubset = c.classSubset;
        o.perClass = c.perClass;
        o.seed = c.seed;
        o.limitTrain = c.limitTrain;
        o.limitTest = c.limitTest;
        const bool classesGiven = parser.has("--classes");
        const auto check = [&](const nn::ImageFolderScan& scan) {
            const int classes = int(scan.classNames.size());
            if (classesGiven && c.model.classes != classes)
                throw UsageError(folder.folder + " has " + std::to_string(classes) +
                                 " classes: leave --classes out or give " + std::to_string(classes));
        };
        nn::LoadedFolder f = loadDataFolder(folder, o, info, check);
        c.model.classes = int(f.scan.classNames.size());
        c.dataFolder = run::absolutePath(folder.folder);
        c.testFraction = folder.testFraction;
        c.splitSeed = folder.splitSeed;
        c.classNames = f.scan.classNames;
        // An imported model keeps the normalisation it was trained with (its import options).
        if (c.model.name != "torchscript") {
            c.input.mean = f.mean;
            c.input.stdev = f.stdev > 1e-6 ? f.stdev : 1.0;  // images of one flat colour have no spread
        }
        train = std::move(f.train.data);
        test = std::move(f.test.data);
    }
    if (!c.classSubset.empty() && !parser.has("--classes")) c.model.classes = int(c.classSubset.size());
}

}  // namespace convscope::cli
