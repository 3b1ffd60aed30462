#include "core/nn/imported/scripted_classifier.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/serialization/import.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/nn/imported/import_error.h"
#include "core/nn/imported/script_graph.h"
#include "core/nn/imported/scripted_module_mirror.h"

namespace convscope::nn {

namespace {

std::string shapeText3(const std::vector<std::int64_t>& s) {
    std::string t;
    for (std::int64_t v : s) t += (t.empty() ? "" : "×") + std::to_string(v);
    return t;
}

/// Registers the TorchScript module's parameters and buffers (same tensors) on a C++ module tree with the
/// same names, so that named_parameters(), to(), saving and loading see the file's weights.
void mirror(const torch::jit::Module& from, torch::nn::Module& to) {
    for (const auto& p : from.named_parameters(false)) to.register_parameter(p.name, p.value, true);
    for (const auto& b : from.named_buffers(false)) to.register_buffer(b.name, b.value);
    for (const auto& c : from.named_children()) {
        // Each child passes train/eval on to its own TorchScript submodule (freezing a batch norm).
        auto child = std::make_shared<ScriptedModuleMirror>(c.value);
        mirror(c.value, *child);
        to.register_module(c.name, child);
    }
}

std::string loadFailure(const std::string& path, const std::string& what) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (what.find("PytorchStreamReader") != std::string::npos || what.find("zip") != std::string::npos ||
        what.find("archive") != std::string::npos)
        return name +
               " is truncated or is not a TorchScript file (torch.jit.save writes one; torch.save of "
               "a state dict is not enough).";
    for (const char* marker : {"Unknown builtin op: ", "Unknown type name ", "unknown builtin op "}) {
        const auto at = what.find(marker);
        if (at == std::string::npos) continue;
        std::string op = what.substr(at + std::strlen(marker));
        op = op.substr(0, op.find_first_of(".\n"));
        return name + " uses " + op + ", which this LibTorch (" + std::to_string(TORCH_VERSION_MAJOR) + "." +
               std::to_string(TORCH_VERSION_MINOR) +
               ") does not have: save the model with a PyTorch no newer than it, or without that operator.";
    }
    return name + " could not be loaded: " + describeTorchFailure(what);
}

}  // namespace

std::string describeTorchFailure(const std::string& what) {
    // The interpreter's message carries a TorchScript traceback; the last "Error:" line is the reason.
    std::string reason;
    std::size_t start = 0;
    while (start < what.size()) {
        std::size_t end = what.find('\n', start);
        if (end == std::string::npos) end = what.size();
        const std::string line = what.substr(start, end - start);
        const auto colon = line.find("Error: ");
        if (colon != std::string::npos && line.find(' ') > colon) reason = line.substr(colon + 7);
        start = end + 1;
    }
    if (reason.empty()) reason = what.substr(0, what.find('\n'));
    if (reason.size() > 240) reason = reason.substr(0, 240) + "…";
    while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) reason.pop_back();
    return reason + ".";
}

struct ScriptedClassifierImpl::Impl {
    torch::jit::Module module;
    std::unique_ptr<script::ScriptGraph> graph;
    std::unique_ptr<torch::jit::GraphFunction> plain;   ///< logits alone
    std::unique_ptr<torch::jit::GraphFunction> tapped;  ///< logits, then the taps
    std::vector<int> taps;                              ///< op indices
    std::map<std::string, torch::Tensor> parameters;
    /// Every operation's output sizes (with the batch) from the check run on a zero image, for describe();
    /// cleared when the head changes.
    std::vector<std::vector<std::int64_t>> shapes;

    void buildTapped() {
        tapped =
            std::make_unique<torch::jit::GraphFunction>("convscope_tapped", graph->graphWithOutputs(taps),
                                                        nullptr, torch::jit::ExecutorExecutionMode::SIMPLE);
    }
    std::vector<c10::IValue> run(torch::jit::GraphFunction& f, const torch::Tensor& x) {
        std::vector<c10::IValue> stack{module._ivalue(), x};
        f.run(stack);
        return stack.back().toTupleRef().elements().vec();
    }
};

ScriptedClassifierImpl::ScriptedClassifierImpl() : d(std::make_unique<Impl>()) {}
ScriptedClassifierImpl::~ScriptedClassifierImpl() = default;

std::shared_ptr<ScriptedClassifierImpl> ScriptedClassifierImpl::load(const std::string& path,
                                                                     const std::vector<std::int64_t>& shape) {
    const std::string name = std::filesystem::path(path).filename().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw ImportError(name + " does not exist.");
    if (shape.size() != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1 || shape[0] > 64 ||
        shape[1] > 4096 || shape[2] > 4096)
        throw ImportError(
            "The input shape must be C×H×W with 1 to 64 channels and sides of 1 to 4096 pixels.");
    std::shared_ptr<ScriptedClassifierImpl> m(new ScriptedClassifierImpl());
    m->m_path = path;
    m->m_inputShape = shape;
    try {
        m->d->module = torch::jit::load(path, torch::kCPU);
    } catch (const c10::Error& e) {
        throw ImportError(loadFailure(path, e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw ImportError(loadFailure(path, e.what()));
    }
    m->d->module.eval();
    m->d->graph = std::make_unique<script::ScriptGraph>(m->d->module);
    m->d->plain =
        std::make_unique<torch::jit::GraphFunction>("convscope_plain", m->d->graph->graphWithOutputs({}),
                                                    nullptr, torch::jit::ExecutorExecutionMode::SIMPLE);
    for (const auto& p : m->d->module.named_parameters(true)) m->d->parameters[p.name] = p.value;
    m->setTaps({});

    torch::Tensor y;
    try {
        // The check runs every operation with its output kept: one forward pass serves the check and the
        // description (a first pass through a large model costs seconds, later ones far less).
        torch::NoGradGuard noGrad;
        std::vector<int> all;
        for (std::size_t i = 1; i < m->d->graph->ops().size(); ++i) all.push_back(int(i));
        torch::jit::GraphFunction f("convscope_check", m->d->graph->graphWithOutputs(all), nullptr,
                                    torch::jit::ExecutorExecutionMode::SIMPLE);
        const auto outputs = m->d->run(f, torch::zeros({1, shape[0], shape[1], shape[2]}));
        y = outputs[0].toTensor();
        m->d->shapes.push_back(shape);
        for (std::size_t i = 1; i < outputs.size(); ++i)
            m->d->shapes.push_back(outputs[i].isTensor() ? outputs[i].toTensor().sizes().vec()
                                                         : std::vector<std::int64_t>{});
    } catch (const c10::Error& e) {
        throw ImportError(name + " rejects a " + shapeText3(shape) +
                          " input: " + describeTorchFailure(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw ImportError(name + " rejects a " + shapeText3(shape) +
                          " input: " + describeTorchFailure(e.what()));
    }
    if (y.dim() != 2 || y.size(0) != 1 || y.size(1) < 1)
        throw ImportError(name + " returns a " + shapeText3(y.sizes().vec()) +
                          " tensor for one image; ConvScope needs class scores (N × classes).");
    m->m_classes = int(y.size(1));
    mirror(m->d->module, *m);
    return m;
}

torch::Tensor ScriptedClassifierImpl::forward(torch::Tensor x, const TapSink& tap) {
    if (!tap || d->taps.empty()) return d->run(*d->plain, x)[0].toTensor();
    const auto out = d->run(*d->tapped, x);
    const auto names = tapNames();
    for (std::size_t i = 0; i < names.size(); ++i) tap(names[i], out[i + 1].toTensor());
    return out[0].toTensor();
}

std::vector<std::string> ScriptedClassifierImpl::tapNames() const {
    std::vector<std::string> names;
    for (int i : d->taps) names.push_back(d->graph->ops()[std::size_t(i)].name);
    return names;
}

torch::Tensor ScriptedClassifierImpl::firstConvWeights() const {
    for (const script::ScriptOp& op : d->graph->ops()) {
        if (op.kind != "aten::_convolution" && op.kind != "aten::conv2d") continue;
        for (const std::string& p : op.parameters) {
            const auto it = d->parameters.find(p);
            if (it != d->parameters.end() && it->second.dim() == 4) return it->second;
        }
    }
    return {};
}

void ScriptedClassifierImpl::train(bool on) {
    ClassifierImpl::train(on);
    d->module.train(on);
}

std::vector<std::string> ScriptedClassifierImpl::operationNames() const {
    std::vector<std::string> names;
    for (std::size_t i = 1; i < d->graph->ops().size(); ++i) names.push_back(d->graph->ops()[i].name);
    return names;
}

void ScriptedClassifierImpl::setTaps(const std::vector<std::string>& names) {
    std::vector<int> taps;
    const auto& ops = d->graph->ops();
    if (names.empty()) {
        for (std::size_t i = 1; i < ops.size(); ++i)
            if (ops[i].kind == "aten::_convolution" || ops[i].kind == "aten::conv2d") taps.push_back(int(i));
    }
    for (const std::string& n : names) {
        int found = -1;
        for (std::size_t i = 1; i < ops.size() && found < 0; ++i)
            if (ops[i].name == n) found = int(i);
        if (found < 0)
            throw ImportError("The model has no operation called " + n +
                              " (describe lists them: the node names).");
        taps.push_back(found);
    }
    d->taps = taps;
    d->buildTapped();
}

std::string ScriptedClassifierImpl::title() const {
    return std::filesystem::path(m_path).stem().string();
}

std::string ScriptedClassifierImpl::headName() const {
    const auto& ops = d->graph->ops();
    for (std::size_t i = ops.size(); i-- > 1;) {
        if (ops[i].kind != "aten::linear" && ops[i].kind != "aten::addmm") continue;
        for (const std::string& p : ops[i].parameters)
            if (p.size() > 7 && p.compare(p.size() - 7, 7, ".weight") == 0) return p.substr(0, p.size() - 7);
        return {};
    }
    return {};
}

void ScriptedClassifierImpl::replaceHead(int classes, bool renew) {
    if (classes == m_classes && !renew) return;
    const std::string head = headName();
    const auto w = d->parameters.find(head + ".weight");
    if (head.empty() || w == d->parameters.end() || w->second.dim() != 2 || w->second.size(0) != m_classes)
        throw ImportError(title() + " has no linear layer producing its " + std::to_string(m_classes) +
                          " class scores, so its head cannot be replaced for " + std::to_string(classes) +
                          " classes.");
    torch::NoGradGuard noGrad;
    const std::int64_t fanIn = w->second.size(1);
    const double bound = 1.0 / std::sqrt(double(fanIn));
    // set_data keeps the tensors (shared with the TorchScript module and registered here) and gives them the
    // new shape: the graph reads the head through these attributes, so nothing else changes.
    w->second.set_data(torch::empty({classes, fanIn}, w->second.options()).uniform_(-bound, bound));
    const auto b = d->parameters.find(head + ".bias");
    if (b != d->parameters.end())
        b->second.set_data(torch::empty({classes}, b->second.options()).uniform_(-bound, bound));
    m_classes = classes;
    d->shapes.clear();
}

const std::vector<std::vector<std::int64_t>>& ScriptedClassifierImpl::checkedShapes() const {
    return d->shapes;
}

c10::IValue ScriptedClassifierImpl::moduleValue() const {
    return d->module._ivalue();
}

const script::ScriptGraph& ScriptedClassifierImpl::graph() const {
    return *d->graph;
}

}  // namespace convscope::nn
