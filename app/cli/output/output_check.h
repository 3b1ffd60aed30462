#pragma once

#include <string>
#include <vector>

namespace convscope::cli {

/// Checks, before a command loads data or models, that what it will write can be written, so that a long run
/// does not end (or stop after an epoch) in a failed save. Every check throws UsageError with one sentence
/// that names the option and the path (exit status 2, as for the other mistakes on the command line).
///
/// A probe file is created and removed next to the target: permission bits, a read-only file system, a
/// parent that is a file and a missing folder are all caught the way the real write would meet them (as
/// root, too, where access(2) says yes to everything but a read-only mount).

/// `path` will be written as a file (created or replaced): it is not a folder, its folder exists and
/// accepts new files, and an existing file there can be replaced. `what` names the option ("--checkpoint").
void checkWritableFile(const std::string& path, const std::string& what);

/// As checkWritableFile, and the lower-case extension of `path` is one of `extensions` (without dots).
void checkWritableFile(const std::string& path, const std::string& what,
                       const std::vector<std::string>& extensions);

/// `folder` will receive files: it is a writable folder, or it does not exist yet and the command creates
/// it, in which case its nearest existing ancestor must be a writable folder.
void checkWritableFolder(const std::string& folder, const std::string& what);

}  // namespace convscope::cli
