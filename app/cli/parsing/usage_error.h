#pragma once

#include <stdexcept>

namespace convscope::cli {

/// A mistake in the command line (unknown option, missing or malformed value, unknown name): the program
/// exits with status 2, as opposed to 1 for failures while doing the work.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace convscope::cli
