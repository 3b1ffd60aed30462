#pragma once

#include <cstddef>
#include <string>

namespace convscope::nn {

/// The sink LibTorch writes a checkpoint archive through (OutputArchive::save_to with a writer function).
///
/// LibTorch 1.13 cannot fail a write safely: when a write comes back short (a full disk), PyTorchStreamWriter
/// throws, and its destructor then finishes the archive, sees the error again and throws from a destructor,
/// which terminates the process. So this writer answers every write as done, keeps the first error, writes
/// nothing after it, and reports it from finish(), once LibTorch has let go of the archive.
class CheckedFileWriter {
public:
    /// Creates (or truncates) `path`; error() says why when it cannot.
    explicit CheckedFileWriter(const std::string& path);
    ~CheckedFileWriter();
    CheckedFileWriter(const CheckedFileWriter&) = delete;
    CheckedFileWriter& operator=(const CheckedFileWriter&) = delete;

    /// Writes `n` bytes; always returns `n` (see the class comment).
    std::size_t write(const void* data, std::size_t n);

    /// Flushes the file to the disk (fsync: a file system that reports a full disk late reports it here)
    /// and closes it. Returns the first error of the whole write, empty when everything was written.
    std::string finish();

    /// The first error so far, empty when none.
    const std::string& error() const { return m_error; }

private:
    void fail(int errorNumber);

    int m_fd = -1;
    std::string m_error;
};

}  // namespace convscope::nn
