#include "core/nn/train/device_choice.h"

#include <thread>

namespace convscope::nn {

DeviceChoice chooseDevice(const std::string& requested, int threads) {
    const int n = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    if (torch::get_num_threads() != n) torch::set_num_threads(n);
    DeviceChoice c;
    if (requested == "cuda") {
        if (torch::cuda::is_available()) {
            c.device = torch::Device(torch::kCUDA, 0);
            c.description = "CUDA device 0 (" + std::to_string(torch::cuda::device_count()) + " visible)";
            return c;
        }
        c.note = torch::cuda::device_count() == 0
                     ? "CUDA was asked for, but no CUDA device is visible (or this LibTorch was built "
                       "without CUDA): "
                       "training on the CPU."
                     : "CUDA was asked for but is not usable: training on the CPU.";
    }
    c.description = "CPU, " + std::to_string(n) + (n == 1 ? " thread" : " threads");
    return c;
}

}  // namespace convscope::nn
