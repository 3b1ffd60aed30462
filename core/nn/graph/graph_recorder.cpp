#include <unordered_map>

#include "core/nn/graph/architecture_description.h"
#include "core/nn/graph/graph_trace.h"

namespace convscope::nn::trace {

namespace {

thread_local GraphRecorder* t_current = nullptr;
thread_local std::vector<std::string> t_path;  ///< scope paths while no recorder is active

using WeakImpl = c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>;

}  // namespace

struct GraphRecorder::Impl {
    Architecture arch;
    std::vector<int> scopeStack{0};
    std::vector<std::string> pathStack{""};
    // Tensors are known by their TensorImpl. The weak reference keeps that object's memory (not its data)
    // allocated while the recorder lives, so a freed activation's address cannot come back as a new tensor
    // and be mistaken for the old one.
    struct Known {
        WeakImpl weak;
        int node;
    };
    std::unordered_map<const c10::TensorImpl*, Known> known;
    std::unordered_map<std::string, int> nameUses;
    std::unordered_map<const void*, int> byData;  ///< last node whose output starts at that address
    GraphRecorder* previous = nullptr;
    std::function<bool()> cancelled;
};

GraphRecorder::GraphRecorder(const torch::Tensor& input) : d(std::make_unique<Impl>()) {
    ArchScope root;
    root.id = 0;
    root.kind = ScopeKind::Model;
    d->arch.scopes.push_back(root);
    ArchNode in;
    in.name = "input";
    in.type = "Input";
    for (std::int64_t i = 1; i < input.dim(); ++i) in.shape.push_back(input.size(i));
    in.activationBytes = input.numel() / std::max<std::int64_t>(1, input.size(0)) * 4;
    d->arch.nodes.push_back(in);
    d->known.emplace(input.unsafeGetTensorImpl(), Impl::Known{WeakImpl(input.getIntrusivePtr()), 0});
    if (input.dim() == 4) {
        d->arch.inChannels = static_cast<int>(input.size(1));
        d->arch.inputSize = static_cast<int>(input.size(2));
    }
    d->previous = t_current;
    t_current = this;
}

GraphRecorder::~GraphRecorder() {
    t_current = d->previous;
}

void GraphRecorder::setCancelCheck(std::function<bool()> cancelled) {
    d->cancelled = std::move(cancelled);
}

GraphRecorder* GraphRecorder::current() {
    return t_current;
}

void GraphRecorder::openScope(const std::string& name, ScopeKind kind, const std::string& title) {
    ArchScope s;
    s.id = static_cast<int>(d->arch.scopes.size());
    s.parent = d->scopeStack.back();
    const std::string& prefix = d->pathStack.back();
    s.name = name.empty() ? prefix : (prefix.empty() ? name : prefix + "." + name);
    s.title = title;
    s.kind = kind;
    d->arch.scopes.push_back(s);
    d->scopeStack.push_back(s.id);
    d->pathStack.push_back(s.name);
}

void GraphRecorder::closeScope() {
    if (d->scopeStack.size() > 1) {
        d->scopeStack.pop_back();
        d->pathStack.pop_back();
    }
}

std::string GraphRecorder::qualified(const char* leaf) const {
    const std::string& prefix = d->pathStack.back();
    return prefix.empty() ? std::string(leaf) : prefix + "." + leaf;
}

const ArchNode& GraphRecorder::nodeOf(const torch::Tensor& t) const {
    auto it = d->known.find(t.unsafeGetTensorImpl());
    return it == d->known.end() ? d->arch.nodes.front()
                                : d->arch.nodes[static_cast<std::size_t>(it->second.node)];
}

torch::Tensor GraphRecorder::record(const std::vector<const torch::Tensor*>& inputs, torch::Tensor output,
                                    ArchNode node) {
    if (d->cancelled && d->cancelled()) throw DescribeCancelled();
    node.id = static_cast<int>(d->arch.nodes.size());
    node.scope = d->scopeStack.back();
    for (const torch::Tensor* in : inputs) {
        auto it = d->known.find(in->unsafeGetTensorImpl());
        if (it == d->known.end()) {
            ++d->arch.untracedInputs;
            continue;
        }
        node.inputs.push_back(it->second.node);
        // An op that hands back its input (dropout in evaluation, flatten of a flat tensor) must not rename
        // the input's node: other consumers of the input still read the old one.
        if (in->unsafeGetTensorImpl() == output.unsafeGetTensorImpl()) output = output.view(output.sizes());
    }
    node.shape.clear();
    for (std::int64_t i = 1; i < output.dim(); ++i) node.shape.push_back(output.size(i));
    node.activationBytes = output.numel() / std::max<std::int64_t>(1, output.size(0)) * 4;
    // torchvision calls one ReLU module several times in a block; the repeats are told apart by number.
    const int uses = ++d->nameUses[node.name];
    if (uses > 1) node.name += " (" + std::to_string(uses) + ")";
    d->known.insert_or_assign(output.unsafeGetTensorImpl(),
                              Impl::Known{WeakImpl(output.getIntrusivePtr()), node.id});
    d->byData[output.data_ptr()] = node.id;
    d->arch.nodes.push_back(std::move(node));
    return output;
}

void GraphRecorder::tap(const std::string& name, const torch::Tensor& t) {
    ArchTap tap;
    tap.name = name;
    for (std::int64_t i = 1; i < t.dim(); ++i) tap.shape.push_back(t.size(i));
    auto it = d->byData.find(t.data_ptr());
    if (it != d->byData.end()) tap.node = it->second;
    d->arch.taps.push_back(tap);
}

Architecture GraphRecorder::finish() {
    Architecture a = d->arch;
    a.totalParameters = a.totalMacs = a.totalActivationBytes = 0;
    for (const ArchNode& n : a.nodes) {
        a.totalParameters += n.parameters;
        a.totalMacs += n.macs;
        if (n.id > 0) a.totalActivationBytes += n.activationBytes;
    }
    if (!a.nodes.empty() && a.nodes.back().shape.size() == 1)
        a.classes = static_cast<int>(a.nodes.back().shape[0]);
    return a;
}

ScopeGuard::ScopeGuard(const std::string& name, ScopeKind kind, const std::string& title)
    : m_recorder(GraphRecorder::current()) {
    if (m_recorder) {
        m_recorder->openScope(name, kind, title);
        return;
    }
    // Without a recorder only the dotted path is kept, so that a size error during training still names
    // "features.transition3.pool" and not just "pool". A few short strings per block and forward pass.
    const std::string& prefix = t_path.empty() ? std::string() : t_path.back();
    t_path.push_back(name.empty() ? prefix : (prefix.empty() ? name : prefix + "." + name));
}

ScopeGuard::~ScopeGuard() {
    if (m_recorder)
        m_recorder->closeScope();
    else if (!t_path.empty())
        t_path.pop_back();
}

std::string qualifiedName(const char* leaf) {
    if (GraphRecorder* r = GraphRecorder::current()) return r->qualified(leaf);
    if (t_path.empty() || t_path.back().empty()) return leaf;
    return t_path.back() + "." + leaf;
}

}  // namespace convscope::nn::trace
