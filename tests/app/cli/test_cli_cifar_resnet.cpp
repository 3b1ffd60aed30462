// The CIFAR networks of He et al. 2016 through convscope-cli: describe counts the paper's parameters with
// parameter-free option-A shortcuts, a resnet20 trains on a small Fashion-MNIST-format folder and its
// checkpoint's feature maps and Grad-CAM work at the last block, and the options that do not apply are
// refused with one sentence.
#include <QTest>

#include <QDir>
#include <QFile>
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

QJsonObject nodeNamed(const QJsonObject& description, const QString& name) {
    for (const QJsonValue& v : description.value("nodes").toArray())
        if (v.toObject().value("name").toString() == name) return v.toObject();
    return {};
}

}  // namespace

class TestCliCifarResNet : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(path("data")));
        convscope::testing::writeFashionMnistFolder(path("data"), 64, 20);
    }

    void describeCountsThePapersParameters() {
        for (const char* model : {"resnet56", "plain56"}) {
            const Result r = runCli({"describe", model, "--in-channels", "3", "--size", "32", "--json"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QJsonObject o = json(r);
            QCOMPARE(o.value("total_params").toInteger(), 853018);  // He et al. 2016, Table 6: 0.85M
            QCOMPARE(o.value("taps").toArray().size(), 3 * 9 + 2);
            const QJsonObject pad = nodeNamed(o, "layer2.0.shortcut");
            if (QString(model) == "resnet56") {
                QCOMPARE(pad.value("type").toString(), QString("ZeroPadShortcut"));
                QCOMPARE(pad.value("params").toInteger(), 0);
                QCOMPARE(pad.value("output_shape").toArray().at(0).toInt(), 32);
                QCOMPARE(pad.value("output_shape").toArray().at(1).toInt(), 16);
            } else {
                QVERIFY(pad.isEmpty());
            }
        }
        // The Training panel's defaults: one channel, 28×28 (the first convolution has 288 weights fewer).
        const Result gray = runCli({"describe", "resnet20", "--json"});
        QVERIFY2(gray.exitCode == 0, qPrintable(gray.err));
        QCOMPARE(json(gray).value("total_params").toInteger(), 269722 - 2 * 9 * 16);
        QCOMPARE(json(gray).value("input_shape").toArray().at(2).toInt(), 28);
    }

    void trainFeaturesAndExplain() {
        const Result r = runCli({"train", "--model", "resnet20", "--epochs", "1", "--batch-size", "32",
                                 "--threads", "2", "--data", path("data"), "--checkpoint", path("r20.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("ResNet-20"), qPrintable(r.out));
        QVERIFY2(r.out.contains("epoch 1/1"), qPrintable(r.out));

        const Result f = runCli({"features", "--checkpoint", path("r20.ckpt"), "--index", "0", "--data",
                                 path("data"), path("maps")});
        QVERIFY2(f.exitCode == 0, qPrintable(f.err));
        for (const char* name : {"conv1.png", "layer1.0.png", "layer2.0.png", "layer3.2.png", "fc.png"})
            QVERIFY2(QFile::exists(path("maps/") + name), name);

        const Result e = runCli({"explain", "--checkpoint", path("r20.ckpt"), "--data", path("data"),
                                 "--index", "0", "--method", "gradcam", "--layer", "layer3.2", "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        QCOMPARE(json(e).value("layer").toString(), QString("layer3.2"));
    }

    void optionsThatDoNotApply_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("block") << QStringList{"describe", "resnet20", "--block", "bottleneck"}
                               << "basic blocks";
        QTest::newRow("plain skip") << QStringList{"describe", "plain20", "--no-skip"} << "ResNets only";
        QTest::newRow("unknown depth") << QStringList{"describe", "resnet21"} << "resnet110";
    }
    void optionsThatDoNotApply() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.contains(message), qPrintable(r.err));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliCifarResNet)
#include "test_cli_cifar_resnet.moc"
