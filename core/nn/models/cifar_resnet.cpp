#include "core/nn/models/cifar_resnet.h"

#include <stdexcept>

#include "core/nn/graph/graph_trace.h"
#include "core/nn/models/resnet.h"

namespace convscope::nn {

namespace {

const int kCifarDepths[] = {20, 32, 44, 56, 110};

/// "resnet56" → 56 and skip true, "plain20" → 20 and skip false; 0 for other names.
int cifarDepthOf(const std::string& name, bool& skip) {
    for (const char* prefix : {"resnet", "plain"}) {
        const std::string p = prefix;
        if (name.rfind(p, 0) != 0) continue;
        for (int depth : kCifarDepths) {
            if (name == p + std::to_string(depth)) {
                skip = p == "resnet";
                return depth;
            }
        }
    }
    return 0;
}

/// optionAShortcut through the tracer: one node without parameters, in a Shortcut scope so that the
/// diagram draws it on the residual arc, as it draws a projection.
torch::Tensor tracedOptionAShortcut(const torch::Tensor& x, int outChannels, int stride) {
    const int in = static_cast<int>(x.size(1));
    trace::ScopeGuard scope("", ScopeKind::Shortcut,
                            "Option A: subsample /" + std::to_string(stride) + ", zero-pad " +
                                std::to_string(in) + "→" + std::to_string(outChannels) + " channels");
    torch::Tensor y = optionAShortcut(x, outChannels, stride);
    trace::GraphRecorder* r = trace::GraphRecorder::current();
    if (!r) return y;
    ArchNode n;
    n.name = r->qualified("shortcut");
    n.type = "ZeroPadShortcut";
    n.detail =
        "stride " + std::to_string(stride) + ", " + std::to_string(in) + "→" + std::to_string(outChannels);
    // A 1x1 window with a stride: the field stays, the jump grows.
    const ArchNode& src = r->nodeOf(x);
    n.receptiveField = src.receptiveField;
    n.jump = src.jump * stride;
    n.global = src.global;
    return r->record({&x}, std::move(y), std::move(n));
}

}  // namespace

bool isCifarNetwork(const std::string& name) {
    bool skip = false;
    return cifarDepthOf(name, skip) > 0;
}

torch::Tensor optionAShortcut(const torch::Tensor& x, int outChannels, int stride) {
    const std::int64_t in = x.size(1);
    if (outChannels < in)
        throw std::invalid_argument("an option-A shortcut cannot reduce " + std::to_string(in) +
                                    " channels to " + std::to_string(outChannels));
    using torch::indexing::None;
    using torch::indexing::Slice;
    torch::Tensor y =
        stride == 1 ? x : x.index({Slice(), Slice(), Slice(None, None, stride), Slice(None, None, stride)});
    if (outChannels == in) return y;
    // Zeros after the existing channels: padding pairs run from the last dimension (W, H) to C.
    return torch::constant_pad_nd(y, {0, 0, 0, 0, 0, outChannels - in}, 0.0);
}

CifarBlockImpl::CifarBlockImpl(int inChannels, int planes, int stride, bool skip, bool batchNorm)
    : m_in(inChannels), m_planes(planes), m_stride(stride), m_skip(skip) {
    conv1 = register_module("conv1", resNetConv(inChannels, planes, 3, stride, 1, batchNorm));
    if (batchNorm) bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
    conv2 = register_module("conv2", resNetConv(planes, planes, 3, 1, 1, batchNorm));
    if (batchNorm) bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
}

torch::Tensor CifarBlockImpl::forward(const torch::Tensor& x) {
    auto norm = [](torch::nn::BatchNorm2d& bn, const torch::Tensor& t, const char* name) {
        return bn ? trace::batchNorm(bn, t, name) : t;
    };
    torch::Tensor out = trace::relu(norm(bn1, trace::conv(conv1, x, "conv1"), "bn1"));
    out = norm(bn2, trace::conv(conv2, out, "conv2"), "bn2");
    if (m_skip) {
        const bool reshape = m_stride != 1 || m_in != m_planes;
        out = trace::add(out, reshape ? tracedOptionAShortcut(x, m_planes, m_stride) : x);
    }
    return trace::relu(out);
}

CifarResNetImpl::CifarResNetImpl(int blocksPerStage, bool skip, int inChannels, int classes, bool batchNorm,
                                 double dropout)
    : m_n(blocksPerStage), m_skip(skip), m_dropout(dropout) {
    conv1 = register_module("conv1", resNetConv(inChannels, 16, 3, 1, 1, batchNorm));
    if (batchNorm) bn1 = register_module("bn1", torch::nn::BatchNorm2d(16));
    int in = 16;
    const int planes[3] = {16, 32, 64};
    for (int stage = 0; stage < 3; ++stage) {
        for (int b = 0; b < blocksPerStage; ++b) {
            const int stride = (stage > 0 && b == 0) ? 2 : 1;
            // Registered as ResNetImpl registers its blocks ("layer1_0"); tapped and traced as "layer1.0".
            CifarBlock block(in, planes[stage], stride, skip, batchNorm);
            m_blocks.push_back(
                register_module("layer" + std::to_string(stage + 1) + "_" + std::to_string(b), block));
            m_blockNames.push_back("layer" + std::to_string(stage + 1) + "." + std::to_string(b));
            in = planes[stage];
        }
    }
    fc = register_module("fc", torch::nn::Linear(64, classes));
    // He initialisation (the paper's [13]) for the convolutions, batch norm as the identity, zero
    // convolution biases without batch norm; fc keeps PyTorch's default.
    initialiseResNetWeights(*this);
}

torch::Tensor CifarResNetImpl::forward(torch::Tensor x, const TapSink& tap) {
    {
        trace::ScopeGuard stem("", ScopeKind::Stage, "Stem");
        x = trace::conv(conv1, x, "conv1");
        if (tap) tap("conv1", x);
        x = trace::relu(bn1 ? trace::batchNorm(bn1, x, "bn1") : x);
    }
    std::size_t i = 0;
    for (int stage = 0; stage < 3; ++stage) {
        const std::string stageName = "layer" + std::to_string(stage + 1);
        trace::ScopeGuard stageScope(stageName, ScopeKind::Stage, "Stage " + std::to_string(stage + 1));
        for (int b = 0; b < m_n; ++b, ++i) {
            trace::ScopeGuard blockScope(std::to_string(b), ScopeKind::Block,
                                         m_skip ? "BasicBlock" : "Plain block");
            x = m_blocks[i]->forward(x);
            if (tap) tap(m_blockNames[i], x);
        }
    }
    {
        trace::ScopeGuard head("", ScopeKind::Stage, "Classifier");
        x = trace::flatten(trace::adaptiveAvgPool(x, 1, "avgpool"));
        if (m_dropout > 0.0) x = trace::dropout(x, m_dropout, is_training());
        x = trace::linear(fc, x, "fc");
    }
    if (tap) tap("fc", x);
    return x;
}

std::vector<std::string> CifarResNetImpl::tapNames() const {
    std::vector<std::string> names{"conv1"};
    names.insert(names.end(), m_blockNames.begin(), m_blockNames.end());
    names.push_back("fc");
    return names;
}

Classifier makeCifarResNet(const ModelConfig& config) {
    bool skip = false;
    const int depth = cifarDepthOf(config.name, skip);
    if (depth == 0) return nullptr;
    if (!config.block.empty() && config.block != "basic")
        throw std::invalid_argument("The CIFAR networks (" + config.name +
                                    ") are built from basic blocks only; the block choice applies to "
                                    "resnet18 … resnet152.");
    return std::make_shared<CifarResNetImpl>((depth - 2) / 6, skip && config.skip, config.inChannels,
                                             config.classes, config.batchNorm, config.dropout);
}

}  // namespace convscope::nn
