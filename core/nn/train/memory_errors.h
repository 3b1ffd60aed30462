#pragma once

#include <exception>
#include <string>

namespace convscope::nn {

/// Whether `e` says that memory ran out: std::bad_alloc, or LibTorch's allocators' errors
/// ("DefaultCPUAllocator: can't allocate memory", "CUDA out of memory"), which are c10::Error with a long
/// message of their own.
bool isOutOfMemory(const std::exception& e);

/// What to tell the user then.
std::string outOfMemoryMessage();

}  // namespace convscope::nn
