#include "core/common/corrupt_file.h"

#include <filesystem>

namespace convscope::common {

namespace fs = std::filesystem;

std::string CorruptFile::asideName(const std::string& path, std::time_t when) {
    std::tm utc{};
    gmtime_r(&when, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    return path + ".corrupt-" + stamp;
}

CorruptFile::Outcome CorruptFile::setAside(const std::string& path, const std::string& what,
                                           const std::string& reason) {
    Outcome o;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) return o;
    const std::string base = asideName(path, std::time(nullptr));
    std::string target = base;
    // Two damaged files within a second (or one found again after a failed rebuild): keep both.
    for (int n = 2; fs::exists(fs::symlink_status(target, ec)) && n < 1000; ++n)
        target = base + "-" + std::to_string(n);
    fs::rename(path, target, ec);
    if (!ec) {
        o.setAside = true;
        o.newPath = target;
        o.message = what + " " + path + " could not be read (" + reason + "); it was set aside as " +
                    fs::path(target).filename().string() + " and a new one is used.";
        return o;
    }
    const std::string why = ec.message();
    fs::remove(path, ec);
    o.message = what + " " + path + " could not be read (" + reason + ") nor set aside (" + why + "); " +
                (ec ? "it is left unused." : "it was removed and a new one is used.");
    return o;
}

}  // namespace convscope::common
