#pragma once

#include <string>

namespace convscope::cli {

/// Lower-case extension of `path` without the dot ("" when there is none).
std::string outputExtension(const std::string& path);

/// Throws UsageError unless `path` ends in an extension saveImage can write; `what` names the argument.
void checkOutputExtension(const std::string& path, const std::string& what);

/// Throws std::runtime_error when the folder `path` would be written into does not exist, and UsageError
/// when it cannot be written otherwise (checkWritableFile), so that a long computation does not end in a
/// failed save.
void checkOutputFolder(const std::string& path);

bool isTiffPath(const std::string& path);

}  // namespace convscope::cli
