#include "core/nn/train/label_smoothing.h"

#include <torch/nn/functional/loss.h>

namespace convscope::nn {

torch::Tensor smoothedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& targets,
                                   double epsilon) {
    checkLabelSmoothing(epsilon);
    namespace F = torch::nn::functional;
    return F::cross_entropy(logits, targets, F::CrossEntropyFuncOptions().label_smoothing(epsilon));
}

}  // namespace convscope::nn
