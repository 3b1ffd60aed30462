#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>

#include "core/common/job_control.h"

namespace convscope::gui {

/// The state a JobRunner shares with the jobs it posted: per lane, the newest generation and the newest one
/// cancelled; for the runner, whether it is shutting down. Written on the GUI thread, read anywhere.
struct JobLanes {
    explicit JobLanes(int count)
        : lanes(count), latest(new std::atomic<quint64>[count]), cancelled(new std::atomic<quint64>[count]) {
        for (int i = 0; i < count; ++i) {
            latest[i] = 0;
            cancelled[i] = 0;
        }
    }
    const int lanes;
    std::unique_ptr<std::atomic<quint64>[]> latest;
    std::unique_ptr<std::atomic<quint64>[]> cancelled;  ///< every generation up to this one is cancelled
    std::atomic<bool> shutdown{false};
};

/// What a job asks while it runs: "should I stop?". A job is cancelled once a newer job was posted to its
/// lane (the newest request wins), once its lane was cancelled, or once the runner shuts down. Tokens are
/// small values, safe to copy and to read from any thread. A default-constructed token is never cancelled.
class JobToken {
public:
    JobToken() = default;
    JobToken(std::shared_ptr<const JobLanes> lanes, int lane, quint64 generation)
        : m_lanes(std::move(lanes)), m_lane(lane), m_generation(generation) {}

    quint64 generation() const { return m_generation; }
    int lane() const { return m_lane; }

    bool isCancelled() const {
        return isSuperseded() || (m_lanes && m_lanes->cancelled[m_lane].load() >= m_generation);
    }
    /// Cancelled for good: a newer job took the lane, or the runner is shutting down. (A job that was only
    /// cancelled still reports that it stopped; a superseded one is not listened to any more.)
    bool isSuperseded() const {
        return m_lanes && (m_lanes->shutdown.load() || m_lanes->latest[m_lane].load() != m_generation);
    }
    /// Throws common::Cancelled when cancelled: for work that unwinds by exception, as core functions do.
    void throwIfCancelled() const {
        if (isCancelled()) throw common::Cancelled{};
    }
    /// The core library's progress/cancel contract, polling this token.
    common::JobControl control(std::function<void(int done, int total)> onProgress = {}) const {
        common::JobControl c;
        c.onProgress = std::move(onProgress);
        c.isCancelled = [token = *this] { return token.isCancelled(); };
        return c;
    }

private:
    std::shared_ptr<const JobLanes> m_lanes;
    int m_lane = 0;
    quint64 m_generation = 0;
};

}  // namespace convscope::gui
