#include "app/cli/commands/command_degradation.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/cli/output/json_writer.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "app/cli/parsing/value_parsing.h"
#include "core/common/job_control.h"
#include "core/nn/data/dataset_location.h"
#include "core/nn/train/degradation_experiment.h"

namespace convscope::cli {

namespace {

std::atomic<bool> g_degradationInterrupted{false};

extern "C" void onDegradationInterrupt(int) {
    g_degradationInterrupted = true;
}

std::vector<std::string> readDegradationModels(const std::string& text) {
    std::vector<std::string> models;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string name = text.substr(start, comma - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (name.empty())
            throw UsageError("--models takes model names separated by commas, e.g. plain20,resnet20");
        if (!nn::isCifarNetwork(name))
            throw UsageError("--models: " + name +
                             " is not one of He et al.'s CIFAR networks (resnet20/32/44/56/110, "
                             "plain20/32/44/56/110)");
        models.push_back(name);
        start = comma + 1;
    }
    return models;
}

void writeDepthGradients(JsonWriter& json, const nn::DepthGradients& g) {
    json.beginObject();
    json.key("step").value(static_cast<long long>(g.step));
    json.key("norms").numbers(g.norms);
    json.endObject();
}

void writeDegradationRun(JsonWriter& json, const nn::DegradationRun& r) {
    json.beginObject();
    json.key("model").value(r.model);
    json.key("depth").value(r.depth);
    json.key("residual").value(r.residual);
    json.key("parameters").value(static_cast<long long>(r.parameters));
    json.key("train_images").value(static_cast<long long>(r.trainImages));
    json.key("train_loss").beginArray();
    for (const nn::DegradationLossPoint& p : r.trainLoss) {
        json.beginObject();
        json.key("step").value(static_cast<long long>(p.step));
        json.key("loss").value(p.loss);
        json.endObject();
    }
    json.endArray();
    std::vector<double> errors;
    for (const nn::DegradationEpoch& e : r.epochs) errors.push_back(e.testError);
    json.key("test_error").numbers(errors);
    json.key("epochs").beginArray();
    for (const nn::DegradationEpoch& e : r.epochs) {
        json.beginObject();
        json.key("epoch").value(e.epoch);
        json.key("step").value(static_cast<long long>(e.step));
        json.key("train_loss").value(e.trainLoss);
        json.key("test_error").value(e.testError);
        json.endObject();
    }
    json.endArray();
    json.key("final_train_loss").value(nn::finalTrainLoss(r));
    json.key("seconds").value(r.seconds);
    json.key("gradients").beginObject();
    json.key("layers").beginArray();
    for (const std::string& l : r.weightLayers) json.value(l);
    json.endArray();
    json.key("first");
    writeDepthGradients(json, r.firstGradients);
    json.key("last");
    writeDepthGradients(json, r.lastGradients);
    json.endObject();
    json.endObject();
}

std::string degradationRunLine(const nn::DegradationRun& r) {
    char head[160];
    std::snprintf(head, sizeof head,
                  "%-9s %2d layers, %7lld parameters: train loss %.3f, test error by epoch", r.model.c_str(),
                  r.depth, static_cast<long long>(r.parameters), nn::finalTrainLoss(r));
    std::string line = head;
    for (const nn::DegradationEpoch& e : r.epochs) {
        char v[16];
        std::snprintf(v, sizeof v, " %.1f%%", 100.0 * e.testError);
        line += v;
    }
    char tail[48];
    std::snprintf(tail, sizeof tail, " · %.1f s", r.seconds);
    return line + tail;
}

}  // namespace

std::string DegradationCommand::summary() const {
    return "He et al.'s degradation experiment: plain and residual networks of two depths";
}

std::string DegradationCommand::help() const {
    return "Usage: convscope-cli degradation [--epochs N] [--limit-train N] [--limit-test N] "
           "[--models a,b,c,d] [--json]\n"
           "\n"
           "He et al. 2016, section 4.2 (figure 6), shortened to minutes: trains plain20, plain56, resnet20 "
           "and\n"
           "resnet56 on Fashion-MNIST one after another with one recipe, the same seed and the same order of "
           "batches.\n"
           "Without shortcuts the 56-layer network ends at a higher training loss than the 20-layer one "
           "(degradation);\n"
           "with them it does not: ResNet-56 ends below ResNet-20 (docs/benchmarks.md). The gradient norms "
           "by\n"
           "depth show why plain networks degrade.\n"
           "\n"
           "Runs:     --models plain20,plain56,resnet20,resnet56 (any of resnet20/32/44/56/110 and "
           "plain20 … plain110)\n"
           "          --epochs N (3)  --limit-train N (2500: the first N training images; 0: all 60,000)\n"
           "          --limit-test N (1000: test images evaluated after every epoch; 0: all)\n"
           "Recipe:   the paper's: SGD, momentum 0.9, --weight-decay W (1e-4), --batch-size B (128), but\n"
           "          --lr X (0.02, not 0.1: in runs this short ResNet-56 at 0.1 is unstable at first),\n"
           "          --schedule none|step|cosine|onecycle (step: ÷10 from the first epoch past half of "
           "them\n"
           "          and again past three quarters from 4 epochs on, as the paper's 32k and 48k of 64k\n"
           "          iterations)  --seed S (1: weights and batches, the same for every run)\n"
           "          --log-every N (2: a training-loss point and the gradient norms every N batches)\n"
           "Machine:  --device cpu|cuda (cpu)  --threads T (all cores)\n"
           "Data:     --data DIR (Fashion-MNIST's folder)\n"
           "Output:   a line per model and what the runs show; or --json: one object with the recipe\n"
           "          {epochs, batch_size, optimizer, lr, momentum, weight_decay, schedule, seed, "
           "log_every,\n"
           "          limit_train, limit_test}, seconds, summary (the sentences of the text output) and "
           "runs\n"
           "          [{model, depth, residual, parameters, train_images, train_loss [{step, loss}] (every "
           "logged\n"
           "          step), test_error [one per epoch, 0 … 1], epochs [{epoch, step, train_loss (the "
           "epoch's "
           "mean),\n"
           "          test_error}], final_train_loss (the last epoch's mean), seconds, gradients {layers "
           "(every\n"
           "          convolution and linear weight, input first), first and last {step, norms (the "
           "gradient's L2\n"
           "          norm per layer at the first and the last logged step)}}}].\n"
           "Progress goes to the terminal's stderr; Ctrl-C stops within one batch.\n";
}

int DegradationCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o :
         {"--models", "--epochs", "--limit-train", "--limit-test", "--seed", "--threads", "--device",
          "--data", "--lr", "--batch-size", "--weight-decay", "--schedule", "--log-every"})
        parser.addOption(o);
    parser.addFlag("--json");
    parser.parse(args);
    if (!parser.positionals().empty())
        throw UsageError("degradation takes no file arguments (got " + parser.positionals().front() + ")");

    nn::DegradationOptions o;
    if (const auto v = parser.value("--models")) o.models = readDegradationModels(*v);
    o.epochs = int(readIntegerOption(parser, "--epochs", o.epochs, 1, 1000));
    o.limitTrain = readIntegerOption(parser, "--limit-train", o.limitTrain, 0, 1LL << 40);
    o.limitTest = readIntegerOption(parser, "--limit-test", o.limitTest, 0, 1LL << 40);
    o.batchSize = int(readIntegerOption(parser, "--batch-size", o.batchSize, 1, 4096));
    o.logEvery = int(readIntegerOption(parser, "--log-every", o.logEvery, 1, 1000000));
    o.threads = int(readIntegerOption(parser, "--threads", o.threads, 0, 256));
    if (const auto v = parser.value("--seed")) o.seed = parseUnsigned("--seed", *v);
    if (const auto v = parser.value("--device")) o.device = *v;
    if (const auto v = parser.value("--lr")) o.learningRate = parseNumber("--lr", *v);
    if (const auto v = parser.value("--weight-decay")) o.weightDecay = parseNumber("--weight-decay", *v);
    if (const auto v = parser.value("--schedule")) o.schedule = *v;
    const bool json = parser.has("--json");
    // The recipe is checked before Fashion-MNIST is read.
    try {
        for (const std::string& m : o.models) nn::degradationRunConfig(o, m).validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const std::string dataDir = parser.value("--data").value_or(nn::defaultFashionMnistDirectory());
    const nn::ImageDataset train = nn::loadFashionMnist(dataDir, true);
    const nn::ImageDataset test = nn::loadFashionMnist(dataDir, false);

    const bool terminal = isatty(STDERR_FILENO) != 0;
    std::ostream& info = json ? std::cerr : out;
    nn::DegradationCallbacks cb;
    cb.isCancelled = [] { return g_degradationInterrupted.load(); };
    cb.onMessage = [&](const std::string& m) { info << "note:   " << m << "\n" << std::flush; };
    cb.onProgress = [&](const std::string& stage, double fraction) {
        if (!terminal) return;
        char line[160];
        std::snprintf(line, sizeof line, "\r%-60.60s %5.1f%%", stage.c_str(), 100.0 * fraction);
        std::cerr << line << std::flush;
    };
    cb.onRunFinished = [&](int, const nn::DegradationRun& r) {
        if (terminal) std::cerr << "\r" << std::string(70, ' ') << "\r" << std::flush;
        if (!json) out << degradationRunLine(r) << "\n" << std::flush;
    };
    g_degradationInterrupted = false;
    auto previous = std::signal(SIGINT, onDegradationInterrupt);
    nn::DegradationResult result;
    try {
        result = nn::runDegradationExperiment(o, train, test, cb);
    } catch (const common::Cancelled&) {
        std::signal(SIGINT, previous);
        throw std::runtime_error("The experiment was stopped.");
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
        w.key("recipe").beginObject();
        w.key("epochs").value(o.epochs);
        w.key("batch_size").value(o.batchSize);
        w.key("optimizer").value(o.optimizer);
        w.key("lr").value(o.learningRate);
        w.key("momentum").value(o.momentum);
        w.key("weight_decay").value(o.weightDecay);
        w.key("schedule").value(o.schedule);
        w.key("seed").value(static_cast<long long>(o.seed));
        w.key("log_every").value(o.logEvery);
        w.key("limit_train").value(static_cast<long long>(o.limitTrain));
        w.key("limit_test").value(static_cast<long long>(o.limitTest));
        w.endObject();
        w.key("seconds").value(result.seconds);
        w.key("summary").value(nn::describeDegradation(result));
        w.key("runs").beginArray();
        for (const nn::DegradationRun& r : result.runs) writeDegradationRun(w, r);
        w.endArray();
        w.endObject();
        out << "\n";
        return 0;
    }
    char total[64];
    std::snprintf(total, sizeof total, "%.1f s", result.seconds);
    out << "\n" << nn::describeDegradation(result) << "\nFinished in " << total << "\n";
    return 0;
}

}  // namespace convscope::cli
