#include "core/nn/train/training_instruments.h"

#include <limits>

namespace convscope::nn {

namespace {

// One stacked float64 vector of per-tensor L2 norms on the tensors' device (empty input: an empty tensor).
torch::Tensor stackedNorms(const std::vector<torch::Tensor>& tensors, const torch::Device& device) {
    std::vector<torch::Tensor> norms;
    norms.reserve(tensors.size());
    for (const torch::Tensor& t : tensors) norms.push_back(t.detach().norm().to(torch::kFloat64));
    return norms.empty() ? torch::empty({0}, torch::TensorOptions(torch::kFloat64).device(device))
                         : torch::stack(norms);
}

}  // namespace

TrainingInstruments::TrainingInstruments(ClassifierImpl& model) {
    for (const auto& p : model.named_parameters()) {
        m_names.push_back(p.key());
        m_parameters.push_back(p.value());
    }
    if (!m_parameters.empty()) m_device = m_parameters.front().device();
}

TapSink TrainingInstruments::tapSink() {
    m_taps.clear();
    return [this](const std::string& name, const torch::Tensor& activation) {
        torch::NoGradGuard noGrad;
        const torch::Tensor a = activation.detach();
        if (a.numel() == 0 || !a.is_floating_point()) return;
        m_taps.push_back({name, a.eq(0).sum().to(torch::kFloat64) / double(a.numel()),
                          a.min().to(torch::kFloat64), a.unsafeGetTensorImpl()});
    };
}

void TrainingInstruments::beforeStep() {
    torch::NoGradGuard noGrad;
    m_trainable.clear();
    m_before.clear();
    std::vector<torch::Tensor> grads;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        const torch::Tensor& p = m_parameters[i];
        if (!p.requires_grad() || !p.grad().defined()) continue;
        m_trainable.push_back(i);
        grads.push_back(p.grad());
        // Only this copy costs memory (one model's worth, on logged steps): the update's size needs it.
        m_before.push_back(p.detach().clone());
    }
    m_gradNorms = stackedNorms(grads, m_device);
    m_beforeNorms = stackedNorms(m_before, m_device);
}

InstrumentReadings TrainingInstruments::afterStep(const torch::Tensor& logits) {
    torch::NoGradGuard noGrad;
    // The copy becomes the update in place (no second model-sized buffer).
    for (std::size_t k = 0; k < m_trainable.size(); ++k)
        m_before[k].sub_(m_parameters[m_trainable[k]].detach());
    // Device tensors are moved together: one synchronisation for the whole reading.
    std::vector<torch::Tensor> deviceParts{m_gradNorms, m_beforeNorms, stackedNorms(m_before, m_device),
                                           stackedNorms(m_parameters, m_device)};
    for (const Tap& t : m_taps) {
        deviceParts.push_back(t.zeroFraction.reshape({1}));
        deviceParts.push_back(t.minimum.reshape({1}));
    }
    const torch::Tensor all = torch::cat(deviceParts).to(torch::kCPU).contiguous();
    const double* v = all.data_ptr<double>();
    const std::size_t n = m_trainable.size();
    InstrumentReadings r;
    for (std::size_t k = 0; k < n; ++k) r.gradNorms.emplace_back(m_names[m_trainable[k]], v[k]);
    for (std::size_t k = 0; k < n; ++k) {
        const double before = v[n + k], delta = v[2 * n + k];
        r.updateRatios.emplace_back(m_names[m_trainable[k]],
                                    before > 0.0 ? delta / before : std::numeric_limits<double>::quiet_NaN());
    }
    const double* w = v + 3 * n;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) r.weightNorms.emplace_back(m_names[i], w[i]);
    const double* tap = w + m_parameters.size();
    const void* output = logits.defined() ? logits.unsafeGetTensorImpl() : nullptr;
    for (std::size_t t = 0; t < m_taps.size(); ++t) {
        const double zeros = tap[2 * t], minimum = tap[2 * t + 1];
        if (minimum >= 0.0 && m_taps[t].impl != output) r.deadRelu.emplace_back(m_taps[t].name, zeros);
    }
    m_taps.clear();
    m_before.clear();
    return r;
}

NamedValues gradientNorms(torch::nn::Module& model) {
    torch::NoGradGuard noGrad;
    std::vector<std::string> names;
    std::vector<torch::Tensor> grads;
    for (const auto& p : model.named_parameters()) {
        if (!p.value().grad().defined()) continue;
        names.push_back(p.key());
        grads.push_back(p.value().grad());
    }
    const torch::Device device = grads.empty() ? torch::Device(torch::kCPU) : grads.front().device();
    const torch::Tensor norms = stackedNorms(grads, device).to(torch::kCPU).contiguous();
    NamedValues out;
    for (std::size_t i = 0; i < names.size(); ++i) out.emplace_back(names[i], norms.data_ptr<double>()[i]);
    return out;
}

}  // namespace convscope::nn
