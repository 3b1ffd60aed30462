#include "core/nn/imported/scripted_module_mirror.h"

#include <utility>

namespace convscope::nn {

ScriptedModuleMirror::ScriptedModuleMirror(torch::jit::Module scripted) : m_scripted(std::move(scripted)) {}

void ScriptedModuleMirror::train(bool on) {
    // jit::Module::train sets the `training` attribute that the inlined graph reads (batch norm's and
    // dropout's branch) on this submodule and all below it; a traced file has that branch baked in.
    m_scripted.train(on);
    torch::nn::Module::train(on);
}

}  // namespace convscope::nn
