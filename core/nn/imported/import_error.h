#pragma once

#include <stdexcept>

namespace convscope::nn {

/// Every failure to open, describe or run an imported TorchScript model: the message is one sentence a
/// learner can act on ("model.pt is truncated or is not a TorchScript file.").
class ImportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace convscope::nn
