// The one translation unit of convscope_torch_pch, the target that owns the precompiled <torch/torch.h>
// (cmake/ConvScopeTargets.cmake). It needs no code of its own.
namespace convscope {
int torchPrecompiledHeaderAnchor() {
    return 0;
}
}  // namespace convscope
