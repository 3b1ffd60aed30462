#pragma once

// What the instruments of training read at one logged step, as plain values (no LibTorch): the CLI's metrics
// lines and the GUI's views take them from BatchMetrics.

#include <string>
#include <utility>
#include <vector>

namespace convscope::nn {

/// Name → value, in the model's parameter (or tap) order.
using NamedValues = std::vector<std::pair<std::string, double>>;

struct InstrumentReadings {
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

    bool empty() const { return gradNorms.empty() && weightNorms.empty() && deadRelu.empty(); }
};

}  // namespace convscope::nn
