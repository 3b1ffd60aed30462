#pragma once

#include <functional>

namespace convscope::common {

/// Progress and cancellation contract for long-running core functions.
/// Passed by const reference; either callback may be empty. Callbacks are invoked on the thread that runs
/// the core function, so they must be thread-safe with respect to whoever set them up.
struct JobControl {
    std::function<void(int done, int total)> onProgress;
    std::function<bool()> isCancelled;

    bool cancelled() const { return isCancelled && isCancelled(); }
    void progress(int done, int total) const {
        if (onProgress) onProgress(done, total);
    }
};

/// Thrown by core functions that stop early because JobControl::isCancelled returned true.
struct Cancelled {};

}  // namespace convscope::common
