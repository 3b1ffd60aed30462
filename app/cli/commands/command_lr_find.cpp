#include "app/cli/commands/command_lr_find.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/run_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/common/job_control.h"
#include "core/nn/train/lr_finder.h"
#include "core/nn/train/memory_errors.h"
#include "core/nn/train/trainer.h"

namespace convscope::cli {

namespace {
// Names of their own: convscope-cli is a unity build.
namespace lrfind {

std::atomic<bool> g_interrupted{false};

extern "C" void onLrFindInterrupt(int) {
    g_interrupted = true;
}

std::string rate(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", v);
    return buffer;
}

}  // namespace lrfind
}  // namespace

std::string LrFindCommand::summary() const {
    return "Learning-rate range test: the loss as the rate grows, and a suggested rate";
}

std::string LrFindCommand::help() const {
    return "Usage: convscope-cli lr-find --model MODEL [options] [--start 1e-7] [--end 10] [--steps 100] "
           "[--json]\n"
           "       convscope-cli lr-find --init CHECKPOINT|FILE.pt [--freeze backbone] [options]\n"
           "\n"
           "The learning-rate range test (Smith 2017; fastai's lr_find) on the run `train` would start with "
           "the same\n"
           "options: from the run's initial weights, one training batch per step, the learning rate grows\n"
           "geometrically from --start to --end over --steps steps (lr_i = start x "
           "(end/start)^(i/(steps-1))). "
           "The\n"
           "loss is smoothed by an exponential moving average with bias correction (beta 0.98), and the test "
           "stops\n"
           "early when the smoothed loss exceeds 4 x its best or the loss is not finite. Nothing is saved; "
           "the run's\n"
           "initial weights are untouched. Ctrl-C stops between batches.\n"
           "The suggested rate: " +
           nn::lrSuggestionRule() +
           ".\n"
           "\n"
           "Range:    --start X (1e-7)  --end X (10)  --steps N (100; at least 2); start must be below end\n"
           "Model:    --model simplecnn|hierarchicalcnn|lenet5|resnet18|resnet34|resnet50 [--stem "
           "imagenet|small]\n"
           "          [--block basic|bottleneck] [--no-skip] [--size 28|56|112|224] [--in-channels 1] "
           "[--classes 10]\n"
           "          [--no-batch-norm] [--dropout P] (as for train)\n"
           "Training: --batch-size B (128)  --optimizer sgd|adam|adamw (sgd)  --momentum M (0.9)\n"
           "          --weight-decay W (5e-4)  --augment  --seed S (1, the weights and the batches)\n"
           "          --label-smoothing E (0 <= E < 1, default 0) the loss against (1 − E)·one-hot + E/K\n"
           "Machine:  --device cpu|cuda (cpu)  --threads T (all cores)\n"
           "Data:     --data DIR  --limit-train N  --limit-test N  --class-subset 5,6,7  --per-class N\n" +
           dataFolderHelp() +
           "Fine-tuning: --init CHECKPOINT|FILE.pt  --freeze none|backbone|up-to:TAP, and for a TorchScript "
           "file\n"
           "          --input CxHxW --normalisation none|imagenet|fashion-mnist --mean --std --class-names "
           "FILE,\n"
           "          as for train.\n"
           "Output:   a table of step, learning rate, loss and smoothed loss, then the suggestion; or with\n"
           "          --json one object: points (each {lr, loss, smoothed_loss}), suggested_lr (null when "
           "fewer than\n"
           "          two points), suggested_index, stopped_early (the loss diverged before the last step), "
           "rule (the\n"
           "          suggestion's rule), message (why it stopped), start, end, steps, model, optimizer, "
           "batch_size,\n"
           "          label_smoothing, device.\n";
}

int LrFindCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    addRunOptions(parser);
    for (const char* o : {"--start", "--end", "--steps"}) parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("lr-find takes no file arguments (got " + parser.positionals().front() + ")");

    nn::LrFinderOptions options;
    if (const auto s = parser.value("--start")) options.startLr = parseNumber("--start", *s);
    if (const auto e = parser.value("--end")) options.endLr = parseNumber("--end", *e);
    options.steps = int(readIntegerOption(parser, "--steps", options.steps, 2, 100000));
    try {
        options.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    nn::TrainConfig c = readRunConfig(parser, name());
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const bool json = parser.has("--json");
    std::ostream& info = json ? std::cerr : out;
    nn::ImageDataset train, test;
    std::string dataDirectory;
    loadRunData(parser, c, info, train, test, dataDirectory);

    nn::Trainer trainer(c, train, test);
    info << "model:  "
         << (c.model.name == "torchscript" ? "TorchScript " + c.model.file : nn::modelTitle(c.model.name))
         << ", " << nn::parameterCount(trainer.model()) << " parameters, input " << c.input.size << "x"
         << c.input.size << "\n";
    info << "data:   " << trainer.trainingSet().size() << " training images from " << dataDirectory << "\n";
    info << "device: " << trainer.device().description << "\n";
    info << "range:  " << lrfind::rate(options.startLr) << " to " << lrfind::rate(options.endLr) << " in "
         << options.steps << " steps of " << c.batchSize << " images, " << c.optimizer << "\n"
         << std::flush;

    const bool terminal = isatty(STDERR_FILENO) != 0;
    nn::LrFinderCallbacks cb;
    cb.isCancelled = [] { return lrfind::g_interrupted.load(); };
    cb.onPoint = [&](const nn::LrFinderPoint& p, int step, int steps) {
        if (terminal)
            std::cerr << "\rstep " << step + 1 << "/" << steps << "  lr " << lrfind::rate(p.lr) << "  loss "
                      << lrfind::rate(p.smoothedLoss) << "        " << std::flush;
    };
    lrfind::g_interrupted = false;
    auto previous = std::signal(SIGINT, lrfind::onLrFindInterrupt);
    nn::LrFinderResult r;
    try {
        r = nn::findLearningRate(trainer, options, cb);
    } catch (const common::Cancelled&) {
        std::signal(SIGINT, previous);
        throw std::runtime_error("The range test was stopped.");
    } catch (const std::exception& e) {
        std::signal(SIGINT, previous);
        if (nn::isOutOfMemory(e)) throw std::runtime_error(nn::outOfMemoryMessage());
        throw;
    }
    std::signal(SIGINT, previous);
    if (terminal) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;

    if (json) {
        JsonWriter w(out);
        w.beginObject();
        w.key("model").value(c.model.name);
        w.key("optimizer").value(c.optimizer);
        w.key("batch_size").value(c.batchSize);
        w.key("label_smoothing").value(c.labelSmoothing);
        w.key("device").value(trainer.device().description);
        w.key("start").value(options.startLr);
        w.key("end").value(options.endLr);
        w.key("steps").value(options.steps);
        w.key("points").beginArray();
        for (const nn::LrFinderPoint& p : r.points) {
            w.beginObject();
            w.key("lr").value(p.lr);
            w.key("loss").value(p.loss);
            w.key("smoothed_loss").value(p.smoothedLoss);
            w.endObject();
        }
        w.endArray();
        if (r.suggestedIndex >= 0) {
            w.key("suggested_lr").value(r.suggestedLr);
            w.key("suggested_index").value(r.suggestedIndex);
        } else {
            w.key("suggested_lr").null();
            w.key("suggested_index").null();
        }
        w.key("stopped_early").value(r.stoppedEarly);
        w.key("rule").value(nn::lrSuggestionRule());
        w.key("message").value(r.message);
        w.endObject();
        out << "\n";
        return 0;
    }
    out << "\n  step  learning rate        loss    smoothed\n";
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const nn::LrFinderPoint& p = r.points[i];
        char line[96];
        std::snprintf(line, sizeof line, "%6zu  %13.4g  %10.4f  %10.4f%s\n", i + 1, p.lr, p.loss,
                      p.smoothedLoss, int(i) == r.suggestedIndex ? "  <- suggested" : "");
        out << line;
    }
    out << "\n" << r.message << "\n";
    if (r.suggestedIndex >= 0)
        out << "Suggested learning rate: " << lrfind::rate(r.suggestedLr)
            << "\nRule: " << nn::lrSuggestionRule() << ".\n";
    else
        out << "No suggestion: fewer than two points were recorded.\n";
    return 0;
}

}  // namespace convscope::cli
