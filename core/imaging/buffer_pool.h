#pragma once

// Internal to core/imaging (used by filter_engine.cpp). Header-only: no state beyond one process-wide pool.

#include <algorithm>
#include <cstddef>
#include <deque>
#include <mutex>

#include <opencv2/core.hpp>

namespace convscope::imaging {

/// A small cache of large cv::Mat buffers that their users have released.
///
/// Why: the panel re-filters a 12-megapixel photo on every slider step, and each result needs ~150 MB of
/// fresh memory. Fresh pages are zeroed by the kernel on first touch, which costs as much as a 3x3 filter
/// itself (and several times more on some virtual machines). Reusing released buffers removes that cost.
///
/// A buffer counts as released when the pool's own header is its only reference (OpenCV's reference count
/// is 1), so a caller that keeps a result, or any view of it, is never handed the same memory. Thread-safe.
class BufferPool {
public:
    /// Idle memory kept for reuse; beyond it the least recently used idle buffers are freed.
    static constexpr size_t kMaxIdleBytes = size_t{512} << 20;
    /// Buffers smaller than this come straight from the allocator (cheap, not worth tracking).
    static constexpr size_t kMinPooledBytes = size_t{1} << 20;

    static BufferPool& instance() {
        static BufferPool* pool = new BufferPool;  // never destroyed: results may outlive static destructors
        return *pool;
    }

    /// A continuous rows x cols matrix of `type` with unspecified contents.
    cv::Mat acquire(int rows, int cols, int type) {
        const size_t bytes = static_cast<size_t>(rows) * static_cast<size_t>(cols) * CV_ELEM_SIZE(type);
        if (bytes < kMinPooledBytes) return cv::Mat(rows, cols, type);
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (auto it = m_buffers.begin(); it != m_buffers.end(); ++it) {
            if (it->rows == rows && it->cols == cols && it->type() == type && isIdle(*it)) {
                cv::Mat found = *it;
                m_buffers.erase(it);
                m_buffers.push_back(found);  // most recently used at the back
                return found;
            }
        }
        cv::Mat fresh(rows, cols, type);
        m_buffers.push_back(fresh);
        trim();
        return fresh;
    }

private:
    static bool isIdle(const cv::Mat& m) { return CV_XADD(&m.u->refcount, 0) == 1; }

    // Drops the pool's reference to old buffers: idle ones while the idle total is too large, and busy ones
    // beyond a fixed count (their users keep them alive; the pool just forgets them).
    void trim() {
        size_t idle = 0;
        for (const cv::Mat& m : m_buffers)
            if (isIdle(m)) idle += m.total() * m.elemSize();
        for (auto it = m_buffers.begin(); it != m_buffers.end() && idle > kMaxIdleBytes;) {
            if (isIdle(*it)) {
                idle -= it->total() * it->elemSize();
                it = m_buffers.erase(it);
            } else {
                ++it;
            }
        }
        constexpr size_t kMaxTracked = 16;
        while (m_buffers.size() > kMaxTracked) m_buffers.pop_front();
    }

    std::mutex m_mutex;
    std::deque<cv::Mat> m_buffers;
};

}  // namespace convscope::imaging
