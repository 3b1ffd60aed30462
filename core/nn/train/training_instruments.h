#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/nn/models/classifier.h"
#include "core/nn/train/instrument_readings.h"

namespace convscope::nn {

/// The instruments of training for one logged step: gradient and weight norms, update-to-weight ratios and
/// the dead fraction of ReLU taps. Used on logged steps only, in this order:
///
///     TrainingInstruments in(model);
///     logits = model.forward(x, in.tapSink());   // the step's own forward pass
///     loss.backward();
///     in.beforeStep();                           // gradient norms, a copy of the weights
///     optimizer.step();
///     InstrumentReadings r = in.afterStep(logits);
///
/// Everything stays on the model's device until afterStep, which moves every number to the CPU at once (one
/// synchronisation per logged step: the norms are stacked into one tensor).
class TrainingInstruments {
public:
    explicit TrainingInstruments(ClassifierImpl& model);

    /// Records, per tap, the fraction of zeros and whether the activation has a negative value (as device
    /// scalars, so the forward pass is not held up). The sink refers to this object: keep it alive. Each call
    /// starts a new step's taps.
    TapSink tapSink();
    /// After backward, before the optimizer's step.
    void beforeStep();
    /// After the optimizer's step. `logits`: the forward pass's output, which is never counted as a ReLU tap.
    InstrumentReadings afterStep(const torch::Tensor& logits);

private:
    struct Tap {
        std::string name;
        torch::Tensor zeroFraction, minimum;
        const void* impl = nullptr;  ///< identifies the logits when a model taps its output
    };
    std::vector<std::string> m_names;
    std::vector<torch::Tensor> m_parameters;
    std::vector<std::size_t> m_trainable;  ///< indices of the parameters with a gradient at beforeStep
    std::vector<torch::Tensor> m_before;   ///< their values before the step
    torch::Tensor m_gradNorms;             ///< stacked, on the device
    torch::Tensor m_beforeNorms;           ///< the weights' norms before the step, stacked
    std::vector<Tap> m_taps;
    /// Parameters of rank ≥ 2 (the histograms'), their weight ranges (fixed at the first reading; empty until
    /// then) and, per step, the gradient histograms of the trainable ones (stacked bins then zeros).
    std::vector<std::size_t> m_histogrammed;
    std::vector<std::pair<double, double>> m_weightRanges;
    std::vector<std::size_t> m_gradHistogrammed;
    std::vector<torch::Tensor> m_gradHistograms;
    torch::Device m_device{torch::kCPU};  ///< the parameters' (read when the instruments are made)
};

/// The L2 norm of every parameter's gradient, by name (parameters without a gradient are left out), with one
/// transfer to the CPU.
NamedValues gradientNorms(torch::nn::Module& model);

}  // namespace convscope::nn
