#pragma once

// Internal to core/imaging (used by filter_engine.cpp). Header-only, like its siblings, so that the library's
// source list stays as agreed.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include <opencv2/core/utility.hpp>

#include "core/common/job_control.h"

namespace convscope::imaging {

/// Runs body(band) for bands 0..count-1 on OpenCV's thread pool in one parallel loop (threads take bands
/// as they become free: no barrier between groups of bands, which costs dearly when other programs share
/// the cores).
///
/// JobControl promises that its callbacks run on the calling thread. When a control has callbacks, the
/// loop therefore runs on a helper thread while the calling thread polls isCancelled and reports progress
/// every few milliseconds; a cancellation stops the bands that have not started yet and throws
/// common::Cancelled, also when it arrives after the last band. Progress is reported as
/// (progressBase + bands done, progressTotal) so that two passes can count as one job. The first exception
/// a band throws is rethrown on the calling thread.
template <typename Body>
void runBands(int count, const common::JobControl& control, Body&& body, int progressBase = 0,
              int progressTotal = 0) {
    if (progressTotal == 0) progressTotal = count;
    if (control.cancelled()) throw common::Cancelled{};

    std::atomic<bool> stop{false};
    std::atomic<int> done{0};
    std::mutex mutex;
    std::condition_variable finishedChanged;
    bool finished = false;
    std::exception_ptr failure;
    auto fail = [&] {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
    };
    auto work = [&] {
        try {
            cv::parallel_for_(
                cv::Range(0, count),
                [&](const cv::Range& range) {
                    for (int band = range.start; band < range.end && !stop.load(std::memory_order_relaxed);
                         ++band) {
                        try {
                            body(band);
                        } catch (...) {
                            fail();
                        }
                        done.fetch_add(1, std::memory_order_relaxed);
                    }
                },
                count);
        } catch (...) {
            fail();
        }
        {
            const std::lock_guard<std::mutex> lock(mutex);
            finished = true;
        }
        finishedChanged.notify_all();
    };

    bool cancelled = false;
    int reported = 0;
    if (!control.isCancelled && !control.onProgress) {
        work();
    } else {
        std::thread worker(work);
        std::unique_lock<std::mutex> lock(mutex);
        while (!finished) {
            finishedChanged.wait_for(lock, std::chrono::milliseconds(5));
            lock.unlock();
            if (!cancelled && control.cancelled()) {
                cancelled = true;
                stop = true;
            }
            const int now = done.load(std::memory_order_relaxed);
            if (now != reported && !cancelled) {
                control.progress(progressBase + now, progressTotal);
                reported = now;
            }
            lock.lock();
        }
        lock.unlock();
        worker.join();
        if (!cancelled && control.cancelled()) cancelled = true;
    }
    if (failure) std::rethrow_exception(failure);
    if (cancelled) throw common::Cancelled{};
    if (reported != count) control.progress(progressBase + count, progressTotal);
}

}  // namespace convscope::imaging
