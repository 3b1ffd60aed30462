#include "core/nn/zoo/zoo_seed_inception.h"

#include "core/nn/graph/graph_trace.h"

namespace convscope::nn {

namespace {

torch::nn::Conv2d seedConv(int in, int out, int kernel, int padding = 0) {
    // nn.Conv2d's defaults, as the seed leaves them: stride 1, bias on.
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(padding));
}

}  // namespace

SeedInceptionImpl::SeedInceptionImpl(int inChannels) {
    // The seed's example arguments: InceptionModule(3, 64, 96, 128, 16, 32, 32), in its order of definition.
    branch1x1 = register_module("branch1x1", seedConv(inChannels, 64, 1));
    branch3x3_reduce = register_module("branch3x3_reduce", seedConv(inChannels, 96, 1));
    branch3x3 = register_module("branch3x3", seedConv(96, 128, 3, 1));
    branch5x5_reduce = register_module("branch5x5_reduce", seedConv(inChannels, 16, 1));
    branch5x5 = register_module("branch5x5", seedConv(16, 32, 5, 2));
    branch_pool_proj = register_module("branch_pool_proj", seedConv(inChannels, 32, 1));
}

torch::Tensor SeedInceptionImpl::forward(torch::Tensor x, const TapSink& tap) {
    using trace::ScopeGuard;
    // The seed calls F.relu, which has no module name: each ReLU is named after the convolution it follows.
    // The branch scopes have no name of their own, so the layers keep the seed's names.
    auto out = [&](const char* name, const torch::Tensor& y) {
        if (tap) tap(name, y);
        return y;
    };
    torch::Tensor y1, y2, y3, y4;
    {
        ScopeGuard s("", ScopeKind::Branch, "1x1");
        y1 = out("branch1x1", trace::relu(trace::conv(branch1x1, x, "branch1x1"), "branch1x1_relu"));
    }
    {
        ScopeGuard s("", ScopeKind::Branch, "1x1 → 3x3");
        torch::Tensor y =
            trace::relu(trace::conv(branch3x3_reduce, x, "branch3x3_reduce"), "branch3x3_reduce_relu");
        y2 = out("branch3x3", trace::relu(trace::conv(branch3x3, y, "branch3x3"), "branch3x3_relu"));
    }
    {
        ScopeGuard s("", ScopeKind::Branch, "1x1 → 5x5 (as in the paper)");
        torch::Tensor y =
            trace::relu(trace::conv(branch5x5_reduce, x, "branch5x5_reduce"), "branch5x5_reduce_relu");
        y3 = out("branch5x5", trace::relu(trace::conv(branch5x5, y, "branch5x5"), "branch5x5_relu"));
    }
    {
        ScopeGuard s("", ScopeKind::Branch, "3x3 max pool → 1x1");
        const torch::Tensor pooled = trace::maxPool(x, 3, 1, 1, false, "branch_pool");
        y4 = out("branch_pool_proj", trace::relu(trace::conv(branch_pool_proj, pooled, "branch_pool_proj"),
                                                 "branch_pool_proj_relu"));
    }
    return out("cat", trace::concat({y1, y2, y3, y4}, "cat"));
}

std::vector<std::string> SeedInceptionImpl::tapNames() const {
    return {"branch1x1", "branch3x3", "branch5x5", "branch_pool_proj", "cat"};
}

Classifier makeSeedInception(int inChannels) {
    return std::make_shared<SeedInceptionImpl>(inChannels);
}

}  // namespace convscope::nn
