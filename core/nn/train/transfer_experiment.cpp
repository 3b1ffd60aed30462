#include "core/nn/train/transfer_experiment.h"

#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>

#include "core/common/job_control.h"
#include "core/nn/data/dataset_subset.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/trainer.h"

namespace convscope::nn {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

TrainConfig baseConfig(const TransferOptions& o, const std::vector<int>& classes) {
    TrainConfig c;
    c.model = o.model;
    c.model.classes = int(classes.size());
    c.input.size = o.model.inputSize;
    c.optimizer = o.optimizer;
    c.learningRate = o.learningRate;
    c.momentum = o.momentum;
    c.weightDecay = o.weightDecay;
    c.schedule = o.schedule;
    c.seed = o.seed;
    c.device = o.device;
    c.threads = o.threads;
    c.limitTest = o.limitTest;
    c.classSubset = classes;
    c.logEvery = 1;  // every batch: the progress bar and the cancellation check follow it
    return c;
}

// A temporary folder that removes itself, for an experiment whose checkpoints are not kept.
struct TemporaryFolder {
    fs::path path;
    TemporaryFolder() {
        std::random_device device;
        path = fs::temp_directory_path() / ("convscope-transfer-" + std::to_string(device()));
        fs::create_directories(path);
    }
    ~TemporaryFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Shares the progress of all runs by training images seen.
struct Progress {
    const TransferCallbacks& callbacks;
    double total = 1.0, done = 0.0;
    void report(const std::string& stage, double extra) const {
        if (callbacks.onProgress) callbacks.onProgress(stage, std::min(1.0, (done + extra) / total));
    }
};

std::int64_t imagesOf(const std::vector<std::int64_t>& counts, const std::vector<int>& classes,
                      std::int64_t perClass) {
    std::int64_t n = 0;
    for (int c : classes) {
        const std::int64_t have = c >= 0 && std::size_t(c) < counts.size() ? counts[std::size_t(c)] : 0;
        n += perClass > 0 ? std::min(have, perClass) : have;
    }
    return n;
}

TransferRun trainOneRun(const TrainConfig& config, const ImageDataset& trainSet, const ImageDataset& testSet,
                        const std::string& checkpoint, int index, TransferRun run, const std::string& stage,
                        Progress& progress, std::set<std::string>& said) {
    const auto start = Clock::now();
    Trainer trainer(config, trainSet, testSet);
    trainer.setCheckpointPath(checkpoint);
    run.trainImages = trainer.trainingSet().size();
    run.checkpoint = checkpoint;
    const std::int64_t batchesPerEpoch = (run.trainImages + config.batchSize - 1) / config.batchSize;
    const TransferCallbacks& cbs = progress.callbacks;
    TrainCallbacks cb;
    cb.samplePredictions = 0;
    cb.isCancelled = cbs.isCancelled;
    cb.onMessage = [&](const std::string& m) {
        if (cbs.onMessage && said.insert(m).second) cbs.onMessage(m);
    };
    cb.onBatch = [&](const BatchMetrics& m) {
        const double seen =
            double(std::min<std::int64_t>(m.step * config.batchSize, run.trainImages * config.epochs));
        progress.report(stage, seen);
    };
    cb.onEpoch = [&](const EpochMetrics& e, const std::vector<int>&) {
        run.curve.push_back({e.epoch, e.epoch * batchesPerEpoch, e.testAccuracy});
        run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (cbs.onEpoch) cbs.onEpoch(index, run);
    };
    const TrainResult r = trainer.run(cb);
    if (r.status == TrainStatus::Cancelled) throw common::Cancelled{};
    if (r.status == TrainStatus::Diverged) throw std::runtime_error(stage + ": " + r.message);
    progress.done += double(run.trainImages) * config.epochs;
    run.finalTestAccuracy = r.history.empty() ? 0.0 : r.history.back().testAccuracy;
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

// A pretraining checkpoint in the folder made with the same settings (the machine's may differ).
bool reusable(const std::string& path, const TrainConfig& wanted) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return false;
    try {
        const CheckpointState s = readCheckpointState(path);
        TrainConfig c = s.config;
        c.device = wanted.device;
        c.threads = wanted.threads;
        return c.toText() == wanted.toText() && s.epochsDone == wanted.epochs;
    } catch (const CheckpointError&) {
        return false;
    }
}

}  // namespace

ModelConfig defaultTransferModel() {
    // The textbook's exercise fine-tunes a ResNet-18. With the ImageNet stem a 28x28 image is 7x7 after the
    // stem, which keeps the experiment to minutes on a CPU. (LeNet-5, cheaper still, teaches nothing here:
    // from scratch it learns the five new classes as well as from features of the five others.)
    ModelConfig m;
    m.name = "resnet18";
    m.stem = Stem::Imagenet;
    m.inputSize = 28;
    m.classes = 5;
    return m;
}

TrainConfig pretrainConfig(const TransferOptions& o) {
    TrainConfig c = baseConfig(o, o.pretrainClasses);
    c.epochs = o.pretrainEpochs;
    c.batchSize = o.pretrainBatchSize;
    c.optimizer = o.pretrainOptimizer;
    c.learningRate = o.pretrainLearningRate;
    c.momentum = TrainConfig{}.momentum;
    c.weightDecay = 0.0;
    c.schedule = "cosine";
    return c;
}

TrainConfig transferRunConfig(const TransferOptions& o, std::int64_t perClass, bool pretrained,
                              const std::string& pretrainCheckpoint) {
    TrainConfig c = baseConfig(o, o.targetClasses);
    c.epochs = o.epochs;
    c.batchSize = o.batchSize;
    c.perClass = perClass;
    if (pretrained) {
        c.init = pretrainCheckpoint;
        c.freeze = o.freeze;
    }
    return c;
}

TransferResult runTransferExperiment(const TransferOptions& o, const ImageDataset& trainSet,
                                     const ImageDataset& testSet, const TransferCallbacks& callbacks) {
    if (o.pretrainClasses.size() < 2 || o.targetClasses.size() < 2)
        throw std::invalid_argument("Pretraining and fine-tuning need two classes or more each.");
    for (int c : o.targetClasses)
        for (int p : o.pretrainClasses)
            if (c == p)
                throw std::invalid_argument(
                    "Class " + std::to_string(c) +
                    " is both pretrained on and learnt afterwards: the class lists must "
                    "not overlap.");
    if (o.perClass.empty()) throw std::invalid_argument("Give at least one number of images per class.");
    for (std::int64_t n : o.perClass)
        if (n < 1) throw std::invalid_argument("The numbers of images per class must be 1 or more.");
    const auto start = Clock::now();
    // Settings are checked before anything is trained (a bad class number, freeze choice or recipe).
    pretrainConfig(o).validate();
    transferRunConfig(o, o.perClass.front(), true, "pretrain.ckpt").validate();
    selectClasses(trainSet, o.pretrainClasses);
    selectClasses(trainSet, o.targetClasses);

    std::unique_ptr<TemporaryFolder> temporary;
    fs::path folder = o.outDir;
    if (o.outDir.empty()) {
        temporary = std::make_unique<TemporaryFolder>();
        folder = temporary->path;
    } else {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (!fs::is_directory(folder, ec))
            throw CheckpointError("The folder " + o.outDir + " cannot be created for the checkpoints.");
    }

    TransferResult result;
    const std::vector<std::int64_t> counts = classCounts(trainSet);
    Progress progress{callbacks};
    const TrainConfig pre = pretrainConfig(o);
    const std::string preckpt = (folder / "pretrain.ckpt").string();
    const bool reuse = reusable(preckpt, pre);
    progress.total = reuse ? 0.0 : double(imagesOf(counts, o.pretrainClasses, 0)) * pre.epochs;
    for (std::int64_t n : o.perClass)
        progress.total += 2.0 * double(imagesOf(counts, o.targetClasses, n)) * o.epochs;
    progress.total = std::max(progress.total, 1.0);
    std::set<std::string> said;

    result.pretrain.start = "random";
    if (reuse) {
        const CheckpointState s = readCheckpointState(preckpt);
        TransferRun& p = result.pretrain;
        p.reused = true;
        p.checkpoint = preckpt;
        p.trainImages = imagesOf(counts, o.pretrainClasses, 0);
        const std::int64_t perEpoch = (p.trainImages + pre.batchSize - 1) / pre.batchSize;
        for (const EpochMetrics& e : s.history)
            p.curve.push_back({e.epoch, e.epoch * perEpoch, e.testAccuracy});
        p.finalTestAccuracy = s.history.empty() ? 0.0 : s.history.back().testAccuracy;
        if (callbacks.onMessage) callbacks.onMessage("Reusing the pretrained model in " + preckpt + ".");
        if (callbacks.onEpoch) callbacks.onEpoch(-1, p);
    } else {
        result.pretrain = trainOneRun(
            pre, trainSet, testSet, preckpt, -1, result.pretrain,
            "Pretraining on " + std::to_string(o.pretrainClasses.size()) + " classes", progress, said);
    }
    for (std::int64_t n : o.perClass) {
        for (const bool pretrained : {true, false}) {
            TransferRun run;
            run.perClass = n;
            run.start = pretrained ? "pretrained" : "scratch";
            const std::string name = (pretrained ? "finetune-" : "scratch-") + std::to_string(n) + ".ckpt";
            const std::string stage = std::string(pretrained ? "Fine-tuning" : "Training from scratch") +
                                      " on " + std::to_string(n) + " images per class";
            const int index = int(result.runs.size());
            result.runs.push_back(run);
            result.runs.back() = trainOneRun(transferRunConfig(o, n, pretrained, preckpt), trainSet, testSet,
                                             (folder / name).string(), index, run, stage, progress, said);
        }
    }
    result.pretrainClassNames = selectClasses(trainSet, o.pretrainClasses).classNames;
    result.targetClassNames = selectClasses(trainSet, o.targetClasses).classNames;
    if (temporary) {
        result.pretrain.checkpoint.clear();
        for (TransferRun& r : result.runs) r.checkpoint.clear();
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (callbacks.onProgress) callbacks.onProgress("Done", 1.0);
    return result;
}

}  // namespace convscope::nn
