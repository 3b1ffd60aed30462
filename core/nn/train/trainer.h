#pragma once

#include <torch/torch.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/models/classifier.h"
#include "core/nn/models/feature_maps.h"
#include "core/nn/train/device_choice.h"
#include "core/nn/train/freeze_plan.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

/// Called from the training thread; keep them short (copy and hand over).
struct TrainCallbacks {
    std::function<void(const BatchMetrics&)> onBatch;
    /// After each epoch's evaluation; `predictions` are the first samplePredictions test images' classes.
    std::function<void(const EpochMetrics&, const std::vector<int>& predictions)> onEpoch;
    std::function<void(const std::string&)> onMessage;
    /// Feature maps of test image `featureImage`, at most every `featureIntervalSeconds` while training.
    std::function<void(const FeatureSnapshot&)> onFeatures;
    /// Polled before every batch, during evaluation and while paused (at least every 50 ms): true stops the
    /// run as cancel() does. For owners that cancel through a token rather than through this object.
    std::function<bool()> isCancelled;
    double featureIntervalSeconds = 1.0;
    int featureImage = 0;
    int samplePredictions = 32;
};

enum class TrainStatus { Finished, Cancelled, Diverged };

struct TrainResult {
    TrainStatus status = TrainStatus::Finished;
    std::string message;
    int epochsDone = 0;
    std::vector<EpochMetrics> history;
};

/// Trains a model on one thread (the caller's), with pause, resume and cancel from any other.
///
/// Cross-entropy loss; SGD with momentum, Adam or AdamW; the learning rate set per batch by the schedule;
/// batches taken by index_select from a permutation drawn from the seed and the epoch; the test set evaluated
/// after every epoch. A checkpoint (when a path is set) is written atomically after every epoch, and a run
/// resumed from it continues to the same result. A loss that is not finite stops the run (Diverged) with the
/// model restored to the last epoch's end. Cancellation takes effect within one batch.
/// On logged steps with config.instruments, BatchMetrics::instruments holds the step's gradient and weight
/// norms, update ratios and dead ReLU fractions (TrainingInstruments, measured on the step's own forward pass).
class Trainer {
public:
    /// Builds the model from the config (weights seeded by config.seed). Throws std::invalid_argument for a
    /// bad config, a dataset whose images do not fit the model's input channels, or an empty training set.
    /// With config.init, the weights start from that checkpoint (loadInitialWeights: a new head when the
    /// classes differ; CheckpointError for a file that cannot start this model) and config.initSource records
    /// it; config.freeze is applied (FreezePlan). The class subset and per-class count select the data first.
    Trainer(const TrainConfig& config, const ImageDataset& train, const ImageDataset& test);
    ~Trainer();

    /// Continues the run saved in `path` (its weights, optimizer state, epoch count and metric history). The
    /// config's model must match the checkpoint's; its epoch count may be larger (to train on). Throws
    /// CheckpointError.
    void resumeFrom(const std::string& path);
    void setCheckpointPath(const std::string& path) { m_checkpointPath = path; }

    TrainResult run(const TrainCallbacks& callbacks);

    void pause();
    void resume();
    void cancel();
    bool isPaused() const { return m_paused.load(); }

    ClassifierImpl& model() { return *m_model; }
    Classifier modelPointer() const { return m_model; }
    const DeviceChoice& device() const { return m_device; }
    const TrainConfig& config() const { return m_config; }
    const std::vector<EpochMetrics>& history() const { return m_history; }
    /// The sets trained and tested on: after the class subset, the images per class and the limits.
    const ImageDataset& trainingSet() const { return m_train; }
    const ImageDataset& testSet() const { return m_test; }
    const FreezePlan& freezePlan() const { return m_freeze; }

private:
    /// cancel() was called or the run's isCancelled callback says so.
    bool stopRequested() const;
    bool waitIfPaused();
    void snapshotWeights();
    void saveEpochCheckpoint(int epochsDone);
    void restoreWeights();
    std::unique_ptr<torch::optim::Optimizer> makeOptimizer();
    /// model.train(), then the frozen part's batch norm back into evaluation mode.
    void setTrainingMode();

    TrainConfig m_config;
    ImageDataset m_train, m_test;
    DeviceChoice m_device;
    Classifier m_model;
    FreezePlan m_freeze;
    bool m_initMissing = false;        ///< config.init is gone: only resumeFrom can give the weights
    std::vector<std::string> m_notes;  ///< where the weights came from and what is frozen, sent by run()
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::string m_checkpointPath;
    int m_startEpoch = 0;
    std::int64_t m_step = 0;
    std::vector<EpochMetrics> m_history;
    std::vector<torch::Tensor> m_lastGood;  ///< parameters and buffers at the last epoch's end
    std::atomic<bool> m_cancel{false};
    std::function<bool()> m_externalCancel;  ///< TrainCallbacks::isCancelled of the running run
    std::atomic<bool> m_paused{false};
    std::mutex m_mutex;
    std::condition_variable m_resumed;
};

}  // namespace convscope::nn
