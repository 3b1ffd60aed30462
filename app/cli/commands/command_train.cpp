#include "app/cli/commands/command_train.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>

#include "app/cli/output/training_report.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/nn/data/idx_reader.h"
#include "core/nn/train/checkpoint.h"
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

}  // namespace

std::string TrainCommand::summary() const {
    return "Train a model on Fashion-MNIST (CPU or CUDA)";
}

std::string TrainCommand::help() const {
    return "Usage: convscope-cli train --model MODEL [options]\n"
           "\n"
           "Trains on Fashion-MNIST (Debian's dataset-fashion-mnist, or --data DIR) with the Training "
           "panel's engine\n"
           "and evaluates the test set after every epoch. A progress bar with images/s and the ETA is drawn "
           "on a\n"
           "terminal; Ctrl-C stops within one batch (the last epoch's checkpoint stays).\n"
           "\n"
           "Model: --model simplecnn|hierarchicalcnn|lenet5|resnet18|resnet34|resnet50 [--stem "
           "imagenet|small]\n"
           "       [--block basic|bottleneck] [--no-skip] [--size 28|56|112|224] [--in-channels 1] "
           "[--classes 10]\n"
           "Training: --epochs N (1)  --batch-size B (128)  --optimizer sgd|adam|adamw (sgd)  --lr X (0.1)\n"
           "          --momentum M (0.9)  --weight-decay W (5e-4)  --schedule none|step|cosine|onecycle "
           "(cosine)\n"
           "          --augment (random crop and flip)  --seed S (1)\n"
           "Machine:  --device cpu|cuda (cpu; CUDA falls back to the CPU with the reason)  --threads T (all "
           "cores)\n"
           "Data:     --data DIR  --limit-train N  --limit-test N (use the first N images)\n"
           "Output:   --metrics FILE.jsonl (a JSON line per logged step and per epoch; --log-every N "
           "batches, 10)\n"
           "          --checkpoint FILE (written atomically after every epoch)  --resume FILE (continue a "
           "run: its\n"
           "          settings come from the checkpoint; --epochs may extend it)\n";
}

int TrainCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelOptions(parser, true);
    for (const char* o : {"--epochs", "--batch-size", "--optimizer", "--lr", "--momentum", "--weight-decay",
                          "--schedule", "--device", "--threads", "--seed", "--limit-train", "--limit-test",
                          "--data", "--metrics", "--checkpoint", "--resume", "--log-every"})
        parser.addOption(o);
    parser.addFlag("--augment");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("train takes no file arguments (got " + parser.positionals().front() + ")");

    nn::TrainConfig c;
    const auto resume = parser.value("--resume");
    if (resume) {
        c = nn::readCheckpointState(*resume).config;
        c.epochs = int(readIntegerOption(parser, "--epochs", c.epochs, 1, 1000));
    } else {
        const auto model = parser.value("--model");
        if (!model) throw UsageError("train needs --model (or --resume FILE)");
        c.model = readModelOptions(parser, c.model, *model);
        c.input.size = c.model.inputSize;
        c.input.augment = parser.has("--augment");
        c.epochs = int(readIntegerOption(parser, "--epochs", c.epochs, 1, 1000));
        c.batchSize = int(readIntegerOption(parser, "--batch-size", c.batchSize, 1, 4096));
        if (const auto o = parser.value("--optimizer")) c.optimizer = *o;
        if (const auto s = parser.value("--schedule")) c.schedule = *s;
        c.learningRate = readDouble(parser, "--lr", c.learningRate);
        c.momentum = readDouble(parser, "--momentum", c.momentum);
        c.weightDecay = readDouble(parser, "--weight-decay", c.weightDecay);
        if (const auto seed = parser.value("--seed")) c.seed = parseUnsigned("--seed", *seed);
        c.limitTrain = readIntegerOption(parser, "--limit-train", 0, 0, 1LL << 40);
        c.limitTest = readIntegerOption(parser, "--limit-test", 0, 0, 1LL << 40);
        c.logEvery = int(readIntegerOption(parser, "--log-every", c.logEvery, 1, 1000000));
    }
    if (const auto d = parser.value("--device")) c.device = *d;
    c.threads = int(readIntegerOption(parser, "--threads", c.threads, 0, 256));
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const std::string dataDir = parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
    std::ofstream metrics;
    if (const auto path = parser.value("--metrics")) {
        metrics.open(*path, std::ios::trunc);
        if (!metrics) throw std::runtime_error("cannot write the metrics to " + *path);
    }

    const nn::ImageDataset train = nn::loadFashionMnist(dataDir, true);
    const nn::ImageDataset test = nn::loadFashionMnist(dataDir, false);
    nn::Trainer trainer(c, train, test);
    if (resume) trainer.resumeFrom(*resume);
    const std::string checkpoint = parser.value("--checkpoint").value_or(resume.value_or(""));
    trainer.setCheckpointPath(checkpoint);

    out << "model:  " << nn::modelTitle(c.model.name) << " (stem " << nn::toString(c.model.stem)
        << (c.model.block.empty() ? "" : ", " + c.model.block + " blocks")
        << (c.model.skip ? "" : ", no skip connections") << "), " << nn::parameterCount(trainer.model())
        << " parameters, input " << c.input.size << "x" << c.input.size
        << (c.input.augment ? ", augmented" : "") << "\n";
    out << "data:   " << std::min<std::int64_t>(train.size(), c.limitTrain ? c.limitTrain : train.size())
        << " training and " << std::min<std::int64_t>(test.size(), c.limitTest ? c.limitTest : test.size())
        << " test images from " << dataDir << "\n";
    out << "device: " << trainer.device().description << "\n";
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
        printClassReport(out, train.classNames, last.perClassAccuracy, last.confusion);
    }
    out << r.message << (checkpoint.empty() ? "" : " Checkpoint: " + checkpoint) << "\n";
    return 0;
}

}  // namespace convscope::cli
