#include "core/nn/imported/torchscript_file.h"

#include <caffe2/serialize/inline_container.h>

#include <filesystem>
#include <fstream>

namespace convscope::nn {

bool isTorchScriptModel(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    // A zip archive's local file header: anything else is not worth handing to the reader.
    char magic[4] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(magic, 4) || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
        return false;
    // Only the archive's compiled code is read, never its tensors: the GUI asks this when a file is chosen,
    // and loading a ResNet-50 to answer would freeze the window. torch.jit.save writes each module class's
    // methods as Python source under code/; a ConvScope checkpoint (a LibTorch archive of attributes) and a
    // torch.save state dict have no forward method there.
    try {
        caffe2::serialize::PyTorchStreamReader reader(path);
        for (const std::string& record : reader.getAllRecords()) {
            if (record.rfind("code/", 0) != 0 || record.size() < 3 ||
                record.compare(record.size() - 3, 3, ".py") != 0)
                continue;
            const auto [data, size] = reader.getRecord(record);
            const std::string source(static_cast<const char*>(data.get()), size);
            if (source.find("def forward(") != std::string::npos) return true;
        }
    } catch (const std::exception&) {
    }
    return false;
}

}  // namespace convscope::nn
