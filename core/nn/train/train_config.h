#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/data/input_transform.h"
#include "core/nn/models/model_config.h"
#include "core/nn/train/instrument_readings.h"

namespace convscope::nn {

/// Where a run's initial weights came from, copied from the init checkpoint when the run is set up, so that
/// the run list can show it even once that file is gone.
struct InitLineage {
    std::string model;                    ///< the init checkpoint's model name
    int classes = 0;                      ///< its class count
    std::vector<std::string> classNames;  ///< the classes it was trained on, when known
    int epochs = 0;                       ///< the epochs it had finished
    /// Its own lineage after its model name ("a.ckpt (10 classes, 3 epochs)"): empty when it started from
    /// random weights.
    std::string parent;
};

/// Everything a training run depends on. A run is reproducible from it: the seed fixes the weights'
/// initialisation, the order of the batches and the augmentation.
struct TrainConfig {
    ModelConfig model;
    InputTransform input;  ///< input.size must equal model.inputSize
    int epochs = 1;
    int batchSize = 128;
    std::string optimizer = "sgd";  ///< sgd (momentum), adam, adamw
    double learningRate = 0.1;      ///< the peak rate for onecycle
    double momentum = 0.9;          ///< SGD only
    double weightDecay = 5e-4;
    /// The training loss's label smoothing ε (0 ≤ ε < 1; label_smoothing.h): targets (1 − ε)·one-hot + ε/K.
    /// The test loss stays the plain cross-entropy, so that runs with and without it compare.
    double labelSmoothing = 0.0;
    std::string schedule = "cosine";  ///< none, step (÷10 at 50 % and 75 % of the epochs), cosine, onecycle
    std::string device = "cpu";       ///< cpu or cuda (CUDA when present, else CPU with the reason)
    int threads = 0;                  ///< intra-op threads; 0 = the hardware's concurrency
    std::uint64_t seed = 1;
    std::int64_t limitTrain = 0;  ///< use only the first N training images (0: all)
    std::int64_t limitTest = 0;
    int logEvery = 10;  ///< a BatchMetrics every N batches (and the last of each epoch)
    /// The instruments of training (training_instruments.h) on every logged step: BatchMetrics::instruments.
    /// A choice of what is logged, not of the run's result: not part of toText.
    bool instruments = true;

    // The data: Fashion-MNIST, or a folder of images (core/nn/data/image_folder.h) whose normalisation is the
    // mean and spread of its decoded training pixels (stored in `input`).
    std::string dataFolder;     ///< empty: Fashion-MNIST
    double testFraction = 0.2;  ///< a folder of class folders alone: the share of each class kept for testing
    std::uint64_t splitSeed = 1;
    std::vector<std::string> classNames;  ///< the folder's classes; empty: Fashion-MNIST's ten

    // Fine-tuning (core/nn/train/initial_weights.h, freeze_plan.h). The class subset and the per-class count
    // apply before the limits above.
    /// The checkpoint the weights start from; empty: random (seeded) weights. Or a TorchScript model
    /// (torch.jit.save): then model is "torchscript" with model.file the same file (the run starts from the
    /// file's own weights, with a new head when the class count differs or the class names disagree).
    std::string init;
    /// What `init` held, recorded when the run starts. For a TorchScript `init`, classNames set before the
    /// run are the file's classes as the learner named them (a file does not record them; empty: unknown).
    InitLineage initSource;
    std::string freeze = "none";  ///< none, backbone (all but the classifier head) or up-to:TAP
    /// The original classes kept, relabelled 0 … k − 1 in this order (training and test sets); empty: all.
    std::vector<int> classSubset;
    /// Training images kept per class after a shuffle drawn from the seed (dataset_subset.h); 0: all.
    std::int64_t perClass = 0;

    /// "simplecnn ← pre.ckpt (5 classes, 2 epochs) ← …" for a run that started from a checkpoint; empty for
    /// one that started from random weights.
    std::string lineage() const;

    /// Throws std::invalid_argument with a sentence for impossible values (epochs < 1, a batch size outside
    /// 1 … 4096, a non-positive or non-finite learning rate, an unknown optimizer, schedule or device, …).
    void validate() const;
    /// key=value lines, stable across versions, stored in checkpoints and run folders.
    std::string toText() const;
    static TrainConfig fromText(const std::string& text);
};

/// One logged training step.
struct BatchMetrics {
    int epoch = 0;  ///< 1-based
    int batch = 0;  ///< 1-based within the epoch
    int batchesPerEpoch = 0;
    std::int64_t step = 0;  ///< batches done since the start of the run
    double loss = 0.0;      ///< this batch's mean cross-entropy
    double accuracy = 0.0;  ///< this batch's accuracy (0 … 1)
    double learningRate = 0.0;
    double imagesPerSecond = 0.0;  ///< over the batches since the last log
    double etaSeconds = 0.0;       ///< to the end of the run, at the current pace
    InstrumentReadings instruments;  ///< empty when TrainConfig::instruments is off
};

/// One finished epoch, with the test set evaluated.
struct EpochMetrics {
    int epoch = 0;
    double trainLoss = 0.0;  ///< mean over the epoch's batches
    double trainAccuracy = 0.0;
    double testLoss = 0.0;
    double testAccuracy = 0.0;
    std::vector<double> perClassAccuracy;  ///< test accuracy per class
    std::vector<std::int64_t> confusion;   ///< classes x classes, row = true class, column = prediction
    double seconds = 0.0;                  ///< training time of the epoch (evaluation excluded)
};

}  // namespace convscope::nn
