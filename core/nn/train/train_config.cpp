#include "core/nn/train/train_config.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/nn/models/model_switches.h"
#include "core/nn/train/label_smoothing_targets.h"

namespace convscope::nn {

namespace {

// Values are single lines of key=value text.
std::string oneLine(std::string text) {
    for (char& ch : text)
        if (ch == '\n' || ch == '\r') ch = ' ';
    return text;
}

// Class names joined by tabs (a tab inside a name becomes a space).
std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string n = oneLine(names[i]);
        for (char& ch : n)
            if (ch == '\t') ch = ' ';
        out += (i ? "\t" : "") + n;
    }
    return out;
}

std::vector<std::string> splitNames(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::istringstream in(text);
    for (std::string name; std::getline(in, name, '\t');) out.push_back(name);
    if (text.back() == '\t') out.emplace_back();
    return out;
}

}  // namespace

std::string TrainConfig::lineage() const {
    if (init.empty()) return {};
    const std::string file = std::filesystem::path(init).filename().string();
    // A TorchScript file (0 epochs: trained elsewhere) gives its class count alone.
    std::string text = (initSource.model.empty() ? model.name : initSource.model) + " ← " + file + " (" +
                       std::to_string(initSource.classes) + " classes" +
                       (initSource.epochs == 0 ? ")"
                                               : ", " + std::to_string(initSource.epochs) +
                                                     (initSource.epochs == 1 ? " epoch)" : " epochs)"));
    if (!initSource.parent.empty()) text += " ← " + initSource.parent;
    return text;
}

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
    checkLabelSmoothing(labelSmoothing);
    if (optimizer != "sgd" && optimizer != "adam" && optimizer != "adamw")
        fail("Unknown optimizer '" + optimizer + "' (choose sgd, adam or adamw).");
    if (schedule != "none" && schedule != "step" && schedule != "cosine" && schedule != "onecycle")
        fail("Unknown schedule '" + schedule + "' (choose none, step, cosine or onecycle).");
    if (device != "cpu" && device != "cuda") fail("Unknown device '" + device + "' (choose cpu or cuda).");
    if (threads < 0 || threads > 256) fail("The thread count must be from 0 (all cores) to 256.");
    // An imported model takes the size it was made for; ConvScope's own models take the sizes the form
    // offers.
    if (model.name == "torchscript"
            ? (input.size < 1 || input.size > 1024)
            : (input.size != 28 && input.size != 56 && input.size != 112 && input.size != 224))
        fail("The input size must be 28, 56, 112 or 224 (got " + std::to_string(input.size) + ").");
    if (model.name == "torchscript" && model.file.empty())
        fail("An imported model needs its TorchScript file.");
    if (input.channelMean.size() != input.channelStd.size() ||
        (!input.channelMean.empty() && int(input.channelMean.size()) != model.inChannels))
        fail("The normalisation needs one mean and one standard deviation per input channel.");
    for (double sd : input.channelStd)
        if (!std::isfinite(sd) || sd <= 0.0) fail("Every channel's standard deviation must be positive.");
    if (input.size != model.inputSize) fail("The input size and the model's input size differ.");
    if (limitTrain < 0 || limitTest < 0) fail("Limits on the number of images cannot be negative.");
    if (logEvery < 1) fail("Metrics must be logged at least every batch count of 1.");
    if (!std::isfinite(testFraction) || testFraction < 0.0 || testFraction >= 1.0)
        fail("The test fraction must be from 0 to below 1.");
    if (!std::isfinite(input.mean) || !std::isfinite(input.stdev) || input.stdev <= 0.0)
        fail("The input normalisation needs a finite mean and a positive standard deviation.");
    if (freeze != "none" && freeze != "backbone" && (freeze.rfind("up-to:", 0) != 0 || freeze.size() == 6))
        fail("Unknown freeze choice '" + freeze + "' (choose none, backbone or up-to:TAP).");
    if (freeze != "none" && init.empty())
        fail("Freezing needs trained weights to keep: give the checkpoint to start from.");
    for (std::size_t i = 0; i < classSubset.size(); ++i) {
        if (classSubset[i] < 0) fail("Class numbers cannot be negative.");
        for (std::size_t j = 0; j < i; ++j)
            if (classSubset[j] == classSubset[i])
                fail("Class " + std::to_string(classSubset[i]) + " is listed twice.");
    }
    if (classSubset.size() == 1) fail("A class subset needs at least two classes.");
    if (perClass < 0) fail("The number of images per class cannot be negative.");
    validateModelSwitches(model);
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
    // An image folder and its normalisation, written only when used (older readers need not know them).
    if (!dataFolder.empty()) {
        s << "data_folder=" << oneLine(dataFolder) << "\ntest_fraction=" << testFraction
          << "\nsplit_seed=" << splitSeed << "\n";
    }
    if (!classNames.empty()) s << "class_names=" << joinNames(classNames) << "\n";
    // An imported TorchScript model: its file, and the per-channel normalisation and channel count it wants.
    if (!model.file.empty()) s << "model_file=" << oneLine(model.file) << "\n";
    if (!input.channelMean.empty()) {
        s << "input_channel_mean=";
        for (std::size_t i = 0; i < input.channelMean.size(); ++i)
            s << (i ? "," : "") << input.channelMean[i];
        s << "\ninput_channel_std=";
        for (std::size_t i = 0; i < input.channelStd.size(); ++i) s << (i ? "," : "") << input.channelStd[i];
        s << "\n";
    }
    if (input.channels != 0) s << "input_channels=" << input.channels << "\n";
    if (input.mean != InputTransform{}.mean || input.stdev != InputTransform{}.stdev)
        s << "input_mean=" << input.mean << "\ninput_std=" << input.stdev << "\n";
    // Fine-tuning, written only when used, so that other runs' text is what it always was.
    if (!init.empty()) {
        s << "init=" << oneLine(init) << "\ninit_model=" << oneLine(initSource.model)
          << "\ninit_classes=" << initSource.classes << "\ninit_epochs=" << initSource.epochs
          << "\ninit_class_names=" << joinNames(initSource.classNames)
          << "\ninit_parent=" << oneLine(initSource.parent) << "\n";
    }
    if (freeze != "none") s << "freeze=" << oneLine(freeze) << "\n";
    if (!classSubset.empty()) {
        s << "class_subset=";
        for (std::size_t i = 0; i < classSubset.size(); ++i) s << (i ? "," : "") << classSubset[i];
        s << "\n";
    }
    if (perClass != 0) s << "per_class=" << perClass << "\n";
    // The regularisation switches, written only when not the default, so that older runs' text is unchanged.
    if (!model.batchNorm) s << "batch_norm=0\n";
    if (model.dropout != 0.0) {
        std::ostringstream p;  // 15 digits: "0.3", not 0.29999999999999999, and every decimal the CLI takes
        p.precision(15);
        p << model.dropout;
        s << "dropout=" << p.str() << "\n";
    }
    if (labelSmoothing != 0.0) {
        std::ostringstream e;  // 15 digits, as dropout: "0.1" as the learner typed it
        e.precision(15);
        e << labelSmoothing;
        s << "label_smoothing=" << e.str() << "\n";
    }
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
        // Absent from checkpoints written before fine-tuning existed.
        auto optional = [&v](const char* key) {
            const auto it = v.find(key);
            return it == v.end() ? std::string() : it->second;
        };
        c.init = optional("init");
        c.initSource.model = optional("init_model");
        if (!c.init.empty()) {
            c.initSource.classes = std::stoi(v.at("init_classes"));
            c.initSource.epochs = std::stoi(v.at("init_epochs"));
        }
        c.initSource.classNames = splitNames(optional("init_class_names"));
        c.initSource.parent = optional("init_parent");
        if (const std::string f = optional("freeze"); !f.empty()) c.freeze = f;
        std::istringstream subset(optional("class_subset"));
        for (std::string item; std::getline(subset, item, ',');) c.classSubset.push_back(std::stoi(item));
        if (const std::string n = optional("per_class"); !n.empty()) c.perClass = std::stoll(n);
        // Absent from runs on Fashion-MNIST and from checkpoints written before image folders existed.
        c.dataFolder = optional("data_folder");
        if (!c.dataFolder.empty()) {
            c.testFraction = std::stod(v.at("test_fraction"));
            c.splitSeed = std::stoull(v.at("split_seed"));
        }
        c.classNames = splitNames(optional("class_names"));
        c.model.file = optional("model_file");
        auto numbers = [](const std::string& text) {
            std::vector<double> out;
            std::istringstream list(text);
            for (std::string item; std::getline(list, item, ',');) out.push_back(std::stod(item));
            return out;
        };
        c.input.channelMean = numbers(optional("input_channel_mean"));
        c.input.channelStd = numbers(optional("input_channel_std"));
        if (const std::string ch = optional("input_channels"); !ch.empty()) c.input.channels = std::stoi(ch);
        if (const std::string m = optional("input_mean"); !m.empty()) c.input.mean = std::stod(m);
        if (const std::string d = optional("input_std"); !d.empty()) c.input.stdev = std::stod(d);
        // Absent from runs with batch norm and without dropout, and from files written before the switches.
        c.model.batchNorm = optional("batch_norm") != "0";
        if (const std::string p = optional("dropout"); !p.empty()) c.model.dropout = std::stod(p);
        // Absent from runs without label smoothing and from files written before it.
        if (const std::string e = optional("label_smoothing"); !e.empty()) c.labelSmoothing = std::stod(e);
    } catch (const std::exception&) {
        throw std::invalid_argument("The training settings are incomplete or damaged.");
    }
    return c;
}

}  // namespace convscope::nn
