#pragma once

// What the instruments of training read at one logged step, as plain values (no LibTorch): the CLI's metrics
// lines and the GUI's views take them from BatchMetrics.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace convscope::nn {

/// Name → value, in the model's parameter (or tap) order.
using NamedValues = std::vector<std::pair<std::string, double>>;

/// A histogram of one tensor's values: `counts` splits [low, high] into equal bins (the last includes high);
/// values outside the range are counted in the end bins.
struct ValueHistogram {
    std::string name;
    double low = 0.0;
    double high = 0.0;
    std::vector<std::int64_t> counts;
    /// Gradient histograms only: exact zeros, which have no logarithm; they are not in `counts`.
    std::int64_t zeros = 0;
    /// Every stride-th value of the flattened tensor was counted: 1 up to kHistogramSample values, more for
    /// larger tensors (an even sample keeps the cost small; the shares are what the views show).
    std::int64_t stride = 1;
};

struct InstrumentReadings {
    /// Bins of every histogram below.
    static constexpr int kHistogramBins = 40;
    /// At most this many values of a tensor are counted (ValueHistogram::stride).
    static constexpr std::int64_t kHistogramSample = 65536;
    /// The log10 range of the gradient histograms: |g| below 1e−12 goes into the first bin, above 1 into the
    /// last.
    static constexpr double kGradLog10Low = -12.0;
    static constexpr double kGradLog10High = 0.0;

    /// L2 norm of each trainable parameter's gradient (the batch's mean loss), before the optimizer step.
    NamedValues gradNorms;
    /// L2 norm of each parameter after the step (frozen ones too).
    NamedValues weightNorms;
    /// ‖w_after − w_before‖ / ‖w_before‖ over the step, per trainable parameter (NaN where ‖w_before‖ = 0,
    /// e.g. a bias that starts at zero).
    NamedValues updateRatios;
    /// Per tap whose activation is a ReLU output (no negative value in the batch): the fraction of its values
    /// that are exactly zero. Taps that can be negative (a convolution before its ReLU, tanh, the logits) are
    /// left out: a zero there is not a dead unit.
    NamedValues deadRelu;
    /// The tensor rank of each of gradNorms' parameters (4: a convolution's weight, 2: a linear layer's, 1: a
    /// bias or a batch-norm parameter).
    std::vector<int> gradRanks;
    /// Weight tensors of rank ≥ 2 (convolutions and linear layers; biases and batch-norm parameters are left
    /// out to keep the readings small), in the model's order: their values after the step, over a signed
    /// range fixed at the first reading (±1.5 × max |w| then, so columns over time share bins).
    std::vector<ValueHistogram> weightHistograms;
    /// The same tensors' gradients (trainable ones): log10 |g| over [kGradLog10Low, kGradLog10High], exact
    /// zeros counted apart in `zeros`.
    std::vector<ValueHistogram> gradHistograms;

    bool empty() const { return gradNorms.empty() && weightNorms.empty() && deadRelu.empty(); }
};

}  // namespace convscope::nn
