#pragma once

namespace convscope::cli {

/// Points file descriptor 2 at /dev/null while it lives. libpng, libjpeg and libtiff print their own
/// warnings straight to stderr when they meet a damaged file; the CLI promises exactly one error line, which
/// it prints itself after the silencer is gone. Single-threaded use only (the CLI's main thread).
class StderrSilencer {
public:
    StderrSilencer();
    ~StderrSilencer();
    StderrSilencer(const StderrSilencer&) = delete;
    StderrSilencer& operator=(const StderrSilencer&) = delete;

private:
    int m_saved = -1;
};

}  // namespace convscope::cli
