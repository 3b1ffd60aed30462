#include "app/cli/output/output_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/cli/parsing/usage_error.h"

namespace convscope::cli {

namespace fs = std::filesystem;

namespace {

std::string folderText(const fs::path& folder) {
    return folder.empty() ? std::string(".") : folder.string();
}

// Creates and removes a file in `folder`: the one test that answers as the save will (permissions, ACLs,
// read-only mounts, quotas on inodes). Returns errno, 0 when the folder takes new files.
int probeFolder(const fs::path& folder) {
    const fs::path probe =
        (folder.empty() ? fs::path(".") : folder) / (".convscope-write-check-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return errno == EEXIST ? 0 : errno;
    ::close(fd);
    ::unlink(probe.c_str());
    return 0;
}

[[noreturn]] void fail(const std::string& what, const std::string& path, const std::string& why) {
    throw UsageError(what + " " + path + " cannot be written: " + why);
}

void checkFolderAccepts(const fs::path& folder, const std::string& what, const std::string& path) {
    std::error_code ec;
    const fs::file_status s = fs::status(folder.empty() ? fs::path(".") : folder, ec);
    if (!fs::exists(s)) fail(what, path, "the folder " + folderText(folder) + " does not exist.");
    if (!fs::is_directory(s)) fail(what, path, folderText(folder) + " is not a folder.");
    if (const int e = probeFolder(folder))
        fail(what, path,
             "the folder " + folderText(folder) + " does not accept new files (" + std::strerror(e) + ").");
}

}  // namespace

void checkWritableFile(const std::string& path, const std::string& what) {
    if (path.empty()) throw UsageError(what + " needs a file name");
    const fs::path p(path);
    std::error_code ec;
    const fs::file_status s = fs::status(p, ec);
    // "run.ckpt/" names a folder even where none exists yet.
    if (fs::is_directory(s) || path.back() == '/') fail(what, path, "it is a folder; give a file name.");
    // A path under a regular file (run.ckpt/x) fails with ENOTDIR in status(): say which part is the file.
    checkFolderAccepts(p.parent_path(), what, path);
    if (fs::exists(s) && !fs::is_regular_file(s)) fail(what, path, "it is not a regular file.");
    if (fs::exists(s) && ::access(p.c_str(), W_OK) != 0)
        fail(what, path, std::string("the file cannot be replaced (") + std::strerror(errno) + ").");
}

void checkWritableFile(const std::string& path, const std::string& what,
                       const std::vector<std::string>& extensions) {
    std::string ext = fs::path(path).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
        std::string list;
        for (const std::string& e : extensions) list += (list.empty() ? "." : " or .") + e;
        throw UsageError(what + " " + path + " has " +
                         (ext.empty() ? std::string("no extension") : "the extension ." + ext) +
                         "; it writes " + list + " files");
    }
    checkWritableFile(path, what);
}

void checkWritableFolder(const std::string& folder, const std::string& what) {
    if (folder.empty()) throw UsageError(what + " needs a folder name");
    std::error_code ec;
    fs::path existing = fs::path(folder);
    const fs::file_status s = fs::status(existing, ec);
    if (fs::exists(s)) {
        if (!fs::is_directory(s)) fail(what, folder, "it is a file, not a folder.");
        if (const int e = probeFolder(existing))
            fail(what, folder,
                 std::string("the folder does not accept new files (") + std::strerror(e) + ").");
        return;
    }
    // Created by the command: the nearest part that exists must be a folder that takes new entries.
    existing = fs::absolute(existing, ec).lexically_normal();
    while (!existing.empty() && existing != existing.root_path() && !fs::exists(existing, ec))
        existing = existing.parent_path();
    if (!fs::is_directory(existing, ec))
        fail(what, folder, existing.string() + " is a file, so the folder cannot be created.");
    if (const int e = probeFolder(existing))
        fail(what, folder, "it cannot be created in " + existing.string() + " (" + std::strerror(e) + ").");
}

}  // namespace convscope::cli
