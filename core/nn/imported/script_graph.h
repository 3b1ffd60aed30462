#pragma once

// Internal to core/nn/imported: a TorchScript model's forward graph, inlined and made functional, as a list
// of tensor operations with their module names, inputs and parameters. The description (shapes, MACs,
// receptive fields) and the tap points of ScriptedClassifier are both read from it. Includes the JIT
// headers: keep it out of every other header.

#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/ir/ir.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace convscope::nn::script {

/// One tensor-producing operation of the inlined forward graph (or, at index 0, the model's input).
struct ScriptOp {
    int ordinal = -1;  ///< position of its node among the graph's top-level nodes (-1: the input)
    int output = 0;    ///< which of the node's outputs (a node with several tensor outputs gives several)
    std::string kind;  ///< "aten::_convolution"
    std::string name;  ///< "layer1.0.conv1": the module path from the file; repeats get " (2)"
    std::string modulePath;   ///< the innermost module whose forward made it ("" for the top level)
    std::string moduleClass;  ///< that module's class name ("BasicBlock")
    std::vector<int> inputs;  ///< earlier ops feeding it (through lists and tuples)
    std::vector<std::string> parameters;  ///< qualified names of the parameters it reads first
    torch::jit::Node* node = nullptr;
};

/// A module of the file: its dotted path and class name.
struct ScriptModule {
    std::string path;
    std::string className;
    bool leaf = false;  ///< has no submodules
};

class ScriptGraph {
public:
    /// Inlines `module`'s forward, removes in-place tensor mutation where that is safe (so that a tapped
    /// convolution output is not overwritten by a later ReLU_), and lists the operations. Throws ImportError
    /// when there is no forward or it does not take one tensor.
    explicit ScriptGraph(const torch::jit::Module& module);

    const std::vector<ScriptOp>& ops() const { return m_ops; }
    const std::vector<ScriptModule>& modules() const { return m_modules; }
    /// A copy of the graph returning a tuple: the forward's own output first, then the outputs of `ops`
    /// (indices into ops(); 0 = the input). Runs with the module as its first input.
    std::shared_ptr<torch::jit::Graph> graphWithOutputs(const std::vector<int>& ops) const;
    /// The numbers a constant (or a list of constants) holds: stride, padding, kernel size.
    static std::vector<std::int64_t> intList(torch::jit::Value* v);
    static bool constantBool(torch::jit::Value* v, bool fallback);
    static double constantDouble(torch::jit::Value* v, double fallback);
    /// The qualified name of a parameter or buffer read through a chain of prim::GetAttr from self, or "".
    static std::string attributePath(torch::jit::Value* v);

private:
    std::shared_ptr<torch::jit::Graph> m_graph;
    std::vector<ScriptOp> m_ops;
    std::vector<ScriptModule> m_modules;
};

}  // namespace convscope::nn::script
