#include "core/nn/train/gradient_measurement.h"

#include <stdexcept>

#include "core/nn/data/batch_transform.h"
#include "core/nn/train/training_instruments.h"

namespace convscope::nn {

GradientMeasurement measureGradients(ClassifierImpl& model, const ImageDataset& data,
                                     const InputTransform& transform, const torch::Device& device,
                                     bool trainingMode, int batchSize) {
    const std::int64_t n = data.size();
    if (n == 0) throw std::invalid_argument("There are no images to take the gradient over.");
    const bool wasTraining = model.is_training();
    model.train(trainingMode);
    model.zero_grad(true);  // set_to_none: the norms below see only this measurement's gradients
    torch::manual_seed(0);  // dropout in training mode draws the same masks each time
    double lossSum = 0.0;
    for (std::int64_t start = 0; start < n; start += batchSize) {
        const std::int64_t count = std::min<std::int64_t>(batchSize, n - start);
        const torch::Tensor x =
            prepareBatch(data.images.narrow(0, start, count), evaluationTransform(transform), 0, device);
        const torch::Tensor y = data.labels.narrow(0, start, count).to(device);
        const torch::Tensor sum = torch::nn::functional::cross_entropy(
            model.forward(x, TapSink{}), y,
            torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
        lossSum += sum.item<double>();
        // The mean's gradient is the sum of the batches' sums' gradients over N.
        (sum / double(n)).backward();
    }
    model.train(wasTraining);
    GradientMeasurement m;
    m.loss = lossSum / double(n);
    m.images = n;
    m.gradNorms = gradientNorms(model);
    return m;
}

}  // namespace convscope::nn
