#pragma once

#include <array>
#include <string>

#include <torch/torch.h>

namespace convscope::nn::inception_v3 {

// Inception-v3's building blocks as torchvision 0.14 builds them (torchvision/models/inception.py), with its
// module names, so that parameter names and counts match. Each block's branches are traced as unnamed Branch
// scopes (the layers keep torchvision's names: "Mixed_5b.branch5x5_2.conv").

using Pair = std::array<std::int64_t, 2>;

/// Convolution without bias, batch norm (eps 0.001), ReLU; kernels and paddings may be rectangular (1x7).
class BasicConv2dImpl : public torch::nn::Module {
public:
    /// kh × kw kernel, ph × pw padding (torchvision's kernel_size=(1, 7), padding=(0, 3) is 1, 7, 1, 0, 3).
    BasicConv2dImpl(int in, int out, int kh, int kw, int stride = 1, int ph = 0, int pw = 0);
    /// Traced as "<name>.conv", "<name>.bn", "<name>.relu".
    torch::Tensor forward(const torch::Tensor& x, const std::string& name);
    const torch::Tensor& convWeight() const { return conv->weight; }

private:
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(BasicConv2d);

/// 35×35 module (Mixed_5b–5d): 1x1 | 1x1 → 5x5 | 1x1 → 3x3 → 3x3 | 3x3 average pool → 1x1 (poolFeatures).
class InceptionAImpl : public torch::nn::Module {
public:
    InceptionAImpl(int in, int poolFeatures);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d branch1x1{nullptr}, branch5x5_1{nullptr}, branch5x5_2{nullptr}, branch3x3dbl_1{nullptr},
        branch3x3dbl_2{nullptr}, branch3x3dbl_3{nullptr}, branch_pool{nullptr};
};
TORCH_MODULE(InceptionA);

/// Grid reduction 35 → 17 (Mixed_6a): 3x3 stride 2 | 1x1 → 3x3 → 3x3 stride 2 | 3x3 max pool stride 2.
class InceptionBImpl : public torch::nn::Module {
public:
    explicit InceptionBImpl(int in);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d branch3x3{nullptr}, branch3x3dbl_1{nullptr}, branch3x3dbl_2{nullptr}, branch3x3dbl_3{nullptr};
};
TORCH_MODULE(InceptionB);

/// 17×17 module (Mixed_6b–6e) with the factorised 7x7: 1x1 | 1x1 → 1x7 → 7x1 | 1x1 → 7x1 → 1x7 → 7x1 → 1x7 |
/// 3x3 average pool → 1x1; c7 channels inside the factorised branches.
class InceptionCImpl : public torch::nn::Module {
public:
    InceptionCImpl(int in, int c7);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d branch1x1{nullptr}, branch7x7_1{nullptr}, branch7x7_2{nullptr}, branch7x7_3{nullptr},
        branch7x7dbl_1{nullptr}, branch7x7dbl_2{nullptr}, branch7x7dbl_3{nullptr}, branch7x7dbl_4{nullptr},
        branch7x7dbl_5{nullptr}, branch_pool{nullptr};
};
TORCH_MODULE(InceptionC);

/// Grid reduction 17 → 8 (Mixed_7a): 1x1 → 3x3 stride 2 | 1x1 → 1x7 → 7x1 → 3x3 stride 2 | 3x3 max pool.
class InceptionDImpl : public torch::nn::Module {
public:
    explicit InceptionDImpl(int in);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d branch3x3_1{nullptr}, branch3x3_2{nullptr}, branch7x7x3_1{nullptr}, branch7x7x3_2{nullptr},
        branch7x7x3_3{nullptr}, branch7x7x3_4{nullptr};
};
TORCH_MODULE(InceptionD);

/// 8×8 module (Mixed_7b, 7c) with expanded outputs: 1x1 | 1x1 → (1x3 | 3x1) | 1x1 → 3x3 → (1x3 | 3x1) |
/// 3x3 average pool → 1x1; the parallel 1x3 and 3x1 are concatenated inside their branch.
class InceptionEImpl : public torch::nn::Module {
public:
    explicit InceptionEImpl(int in);
    torch::Tensor forward(const torch::Tensor& x);

private:
    BasicConv2d branch1x1{nullptr}, branch3x3_1{nullptr}, branch3x3_2a{nullptr}, branch3x3_2b{nullptr},
        branch3x3dbl_1{nullptr}, branch3x3dbl_2{nullptr}, branch3x3dbl_3a{nullptr}, branch3x3dbl_3b{nullptr},
        branch_pool{nullptr};
};
TORCH_MODULE(InceptionE);

/// The auxiliary classifier (AuxLogits) on Mixed_6e: 5x5 average pool stride 3, 1x1 → 128, 5x5 → 768,
/// global average pool, fc → classes.
class InceptionAuxImpl : public torch::nn::Module {
public:
    InceptionAuxImpl(int in, int classes);
    torch::Tensor forward(const torch::Tensor& x);
    /// torchvision's initialisation: standard deviation 0.01 for conv1, 0.001 for fc.
    void initialise();

private:
    BasicConv2d conv0{nullptr}, conv1{nullptr};
    torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(InceptionAux);

}  // namespace convscope::nn::inception_v3
