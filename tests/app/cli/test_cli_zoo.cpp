// describe (every zoo model), zoo and costs run as separate processes, checked against torchvision's numbers
// (tests/data/nn/zoo_reference.txt) and hand computation.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/core/nn/zoo/zoo_reference.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonObject nodeNamed(const QJsonObject& description, const QString& name) {
    for (const QJsonValue& v : description.value("nodes").toArray())
        if (v.toObject().value("name").toString() == name) return v.toObject();
    return {};
}

}  // namespace

class TestCliZoo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describeUsesImagenetDefaultsForTheZoo() {
        const auto ref = loadZooReference();
        const Result r = runCli({"describe", "resnet101", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("total_params").toInteger(), ref.at("resnet101").params);
        QCOMPARE(o.value("total_macs").toInteger(), ref.at("resnet101").macs);
        QCOMPARE(o.value("input_shape").toArray().at(2).toInt(), 224);
        const QJsonObject add = nodeNamed(o, "layer3.22.add");
        QCOMPARE(add.value("type").toString(), QString("Add"));
        QCOMPARE(add.value("inputs").toArray().size(), 2);
        QCOMPARE(nodeNamed(o, "layer1.0.conv2").value("params_arithmetic").toString(),
                 QString("(3×3×64)×64 = 36,864"));
    }

    void describeTextListsEveryLayer() {
        const Result r = runCli({"describe", "googlenet", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("inception3a.branch2.1.conv"));
        QVERIFY(r.out.contains("Concat"));
        QVERIFY(r.out.contains("total parameters: 6,624,904"));
    }

    void seBlocksAreSidePaths() {
        const Result r = runCli({"describe", "efficientnet_b0", "--size", "64", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("total_params").toInteger(), 5288548);
        int sidePaths = 0;
        for (const QJsonValue& s : o.value("scopes").toArray())
            sidePaths += s.toObject().value("kind") == "side path";
        QCOMPARE(sidePaths, 16);  // one squeeze-and-excitation per MBConv block
    }

    void zooListsEveryModel() {
        const auto ref = loadZooReference();
        const Result r = runCli({"zoo", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray models = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(models.size() >= 30);
        int checked = 0;
        for (const QJsonValue& v : models) {
            const QJsonObject m = v.toObject();
            QVERIFY2(!m.contains("error"), qPrintable(m.value("error").toString()));
            const auto it = ref.find(m.value("model").toString().toStdString());
            if (it == ref.end() || m.value("model") == "unet") continue;
            QCOMPARE(m.value("params").toInteger(), it->second.params);
            QCOMPARE(m.value("macs").toInteger(), it->second.macs);
            ++checked;
        }
        QVERIFY(checked >= 20);
        const Result text = runCli({"zoo", "--size", "32"});
        QVERIFY(text.out.contains("efficientnet_b7") && text.out.contains("84.3%"));
    }

    void costsMatchTheSeeds() {
        const Result r = runCli({"costs", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray dw = o.value("depthwise").toObject().value("rows").toArray();
        QCOMPARE(dw.at(0).toObject().value("macs").toInteger(), 86400);
        QCOMPARE(dw.at(1).toObject().value("macs").toInteger(), 10275);
        QCOMPARE(o.value("scaling").toArray().size(), 8);
        const Result custom = runCli({"costs", "depthwise", "--in", "32", "--out", "64", "--size", "114"});
        QVERIFY(custom.out.contains("112×112×64 outputs × (3×3×32)"));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("too small") << QStringList{"describe", "alexnet", "--size", "16"} << "features.";
        QTest::newRow("unknown") << QStringList{"describe", "vgg99"} << "efficientnet_b7";
        QTest::newRow("train a zoo model")
            << QStringList{"train", "--model", "vgg16"} << "described, not trained";
        QTest::newRow("unet size") << QStringList{"describe", "unet", "--size", "100"} << "divisible by 16";
        QTest::newRow("costs name") << QStringList{"costs", "pooling"} << "depthwise, blocks";
        QTest::newRow("costs kernel")
            << QStringList{"costs", "depthwise", "--size", "2"} << "larger than the input";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.contains(message), qPrintable(r.err));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliZoo)
#include "test_cli_zoo.moc"
