#include "core/nn/imported/script_node_info.h"

#include <sstream>

namespace convscope::nn::script {

namespace {

using torch::jit::Value;
using Ints = std::vector<std::int64_t>;

std::string txt(std::int64_t v) {
    return std::to_string(v);
}

/// Pads a one-number list to two (kernel 3 → 3×3); empty stays empty.
Ints pair(Ints v) {
    if (v.size() == 1) v.push_back(v[0]);
    return v;
}

std::string windowText(const Ints& k, const Ints& s, const Ints& p) {
    std::string t = txt(k[0]) + "×" + txt(k[1]);
    if (s[0] != 1 || s[1] != 1) t += ", stride " + (s[0] == s[1] ? txt(s[0]) : txt(s[0]) + "×" + txt(s[1]));
    if (p[0] != 0 || p[1] != 0) t += ", pad " + (p[0] == p[1] ? txt(p[0]) : txt(p[0]) + "×" + txt(p[1]));
    return t;
}

std::int64_t spatial(const Ints& shape) {
    return shape.size() == 3 ? shape[1] * shape[2] : 1;
}

std::int64_t numel(const Ints& shape) {
    std::int64_t n = 1;
    for (std::int64_t v : shape) n *= v;
    return n;
}

struct Describer {
    const ScriptOp& op;
    ArchNode& n;
    const std::vector<ArchNode>& nodes;
    const std::map<std::string, torch::Tensor>& parameters;

    const ArchNode& in(std::size_t i = 0) const { return nodes.at(std::size_t(op.inputs.at(i))); }
    Value* arg(std::size_t i) const { return op.node->inputs().at(i); }
    torch::Tensor attr(std::size_t i) const {
        const auto it = parameters.find(ScriptGraph::attributePath(arg(i)));
        return it == parameters.end() ? torch::Tensor() : it->second;
    }
    void same() {
        bool first = true;
        for (std::size_t i = 0; i < op.inputs.size(); ++i) {
            const ArchNode& s = in(i);
            n.receptiveField = first ? s.receptiveField : std::max(n.receptiveField, s.receptiveField);
            n.jump = first ? s.jump : std::max(n.jump, s.jump);
            n.global = n.global || s.global;
            first = false;
        }
    }
    void window(std::int64_t span, std::int64_t stride) {
        n.receptiveField = in().receptiveField + (span - 1) * in().jump;
        n.jump = in().jump * stride;
        n.global = in().global;
    }
    void wholeInput() {
        const ArchNode& s = in();
        const std::int64_t side = s.shape.size() == 3 ? std::max(s.shape[1], s.shape[2]) : 1;
        n.receptiveField = s.receptiveField + (side - 1) * s.jump;
        n.jump = s.jump;
        n.global = true;
    }

    void conv(bool transposedForm) {
        const torch::Tensor w = attr(1);
        const bool hasBias = attr(2).defined();
        const Ints s = pair(ScriptGraph::intList(arg(3)));
        Ints p = pair(ScriptGraph::intList(arg(4)));
        const Ints dil = pair(ScriptGraph::intList(arg(5)));
        const bool transposed = transposedForm && ScriptGraph::constantBool(arg(6), false);
        const Ints g = ScriptGraph::intList(arg(transposedForm ? 8 : 6));
        const std::int64_t groups = g.empty() ? 1 : g[0];
        if (!w.defined() || w.dim() != 4 || s.size() != 2 || dil.size() != 2) {
            n.type = "Conv";
            same();
            return;
        }
        if (p.size() != 2) p = {0, 0};  // "same"/"valid" string padding: the shapes say the rest
        const Ints k{w.size(2), w.size(3)};
        const std::int64_t inC = transposed ? w.size(0) : w.size(1) * groups;
        const std::int64_t outC = transposed ? w.size(1) * groups : w.size(0);
        n.type = transposed ? "ConvTranspose2d" : "Conv2d";
        n.detail = windowText(k, s, p);
        if (dil[0] != 1 || dil[1] != 1) n.detail += ", dilation " + txt(dil[0]);
        n.detail += ", " + txt(inC) + "→" + txt(outC);
        if (groups > 1)
            n.detail += (groups == inC && groups == outC) ? ", depthwise" : ", groups " + txt(groups);
        const std::int64_t fanGroup = transposed ? outC / groups : inC / groups;
        const std::string fan = txt(k[0]) + "×" + txt(k[1]) + "×" + txt(fanGroup);
        if (n.parameters > 0)
            n.parameterArithmetic = "(" + fan + ")×" + txt(transposed ? inC : outC) +
                                    (hasBias ? " + " + txt(outC) : std::string()) + " = " +
                                    groupDigits(n.parameters);
        if (transposed) {
            n.macs = inC * spatial(in().shape) * k[0] * k[1] * fanGroup;
            n.receptiveField = in().receptiveField + ((k[0] + s[0] - 1) / s[0] - 1) * in().jump;
            n.jump = std::max<std::int64_t>(1, in().jump / s[0]);
            n.global = in().global;
        } else {
            n.macs = numel(n.shape) * k[0] * k[1] * fanGroup;
            if (n.shape.size() == 3)
                n.macArithmetic = txt(n.shape[1]) + "×" + txt(n.shape[2]) + "×" + txt(outC) + " outputs × (" +
                                  fan + ") = " + groupDigits(n.macs);
            window(dil[0] * (k[0] - 1) + 1, s[0]);
        }
    }

    void pool(const char* type, bool avg) {
        const Ints k = pair(ScriptGraph::intList(arg(1)));
        Ints s = pair(ScriptGraph::intList(arg(2)));
        Ints p = pair(ScriptGraph::intList(arg(3)));
        if (k.size() != 2) {
            n.type = type;
            same();
            return;
        }
        if (s.size() != 2) s = k;  // PyTorch: an empty stride means the kernel size
        if (p.size() != 2) p = {0, 0};
        const bool ceil = ScriptGraph::constantBool(arg(avg ? 4 : 5), false);
        n.type = type;
        n.detail = windowText(k, s, p) + (ceil ? ", ceil" : "");
        window(k[0], s[0]);
    }

    void linear(bool addmm) {
        const ArchNode& src = in();
        const std::int64_t inF = src.shape.empty() ? 0 : src.shape.back();
        const std::int64_t outF = n.shape.empty() ? 0 : n.shape.back();
        n.type = "Linear";
        n.detail = txt(inF) + "→" + txt(outF);
        const bool hasBias = addmm || attr(2).defined();
        if (n.parameters > 0)
            n.parameterArithmetic = txt(inF) + "×" + txt(outF) +
                                    (hasBias ? " + " + txt(outF) : std::string()) + " = " +
                                    groupDigits(n.parameters);
        n.macs = numel(n.shape) * inF;
        n.macArithmetic = txt(inF) + " inputs × " + txt(outF) + " outputs = " + groupDigits(n.macs);
        same();
        n.global = true;  // every output reads every input feature, so every input pixel
    }
};

}  // namespace

void describeOperation(const ScriptOp& op, ArchNode& n, const std::vector<ArchNode>& nodes,
                       const std::map<std::string, torch::Tensor>& parameters) {
    Describer d{op, n, nodes, parameters};
    const std::string& k = op.kind;
    const std::size_t sources = op.inputs.size();
    if (k == "aten::_convolution" || k == "aten::conv2d") {
        d.conv(k == "aten::_convolution");
    } else if (k == "aten::conv_transpose2d") {
        d.conv(false);
        n.type = "ConvTranspose2d";
    } else if (k == "aten::batch_norm") {
        n.type = "BatchNorm2d";
        const std::int64_t c = n.shape.empty() ? 0 : n.shape[0];
        n.detail = txt(c) + " channels";
        if (n.parameters == 2 * c && c > 0)
            n.parameterArithmetic = txt(c) + " γ + " + txt(c) + " β = " + groupDigits(2 * c);
        d.same();
    } else if (k == "aten::relu" || k == "aten::relu_") {
        n.type = "ReLU";
        d.same();
    } else if ((k == "aten::hardtanh" || k == "aten::hardtanh_") &&
               ScriptGraph::constantDouble(op.node->input(1), -1) == 0.0 &&
               ScriptGraph::constantDouble(op.node->input(2), -1) == 6.0) {
        n.type = "ReLU6";
        d.same();
    } else if (k == "aten::silu" || k == "aten::silu_") {
        n.type = "SiLU";
        d.same();
    } else if (k == "aten::sigmoid" || k == "aten::sigmoid_") {
        n.type = "Sigmoid";
        d.same();
    } else if (k == "aten::tanh" || k == "aten::tanh_") {
        n.type = "Tanh";
        d.same();
    } else if (k == "aten::max_pool2d") {
        d.pool("MaxPool2d", false);
    } else if (k == "aten::avg_pool2d") {
        d.pool("AvgPool2d", true);
    } else if (k == "aten::adaptive_avg_pool2d" || k == "aten::adaptive_max_pool2d") {
        n.type = k == "aten::adaptive_avg_pool2d" ? "AdaptiveAvgPool2d" : "AdaptiveMaxPool2d";
        const ArchNode& src = d.in();
        if (n.shape.size() == 3) n.detail = "to " + txt(n.shape[1]) + "×" + txt(n.shape[2]);
        if (n.shape.size() == 3 && n.shape[1] == 1 && n.shape[2] == 1) {
            d.wholeInput();
        } else if (n.shape.size() == 3 && src.shape.size() == 3 && n.shape[1] > 0) {
            const std::int64_t f = std::max<std::int64_t>(1, src.shape[1] / n.shape[1]);
            d.window(f, f);
        } else {
            d.same();
        }
    } else if (k == "aten::linear" || k == "aten::addmm") {
        d.linear(k == "aten::addmm");
    } else if ((k == "aten::add" || k == "aten::add_") && sources >= 2) {
        n.type = "Add";
        d.same();
    } else if ((k == "aten::mul" || k == "aten::mul_") && sources >= 2) {
        n.type = "Multiply";
        d.same();
    } else if (k == "aten::cat") {
        n.type = "Concat";
        std::string detail;
        for (int i : op.inputs) {
            const ArchNode& s = nodes.at(std::size_t(i));
            detail += (detail.empty() ? "" : " + ") + (s.shape.empty() ? std::string("?") : txt(s.shape[0]));
        }
        n.detail = detail + " channels";
        d.same();
    } else if (k == "aten::flatten") {
        n.type = "Flatten";
        d.same();
    } else if (k == "aten::view" || k == "aten::reshape") {
        n.type = "Reshape";
        d.same();
    } else if (k == "aten::dropout" || k == "aten::dropout_" || k == "aten::feature_dropout") {
        n.type = "Dropout";
        std::ostringstream p;
        p << "p = " << ScriptGraph::constantDouble(op.node->input(1), 0.0);
        n.detail = p.str();
        d.same();
    } else if (k == "aten::mean" && n.shape.size() < d.in().shape.size()) {
        n.type = "Mean";
        d.wholeInput();
    } else {
        // Anything else keeps LibTorch's name ("softmax", "pad", "upsample_nearest2d").
        std::string s = k.substr(k.find("::") == std::string::npos ? 0 : k.find("::") + 2);
        while (!s.empty() && s.back() == '_') s.pop_back();
        n.type = s;
        d.same();
    }
}

}  // namespace convscope::nn::script
