#include "core/nn/train/checked_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace convscope::nn {

CheckedFileWriter::CheckedFileWriter(const std::string& path) {
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0) fail(errno);
}

CheckedFileWriter::~CheckedFileWriter() {
    if (m_fd >= 0) ::close(m_fd);
}

void CheckedFileWriter::fail(int errorNumber) {
    if (m_error.empty()) m_error = std::strerror(errorNumber);
}

std::size_t CheckedFileWriter::write(const void* data, std::size_t n) {
    if (!m_error.empty() || m_fd < 0) return n;
    const char* p = static_cast<const char*>(data);
    std::size_t left = n;
    while (left > 0) {
        const ssize_t written = ::write(m_fd, p, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            fail(written < 0 ? errno : ENOSPC);
            break;
        }
        p += written;
        left -= std::size_t(written);
    }
    return n;
}

std::string CheckedFileWriter::finish() {
    if (m_fd >= 0) {
        if (m_error.empty() && ::fsync(m_fd) != 0) fail(errno);
        if (::close(m_fd) != 0) fail(errno);
        m_fd = -1;
    }
    return m_error;
}

}  // namespace convscope::nn
