#include "app/cli/output/stderr_silencer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace convscope::cli {

StderrSilencer::StderrSilencer() {
    std::fflush(stderr);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null < 0) return;  // nothing to silence with: messages stay visible, which is harmless
    m_saved = ::dup(STDERR_FILENO);
    if (m_saved >= 0) ::dup2(null, STDERR_FILENO);
    ::close(null);
}

StderrSilencer::~StderrSilencer() {
    if (m_saved < 0) return;
    std::fflush(stderr);
    ::dup2(m_saved, STDERR_FILENO);
    ::close(m_saved);
}

}  // namespace convscope::cli
