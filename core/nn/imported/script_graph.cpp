#include "core/nn/imported/script_graph.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/passes/remove_mutation.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/nn/imported/import_error.h"

namespace convscope::nn::script {

namespace {

using torch::jit::Node;
using torch::jit::Value;

bool isTensor(const Value* v) {
    return v->type()->kind() == c10::TypeKind::TensorType;
}

/// Lists, tuples and optionals that may carry tensors: followed through when looking for an op's inputs.
bool carriesTensors(const Value* v) {
    const c10::TypeKind k = v->type()->kind();
    return k == c10::TypeKind::TensorType || k == c10::TypeKind::ListType || k == c10::TypeKind::TupleType ||
           k == c10::TypeKind::OptionalType;
}

/// "aten::relu_" → "relu", "aten::_convolution" → "conv", "prim::ListUnpack" → "ListUnpack".
std::string shortKind(const std::string& kind) {
    std::string s = kind.substr(kind.find("::") == std::string::npos ? 0 : kind.find("::") + 2);
    while (!s.empty() && s.back() == '_') s.pop_back();
    while (!s.empty() && s.front() == '_') s.erase(0, 1);
    if (s == "convolution" || s == "conv2d") return "conv";
    return s;
}

/// The module path a node came from: the instance names along its inlined call stack.
void moduleOf(const Node* n, std::string& path, std::string& className) {
    path.clear();
    className.clear();
    const auto cs = n->callstack();
    if (!cs) return;
    for (const auto& entry : (*cs)->vec()) {
        const auto& info = std::get<2>(entry);
        // A module calling one of its own methods (Conv2d.forward → self._conv_forward) is named "SELF".
        if (!info || info->instance_name() == "SELF") continue;
        path += (path.empty() ? "" : ".") + info->instance_name();
        if (const auto type = info->class_type(); type && type->name()) className = type->name()->name();
    }
}

struct Walker {
    const std::unordered_map<const Value*, int>& index;
    const std::set<std::string>& parameterNames;
    std::unordered_set<const Value*> visited;
    std::vector<int> inputs;
    std::vector<std::string> parameters;

    void value(Value* v) {
        if (!visited.insert(v).second) return;
        if (auto it = index.find(v); it != index.end()) {
            if (std::find(inputs.begin(), inputs.end(), it->second) == inputs.end())
                inputs.push_back(it->second);
            return;
        }
        Node* p = v->node();
        if (p->kind() == c10::prim::GetAttr) {
            const std::string path = ScriptGraph::attributePath(v);
            if (parameterNames.count(path)) parameters.push_back(path);
            return;
        }
        if (p->kind() == c10::prim::Constant || p->kind() == c10::prim::Param || !carriesTensors(v)) return;
        node(p);
    }
    void node(Node* n) {
        for (Value* in : n->inputs()) value(in);
        for (torch::jit::Block* b : n->blocks())
            for (Node* inner : b->nodes()) node(inner);
    }
};

}  // namespace

std::string ScriptGraph::attributePath(Value* v) {
    std::vector<std::string> parts;
    while (v->node()->kind() == c10::prim::GetAttr) {
        parts.push_back(v->node()->s(c10::attr::name));
        v = v->node()->input(0);
    }
    if (v->node()->kind() != c10::prim::Param || parts.empty()) return {};
    std::string path;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += (path.empty() ? "" : ".") + *it;
    return path;
}

std::vector<std::int64_t> ScriptGraph::intList(Value* v) {
    if (v->node()->kind() == c10::prim::ListConstruct) {
        std::vector<std::int64_t> out;
        for (Value* in : v->node()->inputs()) {
            const auto part = intList(in);
            out.insert(out.end(), part.begin(), part.end());
        }
        return out;
    }
    const auto iv = torch::jit::toIValue(v);
    if (!iv) return {};
    if (iv->isInt()) return {iv->toInt()};
    if (iv->isIntList()) return iv->toIntVector();
    return {};
}

bool ScriptGraph::constantBool(Value* v, bool fallback) {
    const auto iv = torch::jit::toIValue(v);
    return iv && iv->isBool() ? iv->toBool() : fallback;
}

double ScriptGraph::constantDouble(Value* v, double fallback) {
    const auto iv = torch::jit::toIValue(v);
    if (iv && iv->isDouble()) return iv->toDouble();
    if (iv && iv->isInt()) return double(iv->toInt());
    return fallback;
}

ScriptGraph::ScriptGraph(const torch::jit::Module& module) {
    const auto method = module.find_method("forward");
    if (!method)
        throw ImportError(
            "The file has no forward method, so it is not a TorchScript model (a ConvScope "
            "checkpoint opens with --checkpoint, not --model).");
    m_graph = torch::jit::toGraphFunction(method->function()).graph()->copy();
    torch::jit::Inline(*m_graph);
    torch::jit::RemoveTensorMutation(m_graph);
    torch::jit::EliminateDeadCode(m_graph);
    if (m_graph->inputs().size() != 2 || !isTensor(m_graph->inputs()[1]))
        throw ImportError("The model's forward takes " + std::to_string(m_graph->inputs().size() - 1) +
                          " arguments; ConvScope needs a model that takes one image tensor.");

    for (const auto& m : module.named_modules()) {
        ScriptModule sm;
        sm.path = m.name;
        sm.className = m.value.type()->name() ? m.value.type()->name()->name() : std::string("Module");
        sm.leaf = m.value.children().size() == 0;
        m_modules.push_back(sm);
    }
    std::map<std::string, bool> leafByPath;
    for (const ScriptModule& m : m_modules) leafByPath[m.path] = m.leaf;
    std::set<std::string> parameterNames;
    for (const auto& p : module.named_parameters(true)) parameterNames.insert(p.name);

    std::unordered_map<const Value*, int> index;
    ScriptOp input;
    input.name = "input";
    input.kind = "Input";
    m_ops.push_back(input);
    index[m_graph->inputs()[1]] = 0;

    std::set<std::string> usedParameters;
    std::map<std::string, int> repeats;
    int ordinal = 0;
    for (Node* n : m_graph->nodes()) {
        const int here = ordinal++;
        const auto kind = n->kind();
        if (kind == c10::prim::Constant || kind == c10::prim::GetAttr || kind == c10::prim::NumToTensor)
            continue;
        std::vector<int> tensorOutputs;
        for (std::size_t i = 0; i < n->outputs().size(); ++i)
            if (isTensor(n->outputs()[i])) tensorOutputs.push_back(int(i));
        if (tensorOutputs.empty()) continue;
        Walker w{index, parameterNames, {}, {}, {}};
        w.node(n);
        // An op that reads no earlier activation (a transposed weight, a created constant) is part of
        // how its consumer reads its parameters, not a layer of its own.
        if (w.inputs.empty()) continue;
        ScriptOp op;
        op.ordinal = here;
        op.kind = kind.toQualString();
        op.node = n;
        op.inputs = w.inputs;
        for (const std::string& p : w.parameters)
            if (usedParameters.insert(p).second) op.parameters.push_back(p);
        moduleOf(n, op.modulePath, op.moduleClass);
        const bool leaf = !op.modulePath.empty() && leafByPath[op.modulePath];
        std::string base =
            leaf ? op.modulePath : (op.modulePath.empty() ? "" : op.modulePath + ".") + shortKind(op.kind);
        const int seen = repeats[base]++;
        for (int out : tensorOutputs) {
            ScriptOp o = op;
            o.output = out;
            o.name = base;
            if (seen > 0) o.name += " (" + std::to_string(seen + 1) + ")";
            if (out != tensorOutputs.front()) {
                o.name += "[" + std::to_string(out) + "]";
                o.parameters.clear();
            }
            index[n->outputs()[std::size_t(out)]] = int(m_ops.size());
            m_ops.push_back(o);
        }
    }
}

std::shared_ptr<torch::jit::Graph> ScriptGraph::graphWithOutputs(const std::vector<int>& ops) const {
    auto g = m_graph->copy();
    std::vector<Node*> nodes;
    for (Node* n : g->nodes()) nodes.push_back(n);
    std::vector<Value*> outs{g->outputs()[0]};
    for (int i : ops) {
        const ScriptOp& op = m_ops.at(std::size_t(i));
        outs.push_back(op.ordinal < 0 ? g->inputs()[1]
                                      : nodes.at(std::size_t(op.ordinal))->outputs()[std::size_t(op.output)]);
    }
    Node* tuple = g->createTuple(outs);
    g->appendNode(tuple);
    g->eraseOutput(0);
    g->registerOutput(tuple->output());
    return g;
}

}  // namespace convscope::nn::script
