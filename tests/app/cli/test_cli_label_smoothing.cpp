// train --label-smoothing ε (and lr-find's) as a user runs it, on a small Fashion-MNIST-format folder made
// here: the value stored with the run (the checkpoint's settings), the first logged loss against the same run
// without smoothing, and the values out of range rejected with one sentence.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/nn/train/checkpoint.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

// The first step line of a metrics file.
QJsonObject firstStep(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        if (o.value("type").toString() != "epoch") return o;
    }
    return {};
}

}  // namespace

class TestCliLabelSmoothing : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QStringList trainArgs(const QString& name) const {
        return {"train",
                "--model",
                "simplecnn",
                "--epochs",
                "1",
                "--batch-size",
                "32",
                "--threads",
                "2",
                "--log-every",
                "1",
                "--limit-train",
                "64",
                "--data",
                path("data"),
                "--metrics",
                path(name + ".jsonl"),
                "--checkpoint",
                path(name + ".ckpt")};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(path("data")));
        convscope::testing::writeFashionMnistFolder(path("data"), 64, 20);
    }

    void storedAndUsed() {
        QStringList args = trainArgs("smooth");
        args << "--label-smoothing"
             << "0.2";
        const Result r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("label smoothing 0.2 (targets 0.82 and 0.02)"), qPrintable(r.out));
        const auto state = convscope::nn::readCheckpointState(path("smooth.ckpt").toStdString());
        QCOMPARE(state.config.labelSmoothing, 0.2);
        QVERIFY(QString::fromStdString(state.config.toText()).contains("label_smoothing=0.2\n"));

        const Result plain = runCli(trainArgs("plain"));
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QVERIFY(!plain.out.contains("label smoothing"));
        QCOMPARE(convscope::nn::readCheckpointState(path("plain.ckpt").toStdString()).config.labelSmoothing,
                 0.0);
        // The same seed, weights and first batch: only the loss's targets differ.
        const double smoothLoss = firstStep(path("smooth.jsonl")).value("loss").toDouble(-1);
        const double plainLoss = firstStep(path("plain.jsonl")).value("loss").toDouble(-1);
        QVERIFY(smoothLoss > 0 && plainLoss > 0);
        QVERIFY2(qAbs(smoothLoss - plainLoss) > 1e-6,
                 qPrintable(QString("%1 %2").arg(smoothLoss).arg(plainLoss)));
    }

    void resumeKeepsIt() {
        const Result r = runCli({"train", "--resume", path("smooth.ckpt"), "--epochs", "2",
                                 "--label-smoothing", "0.1", "--data", path("data")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("keeps its checkpoint's --label-smoothing"), qPrintable(r.err));
    }

    void badValues_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        for (const char* command : {"train", "lr-find"}) {
            const QStringList base{command,  "--model",    "simplecnn",
                                   "--data", path("data"), "--label-smoothing"};
            QTest::addRow("%s one", command)
                << (base + QStringList{"1"}) << "--label-smoothing takes an ε from 0 to below 1 (got 1)";
            QTest::addRow("%s negative", command) << (base + QStringList{"-0.1"}) << "(got -0.1)";
            QTest::addRow("%s text", command) << (base + QStringList{"much"}) << "--label-smoothing";
            QTest::addRow("%s nan", command) << (base + QStringList{"nan"}) << "--label-smoothing";
        }
    }
    void badValues() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void lrFindTakesIt() {
        const Result r =
            runCli({"lr-find", "--model", "simplecnn", "--data", path("data"), "--batch-size", "32",
                    "--threads", "2", "--steps", "3", "--label-smoothing", "0.1", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value("label_smoothing").toDouble(), 0.1);
    }

    void helpNamesIt() {
        for (const char* command : {"train", "lr-find"})
            QVERIFY2(runCli({command, "--help"}).out.contains("--label-smoothing"), command);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliLabelSmoothing)
#include "test_cli_label_smoothing.moc"
