#include "app/cli/commands/command_train.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/cli/output/output_check.h"
#include "app/cli/output/training_report.h"
#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/import_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/run_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/nn/data/idx_reader.h"
#include "core/nn/imported/torchscript_file.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/memory_errors.h"
#include "core/nn/train/trainer.h"

namespace convscope::cli {

namespace {

std::atomic<nn::Trainer*> g_running{nullptr};

extern "C" void onInterrupt(int) {
    // Only an atomic load and the trainer's atomic flag: safe in a signal handler.
    if (nn::Trainer* t = g_running.load()) t->cancel();
}

double readDouble(const ArgumentParser& p, const std::string& option, double fallback) {
    const auto text = p.value(option);
    return text ? parseNumber(option, *text) : fallback;
}

// An image folder instead of Fashion-MNIST: its classes become the model's outputs and (for a new run) the
// mean and spread of the training pixels it trains on (after the class subset, the images per class and the
// limit) the input normalisation. A resumed run keeps its own.
void loadTrainingFolder(nn::TrainConfig& c, const DataFolderChoice& folder, bool resumed, bool classesGiven,
                        std::ostream& out, nn::ImageDataset& train, nn::ImageDataset& test) {
    nn::FolderLoadOptions o;
    o.size = c.input.size;
    o.channels = c.model.inChannels;
    o.classSubset = c.classSubset;
    o.perClass = c.perClass;
    o.seed = c.seed;
    o.limitTrain = c.limitTrain;
    o.limitTest = c.limitTest;
    // Checked before anything is decoded.
    const auto check = [&](const nn::ImageFolderScan& scan) {
        const int classes = int(scan.classNames.size());
        if (resumed && c.classNames != scan.classNames)
            throw std::runtime_error("The classes of " + folder.folder + " are not the ones the checkpoint " +
                                     "was trained on (" + std::to_string(c.classNames.size()) + " classes).");
        if (!resumed && classesGiven && c.model.classes != classes)
            throw UsageError(folder.folder + " has " + std::to_string(classes) +
                             " classes: leave --classes out or give " + std::to_string(classes));
    };
    nn::LoadedFolder f = loadDataFolder(folder, o, out, check);
    if (!resumed) {
        c.model.classes = int(f.scan.classNames.size());
        std::error_code ec;
        const std::filesystem::path absolute = std::filesystem::absolute(folder.folder, ec);
        c.dataFolder = ec ? folder.folder : absolute.lexically_normal().string();
        c.testFraction = folder.testFraction;
        c.splitSeed = folder.splitSeed;
        c.classNames = f.scan.classNames;
    }
    if (c.model.name == "torchscript") {
        // An imported model keeps the normalisation it was trained with (its import options).
        out << "input:  normalised as the imported model expects (its import options)\n";
    } else {
        if (!resumed) {
            c.input.mean = f.mean;
            // Images of one flat colour have no spread to divide by.
            c.input.stdev = f.stdev > 1e-6 ? f.stdev : 1.0;
        }
        out << "input:  normalised with the training pixels' mean " << c.input.mean
            << " and standard deviation " << c.input.stdev << (resumed ? " (the checkpoint's)" : "") << "\n";
    }
    train = std::move(f.train.data);
    test = std::move(f.test.data);
}

// Absolute, so that the lineage, the model's file and a resumed run find it from any folder.
std::string absolutePath(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

const char* const kImportOptions[] = {"--input", "--normalisation", "--mean", "--std", "--class-names"};

// An imported model's input is --input C×H×W: the zoo's model options do not apply to it.
void rejectZooOptions(const ArgumentParser& parser) {
    if (parser.has("--model"))
        throw UsageError("--model and a TorchScript --init exclude each other: the file is the model");
    for (const char* o :
         {"--size", "--in-channels", "--stem", "--block", "--no-skip", "--no-batch-norm", "--dropout"})
        if (parser.has(o))
            throw UsageError(std::string(o) + " applies to the zoo's models; an imported model's input is " +
                             "given by --input C×H×W (with a TorchScript --init)");
}

// --init FILE.pt: the imported model itself (ModelConfig "torchscript" with the file), its input shape,
// normalisation and class names from the import options. The classes are the new data's (--classes, the
// subset or the folder); the file's class names (--class-names) decide whether its head is kept.
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

// --init CHECKPOINT (or no --init): the checkpoint's architecture and input size, then the model options. A
// checkpoint of an imported model's run keeps that model and its input normalisation.
void readModelAndInit(const ArgumentParser& parser, const std::optional<std::string>& model,
                      const std::optional<std::string>& init, nn::TrainConfig& c) {
    for (const char* o : kImportOptions)
        if (parser.has(o)) throw UsageError(std::string(o) + " applies to a TorchScript --init file");
    if (init) {
        // The architecture and input size of the weights started from; the classes are the new data's.
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

// --init, --freeze, --class-subset and --per-class of a new run.
void readFineTuningOptions(const ArgumentParser& parser, nn::TrainConfig& c) {
    if (const auto init = parser.value("--init")) c.init = absolutePath(*init);
    if (const auto f = parser.value("--freeze")) {
        if (!parser.has("--init")) throw UsageError("--freeze needs --init: the trained weights to keep");
        c.freeze = *f;
    }
    if (const auto s = parser.value("--class-subset"))
        for (long long k : parseIntegerList("--class-subset", *s, 0, 99999)) c.classSubset.push_back(int(k));
    c.perClass = readIntegerOption(parser, "--per-class", 0, 0, 1LL << 40);
}

}  // namespace

std::string TrainCommand::summary() const {
    return "Train a model on Fashion-MNIST or a folder of images (CPU or CUDA)";
}

std::string TrainCommand::help() const {
    return "Usage: convscope-cli train --model MODEL [options]\n"
           "       convscope-cli train --init CHECKPOINT [--freeze backbone] [options]\n"
           "       convscope-cli train --init FILE.pt --input CxHxW [--freeze backbone] [options]\n"
           "\n"
           "Trains on Fashion-MNIST (Debian's dataset-fashion-mnist, or --data DIR) or on a folder of "
           "images\n"
           "(--data-folder DIR) with the Training panel's engine and evaluates the test set after every "
           "epoch. A\n"
           "progress bar with images/s and the ETA is drawn on a terminal; Ctrl-C stops within one\n"
           "batch (the last epoch's checkpoint stays).\n"
           "\n"
           "Model: --model simplecnn|hierarchicalcnn|lenet5|resnet18|resnet34|resnet50 [--stem "
           "imagenet|small]\n"
           "       [--block basic|bottleneck] [--no-skip] [--size 28|56|112|224] [--in-channels 1] "
           "[--classes 10]\n"
           "       or He et al. 2016's CIFAR networks resnet20|32|44|56|110 and plain20 … plain110\n"
           "       (no skips; --no-skip makes a resnet its plain twin): a 3x3 stem, 16-32-64 channels,\n"
           "       option-A shortcuts without parameters; --stem and --block do not apply to them.\n"
           "       --no-batch-norm removes every batch norm (hierarchicalcnn, the ResNets, the CIFAR\n"
           "       networks; their convolutions then get a bias); --dropout P (0 <= P < 1, default 0:\n"
           "       none) drops the features before the classifier while training (lenet5: after fc1 and\n"
           "       fc2, as AlexNet does); both are stored with the run and shown in its title.\n"
           "Training: --epochs N (1)  --batch-size B (128)  --optimizer sgd|adam|adamw (sgd)  --lr X (0.1)\n"
           "          --momentum M (0.9)  --weight-decay W (5e-4)  --schedule none|step|cosine|onecycle "
           "(cosine)\n"
           "          --augment (random crop and flip)  --seed S (1)\n"
           "          --label-smoothing E (0 <= E < 1, default 0: none) train against the targets\n"
           "          (1 − E)·one-hot + E/K (PyTorch's label_smoothing); the test loss stays the plain\n"
           "          cross-entropy. Stored with the run (label_smoothing in its settings).\n"
           "Machine:  --device cpu|cuda (cpu; CUDA falls back to the CPU with the reason)  --threads T (all "
           "cores)\n"
           "Data:     --data DIR  --limit-train N  --limit-test N (use the first N images of the class "
           "subset, after\n"
           "          --per-class; of a folder, the classes taking turns)\n" +
           dataFolderHelp() +
           "          A new run on a folder has as many outputs as classes and normalises its input with the "
           "mean and\n"
           "          standard deviation of the training pixels it trains on (printed); --resume reads the "
           "folder again.\n"
           "Fine-tuning: --init CHECKPOINT  start from a trained run's weights (its architecture and input "
           "size; the\n"
           "          model options may repeat them). The classifier head is new when the classes differ, "
           "otherwise kept.\n"
           "          --freeze none|backbone|up-to:TAP (none)  keep weights fixed: backbone = all but the "
           "head;\n"
           "          up-to:TAP = every weight the activation at tap TAP depends on (an unknown TAP "
           "lists them).\n"
           "          Frozen weights stay bit-identical and their batch norm statistics do not move.\n"
           "          --init FILE.pt  start from a TorchScript model (torch.jit.save; told from a checkpoint "
           "by its\n"
           "          content): the file is the model, so --model and the zoo's model options do not apply.\n"
           "          --input CxHxW (required: square, e.g. 1x28x28)  --normalisation "
           "none|imagenet|fashion-mnist\n"
           "          (none) or --mean M[,M,M] --std S[,S,S]  how its training normalised the input (kept "
           "for\n"
           "          a folder)  --class-names FILE  its classes, one a line: its head (the last linear "
           "layer)\n"
           "          is kept when the new data has as many classes with these names, otherwise new.\n"
           "          --freeze up-to:NODE takes describe's node names (describe FILE.pt --input CxHxW).\n"
           "          --class-subset 5,6,7,8,9  train and test on these classes only, relabelled 0.. in this "
           "order\n"
           "          --per-class N  at most N training images per class, drawn with the seed (0: all)\n"
           "Output:   --metrics FILE.jsonl (a JSON line per logged step and per epoch; --log-every N "
           "batches, 10)\n"
           "          A step line holds the instruments of training: grad_norms, weight_norms and "
           "update_ratios\n"
           "          (parameter name → the gradient's L2 norm, the weight's after the step, ‖Δw‖/‖w‖ over "
           "the step;\n"
           "          null where ‖w‖ was 0) and dead_relu (tap → fraction of zeros, for taps that are ReLU "
           "outputs).\n"
           "          (The weight and gradient histograms of the Training panel's Gradients tab are not "
           "written "
           "here.)\n"
           "          --no-instruments leaves them out (measured cost at --log-every 10: within a few % of "
           "the "
           "step time)\n"
           "          --checkpoint FILE (written atomically after every epoch)  --resume FILE (continue a "
           "run: its\n"
           "          settings come from the checkpoint; --epochs may extend it)\n"
           "          The output files are checked before anything is loaded: one that cannot be written "
           "fails at\n"
           "          once (exit status 2). A save that fails later (a full disk) stops the run with exit "
           "status 1\n"
           "          and keeps the previous checkpoint as it was; --resume continues from it.\n";
}

int TrainCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelOptions(parser, true);
    addDataFolderOptions(parser);
    for (const char* o :
         {"--epochs",   "--batch-size",   "--optimizer",  "--lr",     "--momentum",    "--weight-decay",
          "--schedule", "--device",       "--threads",    "--seed",   "--limit-train", "--limit-test",
          "--data",     "--metrics",      "--checkpoint", "--resume", "--log-every",   "--init",
          "--freeze",   "--class-subset", "--per-class"})
        parser.addOption(o);
    parser.addOption("--label-smoothing");
    for (const char* o : kImportOptions) parser.addOption(o);
    parser.addFlag("--augment");
    parser.addFlag("--no-instruments");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("train takes no file arguments (got " + parser.positionals().front() + ")");
    // Before anything is read or trained: an output that cannot be written fails now, not after an epoch.
    if (const auto m = parser.value("--metrics")) checkWritableFile(*m, "--metrics");
    if (const auto k = parser.value("--checkpoint"))
        checkWritableFile(*k, "--checkpoint");
    else if (const auto r = parser.value("--resume"))
        checkWritableFile(*r, "--resume");

    nn::TrainConfig c;
    const auto resume = parser.value("--resume");
    if (resume) {
        c = nn::readCheckpointState(*resume).config;
        c.epochs = int(readIntegerOption(parser, "--epochs", c.epochs, 1, 1000));
    } else {
        const auto model = parser.value("--model");
        const auto init = parser.value("--init");
        if (!model && !init) throw UsageError("train needs --model (or --init FILE, or --resume FILE)");
        // A TorchScript model by its content, not its name: a checkpoint is a zip archive too.
        if (init && nn::isTorchScriptModel(*init))
            readTorchScriptInit(parser, *init, c);
        else
            readModelAndInit(parser, model, init, c);
        readFineTuningOptions(parser, c);
        c.input.size = c.model.inputSize;
        c.input.augment = parser.has("--augment");
        c.epochs = int(readIntegerOption(parser, "--epochs", c.epochs, 1, 1000));
        c.batchSize = int(readIntegerOption(parser, "--batch-size", c.batchSize, 1, 4096));
        if (const auto o = parser.value("--optimizer")) c.optimizer = *o;
        if (const auto s = parser.value("--schedule")) c.schedule = *s;
        c.learningRate = readDouble(parser, "--lr", c.learningRate);
        c.momentum = readDouble(parser, "--momentum", c.momentum);
        c.weightDecay = readDouble(parser, "--weight-decay", c.weightDecay);
        c.labelSmoothing = readLabelSmoothing(parser, c.labelSmoothing);
        if (const auto seed = parser.value("--seed")) c.seed = parseUnsigned("--seed", *seed);
        c.limitTrain = readIntegerOption(parser, "--limit-train", 0, 0, 1LL << 40);
        c.limitTest = readIntegerOption(parser, "--limit-test", 0, 0, 1LL << 40);
        c.logEvery = int(readIntegerOption(parser, "--log-every", c.logEvery, 1, 1000000));
    }
    if (resume) {
        for (const char* o : {"--init", "--freeze", "--class-subset", "--per-class", "--input",
                              "--normalisation", "--mean", "--std", "--class-names", "--label-smoothing"})
            if (parser.has(o)) throw UsageError(std::string("a resumed run keeps its checkpoint's ") + o);
    }
    if (const auto d = parser.value("--device")) c.device = *d;
    c.threads = int(readIntegerOption(parser, "--threads", c.threads, 0, 256));
    // The instruments' numbers go to the metrics file alone: without one they are not measured.
    c.instruments = parser.has("--metrics") && !parser.has("--no-instruments");
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const DataFolderChoice folder =
        readDataFolderOptions(parser, {c.dataFolder, c.testFraction, c.splitSeed, 4ull << 30});
    if (!folder.folder.empty() && parser.has("--data"))
        throw UsageError("--data (Fashion-MNIST's folder) and --data-folder exclude each other");
    if (resume && (parser.has("--test-fraction") || parser.has("--split-seed")))
        throw UsageError("a resumed run keeps its checkpoint's --test-fraction and --split-seed");
    const std::string dataDir = !folder.folder.empty()
                                    ? folder.folder
                                    : parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
    std::ofstream metrics;
    if (const auto path = parser.value("--metrics")) {
        metrics.open(*path, std::ios::trunc);
        if (!metrics) throw std::runtime_error("cannot write the metrics to " + *path);
    }

    nn::ImageDataset train, test;
    if (folder.folder.empty()) {
        train = nn::loadFashionMnist(dataDir, true);
        test = nn::loadFashionMnist(dataDir, false);
    } else {
        loadTrainingFolder(c, folder, resume.has_value(), parser.has("--classes"), out, train, test);
    }
    if (!resume && !c.classSubset.empty() && !parser.has("--classes"))
        c.model.classes = int(c.classSubset.size());
    nn::Trainer trainer(c, train, test);
    if (resume) trainer.resumeFrom(*resume);
    const std::string checkpoint = parser.value("--checkpoint").value_or(resume.value_or(""));
    trainer.setCheckpointPath(checkpoint);

    if (c.model.name == "torchscript")
        out << "model:  TorchScript " << std::filesystem::path(c.model.file).filename().string() << " ("
            << c.model.inChannels << (c.model.inChannels == 1 ? " channel" : " channels") << ", "
            << c.model.classes << " classes), " << nn::parameterCount(trainer.model());
    else
        out << "model:  " << nn::modelTitle(c.model.name) << " (stem " << nn::toString(c.model.stem)
            << (c.model.block.empty() ? "" : ", " + c.model.block + " blocks")
            << (c.model.skip ? "" : ", no skip connections") << nn::modelSwitchesText(c.model) << "), "
            << nn::parameterCount(trainer.model());
    out << " parameters, input " << c.input.size << "x" << c.input.size
        << (c.input.augment ? ", augmented" : "") << "\n";
    out << "data:   " << trainer.trainingSet().size() << " training and " << trainer.testSet().size()
        << " test images from " << dataDir
        << (c.classSubset.empty() ? "" : ", " + std::to_string(c.classSubset.size()) + " classes")
        << (c.perClass > 0 ? ", at most " + std::to_string(c.perClass) + " per class" : "") << "\n";
    out << "device: " << trainer.device().description << "\n";
    if (!c.init.empty()) out << "init:   " << trainer.config().lineage() << ", freeze " << c.freeze << "\n";
    if (c.labelSmoothing != 0.0)
        out << "loss:   cross-entropy with label smoothing " << c.labelSmoothing << " (targets "
            << 1.0 - c.labelSmoothing + c.labelSmoothing / c.model.classes << " and "
            << c.labelSmoothing / c.model.classes << ")\n";
    if (resume) out << "resume: " << *resume << " after epoch " << trainer.history().size() << "\n";
    out.flush();

    const bool terminal = isatty(STDERR_FILENO) != 0;
    nn::TrainCallbacks cb;
    cb.onMessage = [&out](const std::string& m) { out << "note:   " << m << "\n"; };
    cb.onBatch = [&](const nn::BatchMetrics& m) {
        if (metrics.is_open()) metrics << batchJson(m) << "\n";
        if (terminal) std::cerr << progressLine(m, c.epochs) << std::flush;
    };
    cb.onEpoch = [&](const nn::EpochMetrics& e, const std::vector<int>&) {
        if (terminal) std::cerr << "\r" << std::string(100, ' ') << "\r" << std::flush;
        if (metrics.is_open()) metrics << epochJson(e) << "\n" << std::flush;
        out << epochLine(e, c.epochs) << "\n" << std::flush;
    };
    g_running = &trainer;
    auto previous = std::signal(SIGINT, onInterrupt);
    nn::TrainResult r;
    try {
        r = trainer.run(cb);
    } catch (const std::exception& e) {
        std::signal(SIGINT, previous);
        g_running = nullptr;
        if (nn::isOutOfMemory(e)) throw std::runtime_error(nn::outOfMemoryMessage());
        // A failed save stopped the run (the previous checkpoint is kept, the message says which epoch).
        std::error_code ec;
        if (dynamic_cast<const nn::CheckpointError*>(&e) && !checkpoint.empty() &&
            std::filesystem::is_regular_file(checkpoint, ec))
            throw std::runtime_error(std::string(e.what()) + " Make room and continue with --resume " +
                                     checkpoint + ".");
        throw;
    }
    std::signal(SIGINT, previous);
    g_running = nullptr;
    if (terminal) std::cerr << "\r" << std::string(100, ' ') << "\r" << std::flush;
    if (r.status == nn::TrainStatus::Diverged) throw std::runtime_error(r.message);
    if (r.status == nn::TrainStatus::Cancelled)
        throw std::runtime_error(
            r.message + (checkpoint.empty()
                             ? ""
                             : " The checkpoint of the last finished epoch is in " + checkpoint + "."));
    if (!r.history.empty()) {
        const nn::EpochMetrics& last = r.history.back();
        printClassReport(out, trainer.trainingSet().classNames, last.perClassAccuracy, last.confusion);
    }
    out << r.message << (checkpoint.empty() ? "" : " Checkpoint: " + checkpoint) << "\n";
    return 0;
}

}  // namespace convscope::cli
