#include "core/nn/train/degradation_experiment.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "core/common/job_control.h"
#include "core/nn/train/trainer.h"

namespace convscope::nn {

namespace {

double secondsSinceStart(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// "plain56" → 56: the number after the family's name (isCifarNetwork has accepted it).
int networkDepth(const std::string& model) {
    const std::size_t digits = model.find_first_of("0123456789");
    return digits == std::string::npos ? 0 : std::stoi(model.substr(digits));
}

// The norms of the weight layers, looked up by name in the step's gradient norms (every trainable parameter).
DepthGradients depthGradients(const BatchMetrics& m, const std::vector<std::string>& layers) {
    std::unordered_map<std::string, double> byName;
    for (const auto& [name, norm] : m.instruments.gradNorms) byName.emplace(name, norm);
    DepthGradients g;
    g.step = m.step;
    for (const std::string& layer : layers) {
        const auto it = byName.find(layer);
        g.norms.push_back(it == byName.end() ? 0.0 : it->second);
    }
    return g;
}

std::string lossText(double v, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

// The shallowest and the deepest run of one family (nullptr when it has fewer than two depths).
std::pair<const DegradationRun*, const DegradationRun*> familyExtremes(const DegradationResult& r,
                                                                       bool residual) {
    const DegradationRun *low = nullptr, *high = nullptr;
    for (const DegradationRun& run : r.runs) {
        if (run.residual != residual || run.epochs.empty()) continue;
        if (!low || run.depth < low->depth) low = &run;
        if (!high || run.depth > high->depth) high = &run;
    }
    if (low && high && low->depth == high->depth) return {nullptr, nullptr};
    return {low, high};
}

}  // namespace

double finalTrainLoss(const DegradationRun& run) {
    return run.epochs.empty() ? 0.0 : run.epochs.back().trainLoss;
}

std::string describeDegradation(const DegradationResult& r) {
    if (r.runs.empty()) return {};
    std::string text = "Training loss over the last epoch:";
    for (std::size_t i = 0; i < r.runs.size(); ++i)
        text += (i ? ", " : " ") + r.runs[i].model + " " + lossText(finalTrainLoss(r.runs[i]), 3);
    text += ".";
    if (const auto [low, high] = familyExtremes(r, false); low) {
        text += " " + high->model +
                (finalTrainLoss(*high) > finalTrainLoss(*low)
                     ? " ends above " + low->model + ": the deeper plain network trains worse (degradation)."
                     : " ends at or below " + low->model + ": no degradation in this run.");
    }
    if (const auto [low, high] = familyExtremes(r, true); low) {
        text +=
            " " + high->model +
            (finalTrainLoss(*high) <= finalTrainLoss(*low)
                 ? " ends at or below " + low->model +
                       ": with shortcuts the deeper network trains at least as well."
                 : " ends above " + low->model + ": in this run the shortcuts have not yet made depth pay.");
    }
    return text;
}

TrainConfig degradationRunConfig(const DegradationOptions& o, const std::string& model) {
    TrainConfig c;
    c.model.name = model;
    c.model.inChannels = o.inChannels;
    c.model.classes = o.classes;
    c.model.inputSize = o.inputSize;
    c.input.size = o.inputSize;
    c.epochs = o.epochs;
    c.batchSize = o.batchSize;
    c.optimizer = o.optimizer;
    c.learningRate = o.learningRate;
    c.momentum = o.momentum;
    c.weightDecay = o.weightDecay;
    c.schedule = o.schedule;
    c.device = o.device;
    c.threads = o.threads;
    // One seed for every run: the permutation of the training images (and so every batch) is drawn from the
    // seed and the epoch alone, and networks with the same parameters (plain20 and resnet20) start equal.
    c.seed = o.seed;
    c.limitTrain = o.limitTrain;
    c.limitTest = o.limitTest;
    c.logEvery = o.logEvery;
    c.instruments = true;
    return c;
}

DegradationResult runDegradationExperiment(const DegradationOptions& o, const ImageDataset& trainSet,
                                           const ImageDataset& testSet,
                                           const DegradationCallbacks& callbacks) {
    if (o.models.empty()) throw std::invalid_argument("Give at least one model to train.");
    for (const std::string& m : o.models)
        if (!isCifarNetwork(m))
            throw std::invalid_argument(
                "The degradation experiment compares He et al.'s CIFAR networks (resnet20, resnet32, "
                "resnet44, resnet56, resnet110 and plain20 … plain110), not " +
                m + ".");
    if (o.logEvery < 1) throw std::invalid_argument("Log every 1 batch or more.");
    // Every run's settings are checked before the first one trains.
    for (const std::string& m : o.models) degradationRunConfig(o, m).validate();

    const auto start = std::chrono::steady_clock::now();
    // Progress by depth × images: a step of a 56-layer network costs about 56/20 of a 20-layer one's.
    double total = 0.0;
    for (const std::string& m : o.models) total += networkDepth(m);
    double done = 0.0;
    std::set<std::string> said;

    DegradationResult result;
    for (std::size_t i = 0; i < o.models.size(); ++i) {
        const int index = int(i);
        const std::string& name = o.models[i];
        const auto runStart = std::chrono::steady_clock::now();
        const TrainConfig config = degradationRunConfig(o, name);
        Trainer trainer(config, trainSet, testSet);

        DegradationRun run;
        run.model = name;
        run.depth = networkDepth(name);
        run.residual = name.rfind("resnet", 0) == 0;
        run.trainImages = trainer.trainingSet().size();
        for (const auto& p : trainer.model().named_parameters()) {
            run.parameters += p.value().numel();
            if (p.value().dim() >= 2) run.weightLayers.push_back(p.key());
        }
        const std::string stage = "Training " + name + " (" + std::to_string(i + 1) + " of " +
                                  std::to_string(o.models.size()) + ")";
        if (callbacks.onProgress) callbacks.onProgress(stage, done);
        if (callbacks.onRunStarted) callbacks.onRunStarted(index, run);

        const std::int64_t batchesPerEpoch = (run.trainImages + config.batchSize - 1) / config.batchSize;
        const double totalSteps = double(batchesPerEpoch * config.epochs);
        const double share = run.depth / total;
        TrainCallbacks cb;
        cb.samplePredictions = 0;
        cb.isCancelled = callbacks.isCancelled;
        cb.onMessage = [&](const std::string& m) {
            if (callbacks.onMessage && said.insert(m).second) callbacks.onMessage(m);
        };
        cb.onBatch = [&](const BatchMetrics& m) {
            run.trainLoss.push_back({m.step, m.loss});
            if (!m.instruments.empty()) {
                run.lastGradients = depthGradients(m, run.weightLayers);
                if (run.firstGradients.norms.empty()) run.firstGradients = run.lastGradients;
            }
            if (callbacks.onBatch) callbacks.onBatch(index, m);
            if (callbacks.onProgress)
                callbacks.onProgress(stage, std::min(1.0, done + share * double(m.step) / totalSteps));
        };
        cb.onEpoch = [&](const EpochMetrics& e, const std::vector<int>&) {
            run.epochs.push_back({e.epoch, e.epoch * batchesPerEpoch, e.trainLoss, 1.0 - e.testAccuracy});
            if (callbacks.onEpoch) callbacks.onEpoch(index, e);
        };
        const TrainResult r = trainer.run(cb);
        if (r.status == TrainStatus::Cancelled) throw common::Cancelled{};
        if (r.status == TrainStatus::Diverged) throw std::runtime_error(name + ": " + r.message);
        run.seconds = secondsSinceStart(runStart);
        done += share;
        result.runs.push_back(run);
        if (callbacks.onRunFinished) callbacks.onRunFinished(index, run);
    }
    result.seconds = secondsSinceStart(start);
    if (callbacks.onProgress) callbacks.onProgress("Done", 1.0);
    return result;
}

}  // namespace convscope::nn
