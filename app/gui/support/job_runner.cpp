#include "app/gui/support/job_runner.h"

#include <QMetaObject>
#include <QtDebug>

#include <exception>

namespace convscope::gui {

JobRunner::JobRunner(const QString& threadName, int lanes, QObject* parent)
    : QObject(parent), m_lanes(std::make_shared<JobLanes>(qMax(1, lanes))), m_busy(qMax(1, lanes), false) {
    m_thread.setObjectName(threadName);
}

JobRunner::~JobRunner() {
    shutdown();
}

void JobRunner::adoptObject(QObject* worker) {
    Q_ASSERT(worker && !worker->parent());
    m_adopted.append(worker);
    if (m_started) {
        worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    }
}

void JobRunner::ensureStarted() {
    if (m_started) return;
    m_started = true;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // Deferred deletions still run after the loop has ended: everything living on the thread goes with it.
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    for (QObject* worker : std::as_const(m_adopted)) {
        worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    }
    m_thread.start(m_priority);
}

quint64 JobRunner::post(int lane, Job job) {
    Q_ASSERT(lane >= 0 && lane < m_lanes->lanes);
    if (m_shutDown) return 0;
    ensureStarted();
    const quint64 generation = ++m_lanes->latest[lane];
    m_busy[lane] = true;
    JobToken token(m_lanes, lane, generation);
    QMetaObject::invokeMethod(
        m_context,
        [this, job = std::move(job), token] {
            // Skipped unread when it was overtaken while queued (a job that was only cancelled still runs,
            // to report that it stopped).
            if (token.isSuperseded()) return;
            QString failure;
            try {
                job(token);
                return;
            } catch (const common::Cancelled&) {
                return;
            } catch (const std::exception& e) {
                failure = QString::fromLocal8Bit(e.what());
            } catch (...) {
                failure = tr("The job failed for an unknown reason.");
            }
            qWarning("%s: a job let an exception escape: %s", qPrintable(m_thread.objectName()),
                     qPrintable(failure));
            // `this` outlives every job: the destructor waits for the thread.
            QMetaObject::invokeMethod(
                this, [this, token, failure] { Q_EMIT jobFailed(token.lane(), token.generation(), failure); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return generation;
}

bool JobRunner::isCurrent(int lane, quint64 generation) const {
    return !m_shutDown && generation != 0 && m_lanes->latest[lane].load() == generation;
}

bool JobRunner::finish(int lane, quint64 generation) {
    if (!isCurrent(lane, generation)) return false;
    m_busy[lane] = false;
    return true;
}

bool JobRunner::isBusy(int lane) const {
    return m_busy.value(lane);
}

quint64 JobRunner::latestGeneration(int lane) const {
    return m_lanes->latest[lane].load();
}

void JobRunner::cancel(int lane) {
    m_lanes->cancelled[lane] = m_lanes->latest[lane].load();
}

void JobRunner::drop(int lane) {
    ++m_lanes->latest[lane];
    m_busy[lane] = false;
}

void JobRunner::cancelAll() {
    for (int lane = 0; lane < m_lanes->lanes; ++lane) cancel(lane);
}

void JobRunner::shutdown() {
    if (m_shutDown) return;
    m_shutDown = true;
    m_lanes->shutdown = true;
    m_busy.fill(false);
    if (m_started) {
        m_thread.quit();
        m_thread.wait();
    } else {
        // Never started: the workers still live on this thread.
        qDeleteAll(m_adopted);
    }
    m_adopted.clear();
}

}  // namespace convscope::gui
