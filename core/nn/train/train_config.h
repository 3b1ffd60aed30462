#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/data/input_transform.h"
#include "core/nn/models/model_config.h"

namespace convscope::nn {

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
    std::string schedule = "cosine";  ///< none, step (÷10 at 50 % and 75 % of the epochs), cosine, onecycle
    std::string device = "cpu";       ///< cpu or cuda (CUDA when present, else CPU with the reason)
    int threads = 0;                  ///< intra-op threads; 0 = the hardware's concurrency
    std::uint64_t seed = 1;
    std::int64_t limitTrain = 0;  ///< use only the first N training images (0: all)
    std::int64_t limitTest = 0;
    int logEvery = 10;  ///< a BatchMetrics every N batches (and the last of each epoch)

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
