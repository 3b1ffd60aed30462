#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

/// He et al. 2016's degradation experiment (section 4.2, figure 6), shortened: plain and residual CIFAR
/// networks of two depths trained one after another with one recipe, the same seed and the same order of
/// batches, so that their training loss, test error and gradients can be laid over each other. The
/// defaults run in a few minutes on two CPU cores (docs/benchmarks.md).
struct DegradationOptions {
    /// CIFAR networks only (resnet20 … resnet110, plain20 … plain110: isCifarNetwork).
    std::vector<std::string> models{"plain20", "plain56", "resnet20", "resnet56"};
    /// The paper's recipe (SGD with momentum 0.9, weight decay 1e-4, batches of 128,
    /// the rate divided by 10 at 50 % and 75 % of training, as its 32k and 48k of 64k iterations: the
    /// trainer's "step" schedule, which divides from the first epoch past half of them and again past three
    /// quarters from 4 epochs on), on the first `limitTrain` Fashion-MNIST training images instead of
    /// CIFAR-10's 50,000 for 164 epochs. The learning rate is 0.02, not the paper's 0.1: in a run of about
    /// 60 steps ResNet-56 at 0.1 is unstable in its first steps (loss up to 11.6) and ends above ResNet-20,
    /// while at 0.02 both halves of the figure show (docs/benchmarks.md); the paper itself starts ResNet-110
    /// at 0.01.
    int epochs = 3;
    int batchSize = 128;
    std::string optimizer = "sgd";
    double learningRate = 0.02;
    double momentum = 0.9;
    double weightDecay = 1e-4;
    std::string schedule = "step";
    std::int64_t limitTrain = 2500;  ///< 0: all 60,000
    std::int64_t limitTest = 1000;   ///< test images evaluated after every epoch; 0: all 10,000
    /// A training-loss point (and the instruments' reading: the gradient heatmaps) every N batches.
    int logEvery = 2;
    std::uint64_t seed = 1;
    std::string device = "cpu";
    int threads = 0;
    int inChannels = 1;
    int classes = 10;
    int inputSize = 28;
};

struct DegradationLossPoint {
    std::int64_t step = 0;
    double loss = 0.0;  ///< the batch's mean cross-entropy
};

struct DegradationEpoch {
    int epoch = 0;
    std::int64_t step = 0;   ///< batches done by the end of the epoch
    double trainLoss = 0.0;  ///< mean over the epoch's batches
    double testError = 0.0;  ///< 1 − test accuracy, 0 … 1
};

/// The gradient's L2 norm of every convolution and linear weight (the depth axis: the first convolution
/// first, the classifier last) at one logged step.
struct DepthGradients {
    std::int64_t step = 0;
    std::vector<double> norms;  ///< in DegradationRun::weightLayers' order
};

struct DegradationRun {
    std::string model;  ///< "plain56"
    int depth = 0;      ///< weighted layers, 6n + 2
    bool residual = false;
    std::int64_t parameters = 0;
    std::int64_t trainImages = 0;
    /// The convolution and linear weights (rank ≥ 2), in the model's order: one per weighted layer.
    std::vector<std::string> weightLayers;
    std::vector<DegradationLossPoint> trainLoss;  ///< per logged step
    std::vector<DegradationEpoch> epochs;
    DepthGradients firstGradients, lastGradients;  ///< the first and the last logged step
    double seconds = 0.0;                          ///< wall time of the run, evaluation included
};

struct DegradationResult {
    std::vector<DegradationRun> runs;  ///< in DegradationOptions::models' order
    double seconds = 0.0;
};

/// Called on the experiment's thread; `run` is the index into the models.
struct DegradationCallbacks {
    /// "Training plain56 (2 of 4)" and the share of the whole experiment done, 0 … 1 (weighted by depth).
    std::function<void(const std::string& stage, double fraction)> onProgress;
    /// Before a run's first batch: its model, depth, parameter count, images and weight layers are known.
    std::function<void(int run, const DegradationRun& run0)> onRunStarted;
    /// Every logged step, with the instruments of training (gradient norms, …).
    std::function<void(int run, const BatchMetrics&)> onBatch;
    std::function<void(int run, const EpochMetrics&)> onEpoch;
    /// After a run's last epoch, with everything it measured.
    std::function<void(int run, const DegradationRun&)> onRunFinished;
    std::function<void(const std::string&)> onMessage;
    /// Polled between batches: true stops the experiment (common::Cancelled is thrown).
    std::function<bool()> isCancelled;
};

/// The mean training loss of a run's last epoch (what the curves end at, less noisy than one batch).
double finalTrainLoss(const DegradationRun& run);

/// What the runs show, in plain sentences: each run's final training loss, and for the plain and for the
/// residual networks whether the deepest ends above the shallowest (degradation) or not.
std::string describeDegradation(const DegradationResult& result);

/// The settings one run of the experiment trains with.
TrainConfig degradationRunConfig(const DegradationOptions& options, const std::string& model);

/// Runs the models one after another on `train` and `test`. Throws std::invalid_argument for impossible
/// options (no model, a model that is not a CIFAR network, a bad recipe), std::runtime_error when a run
/// diverges, common::Cancelled when cancelled.
DegradationResult runDegradationExperiment(const DegradationOptions& options, const ImageDataset& train,
                                           const ImageDataset& test,
                                           const DegradationCallbacks& callbacks = {});

}  // namespace convscope::nn
