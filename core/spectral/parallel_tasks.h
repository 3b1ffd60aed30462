#pragma once

// Internal to core/spectral: runs independent tasks on a few threads without OpenCV or a thread pool library.

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/common/job_control.h"

namespace convscope::spectral::detail {

/// Runs task(index, worker) for index 0 … count − 1 on `workers` threads (the calling thread is worker 0).
/// Only the calling thread talks to `control` (as JobControl promises): it reports (done, count) after each
/// of its tasks and polls isCancelled; a cancellation stops the tasks not yet started and throws
/// common::Cancelled. The first exception a task throws is rethrown here.
template <typename Task>
void runTasks(int count, int workers, const common::JobControl& control, Task&& task) {
    if (control.cancelled()) throw common::Cancelled{};
    workers = std::max(1, std::min(workers, count));
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::exception_ptr failure;
    auto loop = [&](int worker) {
        for (;;) {
            if (stop.load(std::memory_order_relaxed)) return;
            const int index = next.fetch_add(1);
            if (index >= count) return;
            try {
                task(index, worker);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            done.fetch_add(1);
            if (worker == 0) {
                control.progress(done.load(), count);
                if (control.cancelled()) stop = true;
            }
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(workers - 1));
    for (int w = 1; w < workers; ++w) threads.emplace_back(loop, w);
    loop(0);
    for (std::thread& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (stop && done.load() < count) throw common::Cancelled{};
}

}  // namespace convscope::spectral::detail
