// conv-trace --op conv3d against PyTorch's conv3d: the cases of tests/core/conv/conv3d_fixture.json that
// carry cli_args (written by make_conv3d_fixture.py) are run as a user would type them; every output element
// and the fixture's steps' positions are compared. Then the text output and the bad requests (one sentence,
// status 2).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

QJsonArray fixtureCases() {
    QFile file(QStringLiteral(CONV3D_FIXTURE));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", CONV3D_FIXTURE);
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

// A nested [C][D][H][W] array, flattened in row-major order.
void flatten(const QJsonValue& value, QList<double>& out) {
    if (!value.isArray()) {
        out.append(value.toDouble());
        return;
    }
    for (const QJsonValue& v : value.toArray()) flatten(v, out);
}

}  // namespace

class TestCliConv3d : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        int withArgs = 0;
        for (const QJsonValue& c : fixtureCases()) {
            if (!c.toObject().contains(QStringLiteral("cli_args"))) continue;
            QTest::newRow(qPrintable(c.toObject()["name"].toString())) << c.toObject();
            ++withArgs;
        }
        QVERIFY(withArgs >= 3);
    }

    void matchesTorch() {
        QFETCH(QJsonObject, fixture);
        QStringList args{"conv-trace", "--op", "conv3d", "--json"};
        for (const QJsonValue& a : fixture["cli_args"].toArray()) args << a.toString();
        const Result r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json["op"].toString(), QStringLiteral("conv3d"));
        QCOMPARE(json["input_shape"].toArray(), fixture["input_shape"].toArray());
        QCOMPARE(json["weight_shape"].toArray(), fixture["weight_shape"].toArray());
        QCOMPARE(json["output_shape"].toArray(), fixture["output_shape"].toArray());
        QCOMPARE(json["stride"].toArray(), fixture["stride"].toArray());
        QCOMPARE(json["padding"].toArray(), fixture["padding"].toArray());
        QCOMPARE(json["dilation"].toArray(), fixture["dilation"].toArray());
        QList<double> input, output, expectedInput, expectedOutput;
        flatten(json["input"], input);
        flatten(fixture["input"], expectedInput);
        QCOMPARE(input, expectedInput);
        flatten(json["output"], output);
        flatten(fixture["output"], expectedOutput);
        QCOMPARE(output.size(), expectedOutput.size());
        for (int i = 0; i < output.size(); ++i) QCOMPARE(output[i], expectedOutput[i]);
        const QJsonArray steps = json["steps"].toArray();
        QCOMPARE(json["step_count"].toInt(), static_cast<int>(expectedOutput.size()));
        QCOMPARE(steps.size(), static_cast<int>(expectedOutput.size()));
        QCOMPARE(json["steps_truncated"].toBool(), false);
        for (const QJsonValue& sv : fixture["steps"].toArray()) {
            const QJsonObject expected = sv.toObject();
            const QJsonObject step = steps[expected["index"].toInt()].toObject();
            QCOMPARE(step["index"].toInt(), expected["index"].toInt() + 1);  // "step 1" is the first
            QCOMPARE(step["output_index"].toArray(), expected["output_index"].toArray());
            QCOMPARE(step["result"].toDouble(), expected["result"].toDouble());
            const QJsonArray positions = step["positions"].toArray();
            const QJsonArray taps = expected["taps"].toArray();
            QCOMPARE(positions.size(), taps.size());
            for (int t = 0; t < taps.size(); ++t) {
                const QJsonObject p = positions[t].toObject();
                const QJsonArray e = taps[t].toArray();
                QCOMPARE(p["channel"].toInt(), e[0].toInt());
                QCOMPARE(p["z"].toInt(), e[1].toInt());
                QCOMPARE(p["y"].toInt(), e[2].toInt());
                QCOMPARE(p["x"].toInt(), e[3].toInt());
                QCOMPARE(p["kernel_index"].toArray(),
                         (QJsonArray{e[0].toInt(), e[4].toInt(), e[5].toInt(), e[6].toInt()}));
                QCOMPARE(p["padded"].toBool(), e[7].toBool());
                QCOMPARE(p["value"].toDouble(), e[8].toDouble());
                QCOMPARE(p["weight"].toDouble(), e[9].toDouble());
            }
        }
    }

    void textAndTruncation() {
        const Result text = runCli({"conv-trace", "--op", "conv3d", "--seq", "3x4x4"});
        QCOMPARE(text.exitCode, 0);
        // 1..48 under an all-ones 3x3x3 kernel: the first window sums 1+2+3+5+…+43 = 594.
        QVERIFY2(text.out.contains(QStringLiteral("step 1: out[0,0,0,0] = 1·1 + 2·1 + 3·1 + 5·1")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral("= 594\n")));
        QVERIFY(text.out.contains(QStringLiteral("D: floor((3 + 2·0 − 1·(3 − 1) − 1) / 1) + 1 = 1")));
        QVERIFY(text.out.contains(QStringLiteral("step 4: out[0,0,1,1]")));
        const Result json =
            runCli({"conv-trace", "--op=conv3d", "--seq", "3x4x4", "--max-steps", "1", "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o["steps"].toArray().size(), 1);
        QCOMPARE(o["steps_truncated"].toBool(), true);
        QCOMPARE(o["steps"].toArray()[0].toObject()["arithmetic"].toString().right(6),
                 QStringLiteral(" = 594"));

        // The moving square under a 2-frame difference: −1 where it left, +1 where it arrived.
        const Result video = runCli({"conv-trace", "--op", "conv3d", "--video", "3x4x6", "--kernel",
                                     "frame-difference", "--kernel-size", "2,1,1", "--json"});
        QCOMPARE(video.exitCode, 0);
        const QJsonArray plane0 = QJsonDocument::fromJson(video.out.toUtf8())
                                      .object()["output"]
                                      .toArray()[0]
                                      .toArray()[0]
                                      .toArray();
        QCOMPARE(plane0[1].toArray(), (QJsonArray{-1, 0, 1, 0, 0, 0}));
        QCOMPARE(plane0[0].toArray(), (QJsonArray{0, 0, 0, 0, 0, 0}));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("2-D option") << QStringList{"--groups", "2"}
                                    << QStringLiteral("--groups does not apply to --op conv3d");
        QTest::newRow("kernel too deep") << QStringList{"--kernel-size", "4,3,3"}
                                         << QStringLiteral(
                                                "The kernel spans 4 pixels, more than the padded input "
                                                "depth of 3.");
        QTest::newRow("2-D shape") << QStringList{"--seq", "4x4"}
                                   << QStringLiteral(
                                          "--seq expects DEPTHxHEIGHTxWIDTH such as 3x4x4, got '4x4'");
        QTest::newRow("weights count")
            << QStringList{"--kernel-size", "2", "--weights", "1,2,3"}
            << QStringLiteral(
                   "--weights has 3 values; a 2x2x2 kernel needs 8 (copied into every slice) or 8 "
                   "(C_out x C_in x kD x kH x kW)");
        QTest::newRow("stride pair") << QStringList{"--stride", "1,2"}
                                     << QStringLiteral(
                                            "--stride expects N or D,Y,X (depth, rows, columns), got "
                                            "'1,2'");
        QTest::newRow("frame difference of one plane")
            << QStringList{"--kernel", "frame-difference", "--kernel-size", "1,3,3"}
            << QStringLiteral(
                   "--kernel: The frame-difference kernel compares the first and last frame, so it "
                   "needs a kernel depth of at least 2 (got 1).");
    }

    void errors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        // --seq is 3x4x4 by default.
        const Result r = runCli(QStringList{"conv-trace", "--op", "conv3d"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.trimmed(), QStringLiteral("convscope-cli: error: ") + message);
    }

    void helpListsTheOptions() {
        const Result r = runCli({"conv-trace", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* option :
             {"--op conv3d", "--video DxHxW", "--kernel-size K", "--weights LIST", "input_shape [C,D,H,W]"})
            QVERIFY2(r.out.contains(QString::fromUtf8(option)), option);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliConv3d)
#include "test_cli_conv3d.moc"
