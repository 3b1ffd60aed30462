#include "app/cli/commands/command_transfer.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/cli/output/json_writer.h"
#include "app/cli/output/output_check.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/common/job_control.h"
#include "core/nn/data/dataset_location.h"
#include "core/nn/train/transfer_experiment.h"

namespace convscope::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onTransferInterrupt(int) {
    g_interrupted = true;
}

std::vector<int> readClasses(const ArgumentParser& p, const std::string& option, std::vector<int> fallback) {
    const auto text = p.value(option);
    if (!text) return fallback;
    std::vector<int> out;
    for (long long c : parseIntegerList(option, *text, 0, 99999)) out.push_back(int(c));
    return out;
}

std::string percent(double accuracy) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * accuracy);
    return text;
}

void writeRun(JsonWriter& json, const nn::TransferRun& r, bool pretraining) {
    json.beginObject();
    if (!pretraining) json.key("per_class").value(static_cast<long long>(r.perClass));
    json.key("start").value(r.start);
    json.key("train_images").value(static_cast<long long>(r.trainImages));
    json.key("curve").beginArray();
    for (const nn::TransferPoint& p : r.curve) {
        json.beginObject();
        json.key("epoch").value(p.epoch);
        json.key("step").value(static_cast<long long>(p.step));
        json.key("test_accuracy").value(p.testAccuracy);
        json.endObject();
    }
    json.endArray();
    json.key("final_test_accuracy").value(r.finalTestAccuracy);
    json.key("seconds").value(r.seconds);
    if (r.checkpoint.empty())
        json.key("checkpoint").null();
    else
        json.key("checkpoint").value(r.checkpoint);
    if (pretraining) json.key("reused").value(r.reused);
    json.endObject();
}

std::string runLine(const nn::TransferRun& r) {
    std::string line = (r.start == "random" ? std::string("pretraining") : r.start) +
                       (r.perClass ? ", " + std::to_string(r.perClass) + " per class" : "") + " (" +
                       std::to_string(r.trainImages) + " images): test accuracy by epoch";
    for (const nn::TransferPoint& p : r.curve) line += " " + percent(p.testAccuracy);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
    return line + (r.reused ? " (reused)" : " · " + std::string(seconds));
}

}  // namespace

std::string TransferCommand::summary() const {
    return "The transfer-learning experiment: fine-tuned against from scratch on few images";
}

std::string TransferCommand::help() const {
    return "Usage: convscope-cli transfer [--model MODEL] [--per-class 10,50,200] [--epochs N] [--out DIR] "
           "[--json]\n"
           "\n"
           "Pretrains a model on five Fashion-MNIST classes (T-shirt/top … Coat), then learns the other "
           "five\n"
           "(Sandal … Ankle boot) from a few training images per class, twice for each count: fine-tuned "
           "from the\n"
           "pretrained weights (with a new classifier head) and from random weights, with the same recipe, "
           "seed\n"
           "and images. The test accuracy on the five new classes after every epoch shows what pretraining "
           "buys\n"
           "when images are few. The defaults run in a few minutes on two CPU cores.\n"
           "\n"
           "Model:    --model NAME (resnet18, with --stem imagenet) and the model options of train (--size, "
           "--stem,\n"
           "          --block, --no-skip, --no-batch-norm, --dropout P, --in-channels)\n"
           "Classes:  --pretrain-classes 0,1,2,3,4  --target-classes 5,6,7,8,9 (Fashion-MNIST's class "
           "numbers)\n"
           "Runs:     --per-class 10,50,200  --pretrain-epochs N (1)  --epochs N (15, every run after the "
           "pretraining)\n"
           "          --freeze none|backbone|up-to:TAP (none: the fine-tuned runs train every layer)\n"
           "Recipe:   pretraining: --pretrain-batch-size B (128)  --pretrain-optimizer sgd|adam|adamw "
           "(adam)\n"
           "          --pretrain-lr X (0.002), cosine schedule, no weight decay\n"
           "          the runs: --batch-size B (32)  --optimizer sgd|adam|adamw (adam)  --lr X (0.001)  "
           "--momentum M (0.9)\n"
           "          --weight-decay W (0)  --schedule none|step|cosine|onecycle (cosine)\n"
           "          --seed S (1: weights, batches and the images drawn per class)\n"
           "Machine:  --device cpu|cuda (cpu)  --threads T (all cores)\n"
           "Data:     --data DIR (Fashion-MNIST's folder)  --limit-test N (1000: the first N test images of "
           "the classes,\n"
           "          for every point of the curves; 0: all)\n"
           "Output:   --out DIR  keep pretrain.ckpt, finetune-N.ckpt and scratch-N.ckpt there (a "
           "pretrain.ckpt\n"
           "          made with the same settings is reused); without it they go to a temporary folder.\n"
           "          --json  one object: model, freeze, pretrain_classes and target_classes (names), "
           "seconds,\n"
           "          pretrain {start \"random\", train_images, curve, final_test_accuracy, seconds, "
           "checkpoint,\n"
           "          reused} and runs [{per_class, start \"pretrained\"|\"scratch\", train_images, curve\n"
           "          [{epoch, step, test_accuracy}], final_test_accuracy, seconds, checkpoint}]; accuracies "
           "0 … 1.\n"
           "Progress goes to the terminal's stderr; Ctrl-C stops within one batch.\n";
}

int TransferCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addModelOptions(parser, true);
    for (const char* o : {"--pretrain-classes",
                          "--target-classes",
                          "--per-class",
                          "--pretrain-epochs",
                          "--epochs",
                          "--freeze",
                          "--batch-size",
                          "--pretrain-batch-size",
                          "--optimizer",
                          "--lr",
                          "--weight-decay",
                          "--schedule",
                          "--seed",
                          "--device",
                          "--threads",
                          "--data",
                          "--limit-test",
                          "--out",
                          "--momentum",
                          "--pretrain-optimizer",
                          "--pretrain-lr"})
        parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("transfer takes no file arguments (got " + parser.positionals().front() + ")");
    if (parser.has("--classes"))
        throw UsageError(
            "transfer sets the class counts itself: use --pretrain-classes and --target-classes");

    nn::TransferOptions o;
    o.model = readModelOptions(parser, o.model, parser.value("--model").value_or(o.model.name));
    o.pretrainClasses = readClasses(parser, "--pretrain-classes", o.pretrainClasses);
    o.targetClasses = readClasses(parser, "--target-classes", o.targetClasses);
    if (const auto text = parser.value("--per-class")) {
        o.perClass.clear();
        for (long long n : parseIntegerList("--per-class", *text, 1, 1000000)) o.perClass.push_back(n);
    }
    o.pretrainEpochs = int(readIntegerOption(parser, "--pretrain-epochs", o.pretrainEpochs, 1, 1000));
    o.epochs = int(readIntegerOption(parser, "--epochs", o.epochs, 1, 1000));
    o.batchSize = int(readIntegerOption(parser, "--batch-size", o.batchSize, 1, 4096));
    o.pretrainBatchSize =
        int(readIntegerOption(parser, "--pretrain-batch-size", o.pretrainBatchSize, 1, 4096));
    if (const auto f = parser.value("--freeze")) o.freeze = *f;
    if (const auto v = parser.value("--optimizer")) o.optimizer = *v;
    if (const auto v = parser.value("--schedule")) o.schedule = *v;
    if (const auto v = parser.value("--lr")) o.learningRate = parseNumber("--lr", *v);
    if (const auto v = parser.value("--momentum")) o.momentum = parseNumber("--momentum", *v);
    if (const auto v = parser.value("--pretrain-optimizer")) o.pretrainOptimizer = *v;
    if (const auto v = parser.value("--pretrain-lr"))
        o.pretrainLearningRate = parseNumber("--pretrain-lr", *v);
    if (const auto v = parser.value("--weight-decay")) o.weightDecay = parseNumber("--weight-decay", *v);
    if (const auto v = parser.value("--seed")) o.seed = parseUnsigned("--seed", *v);
    if (const auto v = parser.value("--device")) o.device = *v;
    o.threads = int(readIntegerOption(parser, "--threads", o.threads, 0, 256));
    o.limitTest = readIntegerOption(parser, "--limit-test", o.limitTest, 0, 1LL << 40);
    o.outDir = parser.value("--out").value_or("");
    // Before Fashion-MNIST is read and anything trained: the checkpoints' folder must take files.
    if (!o.outDir.empty()) checkWritableFolder(o.outDir, "--out");
    const bool json = parser.has("--json");
    const std::string dataDir = parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
    const nn::ImageDataset train = nn::loadFashionMnist(dataDir, true);
    const nn::ImageDataset test = nn::loadFashionMnist(dataDir, false);

    const bool terminal = isatty(STDERR_FILENO) != 0;
    std::ostream& info = json ? std::cerr : out;
    nn::TransferCallbacks cb;
    cb.isCancelled = [] { return g_interrupted.load(); };
    cb.onMessage = [&](const std::string& m) { info << "note:   " << m << "\n" << std::flush; };
    cb.onProgress = [&](const std::string& stage, double fraction) {
        if (!terminal) return;
        char line[160];
        std::snprintf(line, sizeof line, "\r%-60.60s %5.1f%%", stage.c_str(), 100.0 * fraction);
        std::cerr << line << std::flush;
    };
    cb.onEpoch = [&](int, const nn::TransferRun& r) {
        const int epochs = r.start == "random" ? o.pretrainEpochs : o.epochs;
        if (int(r.curve.size()) != epochs && !r.reused) return;
        if (terminal) std::cerr << "\r" << std::string(70, ' ') << "\r" << std::flush;
        if (!json) out << runLine(r) << "\n" << std::flush;
    };
    g_interrupted = false;
    auto previous = std::signal(SIGINT, onTransferInterrupt);
    nn::TransferResult result;
    try {
        result = nn::runTransferExperiment(o, train, test, cb);
    } catch (const common::Cancelled&) {
        std::signal(SIGINT, previous);
        throw std::runtime_error(
            "The experiment was stopped." +
            (o.outDir.empty() ? std::string() : " Finished runs are in " + o.outDir + "."));
    } catch (const std::invalid_argument& e) {
        std::signal(SIGINT, previous);
        throw UsageError(e.what());
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);
    if (terminal) std::cerr << "\r" << std::string(70, ' ') << "\r" << std::flush;

    if (json) {
        JsonWriter w(out);
        w.beginObject();
        w.key("model").value(o.model.name);
        w.key("freeze").value(o.freeze);
        w.key("pretrain_classes").beginArray();
        for (const std::string& n : result.pretrainClassNames) w.value(n);
        w.endArray();
        w.key("target_classes").beginArray();
        for (const std::string& n : result.targetClassNames) w.value(n);
        w.endArray();
        w.key("seconds").value(result.seconds);
        w.key("pretrain");
        writeRun(w, result.pretrain, true);
        w.key("runs").beginArray();
        for (const nn::TransferRun& r : result.runs) writeRun(w, r, false);
        w.endArray();
        w.endObject();
        out << "\n";
        return 0;
    }
    out << "\nper class   fine-tuned   from scratch   (test accuracy on the "
        << result.targetClassNames.size() << " new classes after " << o.epochs << " epochs)\n";
    for (std::size_t i = 0; i + 1 < result.runs.size(); i += 2) {
        char row[96];
        std::snprintf(row, sizeof row, "%9lld   %10s   %12s\n",
                      static_cast<long long>(result.runs[i].perClass),
                      percent(result.runs[i].finalTestAccuracy).c_str(),
                      percent(result.runs[i + 1].finalTestAccuracy).c_str());
        out << row;
    }
    char total[64];
    std::snprintf(total, sizeof total, "%.1f s", result.seconds);
    out << "Finished in " << total << (o.outDir.empty() ? "" : "; checkpoints in " + o.outDir) << "\n";
    return 0;
}

}  // namespace convscope::cli
