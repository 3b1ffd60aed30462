#pragma once

#include <ctime>
#include <string>

namespace convscope::common {

/// Sets a damaged file aside so that the application can start from defaults or rebuild it, while the user
/// keeps the original: settings, run records and caches that cannot be read back are renamed to
/// `<name>.corrupt-<UTC timestamp>` (e.g. ConvScope.ini.corrupt-20261208-001500) next to where they were.
/// Every reader of a file the application writes for itself uses this one class, so the name and the
/// message are the same everywhere.
class CorruptFile {
public:
    /// What happened, for the log or the status bar.
    struct Outcome {
        bool setAside = false;  ///< the file was renamed (false: it could not be, or did not exist)
        std::string newPath;    ///< where it is now
        std::string message;    ///< one sentence for the user
    };

    /// Renames `path` to asideName(path, now) (with -2, -3 … when that name is taken). `what` says what the
    /// file is ("The settings file"), `reason` why it is set aside ("it cannot be parsed"). When the rename
    /// fails the file is removed instead, so that the rebuilt file can take its place; the message says so.
    static Outcome setAside(const std::string& path, const std::string& what, const std::string& reason);

    /// `path` + ".corrupt-YYYYMMDD-HHMMSS" (UTC).
    static std::string asideName(const std::string& path, std::time_t when);
};

}  // namespace convscope::common
