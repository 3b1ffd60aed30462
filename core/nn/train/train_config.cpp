#include "core/nn/train/train_config.h"

#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace convscope::nn {

void TrainConfig::validate() const {
    auto fail = [](const std::string& text) { throw std::invalid_argument(text); };
    if (epochs < 1 || epochs > 1000)
        fail("The number of epochs must be from 1 to 1000 (got " + std::to_string(epochs) + ").");
    if (batchSize < 1 || batchSize > 4096)
        fail("The batch size must be from 1 to 4096 (got " + std::to_string(batchSize) + ").");
    if (!std::isfinite(learningRate) || learningRate <= 0.0 || learningRate > 100.0)
        fail("The learning rate must be a positive number up to 100.");
    if (!std::isfinite(momentum) || momentum < 0.0 || momentum >= 1.0)
        fail("The momentum must be from 0 to below 1.");
    if (!std::isfinite(weightDecay) || weightDecay < 0.0 || weightDecay > 1.0)
        fail("The weight decay must be from 0 to 1.");
    if (optimizer != "sgd" && optimizer != "adam" && optimizer != "adamw")
        fail("Unknown optimizer '" + optimizer + "' (choose sgd, adam or adamw).");
    if (schedule != "none" && schedule != "step" && schedule != "cosine" && schedule != "onecycle")
        fail("Unknown schedule '" + schedule + "' (choose none, step, cosine or onecycle).");
    if (device != "cpu" && device != "cuda") fail("Unknown device '" + device + "' (choose cpu or cuda).");
    if (threads < 0 || threads > 256) fail("The thread count must be from 0 (all cores) to 256.");
    if (input.size != 28 && input.size != 56 && input.size != 112 && input.size != 224)
        fail("The input size must be 28, 56, 112 or 224 (got " + std::to_string(input.size) + ").");
    if (input.size != model.inputSize) fail("The input size and the model's input size differ.");
    if (limitTrain < 0 || limitTest < 0) fail("Limits on the number of images cannot be negative.");
    if (logEvery < 1) fail("Metrics must be logged at least every batch count of 1.");
}

std::string TrainConfig::toText() const {
    std::ostringstream s;
    s.precision(17);
    s << "model=" << model.name << "\nin_channels=" << model.inChannels << "\nclasses=" << model.classes
      << "\nsize=" << model.inputSize << "\nstem=" << toString(model.stem) << "\nblock=" << model.block
      << "\nskip=" << (model.skip ? 1 : 0) << "\naugment=" << (input.augment ? 1 : 0) << "\nepochs=" << epochs
      << "\nbatch_size=" << batchSize << "\noptimizer=" << optimizer << "\nlr=" << learningRate
      << "\nmomentum=" << momentum << "\nweight_decay=" << weightDecay << "\nschedule=" << schedule
      << "\ndevice=" << device << "\nthreads=" << threads << "\nseed=" << seed
      << "\nlimit_train=" << limitTrain << "\nlimit_test=" << limitTest << "\nlog_every=" << logEvery << "\n";
    return s.str();
}

TrainConfig TrainConfig::fromText(const std::string& text) {
    std::map<std::string, std::string> v;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) v[line.substr(0, eq)] = line.substr(eq + 1);
    }
    TrainConfig c;
    try {
        c.model.name = v.at("model");
        c.model.inChannels = std::stoi(v.at("in_channels"));
        c.model.classes = std::stoi(v.at("classes"));
        c.model.inputSize = c.input.size = std::stoi(v.at("size"));
        c.model.stem = parseStem(v.at("stem"));
        c.model.block = v.at("block");
        c.model.skip = v.at("skip") == "1";
        c.input.augment = v.at("augment") == "1";
        c.epochs = std::stoi(v.at("epochs"));
        c.batchSize = std::stoi(v.at("batch_size"));
        c.optimizer = v.at("optimizer");
        c.learningRate = std::stod(v.at("lr"));
        c.momentum = std::stod(v.at("momentum"));
        c.weightDecay = std::stod(v.at("weight_decay"));
        c.schedule = v.at("schedule");
        c.device = v.at("device");
        c.threads = std::stoi(v.at("threads"));
        c.seed = std::stoull(v.at("seed"));
        c.limitTrain = std::stoll(v.at("limit_train"));
        c.limitTest = std::stoll(v.at("limit_test"));
        c.logEvery = std::stoi(v.at("log_every"));
    } catch (const std::exception&) {
        throw std::invalid_argument("The training settings are incomplete or damaged.");
    }
    return c;
}

}  // namespace convscope::nn
