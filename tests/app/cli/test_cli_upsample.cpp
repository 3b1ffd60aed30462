// conv-trace --op nearest|bed-of-nails|max-unpool --scale S run as a separate process: the issue's example
// literally, every fixture case of tests/core/conv/upsample_reference.json (PyTorch's F.interpolate, bed of
// nails, max_pool2d + max_unpool2d) through a text input file, and the option rules.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonObject parseJson(const Result& result) {
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

// [C][H][W] flattened channel by channel, row by row.
QVector<double> flatten(const QJsonValue& nested) {
    QVector<double> flat;
    for (const QJsonValue& channel : nested.toArray())
        for (const QJsonValue& row : channel.toArray())
            for (const QJsonValue& v : row.toArray()) flat.append(v.toDouble(-12345));
    return flat;
}

QVector<double> numbers(const QJsonValue& list) {
    QVector<double> out;
    for (const QJsonValue& v : list.toArray()) out.append(v.toDouble());
    return out;
}

QJsonArray fixtureCases() {
    QFile file(QStringLiteral(UPSAMPLE_FIXTURE));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", UPSAMPLE_FIXTURE);
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

}  // namespace

class TestCliUpsample : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void issueExample() {
        const Result r = runCli({"conv-trace", "--seq", "2x2", "--op", "nearest", "--scale", "2", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject json = parseJson(r);
        QCOMPARE(json["op"].toString(), QStringLiteral("nearest"));
        const QJsonArray expected =
            QJsonDocument::fromJson("[[[1,1,2,2],[1,1,2,2],[3,3,4,4],[3,3,4,4]]]").array();
        QCOMPARE(json["output"].toArray(), expected);
        QCOMPARE(json["scale"].toArray(), QJsonDocument::fromJson("[2,2]").array());
        QCOMPARE(json["step_count"].toInt(), 4);
        const QJsonObject last = json["steps"].toArray().last().toObject();
        QCOMPARE(last["input_index"].toArray(), QJsonDocument::fromJson("[0,1,1]").array());
        QCOMPARE(last["arithmetic"].toString(), QStringLiteral("4 → rows 2–3, cols 2–3"));

        const Result text = runCli({"conv-trace", "--seq", "2x2", "--op", "nearest", "--scale", "2"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("  1 1 2 2\n  1 1 2 2\n  3 3 4 4\n  3 3 4 4\n"), qPrintable(text.out));
        QVERIFY2(text.out.contains("step 2: in[0,0,1]: 2 → rows 0–1, cols 2–3"), qPrintable(text.out));
    }

    void bedOfNailsAndUnpoolText() {
        const Result nails = runCli({"conv-trace", "--seq", "2x2", "--op", "bed-of-nails"});
        QVERIFY2(nails.exitCode == 0, qPrintable(nails.err));
        QVERIFY2(nails.out.contains("step 4: in[0,1,1]: 4 → (2, 2), zeros elsewhere in rows 2–3, cols 2–3"),
                 qPrintable(nails.out));
        const Result unpool = runCli({"conv-trace", "--seq", "4x4", "--op", "max-unpool", "--scale", "2"});
        QVERIFY2(unpool.exitCode == 0, qPrintable(unpool.err));
        QVERIFY2(unpool.out.contains("step 1: pooled[0,0,0]: max(1, 2, 5, 6) = 6 at (1, 1) → (1, 1), zeros "
                                     "elsewhere in rows 0–1, cols 0–1"),
                 qPrintable(unpool.out));
        QVERIFY2(unpool.out.contains("(1,1) (1,3)\n"), qPrintable(unpool.out));
    }

    void matchesPyTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        const QJsonArray cases = fixtureCases();
        for (int i = 0; i < cases.size(); ++i) {
            const QJsonObject c = cases[i].toObject();
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(i).arg(c["op"].toString()))) << c;
        }
    }

    void matchesPyTorch() {
        QFETCH(QJsonObject, fixture);
        const QJsonArray shape = fixture["shape"].toArray();
        const int channels = shape[0].toInt(), height = shape[1].toInt(), width = shape[2].toInt();
        const QVector<double> input = numbers(fixture["input"]);
        // The text input format: rows of numbers, a blank line between channels.
        const QString path = m_dir.filePath(QStringLiteral("input_%1.txt").arg(QTest::currentDataTag()));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QTextStream out(&file);
            for (int c = 0; c < channels; ++c) {
                if (c > 0) out << "\n";
                for (int y = 0; y < height; ++y) {
                    for (int x = 0; x < width; ++x) out << input[(c * height + y) * width + x] << " ";
                    out << "\n";
                }
            }
        }
        const QJsonArray scale = fixture["scale"].toArray();
        const QString scaleText = QStringLiteral("%1,%2").arg(scale[0].toInt()).arg(scale[1].toInt());
        const QString op = fixture["op"].toString();
        const Result r = runCli({"conv-trace", "--input", path, "--channels", QString::number(channels),
                                 "--op", op, "--scale", scaleText, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject json = parseJson(r);
        QCOMPARE(json["output_shape"].toArray(), fixture["output_shape"].toArray());
        QCOMPARE(flatten(json["output"]), numbers(fixture["output"]));
        if (op == QLatin1String("max-unpool")) {
            QCOMPARE(json["pooled_shape"].toArray(), fixture["pooled_shape"].toArray());
            QCOMPARE(flatten(json["pooled"]), numbers(fixture["pooled"]));
            QCOMPARE(flatten(json["indices"]), numbers(fixture["indices"]));
            const QJsonObject first = json["steps"].toArray().first().toObject();
            QVERIFY(first.contains("pooled_index"));
            // The winner position of step 1 is where the first index puts the maximum.
            const QJsonObject winner = first["positions"].toArray().at(first["winner"].toInt()).toObject();
            QCOMPARE(winner["y"].toInt() * width + winner["x"].toInt(), numbers(fixture["indices"]).first());
        } else {
            QVERIFY(!json.contains("pooled"));
        }
    }

    void optionRules_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("scale with conv")
            << QStringList{"--kernel", "box", "--scale", "2"} << "--scale does not apply to --op conv";
        QTest::newRow("scale with maxpool")
            << QStringList{"--op", "maxpool", "--scale", "2"} << "--scale does not apply to --op maxpool";
        QTest::newRow("stride with nearest")
            << QStringList{"--op", "nearest", "--stride", "2"} << "--stride does not apply to --op nearest";
        QTest::newRow("kernel with bed of nails") << QStringList{"--op", "bed-of-nails", "--kernel", "box"}
                                                  << "--kernel does not apply to --op bed-of-nails";
        QTest::newRow("pool size with unpool") << QStringList{"--op", "max-unpool", "--pool-size", "2"}
                                               << "--pool-size does not apply to --op max-unpool";
        QTest::newRow("scale zero") << QStringList{"--op", "nearest", "--scale", "0"} << "--scale";
        QTest::newRow("unpool window too large")
            << QStringList{"--op", "max-unpool", "--seq", "1x4", "--scale", "2"}
            << "Max unpooling first max-pools with a window of 2, so the input height (1) must be at least "
               "2.";
        QTest::newRow("unknown op") << QStringList{"--op", "upsample"}
                                    << "nearest, bed-of-nails or max-unpool";
    }

    void optionRules() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(QStringList{"conv-trace"} + args);
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.count('\n') == 1 && r.err.contains(message), qPrintable(r.err));
    }

    void helpListsTheOptions() {
        const Result r = runCli({"conv-trace", "--help"});
        QVERIFY2(
            r.out.contains("--scale S") && r.out.contains("bed-of-nails") && r.out.contains("max-unpool"),
            qPrintable(r.out + r.err));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliUpsample)
#include "test_cli_upsample.moc"
