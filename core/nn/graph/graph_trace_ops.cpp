// The traced operations: the plain LibTorch call, a size check that names the layer, and (while a
// GraphRecorder is active) a node with its cost arithmetic.

#include <stdexcept>
#include <variant>

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn::trace {

namespace F = torch::nn::functional;

namespace {

using Pair = std::array<std::int64_t, 2>;

Pair pairOf(const torch::ExpandingArray<2>& a) {
    return {(*a)[0], (*a)[1]};
}

// LibTorch 1.13 keeps convolution padding in a c10::variant, 2.x in a std::variant: an unqualified get_if
// finds the right one by argument-dependent lookup. Only explicit padding is used by the zoo.
template <class Variant>
Pair paddingOf(const Variant& v) {
    using std::get_if;
    if (const auto* p = get_if<torch::ExpandingArray<2>>(&v)) return pairOf(*p);
    throw std::invalid_argument("the zoo's convolutions use explicit padding");
}

std::string leafName(const char* leaf) {
    return qualifiedName(leaf);
}

std::string windowText(const Pair& k, const Pair& s, const Pair& p) {
    std::string t = std::to_string(k[0]) + "×" + std::to_string(k[1]);
    if (s[0] != 1 || s[1] != 1)
        t += ", stride " +
             (s[0] == s[1] ? std::to_string(s[0]) : std::to_string(s[0]) + "×" + std::to_string(s[1]));
    if (p[0] != 0 || p[1] != 0)
        t += ", pad " +
             (p[0] == p[1] ? std::to_string(p[0]) : std::to_string(p[0]) + "×" + std::to_string(p[1]));
    return t;
}

/// Throws when a window no longer fits the (padded) input: the message names the layer and the sizes.
void checkWindow(const torch::Tensor& x, const Pair& k, const Pair& s, const Pair& p, const Pair& dil,
                 const char* leaf, const char* type, bool ceilMode = false) {
    if (x.dim() != 4)
        throw std::invalid_argument("at " + leafName(leaf) + " (" + type + ") the input has " +
                                    std::to_string(x.dim()) + " dimensions; expected N×C×H×W");
    for (int i = 0; i < 2; ++i) {
        const std::int64_t span = dil[i] * (k[i] - 1) + 1;
        // Ceil mode (pooling only) keeps a last window that starts inside the input but runs past it, as
        // PyTorch does: a 3x3 window still pools a 2x2 input to 1x1.
        const std::int64_t room = x.size(2 + i) + 2 * p[i] - span;
        const bool fits = ceilMode ? room + s[i] - 1 >= 0 && x.size(2 + i) + p[i] > 0 : room >= 0;
        if (!fits)
            throw std::invalid_argument(
                "The input is too small for this model: at " + leafName(leaf) + " (" + type + " " +
                windowText(k, s, p) + ") the spatial size falls to zero — its input there is " +
                std::to_string(x.size(2)) + "×" + std::to_string(x.size(3)) + ", smaller than the " +
                std::to_string(span) + "-pixel window. Use a larger input size.");
    }
}

ArchNode makeNode(const char* leaf, const char* type, std::string detail = {}) {
    ArchNode n;
    n.name = GraphRecorder::current()->qualified(leaf);
    n.type = type;
    n.detail = std::move(detail);
    return n;
}

/// Receptive field through a window of `span` input positions (dilation included) and stride `stride`.
void windowField(ArchNode& n, const ArchNode& in, std::int64_t span, std::int64_t stride) {
    n.receptiveField = in.receptiveField + (span - 1) * in.jump;
    n.jump = in.jump * stride;
    n.global = in.global;
}

void sameField(ArchNode& n, const ArchNode& in) {
    n.receptiveField = in.receptiveField;
    n.jump = in.jump;
    n.global = in.global;
}

/// A merge sees what its widest input sees.
void mergeField(ArchNode& n, GraphRecorder& r, const std::vector<const torch::Tensor*>& xs) {
    bool first = true;
    for (const torch::Tensor* x : xs) {
        const ArchNode& in = r.nodeOf(*x);
        n.receptiveField = first ? in.receptiveField : std::max(n.receptiveField, in.receptiveField);
        n.jump = first ? in.jump : std::max(n.jump, in.jump);
        n.global = n.global || in.global;
        first = false;
    }
}

std::int64_t spatial(const torch::Tensor& y) {
    return y.dim() == 4 ? y.size(2) * y.size(3) : 1;
}

torch::Tensor activation(const torch::Tensor& x, torch::Tensor y, const char* leaf, const char* type) {
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(leaf, type);
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

}  // namespace

torch::Tensor conv(torch::nn::Conv2d& m, const torch::Tensor& x, const char* name) {
    const auto& o = m->options;
    const Pair k = pairOf(o.kernel_size()), s = pairOf(o.stride()), dil = pairOf(o.dilation());
    const Pair p = paddingOf(o.padding());
    checkWindow(x, k, s, p, dil, name, "Conv2d");
    if (x.size(1) != o.in_channels())
        throw std::invalid_argument("at " + leafName(name) + " (Conv2d) the input has " +
                                    std::to_string(x.size(1)) + " channels; the layer expects " +
                                    std::to_string(o.in_channels()));
    torch::Tensor y = m->forward(x);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    const std::int64_t in = o.in_channels(), out = o.out_channels(), g = o.groups();
    std::string detail = windowText(k, s, p);
    if (dil[0] != 1 || dil[1] != 1) detail += ", dilation " + std::to_string(dil[0]);
    detail += ", " + std::to_string(in) + "→" + std::to_string(out);
    if (g > 1) detail += (g == in && g == out) ? ", depthwise" : ", groups " + std::to_string(g);
    ArchNode n = makeNode(name, "Conv2d", detail);
    const std::string fan = std::to_string(k[0]) + "×" + std::to_string(k[1]) + "×" + std::to_string(in / g);
    const std::int64_t weights = k[0] * k[1] * (in / g) * out;
    n.parameters = weights + (o.bias() ? out : 0);
    n.parameterArithmetic = "(" + fan + ")×" + std::to_string(out) +
                            (o.bias() ? " + " + std::to_string(out) : std::string()) + " = " +
                            groupDigits(n.parameters);
    const std::int64_t outputs = out * spatial(y);
    n.macs = outputs * k[0] * k[1] * (in / g);
    n.macArithmetic = std::to_string(y.size(2)) + "×" + std::to_string(y.size(3)) + "×" +
                      std::to_string(out) + " outputs × (" + fan + ") = " + groupDigits(n.macs);
    windowField(n, r->nodeOf(x), dil[0] * (k[0] - 1) + 1, s[0]);
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor convTranspose(torch::nn::ConvTranspose2d& m, const torch::Tensor& x, const char* name) {
    const auto& o = m->options;
    const Pair k = pairOf(o.kernel_size()), s = pairOf(o.stride());
    const Pair p = paddingOf(o.padding());
    if (x.dim() != 4 || x.size(1) != o.in_channels())
        throw std::invalid_argument("at " + leafName(name) + " (ConvTranspose2d) the input does not have " +
                                    std::to_string(o.in_channels()) + " channels");
    torch::Tensor y = m->forward(x);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    const std::int64_t in = o.in_channels(), out = o.out_channels(), g = o.groups();
    ArchNode n = makeNode(name, "ConvTranspose2d",
                          windowText(k, s, p) + ", " + std::to_string(in) + "→" + std::to_string(out));
    const std::string fan = std::to_string(k[0]) + "×" + std::to_string(k[1]) + "×" + std::to_string(out / g);
    n.parameters = k[0] * k[1] * (out / g) * in + (o.bias() ? out : 0);
    n.parameterArithmetic = "(" + fan + ")×" + std::to_string(in) +
                            (o.bias() ? " + " + std::to_string(out) : std::string()) + " = " +
                            groupDigits(n.parameters);
    // Each input value is scattered through the whole kernel into every output channel of its group.
    n.macs = in * spatial(x) * k[0] * k[1] * (out / g);
    n.macArithmetic = std::to_string(x.size(2)) + "×" + std::to_string(x.size(3)) + "×" + std::to_string(in) +
                      " inputs × (" + fan + ") = " + groupDigits(n.macs);
    // An output position gathers from ceil(k / s) input positions; on the input image that spans
    // (ceil(k/s) - 1) input jumps, and the output grid is s times finer.
    const ArchNode& src = r->nodeOf(x);
    n.receptiveField = src.receptiveField + ((k[0] + s[0] - 1) / s[0] - 1) * src.jump;
    n.jump = std::max<std::int64_t>(1, src.jump / s[0]);
    n.global = src.global;
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor batchNorm(torch::nn::BatchNorm2d& m, const torch::Tensor& x, const char* name) {
    torch::Tensor y = m->forward(x);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    const std::int64_t c = m->options.num_features();
    ArchNode n = makeNode(name, "BatchNorm2d", std::to_string(c) + " channels");
    if (m->options.affine()) {
        n.parameters = 2 * c;
        n.parameterArithmetic =
            std::to_string(c) + " γ + " + std::to_string(c) + " β = " + groupDigits(2 * c);
    }
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor linear(torch::nn::Linear& m, const torch::Tensor& x, const char* name) {
    const auto& o = m->options;
    if (x.size(-1) != o.in_features())
        throw std::invalid_argument("at " + leafName(name) + " (Linear) the input has " +
                                    std::to_string(x.size(-1)) + " features; the layer expects " +
                                    std::to_string(o.in_features()));
    torch::Tensor y = m->forward(x);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    const std::int64_t in = o.in_features(), out = o.out_features();
    ArchNode n = makeNode(name, "Linear", std::to_string(in) + "→" + std::to_string(out));
    n.parameters = in * out + (o.bias() ? out : 0);
    n.parameterArithmetic = std::to_string(in) + "×" + std::to_string(out) +
                            (o.bias() ? " + " + std::to_string(out) : std::string()) + " = " +
                            groupDigits(n.parameters);
    n.macs = in * out;
    n.macArithmetic =
        std::to_string(in) + " inputs × " + std::to_string(out) + " outputs = " + groupDigits(n.macs);
    const ArchNode& src = r->nodeOf(x);
    sameField(n, src);
    n.global = true;  // every output reads every input feature, so every input pixel
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor relu(const torch::Tensor& x, const char* name) {
    return activation(x, torch::relu(x), name, "ReLU");
}
torch::Tensor relu6(const torch::Tensor& x, const char* name) {
    return activation(x, torch::clamp(x, 0.0, 6.0), name, "ReLU6");
}
torch::Tensor silu(const torch::Tensor& x, const char* name) {
    return activation(x, torch::silu(x), name, "SiLU");
}
torch::Tensor sigmoid(const torch::Tensor& x, const char* name) {
    return activation(x, torch::sigmoid(x), name, "Sigmoid");
}
torch::Tensor tanh(const torch::Tensor& x, const char* name) {
    return activation(x, torch::tanh(x), name, "Tanh");
}

torch::Tensor maxPool(const torch::Tensor& x, int kernel, int stride, int padding, bool ceilMode,
                      const char* name) {
    checkWindow(x, {kernel, kernel}, {stride, stride}, {padding, padding}, {1, 1}, name, "MaxPool2d",
                ceilMode);
    torch::Tensor y =
        F::max_pool2d(x, F::MaxPool2dFuncOptions(kernel).stride(stride).padding(padding).ceil_mode(ceilMode));
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(
        name, "MaxPool2d",
        windowText({kernel, kernel}, {stride, stride}, {padding, padding}) + (ceilMode ? ", ceil" : ""));
    windowField(n, r->nodeOf(x), kernel, stride);
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor avgPool(const torch::Tensor& x, int kernel, int stride, int padding, bool ceilMode,
                      const char* name) {
    checkWindow(x, {kernel, kernel}, {stride, stride}, {padding, padding}, {1, 1}, name, "AvgPool2d",
                ceilMode);
    torch::Tensor y =
        F::avg_pool2d(x, F::AvgPool2dFuncOptions(kernel).stride(stride).padding(padding).ceil_mode(ceilMode));
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(
        name, "AvgPool2d",
        windowText({kernel, kernel}, {stride, stride}, {padding, padding}) + (ceilMode ? ", ceil" : ""));
    windowField(n, r->nodeOf(x), kernel, stride);
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor adaptiveAvgPool(const torch::Tensor& x, int outputSize, const char* name) {
    torch::Tensor y = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(outputSize));
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(name, "AdaptiveAvgPool2d",
                          "to " + std::to_string(outputSize) + "×" + std::to_string(outputSize));
    const ArchNode& src = r->nodeOf(x);
    const std::int64_t in = x.size(2);
    if (outputSize == 1) {
        sameField(n, src);
        n.receptiveField = src.receptiveField + (in - 1) * src.jump;
        n.global = true;
    } else if (in == outputSize) {
        sameField(n, src);
    } else {
        // PyTorch's bins: start floor(i·in/out), end ceil((i+1)·in/out); the widest is ceil(in/out) + 1 at
        // most.
        const std::int64_t span = (in + outputSize - 1) / outputSize + (in % outputSize ? 1 : 0);
        windowField(n, src, std::min(span, in), std::max<std::int64_t>(1, in / outputSize));
    }
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor dropout(const torch::Tensor& x, double p, bool training, const char* name) {
    torch::Tensor y = F::dropout(x, F::DropoutFuncOptions().p(p).training(training));
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    std::ostringstream detail;
    detail << "p = " << p;
    ArchNode n = makeNode(name, "Dropout", detail.str());
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor flatten(const torch::Tensor& x, const char* name) {
    torch::Tensor y = torch::flatten(x, 1);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(name, "Flatten");
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor localResponseNorm(const torch::Tensor& x, int size, double alpha, double beta, double k,
                                const char* name) {
    torch::Tensor y =
        F::local_response_norm(x, F::LocalResponseNormFuncOptions(size).alpha(alpha).beta(beta).k(k));
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    std::ostringstream detail;
    detail << "size " << size << ", α = " << alpha << ", β = " << beta << ", k = " << k;
    ArchNode n = makeNode(name, "LocalResponseNorm", detail.str());
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

torch::Tensor add(const torch::Tensor& a, const torch::Tensor& b, const char* name) {
    torch::Tensor y = a + b;
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(name, "Add");
    mergeField(n, *r, {&a, &b});
    return r->record({&a, &b}, std::move(y), std::move(n));
}

torch::Tensor concat(const std::vector<torch::Tensor>& xs, const char* name) {
    torch::Tensor y = torch::cat(xs, 1);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    std::vector<const torch::Tensor*> ins;
    std::string detail;
    for (const torch::Tensor& x : xs) {
        ins.push_back(&x);
        detail += (detail.empty() ? "" : " + ") + std::to_string(x.size(1));
    }
    ArchNode n = makeNode(name, "Concat", detail + " channels");
    mergeField(n, *r, ins);
    return r->record(ins, std::move(y), std::move(n));
}

torch::Tensor multiply(const torch::Tensor& x, const torch::Tensor& gate, const char* name) {
    torch::Tensor y = x * gate;
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(name, "Multiply", "channel-wise gate");
    // The field follows the gated tensor: the gate (squeeze-and-excitation's, from global pooling) scales
    // whole channels and brings no spatial detail, so counting it would call every later layer global.
    sameField(n, r->nodeOf(x));
    return r->record({&x, &gate}, std::move(y), std::move(n));
}

torch::Tensor channelShuffle(const torch::Tensor& x, int groups, const char* name) {
    const std::int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    torch::Tensor y = x.view({b, groups, c / groups, h, w}).transpose(1, 2).contiguous().view({b, c, h, w});
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return y;
    ArchNode n = makeNode(name, "ChannelShuffle", std::to_string(groups) + " groups");
    sameField(n, r->nodeOf(x));
    return r->record({&x}, std::move(y), std::move(n));
}

std::vector<torch::Tensor> chunk(const torch::Tensor& x, int chunks, const char* name) {
    std::vector<torch::Tensor> parts = x.chunk(chunks, 1);
    GraphRecorder* r = GraphRecorder::current();
    if (!r) return parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        ArchNode n =
            makeNode(name, "Split", "part " + std::to_string(i + 1) + " of " + std::to_string(chunks));
        sameField(n, r->nodeOf(x));
        parts[i] = r->record({&x}, std::move(parts[i]), std::move(n));
    }
    return parts;
}

}  // namespace convscope::nn::trace
