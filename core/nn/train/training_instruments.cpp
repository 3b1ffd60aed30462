#include "core/nn/train/training_instruments.h"

#include <algorithm>
#include <cmath>
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

constexpr int kInstrumentBins = InstrumentReadings::kHistogramBins;

// log10 |g| in kInstrumentBins bins over the fixed gradient range, then the count of exact zeros, as one
// float64 vector on g's device. A zero's log10 (−∞) is clamped into the first bin and taken out of it again
// on the CPU.
// Every stride-th value of the flattened tensor (a view: nothing is copied), at most kHistogramSample of
// them.
std::int64_t histogramStride(const torch::Tensor& t) {
    const std::int64_t n = t.numel(), most = InstrumentReadings::kHistogramSample;
    return std::max<std::int64_t>(1, (n + most - 1) / most);
}

torch::Tensor histogramSample(const torch::Tensor& t) {
    const torch::Tensor flat = t.detach().reshape({-1});
    const std::int64_t stride = histogramStride(t);
    return stride > 1 ? flat.slice(0, 0, flat.numel(), stride) : flat;
}

torch::Tensor logGradientHistogram(const torch::Tensor& g) {
    const double low = InstrumentReadings::kGradLog10Low, high = InstrumentReadings::kGradLog10High;
    const torch::Tensor a = histogramSample(g).abs();
    const torch::Tensor zeros = a.eq(0).sum().to(torch::kFloat64).reshape({1});
    const torch::Tensor logs = a.log10_().nan_to_num_(low, high, low).clamp_(low, high);
    return torch::cat({logs.histc(kInstrumentBins, low, high).to(torch::kFloat64), zeros});
}

std::vector<std::int64_t> histogramCounts(const double* v) {
    std::vector<std::int64_t> c(kInstrumentBins);
    for (int b = 0; b < kInstrumentBins; ++b) c[b] = std::llround(v[b]);
    return c;
}

}  // namespace

TrainingInstruments::TrainingInstruments(ClassifierImpl& model) {
    for (const auto& p : model.named_parameters()) {
        m_names.push_back(p.key());
        m_parameters.push_back(p.value());
        if (p.value().dim() >= 2) m_histogrammed.push_back(m_parameters.size() - 1);
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
    m_gradHistogrammed.clear();
    m_gradHistograms.clear();
    std::vector<torch::Tensor> grads;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        const torch::Tensor& p = m_parameters[i];
        if (!p.requires_grad() || !p.grad().defined()) continue;
        m_trainable.push_back(i);
        grads.push_back(p.grad());
        // Only this copy costs memory (one model's worth, on logged steps): the update's size needs it.
        m_before.push_back(p.detach().clone());
        if (p.dim() >= 2) {
            m_gradHistogrammed.push_back(i);
            m_gradHistograms.push_back(logGradientHistogram(p.grad()));
        }
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
    deviceParts.insert(deviceParts.end(), m_gradHistograms.begin(), m_gradHistograms.end());
    if (m_weightRanges.empty() && !m_histogrammed.empty()) {
        // The weights' bins are fixed at the first reading (one extra transfer, once): ±1.5 × max |w| then.
        std::vector<torch::Tensor> maxima;
        for (std::size_t i : m_histogrammed)
            maxima.push_back(m_parameters[i].detach().abs().max().to(torch::kFloat64));
        const torch::Tensor m = torch::stack(maxima).to(torch::kCPU).contiguous();
        for (std::int64_t k = 0; k < m.numel(); ++k) {
            const double a = m.data_ptr<double>()[k];
            const double r = std::isfinite(a) && a > 0.0 ? 1.5 * a : 1.0;
            m_weightRanges.emplace_back(-r, r);
        }
    }
    for (std::size_t k = 0; k < m_histogrammed.size(); ++k) {
        const auto [low, high] = m_weightRanges[k];
        deviceParts.push_back(histogramSample(m_parameters[m_histogrammed[k]])
                                  .clamp(low, high)
                                  .histc(kInstrumentBins, low, high)
                                  .to(torch::kFloat64));
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
    for (std::size_t k = 0; k < n; ++k) r.gradRanks.push_back(int(m_parameters[m_trainable[k]].dim()));
    const double* hist = tap + 2 * m_taps.size();
    for (std::size_t k = 0; k < m_gradHistogrammed.size(); ++k, hist += kInstrumentBins + 1) {
        ValueHistogram h{
            m_names[m_gradHistogrammed[k]],      InstrumentReadings::kGradLog10Low,
            InstrumentReadings::kGradLog10High,  histogramCounts(hist),
            std::llround(hist[kInstrumentBins]), histogramStride(m_parameters[m_gradHistogrammed[k]])};
        h.counts.front() -= h.zeros;
        r.gradHistograms.push_back(std::move(h));
    }
    for (std::size_t k = 0; k < m_histogrammed.size(); ++k, hist += kInstrumentBins)
        r.weightHistograms.push_back({m_names[m_histogrammed[k]], m_weightRanges[k].first,
                                      m_weightRanges[k].second, histogramCounts(hist), 0,
                                      histogramStride(m_parameters[m_histogrammed[k]])});
    m_taps.clear();
    m_before.clear();
    m_gradHistograms.clear();
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
