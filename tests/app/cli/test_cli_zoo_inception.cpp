// describe --aux and zoo --aux run as separate processes: Inception-v3 and GoogLeNet with and without their
// auxiliary classifiers (torchvision's counts, tests/core/nn/zoo/inception_reference.json), the side exits in
// the JSON, the seed's Inception module, the slides' AlexNet and the catalogue rows of the seeds' table.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonObject reference(const QString& key) {
    QFile f(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../core/nn/zoo/inception_reference.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(key).toObject();
}

QJsonObject describeJson(const QStringList& args) {
    const Result r = runCli(QStringList{"describe"} + args + QStringList{"--json"});
    if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

}  // namespace

class TestCliZooInception : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describeInceptionV3WithAndWithoutAux() {
        const QJsonObject plain = describeJson({"inception_v3"});
        QCOMPARE(plain.value("total_params").toInteger(), 23834568);
        QCOMPARE(plain.value("total_params").toInteger(),
                 reference("inception_v3").value("params").toInteger());
        QCOMPARE(plain.value("total_macs").toInteger(), reference("inception_v3").value("macs").toInteger());
        QCOMPARE(plain.value("input_shape").toArray().at(2).toInt(), 299);
        const QJsonObject aux = describeJson({"inception_v3", "--aux"});
        QCOMPARE(aux.value("total_params").toInteger(), 27161264);
        QCOMPARE(aux.value("total_macs").toInteger(),
                 reference("inception_v3 --aux").value("macs").toInteger());
        QStringList exits;
        for (const QJsonValue& s : aux.value("scopes").toArray())
            if (s.toObject().value("kind") == "side exit") exits << s.toObject().value("name").toString();
        QCOMPARE(exits, QStringList{"AuxLogits"});
        for (const QJsonValue& s : plain.value("scopes").toArray())
            QVERIFY(s.toObject().value("kind") != "side exit");
    }

    void describeGoogLeNetAuxText() {
        const Result r = runCli({"describe", "googlenet", "--aux", "--size", "96"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("GoogLeNet (Inception v1), auxiliary classifiers, input 3x96x96"));
        QVERIFY(r.out.contains("aux1.fc2"));
        QVERIFY(r.out.contains("aux2.conv.conv"));
        QVERIFY(r.out.contains("total parameters: 13,004,888"));
        // The note says why torchvision's third branch is a 3x3 and where the real 5x5 is.
        QVERIFY(r.out.contains("seed-inception"));
    }

    void auxIsRefusedWhereItDoesNotApply() {
        const Result r = runCli({"describe", "resnet50", "--aux"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no auxiliary classifiers"), qPrintable(r.err));
        QVERIFY(!r.err.contains("terminate"));
    }

    void describeSeedInceptionAndAlexNetSlides() {
        const Result r = runCli({"describe", "seed-inception"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("input 3x28x28, output 256×28×28"));
        QVERIFY(r.out.contains("branch5x5"));
        // The real 5x5: (5×5×16)×32 + 32 parameters, 32 channels at 28×28.
        bool found = false;
        for (const QString& line : r.out.split('\n'))
            found = found || (line.startsWith("branch5x5 ") && line.contains("Conv2d") &&
                              line.contains("32×28×28") && line.contains("12,832"));
        QVERIFY2(found, qPrintable(r.out));
        QVERIFY(r.out.contains("total parameters: 124,384"));
        const QJsonObject alex = describeJson({"alexnet-slides"});
        QCOMPARE(alex.value("total_params").toInteger(), 60965224);
        QCOMPARE(alex.value("input_shape").toArray().at(2).toInt(), 227);
    }

    void zooAuxCountsTheHeads() {
        // At 128×128 (quicker than the native sizes): Inception-v3's auxiliary head needs about 299 and says
        // where it runs out of input; the parameter counts do not depend on the size.
        const Result r = runCli({"zoo", "--size", "128", "--aux", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray models = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QMap<QString, QJsonObject> byName;
        for (const QJsonValue& v : models)
            byName.insert(v.toObject().value("model").toString(), v.toObject());
        QCOMPARE(byName.value("googlenet").value("params").toInteger(), 13004888);
        QVERIFY2(byName.value("inception_v3").value("error").toString().contains("at AuxLogits.conv1.conv"),
                 qPrintable(byName.value("inception_v3").value("error").toString()));
        QCOMPARE(byName.value("densenet169").value("params").toInteger(), 14149480);
        QCOMPARE(byName.value("seed-inception").value("params").toInteger(), 124384);
        QCOMPARE(byName.value("alexnet-slides").value("params").toInteger(), 60965224);
        QCOMPARE(byName.value("inception_v3").value("top1").toString(), QString("77.9%"));
        QCOMPARE(byName.value("inception_v3").value("top5").toString(), QString("93.8%"));
        QCOMPARE(byName.value("densenet169").value("top1").toString(), QString("76.2%"));
        QCOMPARE(byName.value("densenet169").value("top5").toString(), QString("93.2%"));
        QVERIFY(byName.value("densenet169").value("accuracy_source").toString().contains("seed 000"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliZooInception)
#include "test_cli_zoo_inception.moc"
