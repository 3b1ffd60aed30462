#pragma once

#include <torch/torch.h>

#include <string>

namespace convscope::nn {

struct DeviceChoice {
    torch::Device device = torch::kCPU;
    std::string description;  ///< "CPU, 2 threads" or "CUDA device 0 (NVIDIA H100)"
    std::string note;         ///< why CUDA was not used when it was asked for; empty otherwise
};

/// CUDA when `requested` is "cuda" and LibTorch sees a device, else the CPU with the reason ("this LibTorch
/// was built without CUDA", "no CUDA device is visible"). Also sets LibTorch's intra-op thread count to
/// `threads` (0: the hardware's concurrency): Debian's LibTorch otherwise runs on one thread.
DeviceChoice chooseDevice(const std::string& requested, int threads);

}  // namespace convscope::nn
