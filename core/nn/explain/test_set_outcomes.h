#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/nn/data/batch_transform.h"
#include "core/nn/data/image_dataset.h"
#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// What the model made of one test image.
struct TestOutcome {
    int label = 0;
    int predicted = 0;                 ///< argmax of the logits (the lowest class on a tie, as argmax)
    float loss = 0.0f;                 ///< cross-entropy, −log softmax(logits)[label]
    std::vector<float> probabilities;  ///< softmax of the logits, one per class
    float confidence() const { return probabilities.empty() ? 0.0f : probabilities[std::size_t(predicted)]; }
};

/// Every test image's outcome, in the data set's order: the material of error analysis.
struct TestSetOutcomes {
    int classes = 0;
    std::vector<TestOutcome> images;

    std::int64_t size() const { return std::int64_t(images.size()); }
    /// classes × classes counts, row = true class (evaluate()'s confusion for the same model and data).
    std::vector<std::int64_t> confusion() const;
};

/// Runs `model` in evaluation mode without gradients over `data` in batches of `batchSize`, with the
/// evaluation's input (no augmentation, `transform`'s size and normalisation), and keeps every image's
/// label, prediction, probabilities and loss. The model's training mode is restored afterwards. Reports
/// progress in images; throws common::Cancelled between batches when `control` says so, and
/// std::invalid_argument when the model scores another number of classes than the data set has, or a label
/// is outside them.
TestSetOutcomes testSetOutcomes(ClassifierImpl& model, const ImageDataset& data,
                                const InputTransform& transform, const torch::Device& device,
                                int batchSize = 256, const common::JobControl& control = {});

/// The images of confusion cell (trueClass, predictedClass), in the data set's order.
std::vector<int> confusionCell(const TestSetOutcomes& outcomes, int trueClass, int predictedClass);

/// The `k` images with the highest loss, highest first (equal losses by index); all images when k < 0.
std::vector<int> topLosses(const TestSetOutcomes& outcomes, int k);

/// An off-diagonal cell of the confusion matrix: how often `trueClass` was taken for `predicted`.
struct ConfusedPair {
    int trueClass = 0;
    int predicted = 0;
    std::int64_t count = 0;
    double shareOfTrue = 0.0;  ///< count / the number of images of the true class
};

/// The off-diagonal cells with at least one image, largest count first (then by true class, then by
/// predicted class); at most `k` of them, all when k < 0.
std::vector<ConfusedPair> mostConfusedPairs(const TestSetOutcomes& outcomes, int k = -1);

}  // namespace convscope::nn
