#include "app/cli/commands/command_evaluate.h"

#include <iomanip>
#include <iostream>

#include "app/cli/output/json_writer.h"
#include "app/cli/output/training_report.h"
#include "app/cli/parsing/argument_parser.h"
#include "app/cli/parsing/checkpoint_test_set.h"
#include "app/cli/parsing/data_folder_input.h"
#include "app/cli/parsing/nn_options.h"
#include "app/cli/parsing/usage_error.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/device_choice.h"
#include "core/nn/train/evaluation.h"

namespace convscope::cli {

std::string EvaluateCommand::summary() const {
    return "Evaluate a checkpoint on the Fashion-MNIST test set or a folder of images";
}

std::string EvaluateCommand::help() const {
    return "Usage: convscope-cli evaluate --checkpoint FILE [--data DIR] [--limit-test N] [--device "
           "cpu|cuda]\n"
           "                              [--threads T] [--json]\n"
           "       convscope-cli evaluate --checkpoint FILE --data-folder DIR [--test-fraction F] "
           "[--split-seed S] ...\n"
           "\n"
           "Rebuilds the checkpoint's model, loads its weights and prints the test accuracy, the accuracy "
           "per class\n"
           "and the confusion matrix. --json prints one object with model, epochs_trained, images, accuracy, "
           "loss,\n"
           "per_class_accuracy, confusion and class_names (the classes in the order of the other arrays).\n"
           "\n"
           "The test set is Fashion-MNIST's (--data DIR, Debian's dataset-fashion-mnist by default), or the "
           "folder a\n"
           "checkpoint trained on a folder names (its test files, split as in training), or --data-folder "
           "DIR: its\n"
           "test (or val) images, or the test share of its class folders by --test-fraction and "
           "--split-seed (the\n"
           "checkpoint's, else 0.2 and 1). A folder's classes must be the checkpoint's (their number, and "
           "their\n"
           "names when the checkpoint knows them); images are decoded at the checkpoint's size and channels "
           "and\n"
           "normalised as in its training. A checkpoint trained on a class subset (train --class-subset) "
           "is tested\n"
           "on those classes, relabelled as in its training.\n"
           "\n" +
           dataFolderHelp();
}

int EvaluateCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    ArgumentParser parser(name());
    for (const char* o : {"--checkpoint", "--data", "--limit-test", "--device", "--threads"})
        parser.addOption(o);
    addDataFolderOptions(parser);
    parser.addFlag("--json");
    parser.parse(args);
    const auto path = parser.value("--checkpoint");
    if (!path) throw UsageError("evaluate needs --checkpoint FILE");
    if (!parser.positionals().empty())
        throw UsageError("evaluate takes no file arguments besides --checkpoint");
    const nn::CheckpointState state = nn::readCheckpointState(*path);
    const nn::DeviceChoice device = nn::chooseDevice(parser.value("--device").value_or("cpu"),
                                                     int(readIntegerOption(parser, "--threads", 0, 0, 256)));
    const nn::Classifier model = nn::makeModel(state.config.model);
    nn::loadCheckpoint(*path, *model, nullptr, state.config.model);
    model->to(device.device);
    const std::int64_t limit = readIntegerOption(parser, "--limit-test", 0, 0, 1LL << 40);
    const nn::TrainConfig& trained = state.config;
    // In --json mode the report on a folder goes to stderr, so that stdout holds the JSON alone.
    const nn::ImageDataset test =
        checkpointTestSet(parser, *path, trained, limit, parser.has("--json") ? std::cerr : out);
    const nn::Evaluation e = nn::evaluate(*model, test, state.config.input, device.device, 256);
    if (parser.has("--json")) {
        JsonWriter json(out);
        json.beginObject();
        json.key("model").value(state.config.model.name);
        json.key("epochs_trained").value(state.epochsDone);
        json.key("images").value(static_cast<long long>(test.size()));
        json.key("accuracy").value(e.accuracy);
        json.key("loss").value(e.loss);
        json.key("per_class_accuracy").numbers(e.perClassAccuracy);
        json.key("confusion");
        writeConfusion(json, e.confusion, e.perClassAccuracy.size());
        json.key("class_names").beginArray();
        for (const std::string& name : test.classNames) json.value(name);
        json.endArray();
        json.endObject();
        out << "\n";
        return 0;
    }
    out << "checkpoint: " << *path << " (" << nn::modelTitle(state.config.model.name) << ", "
        << state.epochsDone << " epochs trained)\n";
    out << "device:     " << device.description << "\n";
    out << std::fixed << std::setprecision(2) << "test:       " << test.size() << " images, accuracy "
        << 100.0 * e.accuracy << "%, loss " << std::setprecision(4) << e.loss << "\n";
    printClassReport(out, test.classNames, e.perClassAccuracy, e.confusion);
    return 0;
}

}  // namespace convscope::cli
