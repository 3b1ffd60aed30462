// The monkey test (issue 17, "The GUI under input nobody planned"): random clicks, double-clicks, drags,
// wheel turns and keys over every panel of the main window for a fixed time with a fixed seed, answering
// whatever dialog or menu opens. It fails on a crash, a Qt warning that indicates a bug, the window closing
// by itself, memory that keeps growing (long runs), or workers that do not stop when the window goes.
//
//   CONVSCOPE_MONKEY_SEED      the seed of std::mt19937 (default 1)
//   CONVSCOPE_MONKEY_SECONDS   how long to send input (default 25)
//   CONVSCOPE_MONKEY_RSS       where the RSS CSV goes (default: the test's temporary folder)
//   CONVSCOPE_MONKEY_RSS_LIMIT_MIB  allowed growth of the last 5 minutes' median RSS over that of minutes 1-5
//                              (default 512; checked only for runs of 10 minutes or more)
//   CONVSCOPE_MONKEY_VERBOSE   print every event as it is sent
// A long run by hand: QTEST_FUNCTION_TIMEOUT must exceed the run and -maxwarnings 0 keeps Qt Test printing
// after 2000 messages (see docs/reliability.md).
//
// The input is reproducible from the seed, but what it lands on also depends on how fast background work
// finishes: a failure names its seed and the events before it, which is what a replay needs.

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QThreadPool>

#include <memory>

#include "app/gui/document/image_document.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/support/job_runner.h"
#include "tests/app/gui/monkey/monkey_driver.h"
#include "tests/app/gui/monkey/monkey_event_log.h"
#include "tests/app/gui/monkey/qt_warning_guard.h"
#include "tests/app/gui/monkey/rss_sampler.h"
#include "tests/app/gui/shell/main_window_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::tests;

namespace {

double envDouble(const char* name, double fallback) {
    bool ok = false;
    const double value = qEnvironmentVariable(name).toDouble(&ok);
    return ok && value > 0 ? value : fallback;
}

/// The names of the process's threads now (/proc/self/task/*/comm).
QStringList threadNames() {
    QStringList names;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly)) names << QString::fromUtf8(comm.readAll()).trimmed();
    }
    return names;
}

}  // namespace

class TestMonkey : public QObject, public MainWindowFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString error = writeFiles();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Whatever a dialog the monkey accepts writes (exports, runs) lands in the temporary folder.
        QVERIFY(QDir::setCurrent(m_dir.path()));
    }

    void warningPatternsSeparateBugsFromNoise() {
        QVERIFY(
            QtWarningGuard::indicatesBug(QtWarningMsg, "QPainter::begin: Paint device returned engine == 0"));
        QVERIFY(QtWarningGuard::indicatesBug(QtWarningMsg, "QObject::connect: No such signal Foo::bar()"));
        QVERIFY(QtWarningGuard::indicatesBug(QtWarningMsg,
                                             "QBasicTimer::start: Timers cannot be started from "
                                             "another thread"));
        QVERIFY(QtWarningGuard::indicatesBug(QtCriticalMsg, "anything critical"));
        QVERIFY(
            !QtWarningGuard::indicatesBug(QtWarningMsg, "This plugin does not support propagateSizeHints()"));
        QVERIFY(!QtWarningGuard::indicatesBug(QtWarningMsg, "training: no Fashion-MNIST here"));
        QVERIFY(!QtWarningGuard::indicatesBug(QtDebugMsg, "QWidget:: a debug line"));
    }

    void randomInputOverEveryPanel() {
        const auto seed = static_cast<std::uint32_t>(envDouble("CONVSCOPE_MONKEY_SEED", 1));
        const double seconds = envDouble("CONVSCOPE_MONKEY_SECONDS", 25);
        const double limitMiB = envDouble("CONVSCOPE_MONKEY_RSS_LIMIT_MIB", 512);
        QString csv = qEnvironmentVariable("CONVSCOPE_MONKEY_RSS");
        if (csv.isEmpty()) csv = m_dir.filePath(QStringLiteral("monkey_rss.csv"));
        qInfo("monkey: seed %u, %.0f s, RSS CSV %s, Fashion-MNIST %s", seed, seconds, qPrintable(csv),
              QFile::exists("/usr/share/datasets/fashion-mnist") ? "present" : "absent");

        QtWarningGuard warnings;
        MonkeyEventLog log(seed);
        log.installCrashHandler();

        auto window = std::make_unique<gui::MainWindow>(m_samples);
        window->resize(1280, 860);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->activateWindow();
        window->openFile(m_rgb);
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->sourcePath(), m_rgb, 30000);

        RssSampler rss(csv, [&log] { return static_cast<qint64>(log.count()); });
        QVERIFY2(rss.start(), qPrintable(QStringLiteral("cannot write %1").arg(csv)));
        QTimer progress;
        progress.setInterval(60000);
        MonkeyDriver driver(window.get(), window->tabs(), &log, seed);
        connect(&progress, &QTimer::timeout, [&] {
            qInfo("monkey: %.0f s, %lld events, RSS %.1f MiB", driver.elapsedSeconds(),
                  static_cast<long long>(log.count()), RssSampler::currentRssMiB());
        });
        progress.start();
        QEventLoop loop;
        driver.start(seconds, 10, [&loop] { loop.quit(); });
        loop.exec();
        progress.stop();
        rss.stop();

        qInfo("monkey: %lld events in %.1f s, nesting depth up to %d", static_cast<long long>(log.count()),
              driver.elapsedSeconds(), driver.maxDepth());
        qInfo("%s", qPrintable(rss.summary(seconds >= 600 ? 300 : 60)));
        qInfo("monkey: %d other warnings; first ones: %s", warnings.otherCount(),
              qPrintable(warnings.otherSamples().join(QStringLiteral(" | "))));
        QVERIFY2(!driver.windowClosed(),
                 qPrintable(QStringLiteral("the main window closed by itself; last events:\n") + log.dump()));
        QVERIFY2(warnings.bugs().isEmpty(), qPrintable(QStringLiteral("Qt warnings that indicate bugs:\n%1\n"
                                                                      "last events:\n%2")
                                                           .arg(warnings.bugs().join('\n'), log.dump())));
        // Bounded memory: the last five minutes' median against the median of minutes 1 to 5 (the first
        // minute is start-up: Fashion-MNIST, LibTorch and the models load then). Only long runs have both.
        if (seconds >= 600) {
            const double early = rss.medianMiB(60, 300);
            const double late = rss.medianMiB(seconds - 300, seconds + 60);
            qInfo("monkey: RSS median minutes 1-5 %.1f MiB, last 5 minutes %.1f MiB", early, late);
            QVERIFY2(
                late - early <= limitMiB,
                qPrintable(QStringLiteral("RSS grew by %1 MiB (limit %2)").arg(late - early).arg(limitMiB)));
        }

        // The window closes as a user closes it, and every worker stops with it. Threads are told apart by
        // name only, and threads a runner's job started (LibTorch's pool) inherit its name: so each runner
        // must take one thread of its name with it.
        QMap<QString, int> runnerThreads;
        for (gui::JobRunner* runner : window->findChildren<gui::JobRunner*>())
            if (runner->isStarted()) ++runnerThreads[runner->threadName().left(15)];  // the kernel keeps 15
        const QStringList before = threadNames();
        QVERIFY(window->close());
        window.reset();
        QVERIFY(QThreadPool::globalInstance()->waitForDone(120000));
        // LibTorch's OpenMP team of a runner thread ends after that thread has been joined, a moment later.
        for (auto it = runnerThreads.cbegin(); it != runnerThreads.cend(); ++it) {
            const auto gone = [&] {
                return threadNames().count(it.key()) <= before.count(it.key()) - it.value();
            };
            QVERIFY2(
                QTest::qWaitFor(gone, 30000),
                qPrintable(QStringLiteral("a thread '%1' still runs after the window went").arg(it.key())));
        }
        const QStringList after = threadNames();
        qInfo("monkey: %lld runner threads stopped with the window; threads %lld before, %lld after",
              static_cast<long long>(runnerThreads.size()), static_cast<long long>(before.size()),
              static_cast<long long>(after.size()));
        QVERIFY2(warnings.bugs().isEmpty(), qPrintable(warnings.bugs().join('\n')));
    }
};

CONVSCOPE_TEST_MAIN(TestMonkey)
#include "test_monkey.moc"
