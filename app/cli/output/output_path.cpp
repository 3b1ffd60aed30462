#include "app/cli/output/output_path.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "app/cli/output/output_check.h"
#include "app/cli/parsing/usage_error.h"
#include "core/imaging/image_loader.h"

namespace convscope::cli {

std::string outputExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

void checkOutputExtension(const std::string& path, const std::string& what) {
    const std::vector<std::string> known = imaging::supportedExtensions();
    const std::string ext = outputExtension(path);
    if (std::find(known.begin(), known.end(), ext) != known.end()) return;
    std::string list;
    for (const std::string& e : known) list += (list.empty() ? "." : " .") + e;
    throw UsageError(what + " '" + path + "' has " +
                     (ext.empty() ? "no extension" : "the unsupported type ." + ext) + "; use one of " +
                     list);
}

void checkOutputFolder(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
        throw std::runtime_error("cannot save " + std::filesystem::path(path).filename().string() +
                                 ": the folder " + parent.string() + " does not exist");
    }
    // A folder that exists but takes no new files, a folder given as the output, a file as the folder.
    checkWritableFile(path, "the output");
}

bool isTiffPath(const std::string& path) {
    const std::string ext = outputExtension(path);
    return ext == "tif" || ext == "tiff";
}

}  // namespace convscope::cli
