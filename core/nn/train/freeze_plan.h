#pragma once

#include <torch/torch.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/nn/models/classifier.h"

namespace convscope::nn {

/// The classifier head's module name ("fc", "classifier.6", "classifier.1"): the last torch::nn::Linear in
/// named_modules() order (registration order, which is forward order for every model here); for a model
/// without one, the last module that owns parameters. Found generically, so that every model of the zoo (and
/// any later ClassifierImpl) has a head without a virtual of its own; an imported TorchScript model's is its
/// ScriptedClassifierImpl::headName(). Throws std::invalid_argument for a model without parameters.
std::string classifierHeadName(ClassifierImpl& model);

/// True when parameter or buffer `name` ("layer1_0.bn1.weight") belongs to module `module` ("layer1_0").
bool belongsTo(const std::string& name, const std::string& module);

/// What a freeze choice holds fixed in one model, and how the trainer keeps it fixed:
///  - "none": nothing;
///  - "backbone": every parameter outside the classifier head (classifierHeadName);
///  - "up-to:TAP": every parameter the activation at tap point TAP depends on (ClassifierImpl::tapNames();
///  for
///    an imported model any of ScriptedClassifierImpl::operationNames(), describe's node names),
///    found by autograd on one forward pass of a dummy input in evaluation mode: a tap at a block's output
///    freezes the stem, the earlier blocks and that block; a tap between a convolution and its batch norm
///    (ResNet's conv1) leaves that batch norm trainable. The last tap (the logits) is refused: nothing would
///    be left to train.
/// A frozen parameter gets requires_grad(false) and is left out of the optimizer (so momentum and weight
/// decay cannot move it either). A module with buffers of its own (batch norm's running mean, variance and
/// count) whose own parameters are all frozen (under "backbone": any such module outside the head) is put
/// back into evaluation mode by applyModes after every model.train(), so its statistics do not move and it
/// normalises with the statistics it was trained with.
class FreezePlan {
public:
    FreezePlan() = default;
    /// Throws std::invalid_argument for an unknown choice, or an unknown tap (the message lists the taps).
    FreezePlan(ClassifierImpl& model, const std::string& choice, int inChannels, int inputSize);

    bool empty() const { return m_frozen.empty(); }
    bool isFrozen(const std::string& parameterName) const { return m_frozen.count(parameterName) > 0; }
    const std::set<std::string>& frozenParameters() const { return m_frozen; }
    /// The names of the modules held in evaluation mode.
    std::vector<std::string> frozenModuleNames() const { return m_normNames; }

    /// requires_grad(false) on the frozen parameters, true on the others.
    void applyToParameters(ClassifierImpl& model) const;
    /// Frozen modules with buffers into evaluation mode; call after every model.train().
    void applyModes() const;
    /// The parameters to give the optimizer, in named_parameters() order.
    std::vector<torch::Tensor> trainableParameters(ClassifierImpl& model) const;
    /// "froze 60 of 62 parameter tensors (11,166,912 of 11,171,397 values) and 20 batch norm modules".
    std::string summary(ClassifierImpl& model) const;

private:
    std::set<std::string> m_frozen;
    std::vector<std::shared_ptr<torch::nn::Module>> m_norms;
    std::vector<std::string> m_normNames;
};

}  // namespace convscope::nn
