#include "core/nn/zoo/zoo_inception_v3_blocks.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn::inception_v3 {

namespace {

using trace::ScopeGuard;

/// One unnamed Branch scope around `f`: the diagram draws consecutive ones side by side.
template <class F>
torch::Tensor v3Branch(const char* title, F&& f) {
    ScopeGuard s("", ScopeKind::Branch, title);
    return f();
}

torch::Tensor v3AvgPool3(const torch::Tensor& x) {
    // F.avg_pool2d(x, kernel_size=3, stride=1, padding=1): the padding counts as zeros, as PyTorch's default.
    return trace::avgPool(x, 3, 1, 1, false, "avg_pool");
}

}  // namespace

BasicConv2dImpl::BasicConv2dImpl(int in, int out, int kh, int kw, int stride, int ph, int pw) {
    const Pair kernel{kh, kw}, padding{ph, pw};
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, torch::ExpandingArray<2>(kernel))
                                      .stride(stride)
                                      .padding(torch::ExpandingArray<2>(padding))
                                      .bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(0.001)));
}

torch::Tensor BasicConv2dImpl::forward(const torch::Tensor& x, const std::string& name) {
    const torch::Tensor y =
        trace::batchNorm(bn, trace::conv(conv, x, (name + ".conv").c_str()), (name + ".bn").c_str());
    return trace::relu(y, (name + ".relu").c_str());
}

// --- InceptionA

InceptionAImpl::InceptionAImpl(int in, int poolFeatures) {
    branch1x1 = register_module("branch1x1", BasicConv2d(in, 64, 1, 1));
    branch5x5_1 = register_module("branch5x5_1", BasicConv2d(in, 48, 1, 1));
    branch5x5_2 = register_module("branch5x5_2", BasicConv2d(48, 64, 5, 5, 1, 2, 2));
    branch3x3dbl_1 = register_module("branch3x3dbl_1", BasicConv2d(in, 64, 1, 1));
    branch3x3dbl_2 = register_module("branch3x3dbl_2", BasicConv2d(64, 96, 3, 3, 1, 1, 1));
    branch3x3dbl_3 = register_module("branch3x3dbl_3", BasicConv2d(96, 96, 3, 3, 1, 1, 1));
    branch_pool = register_module("branch_pool", BasicConv2d(in, poolFeatures, 1, 1));
}

torch::Tensor InceptionAImpl::forward(const torch::Tensor& x) {
    const torch::Tensor b1 = v3Branch("1x1", [&] { return branch1x1->forward(x, "branch1x1"); });
    const torch::Tensor b5 = v3Branch("1x1 → 5x5", [&] {
        return branch5x5_2->forward(branch5x5_1->forward(x, "branch5x5_1"), "branch5x5_2");
    });
    const torch::Tensor b3 = v3Branch("1x1 → 3x3 → 3x3", [&] {
        const torch::Tensor y = branch3x3dbl_1->forward(x, "branch3x3dbl_1");
        return branch3x3dbl_3->forward(branch3x3dbl_2->forward(y, "branch3x3dbl_2"), "branch3x3dbl_3");
    });
    const torch::Tensor bp =
        v3Branch("3x3 avg pool → 1x1", [&] { return branch_pool->forward(v3AvgPool3(x), "branch_pool"); });
    return trace::concat({b1, b5, b3, bp}, "cat");
}

// --- InceptionB

InceptionBImpl::InceptionBImpl(int in) {
    branch3x3 = register_module("branch3x3", BasicConv2d(in, 384, 3, 3, 2));
    branch3x3dbl_1 = register_module("branch3x3dbl_1", BasicConv2d(in, 64, 1, 1));
    branch3x3dbl_2 = register_module("branch3x3dbl_2", BasicConv2d(64, 96, 3, 3, 1, 1, 1));
    branch3x3dbl_3 = register_module("branch3x3dbl_3", BasicConv2d(96, 96, 3, 3, 2));
}

torch::Tensor InceptionBImpl::forward(const torch::Tensor& x) {
    const torch::Tensor b3 = v3Branch("3x3, stride 2", [&] { return branch3x3->forward(x, "branch3x3"); });
    const torch::Tensor bd = v3Branch("1x1 → 3x3 → 3x3, stride 2", [&] {
        const torch::Tensor y = branch3x3dbl_1->forward(x, "branch3x3dbl_1");
        return branch3x3dbl_3->forward(branch3x3dbl_2->forward(y, "branch3x3dbl_2"), "branch3x3dbl_3");
    });
    const torch::Tensor bp =
        v3Branch("3x3 max pool, stride 2", [&] { return trace::maxPool(x, 3, 2, 0, false, "max_pool"); });
    return trace::concat({b3, bd, bp}, "cat");
}

// --- InceptionC

InceptionCImpl::InceptionCImpl(int in, int c7) {
    branch1x1 = register_module("branch1x1", BasicConv2d(in, 192, 1, 1));
    branch7x7_1 = register_module("branch7x7_1", BasicConv2d(in, c7, 1, 1));
    branch7x7_2 = register_module("branch7x7_2", BasicConv2d(c7, c7, 1, 7, 1, 0, 3));
    branch7x7_3 = register_module("branch7x7_3", BasicConv2d(c7, 192, 7, 1, 1, 3, 0));
    branch7x7dbl_1 = register_module("branch7x7dbl_1", BasicConv2d(in, c7, 1, 1));
    branch7x7dbl_2 = register_module("branch7x7dbl_2", BasicConv2d(c7, c7, 7, 1, 1, 3, 0));
    branch7x7dbl_3 = register_module("branch7x7dbl_3", BasicConv2d(c7, c7, 1, 7, 1, 0, 3));
    branch7x7dbl_4 = register_module("branch7x7dbl_4", BasicConv2d(c7, c7, 7, 1, 1, 3, 0));
    branch7x7dbl_5 = register_module("branch7x7dbl_5", BasicConv2d(c7, 192, 1, 7, 1, 0, 3));
    branch_pool = register_module("branch_pool", BasicConv2d(in, 192, 1, 1));
}

torch::Tensor InceptionCImpl::forward(const torch::Tensor& x) {
    const torch::Tensor b1 = v3Branch("1x1", [&] { return branch1x1->forward(x, "branch1x1"); });
    const torch::Tensor b7 = v3Branch("1x1 → 1x7 → 7x1", [&] {
        torch::Tensor y = branch7x7_1->forward(x, "branch7x7_1");
        return branch7x7_3->forward(branch7x7_2->forward(y, "branch7x7_2"), "branch7x7_3");
    });
    const torch::Tensor bd = v3Branch("1x1 → 7x1 → 1x7 → 7x1 → 1x7", [&] {
        torch::Tensor y = branch7x7dbl_1->forward(x, "branch7x7dbl_1");
        y = branch7x7dbl_2->forward(y, "branch7x7dbl_2");
        y = branch7x7dbl_3->forward(y, "branch7x7dbl_3");
        y = branch7x7dbl_4->forward(y, "branch7x7dbl_4");
        return branch7x7dbl_5->forward(y, "branch7x7dbl_5");
    });
    const torch::Tensor bp =
        v3Branch("3x3 avg pool → 1x1", [&] { return branch_pool->forward(v3AvgPool3(x), "branch_pool"); });
    return trace::concat({b1, b7, bd, bp}, "cat");
}

// --- InceptionD

InceptionDImpl::InceptionDImpl(int in) {
    branch3x3_1 = register_module("branch3x3_1", BasicConv2d(in, 192, 1, 1));
    branch3x3_2 = register_module("branch3x3_2", BasicConv2d(192, 320, 3, 3, 2));
    branch7x7x3_1 = register_module("branch7x7x3_1", BasicConv2d(in, 192, 1, 1));
    branch7x7x3_2 = register_module("branch7x7x3_2", BasicConv2d(192, 192, 1, 7, 1, 0, 3));
    branch7x7x3_3 = register_module("branch7x7x3_3", BasicConv2d(192, 192, 7, 1, 1, 3, 0));
    branch7x7x3_4 = register_module("branch7x7x3_4", BasicConv2d(192, 192, 3, 3, 2));
}

torch::Tensor InceptionDImpl::forward(const torch::Tensor& x) {
    const torch::Tensor b3 = v3Branch("1x1 → 3x3, stride 2", [&] {
        return branch3x3_2->forward(branch3x3_1->forward(x, "branch3x3_1"), "branch3x3_2");
    });
    const torch::Tensor b7 = v3Branch("1x1 → 1x7 → 7x1 → 3x3, stride 2", [&] {
        torch::Tensor y = branch7x7x3_1->forward(x, "branch7x7x3_1");
        y = branch7x7x3_2->forward(y, "branch7x7x3_2");
        y = branch7x7x3_3->forward(y, "branch7x7x3_3");
        return branch7x7x3_4->forward(y, "branch7x7x3_4");
    });
    const torch::Tensor bp =
        v3Branch("3x3 max pool, stride 2", [&] { return trace::maxPool(x, 3, 2, 0, false, "max_pool"); });
    return trace::concat({b3, b7, bp}, "cat");
}

// --- InceptionE

InceptionEImpl::InceptionEImpl(int in) {
    branch1x1 = register_module("branch1x1", BasicConv2d(in, 320, 1, 1));
    branch3x3_1 = register_module("branch3x3_1", BasicConv2d(in, 384, 1, 1));
    branch3x3_2a = register_module("branch3x3_2a", BasicConv2d(384, 384, 1, 3, 1, 0, 1));
    branch3x3_2b = register_module("branch3x3_2b", BasicConv2d(384, 384, 3, 1, 1, 1, 0));
    branch3x3dbl_1 = register_module("branch3x3dbl_1", BasicConv2d(in, 448, 1, 1));
    branch3x3dbl_2 = register_module("branch3x3dbl_2", BasicConv2d(448, 384, 3, 3, 1, 1, 1));
    branch3x3dbl_3a = register_module("branch3x3dbl_3a", BasicConv2d(384, 384, 1, 3, 1, 0, 1));
    branch3x3dbl_3b = register_module("branch3x3dbl_3b", BasicConv2d(384, 384, 3, 1, 1, 1, 0));
    branch_pool = register_module("branch_pool", BasicConv2d(in, 192, 1, 1));
}

torch::Tensor InceptionEImpl::forward(const torch::Tensor& x) {
    // The 1x3 and 3x1 of a branch read the same tensor in parallel: Branch scopes inside the branch.
    auto split = [](const torch::Tensor& y, BasicConv2d& a, const char* an, BasicConv2d& b, const char* bn,
                    const char* cat) {
        const torch::Tensor ya = v3Branch("1x3", [&] { return a->forward(y, an); });
        const torch::Tensor yb = v3Branch("3x1", [&] { return b->forward(y, bn); });
        return trace::concat({ya, yb}, cat);
    };
    const torch::Tensor b1 = v3Branch("1x1", [&] { return branch1x1->forward(x, "branch1x1"); });
    const torch::Tensor b3 = v3Branch("1x1 → (1x3 | 3x1)", [&] {
        const torch::Tensor y = branch3x3_1->forward(x, "branch3x3_1");
        return split(y, branch3x3_2a, "branch3x3_2a", branch3x3_2b, "branch3x3_2b", "branch3x3_cat");
    });
    const torch::Tensor bd = v3Branch("1x1 → 3x3 → (1x3 | 3x1)", [&] {
        const torch::Tensor y =
            branch3x3dbl_2->forward(branch3x3dbl_1->forward(x, "branch3x3dbl_1"), "branch3x3dbl_2");
        return split(y, branch3x3dbl_3a, "branch3x3dbl_3a", branch3x3dbl_3b, "branch3x3dbl_3b",
                     "branch3x3dbl_cat");
    });
    const torch::Tensor bp =
        v3Branch("3x3 avg pool → 1x1", [&] { return branch_pool->forward(v3AvgPool3(x), "branch_pool"); });
    return trace::concat({b1, b3, bd, bp}, "cat");
}

// --- InceptionAux

InceptionAuxImpl::InceptionAuxImpl(int in, int classes) {
    conv0 = register_module("conv0", BasicConv2d(in, 128, 1, 1));
    conv1 = register_module("conv1", BasicConv2d(128, 768, 5, 5));
    fc = register_module("fc", torch::nn::Linear(768, classes));
}

void InceptionAuxImpl::initialise() {
    torch::NoGradGuard noGrad;
    torch::nn::init::normal_(conv1->convWeight(), 0.0, 0.01).clamp_(-2.0, 2.0);
    torch::nn::init::normal_(fc->weight, 0.0, 0.001).clamp_(-2.0, 2.0);
}

torch::Tensor InceptionAuxImpl::forward(const torch::Tensor& x) {
    torch::Tensor y = trace::avgPool(x, 5, 3, 0, false, "avg_pool");
    y = conv1->forward(conv0->forward(y, "conv0"), "conv1");
    y = trace::flatten(trace::adaptiveAvgPool(y, 1, "adaptive_avg_pool"), "flatten");
    return trace::linear(fc, y, "fc");
}

}  // namespace convscope::nn::inception_v3
