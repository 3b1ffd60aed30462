#pragma once

#include <torch/csrc/jit/api/module.h>
#include <torch/nn/module.h>

namespace convscope::nn {

/// One submodule of an imported TorchScript model on the C++ side: it holds the submodule's parameters and
/// buffers (the same tensors) under the file's names, and passes train/eval mode on to the TorchScript
/// submodule. So a FreezePlan that puts a frozen batch norm back into evaluation mode (module->eval()) stops
/// the file's batch norm from updating its running statistics, as it does for the zoo's models.
class ScriptedModuleMirror : public torch::nn::Module {
public:
    explicit ScriptedModuleMirror(torch::jit::Module scripted);

    /// This module and its children, and the TorchScript submodule with everything below it.
    void train(bool on = true) override;

    const torch::jit::Module& scripted() const { return m_scripted; }

private:
    torch::jit::Module m_scripted;  ///< a handle: the same object the loaded file's module tree holds
};

}  // namespace convscope::nn
