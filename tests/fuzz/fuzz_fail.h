#pragma once

// A broken promise found by a fuzz target (not a crash, but as serious): says which, then traps, so that
// libFuzzer saves the input as a crash. The message also goes through the sanitizer's report channel,
// which libFuzzer keeps open when -close_fd_mask=2 silences the decoders' warnings on stderr.
#include <sanitizer/common_interface_defs.h>

#include <cstdio>
#include <string>

namespace convscope::fuzz {

[[noreturn]] inline void fail(const char* target, const char* what) {
    const std::string message = std::string(target) + ": " + what;
    std::fprintf(stderr, "%s\n", message.c_str());
    __sanitizer_report_error_summary(message.c_str());
    __builtin_trap();
}

}  // namespace convscope::fuzz
