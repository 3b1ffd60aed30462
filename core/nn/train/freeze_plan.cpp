#include "core/nn/train/freeze_plan.h"

#include <sstream>
#include <stdexcept>

#include "core/nn/imported/scripted_classifier.h"

namespace convscope::nn {

namespace {

// The named parameters the activation at `tap` depends on: autograd from that activation back to the
// parameters, on one dummy image in evaluation mode (so no running statistic moves).
std::set<std::string> parametersBefore(ClassifierImpl& model, const std::string& tap, int inChannels,
                                       int inputSize) {
    const auto named = model.named_parameters();
    std::vector<torch::Tensor> inputs;
    std::vector<std::string> names;
    for (const auto& p : named) {
        if (!p.value().requires_grad()) continue;
        inputs.push_back(p.value());
        names.push_back(p.key());
    }
    const bool wasTraining = model.is_training();
    model.eval();
    torch::Tensor activation;
    {
        torch::AutoGradMode gradients(true);
        const torch::Device device = inputs.empty() ? torch::Device(torch::kCPU) : inputs.front().device();
        const torch::Tensor x =
            torch::ones({1, inChannels, inputSize, inputSize}, torch::TensorOptions(device));
        model.forward(x, [&](const std::string& name, const torch::Tensor& a) {
            if (name == tap && !activation.defined()) activation = a;
        });
    }
    if (wasTraining) model.train();
    std::set<std::string> out;
    if (!activation.defined() || !activation.requires_grad()) return out;
    const auto grads = torch::autograd::grad({activation.sum()}, inputs, {}, false, false, true);
    for (std::size_t i = 0; i < grads.size(); ++i)
        if (grads[i].defined()) out.insert(names[i]);
    return out;
}

std::string withThousands(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

bool belongsTo(const std::string& name, const std::string& module) {
    return name.size() > module.size() && name.compare(0, module.size(), module) == 0 &&
           name[module.size()] == '.';
}

std::string classifierHeadName(ClassifierImpl& model) {
    // An imported model's layers are mirrors without a type: its graph knows which linear layer makes the
    // logits.
    if (const auto* scripted = dynamic_cast<const ScriptedClassifierImpl*>(&model))
        if (std::string head = scripted->headName(); !head.empty()) return head;
    std::string lastLinear, lastWithParameters;
    for (const auto& m : model.named_modules("", false)) {
        if (m.value()->as<torch::nn::Linear>()) lastLinear = m.key();
        if (!m.value()->named_parameters(false).is_empty()) lastWithParameters = m.key();
    }
    if (!lastLinear.empty()) return lastLinear;
    if (!lastWithParameters.empty()) return lastWithParameters;
    throw std::invalid_argument("The model has no parameters, so it has no classifier head to replace.");
}

FreezePlan::FreezePlan(ClassifierImpl& model, const std::string& choice, int inChannels, int inputSize) {
    if (choice == "none") return;
    const bool backbone = choice == "backbone";
    std::string head;
    if (backbone) {
        head = classifierHeadName(model);
        for (const auto& p : model.named_parameters())
            if (!belongsTo(p.key(), head)) m_frozen.insert(p.key());
    } else if (choice.rfind("up-to:", 0) == 0) {
        const std::string tap = choice.substr(6);
        // An imported model can be frozen up to any operation of its graph (describe's node names), not
        // only its current taps: the tap is moved there for the one dummy forward pass, then put back.
        auto* scripted = dynamic_cast<ScriptedClassifierImpl*>(&model);
        const std::vector<std::string> taps = scripted ? scripted->operationNames() : model.tapNames();
        std::size_t index = 0;
        while (index < taps.size() && taps[index] != tap) ++index;
        if (index == taps.size()) {
            std::string list;
            for (const std::string& t : taps) list += (list.empty() ? "" : ", ") + t;
            throw std::invalid_argument("The model has no tap point '" + tap + "'; its taps are " + list +
                                        ".");
        }
        if (index + 1 == taps.size())
            throw std::invalid_argument("Freezing up to " + tap +
                                        ", the model's output, would leave nothing to train; choose an "
                                        "earlier tap or backbone.");
        if (scripted) {
            const std::vector<std::string> previous = scripted->tapNames();
            scripted->setTaps({tap});
            try {
                m_frozen = parametersBefore(model, tap, inChannels, inputSize);
            } catch (...) {
                scripted->setTaps(previous);
                throw;
            }
            scripted->setTaps(previous);
        } else {
            m_frozen = parametersBefore(model, tap, inChannels, inputSize);
        }
        if (m_frozen.empty())
            throw std::invalid_argument("No parameter comes before tap point " + tap +
                                        ": nothing to freeze.");
    } else {
        throw std::invalid_argument("Unknown freeze choice '" + choice +
                                    "' (choose none, backbone or up-to:TAP).");
    }
    for (const auto& m : model.named_modules("", false)) {
        if (m.value()->named_buffers(false).is_empty()) continue;
        const auto own = m.value()->named_parameters(false);
        bool frozen = !own.is_empty();
        for (const auto& p : own) frozen = frozen && m_frozen.count(m.key() + "." + p.key()) > 0;
        // A module with statistics but no parameters (batch norm without affine) is frozen with the backbone.
        if (own.is_empty() && backbone) frozen = m.key() != head && !belongsTo(m.key(), head);
        if (!frozen) continue;
        m_norms.push_back(m.value());
        m_normNames.push_back(m.key());
    }
}

void FreezePlan::applyToParameters(ClassifierImpl& model) const {
    for (auto& p : model.named_parameters()) p.value().set_requires_grad(m_frozen.count(p.key()) == 0);
}

void FreezePlan::applyModes() const {
    for (const auto& m : m_norms) m->eval();
}

std::vector<torch::Tensor> FreezePlan::trainableParameters(ClassifierImpl& model) const {
    std::vector<torch::Tensor> out;
    for (const auto& p : model.named_parameters())
        if (m_frozen.count(p.key()) == 0) out.push_back(p.value());
    return out;
}

std::string FreezePlan::summary(ClassifierImpl& model) const {
    std::int64_t tensors = 0, values = 0, frozenValues = 0;
    for (const auto& p : model.named_parameters()) {
        ++tensors;
        values += p.value().numel();
        if (m_frozen.count(p.key())) frozenValues += p.value().numel();
    }
    std::ostringstream s;
    s << "froze " << m_frozen.size() << " of " << tensors << " parameter tensors ("
      << withThousands(frozenValues) << " of " << withThousands(values) << " values)";
    if (!m_norms.empty())
        s << " and the running statistics of " << m_norms.size() << " batch norm module"
          << (m_norms.size() == 1 ? "" : "s");
    return s.str();
}

}  // namespace convscope::nn
