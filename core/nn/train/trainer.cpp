#include "core/nn/train/trainer.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/nn/data/dataset_subset.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/evaluation.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/label_smoothing.h"
#include "core/nn/train/lr_schedule.h"
#include "core/nn/train/training_instruments.h"

namespace convscope::nn {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The order of the training images in `epoch` (0-based): a shuffle drawn from the seed and the epoch alone,
// so a resumed run sees the same batches as an uninterrupted one.
torch::Tensor permutation(std::int64_t n, std::uint64_t seed, int epoch) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(epoch) + 1);
    std::shuffle(order.begin(), order.end(), rng);
    return torch::tensor(order, torch::kInt64);
}

// The class subset and the images per class (training set only), then the quick-run limit.
ImageDataset selectData(const TrainConfig& c, const ImageDataset& data, bool training) {
    return selectForRun(data, c.classSubset, training ? c.perClass : 0, c.seed,
                        training ? c.limitTrain : c.limitTest);
}

std::uint64_t batchSeed(std::uint64_t seed, int epoch, int batch) {
    return seed * 1000003ULL + std::uint64_t(epoch) * 65537ULL + std::uint64_t(batch);
}

}  // namespace

Trainer::Trainer(const TrainConfig& config, const ImageDataset& train, const ImageDataset& test)
    : m_config(config), m_train(selectData(config, train, true)), m_test(selectData(config, test, false)) {
    m_config.validate();
    if (m_train.size() == 0) throw std::invalid_argument("There are no training images.");
    if (m_train.images.size(1) != config.model.inChannels)
        throw std::invalid_argument("The images have " + std::to_string(m_train.images.size(1)) +
                                    " channel(s) but the model expects " +
                                    std::to_string(config.model.inChannels) + ".");
    if (m_train.classes() > config.model.classes)
        throw std::invalid_argument("The dataset has " + std::to_string(m_train.classes()) +
                                    " classes but the model only " + std::to_string(config.model.classes) +
                                    " outputs.");
    m_device = chooseDevice(config.device, config.threads);
    torch::manual_seed(config.seed);
    m_model = makeModel(config.model);
    std::error_code ec;
    if (!m_config.init.empty() && !m_config.initSource.model.empty() &&
        !std::filesystem::exists(m_config.init, ec)) {
        // The settings of a saved run whose starting checkpoint is gone: resumeFrom provides the weights (and
        // the recorded lineage stays); run() refuses to start without it.
        m_initMissing = true;
    } else if (!m_config.init.empty()) {
        const InitReport init = loadInitialWeights(m_config.init, *m_model, m_config.model,
                                                   m_train.classNames, m_config.initSource.classNames);
        m_config.initSource = init.source;
        m_notes.push_back(init.message);
    }
    m_freeze = FreezePlan(*m_model, m_config.freeze, m_config.model.inChannels, m_config.model.inputSize);
    m_freeze.applyToParameters(*m_model);
    if (!m_freeze.empty())
        m_notes.push_back("Fine-tuning " + m_config.freeze + ": " + m_freeze.summary(*m_model) + ".");
    m_model->to(m_device.device);
    m_optimizer = makeOptimizer();
}

void Trainer::setTrainingMode() {
    m_model->train();
    m_freeze.applyModes();
}

Trainer::~Trainer() {
    cancel();
}

std::unique_ptr<torch::optim::Optimizer> Trainer::makeOptimizer() {
    // Frozen parameters are not the optimizer's: neither momentum nor weight decay can move them.
    const auto params = m_freeze.trainableParameters(*m_model);
    if (m_config.optimizer == "adam")
        return std::make_unique<torch::optim::Adam>(
            params, torch::optim::AdamOptions(m_config.learningRate).weight_decay(m_config.weightDecay));
    if (m_config.optimizer == "adamw")
        return std::make_unique<torch::optim::AdamW>(
            params, torch::optim::AdamWOptions(m_config.learningRate).weight_decay(m_config.weightDecay));
    return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(m_config.learningRate)
                                                           .momentum(m_config.momentum)
                                                           .weight_decay(m_config.weightDecay));
}

void Trainer::resumeFrom(const std::string& path) {
    const CheckpointState state = readCheckpointState(path);
    loadCheckpoint(path, *m_model, m_optimizer.get(), m_config.model);
    m_model->to(m_device.device);
    m_startEpoch = state.epochsDone;
    m_step = state.step;
    m_history = state.history;
    m_initMissing = false;
}

void Trainer::pause() {
    m_paused = true;
}

void Trainer::resume() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
    }
    m_resumed.notify_all();
}

void Trainer::cancel() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_cancel = true;
    }
    m_resumed.notify_all();
}

bool Trainer::stopRequested() const {
    return m_cancel.load() || (m_externalCancel && m_externalCancel());
}

bool Trainer::waitIfPaused() {
    std::unique_lock<std::mutex> lock(m_mutex);
    // An external cancellation cannot notify the condition: poll it.
    while (!m_resumed.wait_for(lock, std::chrono::milliseconds(50),
                               [this] { return !m_paused.load() || stopRequested(); })) {
    }
    return !stopRequested();
}

void Trainer::snapshotWeights() {
    m_lastGood.clear();
    torch::NoGradGuard noGrad;
    for (const torch::Tensor& p : m_model->parameters()) m_lastGood.push_back(p.detach().clone());
    for (const torch::Tensor& b : m_model->buffers()) m_lastGood.push_back(b.detach().clone());
}

void Trainer::restoreWeights() {
    torch::NoGradGuard noGrad;
    std::size_t i = 0;
    for (torch::Tensor& p : m_model->parameters()) p.copy_(m_lastGood[i++]);
    for (torch::Tensor& b : m_model->buffers()) b.copy_(m_lastGood[i++]);
}

// A failed save (a full disk) stops the run: training on would spend time whose result cannot be kept. The
// previous checkpoint is untouched (saveCheckpoint writes a temporary file first); the message says which
// epoch it holds, so that the run can be resumed from it once there is room.
void Trainer::saveEpochCheckpoint(int epochsDone) {
    try {
        saveCheckpoint(m_checkpointPath, *m_model, m_optimizer.get(),
                       {m_config, epochsDone, m_step, m_history});
    } catch (const CheckpointError& e) {
        std::string kept;
        try {
            std::error_code ec;
            if (std::filesystem::is_regular_file(m_checkpointPath, ec))
                kept = " It holds epoch " + std::to_string(readCheckpointState(m_checkpointPath).epochsDone) +
                       ".";
        } catch (const std::exception&) {
        }
        throw CheckpointError("Training stopped after epoch " + std::to_string(epochsDone) + " of " +
                              std::to_string(m_config.epochs) + ": " + e.what() + kept);
    }
}

TrainResult Trainer::run(const TrainCallbacks& cb) {
    if (m_initMissing)
        throw CheckpointError(m_config.init +
                              " does not exist: a new run cannot start from it (a run saved " +
                              "after starting from it can still be resumed).");
    TrainResult result;
    m_externalCancel = cb.isCancelled;
    if (!m_device.note.empty() && cb.onMessage) cb.onMessage(m_device.note);
    if (cb.onMessage)
        for (const std::string& note : m_notes) cb.onMessage(note);
    const std::int64_t n = m_train.size();
    const int batchSize = m_config.batchSize;
    const int batchesPerEpoch = int((n + batchSize - 1) / batchSize);
    const std::int64_t totalSteps = std::int64_t(batchesPerEpoch) * m_config.epochs;
    setTrainingMode();
    snapshotWeights();
    auto lastFeatures = Clock::now() - std::chrono::hours(1);
    const auto runStart = Clock::now();
    std::int64_t stepsThisRun = 0;
    TrainingInstruments instruments(*m_model);

    for (int epoch = m_startEpoch; epoch < m_config.epochs; ++epoch) {
        const torch::Tensor order = permutation(n, m_config.seed, epoch);
        const auto epochStart = Clock::now();
        auto windowStart = epochStart;
        std::int64_t windowImages = 0;
        double lossSum = 0.0, correctSum = 0.0;
        for (int b = 0; b < batchesPerEpoch; ++b) {
            if (stopRequested() || (m_paused && !waitIfPaused())) {
                result.status = TrainStatus::Cancelled;
                result.message = "Training was stopped during epoch " + std::to_string(epoch + 1) + ".";
                result.epochsDone = epoch;
                result.history = m_history;
                return result;
            }
            const std::int64_t start = std::int64_t(b) * batchSize;
            const std::int64_t count = std::min<std::int64_t>(batchSize, n - start);
            const torch::Tensor index = order.narrow(0, start, count);
            const torch::Tensor x = prepareBatch(m_train.images.index_select(0, index), m_config.input,
                                                 batchSeed(m_config.seed, epoch, b), m_device.device);
            const torch::Tensor y = m_train.labels.index_select(0, index).to(m_device.device);
            const double lr =
                learningRateAt(m_config.schedule, m_config.learningRate, m_step, totalSteps, m_config.epochs);
            for (auto& group : m_optimizer->param_groups()) group.options().set_lr(lr);

            const bool logged = cb.onBatch && ((b + 1) % m_config.logEvery == 0 || b + 1 == batchesPerEpoch);
            // Only logged steps are measured: their taps, a copy of the weights, the norms, one transfer.
            const bool measured = logged && m_config.instruments;
            m_optimizer->zero_grad();
            setTrainingMode();  // evaluation and feature snapshots switch every module back to training mode
            const torch::Tensor logits = m_model->forward(x, measured ? instruments.tapSink() : TapSink{});
            const torch::Tensor loss = smoothedCrossEntropy(logits, y, m_config.labelSmoothing);
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                restoreWeights();
                result.status = TrainStatus::Diverged;
                result.message = "The loss became " +
                                 std::string(std::isnan(lossValue) ? "NaN" : "infinite") + " at epoch " +
                                 std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1) +
                                 " (learning rate " + std::to_string(lr) +
                                 "): training stopped and the model was restored to " +
                                 (epoch == 0 ? std::string("its state before this epoch")
                                             : "the end of epoch " + std::to_string(epoch)) +
                                 ". Try a learning rate ten times smaller.";
                result.epochsDone = epoch;
                result.history = m_history;
                return result;
            }
            loss.backward();
            if (measured) instruments.beforeStep();
            m_optimizer->step();
            InstrumentReadings readings;
            if (measured) readings = instruments.afterStep(logits);
            ++m_step;
            ++stepsThisRun;
            const double correct = logits.argmax(1).eq(y).sum().item<double>();
            lossSum += lossValue;
            correctSum += correct;
            windowImages += count;

            if (logged) {
                BatchMetrics m;
                m.epoch = epoch + 1;
                m.batch = b + 1;
                m.batchesPerEpoch = batchesPerEpoch;
                m.step = m_step;
                m.loss = lossValue;
                m.accuracy = correct / double(count);
                m.learningRate = lr;
                const double window = secondsSince(windowStart);
                m.imagesPerSecond = window > 0 ? double(windowImages) / window : 0.0;
                const double perStep = secondsSince(runStart) / double(stepsThisRun);
                m.etaSeconds = perStep * double(totalSteps - m_step);
                m.instruments = std::move(readings);
                windowStart = Clock::now();
                windowImages = 0;
                cb.onBatch(m);
            }
            if (cb.onFeatures && m_test.size() > 0 &&
                std::chrono::duration<double>(Clock::now() - lastFeatures).count() >=
                    cb.featureIntervalSeconds) {
                const int index = std::clamp<int>(cb.featureImage, 0, int(m_test.size() - 1));
                cb.onFeatures(
                    captureFeatures(*m_model, m_test.images[index], m_config.input, m_device.device));
                lastFeatures = Clock::now();
            }
        }
        EpochMetrics e;
        e.epoch = epoch + 1;
        e.seconds = secondsSince(epochStart);
        e.trainLoss = lossSum / batchesPerEpoch;
        e.trainAccuracy = correctSum / double(n);
        Evaluation eval;
        if (m_test.size() > 0) {
            try {
                eval = evaluate(*m_model, m_test, m_config.input, m_device.device, std::max(batchSize, 256),
                                cb.samplePredictions, [this] { return stopRequested(); });
            } catch (const std::runtime_error&) {
                result.status = TrainStatus::Cancelled;
                result.message =
                    "Training was stopped while epoch " + std::to_string(epoch + 1) + " was evaluated.";
                result.epochsDone = epoch;
                result.history = m_history;
                return result;
            }
        }
        e.testLoss = eval.loss;
        e.testAccuracy = eval.accuracy;
        e.perClassAccuracy = eval.perClassAccuracy;
        e.confusion = eval.confusion;
        m_history.push_back(e);
        snapshotWeights();
        if (!m_checkpointPath.empty()) saveEpochCheckpoint(epoch + 1);
        if (cb.onEpoch) cb.onEpoch(e, eval.predictions);
    }
    result.status = TrainStatus::Finished;
    result.epochsDone = m_config.epochs;
    result.history = m_history;
    result.message = m_history.empty()
                         ? "Nothing to train: the checkpoint already holds every epoch."
                         : "Finished: test accuracy " +
                               std::to_string(m_history.back().testAccuracy * 100.0).substr(0, 5) + "%.";
    return result;
}

}  // namespace convscope::nn
