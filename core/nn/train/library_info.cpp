#include "core/nn/train/library_info.h"

// Only the two light headers: <torch/torch.h> would cost ~30 s of compile time for a version string.
#include <torch/cuda.h>
#include <torch/version.h>

namespace convscope::nn {

std::string torchVersion() {
    return TORCH_VERSION;
}

int cudaDeviceCount() {
    return static_cast<int>(torch::cuda::device_count());
}

}  // namespace convscope::nn
