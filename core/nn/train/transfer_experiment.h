#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

/// The experiment's model unless one is chosen: small enough that the whole experiment runs in minutes on two
/// CPU cores (docs/benchmarks.md).
ModelConfig defaultTransferModel();

/// The transfer-learning exercise: pretrain on some classes, then learn the others from a few images per
/// class twice — starting from the pretrained weights (a new head) and from random weights — with the same
/// recipe, seed and images.
struct TransferOptions {
    ModelConfig model = defaultTransferModel();
    std::vector<int> pretrainClasses{0, 1, 2, 3, 4};
    std::vector<int> targetClasses{5, 6, 7, 8, 9};
    std::vector<std::int64_t> perClass{10, 50,
                                       200};  ///< training images per target class, one pair per count
    int pretrainEpochs = 1;
    int epochs = 15;  ///< of every fine-tuned and every scratch run
    /// What the fine-tuned runs freeze. "none" (every layer trained from the pretrained start) by default:
    /// the features a ResNet-18 learns on five other classes are too specific for a frozen backbone (with the
    /// defaults, 69 % on 50 images per class against 93 % when every layer trains, and 31 % against 88 % on
    /// 10), while the pretrained start still beats random weights clearly when images are few
    /// (docs/benchmarks.md).
    std::string freeze = "none";
    // The pretraining's recipe (cosine schedule, no weight decay) …
    int pretrainBatchSize = 128;
    std::string pretrainOptimizer = "adam";
    double pretrainLearningRate = 2e-3;
    // … and the one every later run shares.
    int batchSize = 32;
    std::string optimizer = "adam";
    double learningRate = 1e-3;
    double momentum = 0.9;  ///< SGD only
    double weightDecay = 0.0;
    std::string schedule = "cosine";
    std::uint64_t seed = 1;
    std::string device = "cpu";
    int threads = 0;
    /// Test images per curve point (the first N of the target classes; 0: all): 1,000 keeps the many
    /// evaluations of the curves cheap.
    std::int64_t limitTest = 1000;
    /// Where pretrain.ckpt, finetune-N.ckpt and scratch-N.ckpt are written (created when missing). A
    /// pretrain.ckpt already there, made with the same settings, is reused instead of pretraining again.
    /// Empty: a temporary folder, removed at the end.
    std::string outDir;
};

struct TransferPoint {
    int epoch = 0;
    std::int64_t step = 0;  ///< batches done by the end of the epoch
    double testAccuracy = 0.0;
};

struct TransferRun {
    std::int64_t perClass = 0;  ///< 0 for the pretraining (all its images)
    std::string start;          ///< "pretrained", "scratch", or "random" for the pretraining itself
    std::int64_t trainImages = 0;
    std::vector<TransferPoint> curve;
    double finalTestAccuracy = 0.0;
    double seconds = 0.0;    ///< wall time of the run, evaluation included
    std::string checkpoint;  ///< empty once a temporary folder is removed
    bool reused = false;     ///< the pretraining's checkpoint was already there
};

struct TransferResult {
    TransferRun pretrain;
    std::vector<TransferRun> runs;  ///< for each per-class count: pretrained, then scratch
    std::vector<std::string> pretrainClassNames, targetClassNames;
    double seconds = 0.0;
};

/// Called on the experiment's thread.
struct TransferCallbacks {
    /// A sentence on what runs now ("Fine-tuning on 50 images per class") and the share done, 0 … 1 (by
    /// training images seen).
    std::function<void(const std::string& stage, double fraction)> onProgress;
    /// After every epoch of every run: `run` is the index into runs, −1 for the pretraining.
    std::function<void(int run, const TransferRun& soFar)> onEpoch;
    std::function<void(const std::string&)> onMessage;
    /// Polled between batches: true stops the experiment (common::Cancelled is thrown).
    std::function<bool()> isCancelled;
};

/// Runs the whole experiment on `train` and `test` (Fashion-MNIST or any set that has the classes asked
/// for). Throws std::invalid_argument for impossible options (overlapping class lists, an empty count list,
/// a count below 1), CheckpointError when the folder cannot be written, common::Cancelled when cancelled.
TransferResult runTransferExperiment(const TransferOptions& options, const ImageDataset& train,
                                     const ImageDataset& test, const TransferCallbacks& callbacks = {});

/// The settings of the pretraining and of one run, as runTransferExperiment trains them.
TrainConfig pretrainConfig(const TransferOptions& options);
TrainConfig transferRunConfig(const TransferOptions& options, std::int64_t perClass, bool pretrained,
                              const std::string& pretrainCheckpoint);

}  // namespace convscope::nn
