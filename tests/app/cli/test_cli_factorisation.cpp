// costs stacked, asymmetric and bias run as a process: the JSON's keys and values against hand computation
// (25·C² vs 18·C², n²·C² vs 2n·C², MACs at S×S), the text form, bad n, and the older comparisons unchanged.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonObject json(const Result& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

}  // namespace

class TestCliFactorisation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stackedThrees() {
        const Result r = runCli({"costs", "stacked", "--in", "32", "--out", "32", "--size", "28", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject s = json(r).value("stacked").toObject();
        const QJsonArray rows = s.value("rows").toArray();
        QCOMPARE(rows.size(), 2);
        const qint64 c = 32, hw = 28 * 28;
        QCOMPARE(rows.at(0).toObject().value("params").toInteger(), 25 * c * c);
        QCOMPARE(rows.at(1).toObject().value("params").toInteger(), 18 * c * c);
        QCOMPARE(rows.at(0).toObject().value("macs").toInteger(), hw * 25 * c * c);
        QCOMPARE(rows.at(1).toObject().value("macs").toInteger(), hw * 18 * c * c);
        QCOMPARE(rows.at(1).toObject().value("receptive_field").toArray(), (QJsonArray{5, 5}));
        QCOMPARE(s.value("params_ratio").toDouble(), 0.72);
        QCOMPARE(rows.at(1).toObject().value("params_arithmetic").toString(),
                 QString("(3×3×32)×32 + (3×3×32)×32 = 18,432"));
        QVERIFY(json(r).value("depthwise").isUndefined());  // one name, one comparison
    }

    void asymmetric_data() {
        QTest::addColumn<int>("n");
        QTest::newRow("3") << 3;
        QTest::newRow("5") << 5;
        QTest::newRow("7") << 7;
    }
    void asymmetric() {
        QFETCH(int, n);
        const Result r = runCli({"costs", "asymmetric", "--kernel", QString::number(n), "--in", "48", "--out",
                                 "48", "--size", "17", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject a = json(r).value("asymmetric").toObject();
        const QJsonArray rows = a.value("rows").toArray();
        const qint64 c = 48;
        QCOMPARE(rows.at(0).toObject().value("params").toInteger(), n * n * c * c);
        QCOMPARE(rows.at(1).toObject().value("params").toInteger(), 2 * n * c * c);
        QCOMPARE(rows.at(1).toObject().value("macs").toInteger(), 17 * 17 * 2 * n * c * c);
        QCOMPARE(rows.at(1).toObject().value("label").toString(), QString("1×%1 then %1×1").arg(n));
        QCOMPARE(rows.at(1).toObject().value("receptive_field").toArray(), (QJsonArray{n, n}));
        QVERIFY(qAbs(a.value("macs_ratio").toDouble() - 2.0 / n) < 1e-12);
    }

    void biasAsTheSeedsAndAsTorchvision() {
        const Result r = runCli({"costs", "bias", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject b = json(r).value("bias").toObject();
        QCOMPARE(b.value("conv_with_bias").toInteger(), 36928);
        QCOMPARE(b.value("conv_without_bias").toInteger(), 36864);
        QCOMPARE(b.value("block_with_bias").toInteger(), 74112);
        QCOMPARE(b.value("block_without_bias").toInteger(), 73984);
        QCOMPARE(b.value("batch_norm").toInteger(), 128);
        QVERIFY(b.value("reason").toString().contains("batch norm"));
        const Result text = runCli({"costs", "bias"});
        QVERIFY2(text.out.contains("(3×3×64)×64 + 64 = 36,928") &&
                     text.out.contains("2 × (36,864 + 128) = 73,984"),
                 qPrintable(text.out));
    }

    void allKeepsTheOlderComparisons() {
        const Result r = runCli({"costs", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = json(r);
        for (const char* key :
             {"depthwise", "blocks", "inception", "stacked", "asymmetric", "bias", "scaling"})
            QVERIFY2(o.contains(key), key);
        // The depthwise defaults are still the seed's, though stacked takes --in 64 by default.
        QCOMPARE(o.value("depthwise")
                     .toObject()
                     .value("rows")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("macs")
                     .toInteger(),
                 86400);
        QCOMPARE(o.value("stacked")
                     .toObject()
                     .value("rows")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("params")
                     .toInteger(),
                 102400);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("even n") << QStringList{"costs", "asymmetric", "--kernel", "4"} << "n must be odd";
        QTest::newRow("large n") << QStringList{"costs", "asymmetric", "--kernel", "17"} << "from 3 to 15";
        QTest::newRow("channels") << QStringList{"costs", "stacked", "--in", "0"} << "--in";
        QTest::newRow("name") << QStringList{"costs", "factor"} << "stacked, asymmetric, bias";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);  // one line
    }

    void helpNamesTheOptions() {
        const Result r = runCli({"costs", "--help"});
        for (const char* word : {"stacked", "asymmetric", "bias", "receptive_field", "params_ratio"})
            QVERIFY2(r.out.contains(word), word);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliFactorisation)
#include "test_cli_factorisation.moc"
