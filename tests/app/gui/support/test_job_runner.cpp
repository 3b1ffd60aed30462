// JobRunner, the one worker-thread helper: lazy start, thread name, newest-wins lanes, cancellation that
// still reports, dropped lanes, exceptions turned into a signal, and shutdown in the right order (running job
// cancelled and waited for, queued jobs skipped, workers destroyed on their thread).
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "app/gui/support/job_runner.h"
#include "tests/support/test_main.h"

using convscope::gui::JobRunner;
using convscope::gui::JobToken;

namespace {

// Records on which thread it is destroyed.
class ProbeWorker : public QObject {
public:
    explicit ProbeWorker(std::shared_ptr<std::atomic<QThread*>> destroyedOn)
        : m_destroyedOn(std::move(destroyedOn)) {}
    ~ProbeWorker() override { m_destroyedOn->store(QThread::currentThread()); }

private:
    std::shared_ptr<std::atomic<QThread*>> m_destroyedOn;
};

// Spins until `flag` is set or the token is cancelled; returns whether it saw the cancellation.
bool spinUntil(const std::atomic<bool>& flag, const JobToken& token) {
    QElapsedTimer timer;
    timer.start();
    while (!flag.load() && !token.isCancelled() && timer.elapsed() < 20000) std::this_thread::yield();
    return token.isCancelled();
}

}  // namespace

class TestJobRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threadStartsOnFirstPostWithItsName() {
        JobRunner runner(QStringLiteral("probe thread"));
        QVERIFY(!runner.isStarted());
        auto name = std::make_shared<QString>();
        auto thread = std::make_shared<std::atomic<QThread*>>(nullptr);
        std::atomic<bool> done{false};
        runner.post([&](const JobToken&) {
            *name = QThread::currentThread()->objectName();
            thread->store(QThread::currentThread());
            done = true;
        });
        QVERIFY(runner.isStarted());
        QTRY_VERIFY(done.load());
        QCOMPARE(*name, QStringLiteral("probe thread"));
        QVERIFY(thread->load() != QThread::currentThread());
    }

    void newestJobOfALaneWins() {
        JobRunner runner(QStringLiteral("lanes"), 2);
        std::atomic<bool> release{false}, firstSawCancel{false}, secondRan{false}, otherLaneCancelled{true};
        std::atomic<bool> firstStarted{false};
        const quint64 first = runner.post(0, [&](const JobToken& token) {
            firstStarted = true;
            firstSawCancel = spinUntil(release, token);
        });
        QTRY_VERIFY(firstStarted.load());
        const quint64 other =
            runner.post(1, [&](const JobToken& token) { otherLaneCancelled = token.isCancelled(); });
        const quint64 second = runner.post(0, [&](const JobToken&) { secondRan = true; });
        QVERIFY(second > first);
        QVERIFY(!runner.isCurrent(0, first));
        QVERIFY(runner.isCurrent(0, second));
        QVERIFY(runner.isCurrent(1, other));
        QTRY_VERIFY(secondRan.load());
        QVERIFY(firstSawCancel.load());       // overtaken while running: its token said so
        QVERIFY(!otherLaneCancelled.load());  // the other lane is not disturbed
        QVERIFY(runner.isBusy(0));
        QVERIFY(!runner.finish(0, first));  // an old result does not end the lane
        QVERIFY(runner.isBusy(0));
        QVERIFY(runner.finish(0, second));
        QVERIFY(!runner.isBusy(0));
    }

    void queuedJobsOvertakenBeforeTheyRunAreSkipped() {
        JobRunner runner(QStringLiteral("skip"));
        std::atomic<bool> release{false}, started{false};
        std::atomic<int> ran{0};
        runner.post([&](const JobToken& token) {
            started = true;
            spinUntil(release, token);
        });
        QTRY_VERIFY(started.load());
        for (int i = 0; i < 5; ++i) runner.post([&](const JobToken&) { ++ran; });
        QTRY_COMPARE(ran.load(), 1);  // only the newest of the five ran
        QTest::qWait(50);
        QCOMPARE(ran.load(), 1);
    }

    void cancelKeepsTheJobCurrentSoItCanReport() {
        JobRunner runner(QStringLiteral("cancel"));
        std::atomic<bool> release{false}, started{false}, sawCancel{false};
        const quint64 generation = runner.post([&](const JobToken& token) {
            started = true;
            sawCancel = spinUntil(release, token);
        });
        QTRY_VERIFY(started.load());
        runner.cancel();
        QTRY_VERIFY(sawCancel.load());
        QVERIFY(runner.isCurrent(0, generation));
        QVERIFY(runner.finish(0, generation));
        // A job posted after a cancellation is not cancelled.
        std::atomic<bool> fresh{true};
        runner.post([&](const JobToken& token) { fresh = !token.isCancelled(); });
        QTRY_VERIFY(fresh.load());
    }

    void cancelBeforeTheJobRunsStillRunsIt() {
        // A one-at-a-time job (an export) must always report how it ended, even when cancelled while queued.
        JobRunner runner(QStringLiteral("queued cancel"));
        std::atomic<bool> release{false}, started{false}, blockerDone{false};
        runner.post(0, [&](const JobToken&) {
            started = true;
            while (!release.load()) std::this_thread::yield();
            blockerDone = true;
        });
        QTRY_VERIFY(started.load());
        // The blocker still runs; queue the next job behind it (it supersedes the blocker's lane generation).
        std::atomic<bool> ranCancelled{false};
        runner.post(0, [&](const JobToken& token) { ranCancelled = token.isCancelled(); });
        runner.cancel();
        release = true;
        QTRY_VERIFY(blockerDone.load());
        QTRY_VERIFY(ranCancelled.load());
    }

    void dropEndsTheLaneAtOnce() {
        JobRunner runner(QStringLiteral("drop"));
        std::atomic<bool> release{false}, started{false}, sawCancel{false};
        const quint64 generation = runner.post([&](const JobToken& token) {
            started = true;
            sawCancel = spinUntil(release, token);
        });
        QTRY_VERIFY(started.load());
        runner.drop();
        QVERIFY(!runner.isBusy());
        QVERIFY(!runner.isCurrent(0, generation));
        QTRY_VERIFY(sawCancel.load());
    }

    void tokenControlsCoreFunctions() {
        JobRunner runner(QStringLiteral("control"));
        std::atomic<bool> started{false}, release{false}, thrown{false};
        runner.post([&](const JobToken& token) {
            started = true;
            const convscope::common::JobControl control = token.control();
            while (!release.load() && !control.cancelled()) std::this_thread::yield();
            try {
                token.throwIfCancelled();
            } catch (const convscope::common::Cancelled&) {
                thrown = true;
            }
        });
        QTRY_VERIFY(started.load());
        runner.cancel();
        QTRY_VERIFY(thrown.load());
        QVERIFY(!JobToken().isCancelled());  // a default token never is
    }

    void runDeliversOnTheOwnersThreadWhenCurrent() {
        JobRunner runner(QStringLiteral("run"));
        QThread* deliveredOn = nullptr;
        int value = 0;
        runner.run(
            0, [](const JobToken&) { return 42; },
            [&](int v) {
                value = v;
                deliveredOn = QThread::currentThread();
            });
        QVERIFY(runner.isBusy());
        QTRY_COMPARE(value, 42);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY(!runner.isBusy());
    }

    void escapingExceptionBecomesASignal() {
        JobRunner runner(QStringLiteral("throws"));
        QSignalSpy failed(&runner, &JobRunner::jobFailed);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("throws: a job let an exception escape")));
        const quint64 generation =
            runner.post([](const JobToken&) { throw std::runtime_error("broken input"); });
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toInt(), 0);
        QCOMPARE(failed.at(0).at(1).toULongLong(), generation);
        QCOMPARE(failed.at(0).at(2).toString(), QStringLiteral("broken input"));
    }

    void shutdownCancelsWaitsAndDestroysWorkersOnTheirThread() {
        auto destroyedOn = std::make_shared<std::atomic<QThread*>>(nullptr);
        std::atomic<bool> started{false}, sawCancel{false}, queuedRan{false};
        std::atomic<QThread*> jobThread{nullptr};
        std::atomic<bool> never{false};
        {
            JobRunner runner(QStringLiteral("shutdown"), 2);
            runner.adopt(new ProbeWorker(destroyedOn));
            runner.post(0, [&](const JobToken& token) {
                jobThread = QThread::currentThread();
                started = true;
                sawCancel = spinUntil(never, token);
            });
            runner.post(1, [&](const JobToken&) { queuedRan = true; });
            QTRY_VERIFY(started.load());
        }  // the destructor returns only after the running job has seen its cancellation and returned
        QVERIFY(sawCancel.load());
        QVERIFY(!queuedRan.load());
        QVERIFY(destroyedOn->load() != nullptr);
        QCOMPARE(destroyedOn->load(), jobThread.load());
    }

    void workersOfARunnerThatNeverStartedAreDestroyed() {
        auto destroyedOn = std::make_shared<std::atomic<QThread*>>(nullptr);
        {
            JobRunner runner(QStringLiteral("idle"));
            runner.adopt(new ProbeWorker(destroyedOn));
        }
        QCOMPARE(destroyedOn->load(), QThread::currentThread());
    }

    void postAfterShutdownIsRefused() {
        JobRunner runner(QStringLiteral("closed"));
        runner.shutdown();
        std::atomic<bool> ran{false};
        QCOMPARE(runner.post([&](const JobToken&) { ran = true; }), quint64(0));
        QVERIFY(!runner.isStarted());
        QTest::qWait(20);
        QVERIFY(!ran.load());
    }
};

CONVSCOPE_TEST_MAIN(TestJobRunner)
#include "test_job_runner.moc"
