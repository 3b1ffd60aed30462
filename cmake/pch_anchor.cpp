// The one translation unit of the targets that own a precompiled header (convscope_torch_pch and the Qt
// ones, cmake/ConvScopeTargets.cmake): they exist to make the header, and need no code of their own.
namespace convscope {
int precompiledHeaderAnchor() {
    return 0;
}
}  // namespace convscope
