// Errors before work, not after: every output a command writes is checked before it loads data or models (an
// unwritable --checkpoint fails at once with one sentence and exit status 2, here proven by a missing
// dataset or model that the command never gets to read), and a checkpoint save that fails part-way (a full
// disk: the child runs under RLIMIT_FSIZE) stops train with one sentence, keeps the previous checkpoint byte
// for byte and loadable, and leaves no temporary file.
#include <sys/resource.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <random>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QByteArray bytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// convscope-cli with its files limited to `limit` bytes, as on a disk that is full past that size.
Result runLimited(const QStringList& args, rlim_t limit) {
    QProcess process;
    process.setChildProcessModifier([limit] {
        rlimit r{};
        getrlimit(RLIMIT_FSIZE, &r);
        r.rlim_cur = limit;
        setrlimit(RLIMIT_FSIZE, &r);
    });
    process.start(QStringLiteral(CONVSCOPE_BINARY_DIR "/app/cli/convscope-cli"), args);
    Result result;
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

bool oneLineError(const Result& r) {
    return r.err.startsWith("convscope-cli: error: ") && r.err.count('\n') == 1;
}

}  // namespace

class TestCliOutputErrors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(path("data")));
        QVERIFY(QDir().mkpath(path("folder")));
        convscope::testing::writeFashionMnistFolder(path("data"), 200, 100);
        std::ofstream(path("file.txt").toStdString()) << "a file, not a folder";
    }

    // Each command line names data or a model that does not exist: a command that checked its outputs after
    // loading would fail on those (exit status 1) instead.
    void unwritableOutputsFailFirst_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList train{"train", "--model", "lenet5", "--data", "{dir}/nowhere"};
        QTest::newRow("checkpoint under a file")
            << train + QStringList{"--checkpoint", "{dir}/file.txt/run.ckpt"} << "file.txt is not a folder";
        QTest::newRow("checkpoint in a missing folder")
            << train + QStringList{"--checkpoint", "{dir}/missing/run.ckpt"} << "does not exist";
        QTest::newRow("checkpoint is a folder")
            << train + QStringList{"--checkpoint", "{dir}/folder"} << "it is a folder";
        // /proc takes no new files, even from root (whom permission bits do not stop).
        QTest::newRow("checkpoint in a read-only folder")
            << train + QStringList{"--checkpoint", "/proc/run.ckpt"} << "does not accept new files";
        QTest::newRow("metrics under a file")
            << train + QStringList{"--metrics", "{dir}/file.txt/m.jsonl"} << "--metrics";
        QTest::newRow("resumed checkpoint in a read-only folder")
            << QStringList{"train", "--resume", "/proc/run.ckpt"} << "--resume /proc/run.ckpt";
        QTest::newRow("transfer folder under a file")
            << QStringList{"transfer", "--data", "{dir}/nowhere", "--out", "{dir}/file.txt/runs"}
            << "the folder cannot be created";
        QTest::newRow("transfer folder is a file")
            << QStringList{"transfer", "--data", "{dir}/nowhere", "--out", "{dir}/file.txt"} << "is a file";
        QTest::newRow("features folder under a file")
            << QStringList{"features", "--checkpoint",       "{dir}/none.ckpt", "--index",
                           "0",        "{dir}/file.txt/maps"}
            << "OUTDIR";
        QTest::newRow("explain picture of another type")
            << QStringList{"explain",  "--checkpoint", "{dir}/none.ckpt", "--index",      "0",
                           "--method", "saliency",     "--png",           "{dir}/map.jpg"}
            << "writes .png files";
        QTest::newRow("explain picture in a read-only folder")
            << QStringList{"explain",  "--checkpoint", "{dir}/none.ckpt", "--index",      "0",
                           "--method", "saliency",     "--png",           "/proc/map.png"}
            << "--png /proc/map.png";
        QTest::newRow("dataset image of an unknown type")
            << QStringList{"dataset-image", "--data", "{dir}/nowhere", "--index", "0", "{dir}/x.txt"}
            << "OUTPUT";
        QTest::newRow("dataset image under a file")
            << QStringList{"dataset-image", "--data", "{dir}/nowhere", "--index", "0", "{dir}/file.txt/x.png"}
            << "file.txt is not a folder";
        QTest::newRow("kernel file under a file")
            << QStringList{"kernels", "--name", "sobel-x", "--save", "{dir}/file.txt/k.txt"} << "--save";
    }
    void unwritableOutputsFailFirst() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        for (QString& a : args) a.replace("{dir}", m_dir.path());
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(oneLineError(r), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // The check leaves nothing behind and lets a writable run through.
    void writableOutputsPass() {
        const Result r = runCli({"train", "--model", "lenet5", "--data", path("data"), "--limit-train", "50",
                                 "--limit-test", "20", "--checkpoint", path("folder/ok.ckpt"), "--metrics",
                                 path("folder/ok.jsonl")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QDir(path("folder")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList({"ok.ckpt", "ok.jsonl"}));
    }

    void fullDiskKeepsThePreviousCheckpoint() {
        const QString ckpt = path("run.ckpt");
        const QStringList common{"--data", path("data"), "--limit-test", "20"};
        const Result first = runCli(QStringList{"train", "--model", "lenet5", "--checkpoint", ckpt} + common);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QByteArray before = bytes(ckpt);
        QVERIFY(before.size() > 100000);

        // Epoch 2's save meets a "disk" full after 64 kB.
        const Result full =
            runLimited(QStringList{"train", "--resume", ckpt, "--epochs", "2"} + common, 65536);
        QCOMPARE(full.exitCode, 1);
        QVERIFY2(oneLineError(full), qPrintable(full.err));
        QVERIFY2(full.err.contains("Training stopped after epoch 2 of 2") &&
                     full.err.contains("the previous checkpoint there is kept") &&
                     full.err.contains("It holds epoch 1") && full.err.contains("--resume " + ckpt),
                 qPrintable(full.err));
        QVERIFY(bytes(ckpt) == before);
        QVERIFY(!QFileInfo::exists(ckpt + ".tmp"));

        // Still a checkpoint: it evaluates, and the run continues from it once there is room.
        const Result evaluate = runCli({"evaluate", "--checkpoint", ckpt, "--data", path("data")});
        QVERIFY2(evaluate.exitCode == 0, qPrintable(evaluate.err));
        const Result resumed = runCli(QStringList{"train", "--resume", ckpt, "--epochs", "2"} + common);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.out.contains("after epoch 1"), qPrintable(resumed.out));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliOutputErrors)
#include "test_cli_output_errors.moc"
