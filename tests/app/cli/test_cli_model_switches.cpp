// --no-batch-norm and --dropout P through convscope-cli: describe counts the parameters of the PyTorch
// reference without batch norm (tests/data/nn/model_switches_reference.txt) and shows the layers that come
// and go, a run trained with both switches is evaluated from its checkpoint (the same model rebuilt), and
// bad values or switches that do not apply are refused with one sentence.
#include <QTest>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonObject json(const Result& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

int nodesOfType(const QJsonObject& description, const QString& type) {
    int n = 0;
    for (const QJsonValue& v : description.value("nodes").toArray())
        if (v.toObject().value("type").toString() == type) ++n;
    return n;
}

}  // namespace

class TestCliModelSwitches : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void describeWithoutBatchNorm() {
        const Result with = runCli({"describe", "resnet20", "--in-channels", "3", "--json"});
        QVERIFY2(with.exitCode == 0, qPrintable(with.err));
        QCOMPARE(json(with).value("total_params").toInteger(), 269722);
        QVERIFY(nodesOfType(json(with), "BatchNorm2d") > 0);
        const Result r = runCli({"describe", "resnet20", "--in-channels", "3", "--no-batch-norm", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // make_model_switches_reference.py: resnet20 without batch norm, 3 channels, 10 classes.
        QCOMPARE(json(r).value("total_params").toInteger(), 269034);
        QCOMPARE(nodesOfType(json(r), "BatchNorm2d"), 0);
        const Result text = runCli({"describe", "resnet18", "--no-batch-norm", "--dropout", "0.5"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.startsWith("ResNet-18, no batch norm, dropout 0.5, input 1x28x28"),
                 qPrintable(text.out));
        // make_model_switches_reference.py: resnet18 with the small stem, 1 channel, 10 classes.
        QVERIFY2(text.out.contains("total parameters: 11,168,010"), qPrintable(text.out));
        QVERIFY(text.out.contains("Dropout"));
    }

    void dropoutWhereTheSeedPutsIt() {
        const Result r = runCli({"describe", "lenet5", "--dropout", "0.5", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(nodesOfType(json(r), "Dropout"), 2);
        const Result plain = runCli({"describe", "lenet5", "--json"});
        QCOMPARE(nodesOfType(json(plain), "Dropout"), 0);
        QCOMPARE(json(plain).value("total_params").toInteger(), json(r).value("total_params").toInteger());
    }

    void trainAndEvaluateWithTheSwitches() {
        QVERIFY(QDir().mkpath(path("data")));
        convscope::testing::writeFashionMnistFolder(path("data"), 64, 20);
        const Result r = runCli({"train", "--model", "hierarchicalcnn", "--no-batch-norm", "--dropout", "0.5",
                                 "--epochs", "1", "--batch-size", "32", "--threads", "2", "--data",
                                 path("data"), "--checkpoint", path("h.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains("HierarchicalCNN (stem small, no batch norm, dropout 0.5), 372234 parameters"),
            qPrintable(r.out));
        const Result e =
            runCli({"evaluate", "--checkpoint", path("h.ckpt"), "--data", path("data"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
    }

    void badValues_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("p = 1") << QStringList{"describe", "resnet20", "--dropout", "1"}
                               << "--dropout takes a probability from 0 to below 1 (got 1)";
        QTest::newRow("negative") << QStringList{"describe", "simplecnn", "--dropout", "-0.1"}
                                  << "--dropout takes a probability";
        QTest::newRow("nan") << QStringList{"describe", "simplecnn", "--dropout", "nan"} << "--dropout";
        QTest::newRow("text") << QStringList{"train", "--model", "simplecnn", "--dropout", "half"}
                              << "--dropout";
        QTest::newRow("lenet bn") << QStringList{"describe", "lenet5", "--no-batch-norm"}
                                  << "LeNet-5 has no batch normalisation to remove.";
        QTest::newRow("simplecnn bn") << QStringList{"train", "--model", "simplecnn", "--no-batch-norm"}
                                      << "SimpleCNN has no batch normalisation to remove.";
        QTest::newRow("zoo dropout") << QStringList{"describe", "alexnet", "--dropout", "0.5"}
                                     << "AlexNet keeps its own layers";
        QTest::newRow("lr-find") << QStringList{"lr-find", "--model", "lenet5", "--no-batch-norm"}
                                 << "no batch normalisation";
    }
    void badValues() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);  // one sentence, one line
    }

    void helpDocumentsTheOptions() {
        for (const char* command : {"train", "describe", "lr-find"}) {
            const Result r = runCli({command, "--help"});
            QVERIFY2(r.out.contains("--no-batch-norm") && r.out.contains("--dropout"), command);
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliModelSwitches)
#include "test_cli_model_switches.moc"
