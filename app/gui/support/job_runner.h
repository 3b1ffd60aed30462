#pragma once

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThread>
#include <QVector>

#include <functional>
#include <memory>

#include "app/gui/support/job_token.h"

namespace convscope::gui {

/// The one way ConvScope runs work off the GUI thread (in the spirit of Hotspot's JobTracker). A runner owns
/// one named thread, started when the first job is posted; its workers (QObjects holding per-thread state
/// such as caches and loaded models) are adopted onto that thread and destroyed there.
///
/// Jobs are posted to a lane: a stream of requests where the newest wins. Posting gives the job a
/// generation and a JobToken, and cancels every earlier job of the lane. Results come back by the workers'
/// queued signals, carrying the generation; the owner keeps a result only when isCurrent() (an intermediate
/// one: a preview, a tile, progress) or finish() (the final result or error, which also marks the lane
/// idle) says it is still the newest.
///
/// Every method but the token's is for the owner's (GUI) thread. The destructor cancels every job, lets the
/// running one return at its next check, stops the thread and destroys the workers on it, in that order.
/// Owners keep their runner as a member with themselves as its parent, so that the runners of a window can
/// be found (findChildren) and their threads counted.
class JobRunner : public QObject {
    Q_OBJECT
public:
    using Job = std::function<void(const JobToken& token)>;

    explicit JobRunner(const QString& threadName, int lanes = 1, QObject* parent = nullptr);
    ~JobRunner() override;

    /// Moves `worker` onto the thread when it starts and destroys it there at shutdown. Takes ownership.
    template <class Worker>
    Worker* adopt(Worker* worker) {
        adoptObject(worker);
        return worker;
    }

    /// Runs `job` on the thread with a new generation of `lane`; earlier jobs of the lane see themselves
    /// cancelled. Marks the lane busy. Returns the generation. An exception escaping `job` is reported by
    /// jobFailed (and logged) instead of reaching the event loop.
    quint64 post(int lane, Job job);
    quint64 post(Job job) { return post(0, std::move(job)); }

    /// For jobs without a worker object: `work(token)` runs on the thread and returns a value, which
    /// `deliver(value)` receives on the owner's thread when the job is still current (finishing the lane).
    template <class Work, class Deliver>
    quint64 run(int lane, Work work, Deliver deliver) {
        return post(lane,
                    [this, work = std::move(work), deliver = std::move(deliver)](const JobToken& token) {
                        auto value = work(token);
                        QMetaObject::invokeMethod(
                            this,
                            [this, token, deliver, value = std::move(value)]() mutable {
                                if (finish(token.lane(), token.generation())) deliver(std::move(value));
                            },
                            Qt::QueuedConnection);
                    });
    }

    /// Whether `generation` is still the newest of `lane` and the runner is not shutting down.
    bool isCurrent(int lane, quint64 generation) const;
    /// For a job's final report: true when it is current, in which case the lane becomes idle.
    bool finish(int lane, quint64 generation);
    /// From post() until the current job's finish(), or until drop().
    bool isBusy(int lane = 0) const;
    quint64 latestGeneration(int lane = 0) const;

    /// Asks the lane's current job to stop; its generation stays current, so the job's own report of the
    /// cancellation still arrives and finishes the lane.
    void cancel(int lane = 0);
    /// Cancels the lane's job and drops its reports: the lane is idle at once.
    void drop(int lane = 0);
    /// Cancels everything and stops the thread (idempotent; the destructor calls it). Owners that must wake
    /// a blocked job (a paused training) do that between cancelling and calling this.
    void shutdown();
    /// Cancels every lane's current job without stopping the thread.
    void cancelAll();

    /// The thread's scheduling priority, applied when it starts (background work such as calibration).
    void setPriority(QThread::Priority priority) { m_priority = priority; }
    bool isStarted() const { return m_started; }
    QString threadName() const { return m_thread.objectName(); }
    int laneCount() const { return m_lanes->lanes; }

Q_SIGNALS:
    /// A job let an exception escape: `message` is its what() (or a generic sentence).
    void jobFailed(int lane, quint64 generation, const QString& message);

private:
    void adoptObject(QObject* worker);
    void ensureStarted();

    QThread m_thread;
    QObject* m_context = nullptr;  ///< lives on the thread; jobs run as its queued calls
    QList<QObject*> m_adopted;
    std::shared_ptr<JobLanes> m_lanes;
    QVector<bool> m_busy;
    QThread::Priority m_priority = QThread::InheritPriority;
    bool m_started = false;
    bool m_shutDown = false;
};

}  // namespace convscope::gui
