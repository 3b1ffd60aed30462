// ScriptedClassifierImpl::describe: the imported model's architecture, in the zoo's values.

#include <torch/csrc/jit/api/function_impl.h>

#include <map>
#include <set>

#include "core/nn/graph/architecture_description.h"
#include "core/nn/imported/import_error.h"
#include "core/nn/imported/script_graph.h"
#include "core/nn/imported/script_node_info.h"
#include "core/nn/imported/scripted_classifier.h"

namespace convscope::nn {

namespace {

std::string parentPath(const std::string& path) {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

/// The direct child of `scope` on the way to `path` ("" when `path` is `scope` itself or outside it).
std::string childOf(const std::string& scope, const std::string& path) {
    if (path.empty() || path == scope) return {};
    if (!scope.empty() && path.compare(0, scope.size() + 1, scope + ".") != 0) return {};
    const std::size_t from = scope.empty() ? 0 : scope.size() + 1;
    const auto dot = path.find('.', from);
    return path.substr(0, dot == std::string::npos ? std::string::npos : dot);
}

/// Groups nodes by the file's modules: a scope for every module that holds operations and has submodules,
/// and for a leaf module that is one branch of a concatenation. Kinds follow the shape of the graph: the
/// parallel inputs of a concatenation are branches, a path that leaves a block's input and rejoins it at an
/// addition is its shortcut, a top-level module that holds blocks is a stage.
class ScopeBuilder {
public:
    ScopeBuilder(const script::ScriptGraph& g, Architecture& a) : m_graph(g), m_arch(a) {
        for (const auto& m : g.modules()) {
            m_leaf[m.path] = m.leaf;
            m_class[m.path] = m.className;
        }
    }

    void build() {
        const auto& ops = m_graph.ops();
        std::vector<std::string> scopeOf(ops.size());
        for (std::size_t i = 1; i < ops.size(); ++i) scopeOf[i] = home(ops[i].modulePath);
        // Branches and shortcuts, read at every merge.
        for (std::size_t i = 1; i < ops.size(); ++i) {
            const std::string& type = m_arch.nodes[i].type;
            if (type != "Concat" && type != "Add") continue;
            const std::string& scope = scopeOf[i];
            std::vector<std::string> children;
            for (int j : ops[i].inputs) {
                std::string c = childOf(scope, ops[std::size_t(j)].modulePath);
                // A leaf module (bn3) is part of the block's own path at an addition; at a concatenation a
                // leaf can be a branch of its own (a lone 1x1 convolution).
                if (type == "Add" && m_leaf[c]) c.clear();
                children.push_back(c);
            }
            if (type == "Concat") {
                for (const std::string& c : children)
                    if (!c.empty()) m_kind[c] = ScopeKind::Branch;
            } else if (children.size() == 2 && (children[0].empty() != children[1].empty())) {
                const std::string& c = children[0].empty() ? children[1] : children[0];
                if (!m_leaf[c]) m_kind[c] = ScopeKind::Shortcut;
            }
        }
        for (std::size_t i = 1; i < ops.size(); ++i) {
            const std::string& p = ops[i].modulePath;
            const bool ownScope = m_kind.count(p) && m_kind[p] == ScopeKind::Branch && m_leaf[p];
            m_arch.nodes[i].scope = scopeId(ownScope ? p : scopeOf[i]);
        }
        for (ArchScope& s : m_arch.scopes) {
            if (s.id == 0 || s.kind != ScopeKind::Block || s.parent != 0) continue;
            for (const ArchScope& c : m_arch.scopes)
                if (c.parent == s.id && c.kind == ScopeKind::Block) s.kind = ScopeKind::Stage;
        }
    }

private:
    /// The module a node belongs to for grouping: its own module, or a leaf's parent.
    std::string home(const std::string& path) const {
        const auto it = m_leaf.find(path);
        return (it != m_leaf.end() && it->second) ? parentPath(path) : path;
    }

    int scopeId(const std::string& path) {
        if (path.empty()) return 0;
        if (const auto it = m_ids.find(path); it != m_ids.end()) return it->second;
        const int parent = scopeId(parentPath(path));
        ArchScope s;
        s.id = int(m_arch.scopes.size());
        s.parent = parent;
        s.name = path;
        s.title = m_class.count(path) ? m_class[path] : std::string("Module");
        s.kind = m_kind.count(path) ? m_kind[path] : ScopeKind::Block;
        m_arch.scopes.push_back(s);
        m_ids[path] = s.id;
        return s.id;
    }

    const script::ScriptGraph& m_graph;
    Architecture& m_arch;
    std::map<std::string, bool> m_leaf;
    std::map<std::string, std::string> m_class;
    std::map<std::string, ScopeKind> m_kind;
    std::map<std::string, int> m_ids;
};

}  // namespace

Architecture ScriptedClassifierImpl::describe(const std::function<bool()>& cancelled) {
    const script::ScriptGraph& g = graph();
    const auto& ops = g.ops();
    // Output sizes: from load()'s check run when the model is as it was loaded, else from a run now.
    std::vector<std::vector<std::int64_t>> sizes = checkedShapes();
    if (sizes.size() != ops.size()) {
        std::vector<int> all;
        for (std::size_t i = 1; i < ops.size(); ++i) all.push_back(int(i));
        torch::jit::GraphFunction f("convscope_describe", g.graphWithOutputs(all), nullptr,
                                    torch::jit::ExecutorExecutionMode::SIMPLE);
        if (cancelled && cancelled()) throw DescribeCancelled();
        const bool wasTraining = is_training();
        train(false);
        std::vector<c10::IValue> stack{moduleValue(),
                                       torch::zeros({1, m_inputShape[0], m_inputShape[1], m_inputShape[2]})};
        try {
            torch::NoGradGuard noGrad;
            f.run(stack);
        } catch (const c10::Error& e) {
            train(wasTraining);
            throw ImportError(title() +
                              " rejects its input: " + describeTorchFailure(e.what_without_backtrace()));
        }
        train(wasTraining);
        const auto outputs = stack.back().toTupleRef().elements();
        sizes.assign(1, m_inputShape);
        for (std::size_t i = 1; i < outputs.size(); ++i)
            sizes.push_back(outputs[i].isTensor() ? outputs[i].toTensor().sizes().vec()
                                                  : std::vector<std::int64_t>{});
    }
    if (cancelled && cancelled()) throw DescribeCancelled();

    std::map<std::string, torch::Tensor> parameters;
    for (const auto& p : named_parameters(true)) parameters[p.key()] = p.value();

    Architecture a;
    a.model = title();
    a.title = title();
    a.inChannels = int(m_inputShape[0]);
    a.inputSize = int(m_inputShape[1]);
    a.classes = m_classes;
    ArchScope root;
    root.name = title();
    root.title = title();
    a.scopes.push_back(root);
    ArchNode input;
    input.name = "input";
    input.type = "Input";
    input.detail = shapeText(m_inputShape);
    input.shape = m_inputShape;
    input.activationBytes = 4 * m_inputShape[0] * m_inputShape[1] * m_inputShape[2];
    a.nodes.push_back(input);
    for (std::size_t i = 1; i < ops.size(); ++i) {
        ArchNode n;
        n.id = int(i);
        n.name = ops[i].name;
        n.inputs = ops[i].inputs;
        const std::vector<std::int64_t>& size = sizes[i];
        if (!size.empty()) {
            n.shape.assign(size.begin() + 1, size.end());
            std::int64_t count = 1;
            for (std::int64_t v : n.shape) count *= v;
            n.activationBytes = 4 * count;
        }
        for (const std::string& p : ops[i].parameters) n.parameters += parameters.at(p).numel();
        script::describeOperation(ops[i], n, a.nodes, parameters);
        if (n.parameters > 0 && n.parameterArithmetic.empty())
            n.parameterArithmetic = groupDigits(n.parameters);
        a.nodes.push_back(n);
    }
    ScopeBuilder(g, a).build();
    const auto taps = tapNames();
    for (const std::string& t : taps) {
        for (const ArchNode& n : a.nodes) {
            if (n.name != t) continue;
            a.taps.push_back(ArchTap{t, n.id, n.shape});
            break;
        }
    }
    for (const ArchNode& n : a.nodes) {
        a.totalMacs += n.macs;
        if (n.id > 0) a.totalActivationBytes += n.activationBytes;
    }
    // The total is the file's, as PyTorch's sum(p.numel() for p in model.parameters()): a parameter no
    // operation reads (GoogLeNet's auxiliary heads, traced in eval mode) is counted there and reported as
    // unused, and one read by two operations counts once.
    std::set<std::string> read;
    for (std::size_t i = 1; i < ops.size(); ++i)
        read.insert(ops[i].parameters.begin(), ops[i].parameters.end());
    for (const auto& [name, p] : parameters) {
        a.totalParameters += p.numel();
        if (!read.count(name)) a.unusedParameters += p.numel();
    }
    return a;
}

}  // namespace convscope::nn
