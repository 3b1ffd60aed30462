#pragma once

#include <string>

#include "core/common/kernel.h"

namespace convscope::imaging {

/// Parses a kernel written as rows of whitespace-separated numbers; blank lines and lines whose first
/// non-blank character is '#' are ignored. Throws std::invalid_argument with the 1-based line number for a
/// token that is not a finite number, rows of unequal length, an empty kernel or one larger than
/// common::Kernel::kMaxSide.
common::Kernel parseKernelText(const std::string& text);

/// Reads and parses a kernel file (at most 1 MiB). Throws std::runtime_error when it cannot be read.
common::Kernel readKernelFile(const std::string& path);

/// Writes `kernel` in the format parseKernelText reads, with a comment header.
void writeKernelFile(const std::string& path, const common::Kernel& kernel, const std::string& comment = {});

}  // namespace convscope::imaging
