#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/nn/data/image_dataset.h"
#include "core/nn/train/train_config.h"

namespace convscope::nn {

class Trainer;

/// The learning-rate range test (Smith 2017, "Cyclical learning rates"; fastai's lr_find): fastai's defaults.
struct LrFinderOptions {
    double startLr = 1e-7;
    double endLr = 10.0;
    int steps = 100;
    double beta = 0.98;         ///< the smoothing's exponential moving average
    double divergeRatio = 4.0;  ///< stop once the smoothed loss exceeds this multiple of the best one

    /// Throws std::invalid_argument with one sentence: a start or end that is not positive and finite, a
    /// start not below the end, fewer than 2 steps (or more than 100,000), β outside [0, 1).
    void validate() const;
    /// The rate of step i (0-based): start × (end / start)^(i / (steps − 1)), so step 0 is the start and the
    /// last step the end.
    double learningRateAt(int step) const;
};

struct LrFinderPoint {
    double lr = 0.0;
    double loss = 0.0;          ///< the batch's mean cross-entropy before the step taken with `lr`
    double smoothedLoss = 0.0;  ///< bias-corrected exponential moving average of the losses so far
};

struct LrFinderResult {
    std::vector<LrFinderPoint> points;  ///< one per step taken (a non-finite loss is not recorded)
    bool stoppedEarly = false;          ///< the loss diverged before the last step
    double suggestedLr = 0.0;           ///< 0 when there are too few points for the rule
    int suggestedIndex = -1;            ///< the point suggested; -1: none
    std::string message;                ///< why it stopped (one sentence)
};

/// How the suggestion is chosen, in one sentence (the CLI's `rule`, the dialog's caption).
std::string lrSuggestionRule();

/// fastai's `steep` rule on the smoothed losses: the point where the smoothed loss falls fastest against
/// log(lr) — the most negative forward difference (s[i+1] − s[i]) / (ln lr[i+1] − ln lr[i]), the rate of
/// its left point — over the points without the first tenth of the planned steps and the last five (fastai
/// trims the same: the start is flat and noisy, the end is the divergence). When fewer than three points are
/// left, all points are used. -1 with fewer than two points. Why steep rather than `valley` or minimum / 10:
/// it says in one line what the learner sees on the curve (the steepest descent), and is the rate Smith and
/// fastai v1 recommended.
int suggestLearningRateIndex(const std::vector<LrFinderPoint>& points, int plannedSteps);

struct LrFinderCallbacks {
    /// After every recorded point: the point and its 0-based step, out of `steps`.
    std::function<void(const LrFinderPoint&, int step, int steps)> onPoint;
    /// Polled between batches: true stops the test with common::Cancelled.
    std::function<bool()> isCancelled;
};

/// Runs the range test on the trainer's model, data, device, freeze plan and optimizer settings (its own
/// optimizer, made like the run's; the schedule is replaced by the geometric ramp): one batch per step, in
/// the order of the run's epoch shuffles (drawn from the seed), with the run's augmentation. Stops after the
/// last step, or early when the smoothed loss exceeds divergeRatio × its best or the loss is not finite.
/// The model's parameters and buffers are restored afterwards (also when cancelled or on an exception), so
/// the trainer starts its run from the same weights. Throws std::invalid_argument for bad options.
LrFinderResult findLearningRate(Trainer& trainer, const LrFinderOptions& options,
                                const LrFinderCallbacks& callbacks = {});

/// The same from a run's settings: builds the run's Trainer (seeded weights, --init, --freeze, the class
/// subset and limits) and tests on it; the run itself is not touched.
LrFinderResult findLearningRate(const TrainConfig& config, const ImageDataset& train,
                                const ImageDataset& test, const LrFinderOptions& options,
                                const LrFinderCallbacks& callbacks = {});

}  // namespace convscope::nn
