#include "core/nn/imported/torchscript_file.h"

#include <torch/csrc/jit/serialization/import.h>

#include <filesystem>
#include <fstream>

namespace convscope::nn {

bool isTorchScriptModel(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    // A zip archive's local file header: anything else is not worth handing to the loader.
    char magic[4] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(magic, 4) || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
        return false;
    try {
        const torch::jit::Module m = torch::jit::load(path, torch::kCPU);
        return m.find_method("forward").has_value();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace convscope::nn
