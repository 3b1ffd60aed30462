#pragma once

#include <string>

namespace convscope::nn {

/// LibTorch version the engine was built against, e.g. "1.13.0" (Debian's 1.13.1 reports 1.13.0).
std::string torchVersion();

/// Whether LibTorch can use a CUDA device in this process, and how many.
int cudaDeviceCount();

}  // namespace convscope::nn
