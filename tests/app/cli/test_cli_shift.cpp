// `convscope-cli shift` run as a separate process on the bundled LeNet-5 checkpoint and a small
// Fashion-MNIST-format folder made here: the JSON keys, the map shifts and exactness the strides imply
// (d / S, the nearest integer), zero error for the identity, the text table, and the bad requests (one line,
// non-zero exit).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

const QString kCheckpoint =
    QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");

QJsonObject parse(const Result& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

}  // namespace

class TestCliShift : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QStringList base() const {
        return {"shift", "--checkpoint", kCheckpoint, "--data", m_dir.path(), "--index", "3", "--json"};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        convscope::testing::writeFashionMnistFolder(m_dir.path(), 20, 20);
    }

    void identityHasNoError() {
        const Result r = runCli(base() << "--dx"
                                       << "0"
                                       << "--dy"
                                       << "0");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        const QJsonArray taps = o.value("taps").toArray();
        QVERIFY(taps.size() >= 3);
        for (const QJsonValue& v : taps) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value("equivariance_error").toDouble(-1.0), 0.0);
            QVERIFY(t.value("exact").toBool());
        }
        QCOMPARE(o.value("prediction_before").toObject(), o.value("prediction_after").toObject());
        QVERIFY(!o.value("prediction_changed").toBool());
    }

    void shiftsFollowTheStride() {
        for (const int dx : {1, 2}) {
            const Result r = runCli(base() << "--dx" << QString::number(dx) << "--dy"
                                           << "-4");
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QJsonObject o = parse(r);
            const QJsonObject transform = o.value("transform").toObject();
            QCOMPARE(transform.value("dx").toInt(), dx);
            QCOMPARE(transform.value("mode").toString(), QString("zeros"));
            for (const char* key : {"prediction_before", "prediction_after"}) {
                const QJsonObject p = o.value(key).toObject();
                QVERIFY(p.value("index").toInt() >= 0 && p.value("index").toInt() < 10);
                QVERIFY(!p.value("name").toString().isEmpty());
                QVERIFY(p.value("probability").toDouble() > 0.1 && p.value("probability").toDouble() <= 1.0);
            }
            bool sawStrideOne = false, sawStrideTwo = false;
            for (const QJsonValue& v : o.value("taps").toArray()) {
                const QJsonObject t = v.toObject();
                QVERIFY(!t.value("name").toString().isEmpty());
                QCOMPARE(t.value("shape").toArray().size(), 3);
                const int stride = t.value("stride").toInt();
                QVERIFY(stride >= 1);
                const double error = t.value("equivariance_error").toDouble(-1.0);
                QVERIFY2(error >= 0.0, qPrintable(t.value("name").toString()));
                const QJsonObject shift = t.value("map_shift").toObject();
                if (t.value("global").toBool()) {
                    QCOMPARE(shift.value("dx").toInt(), 0);
                    QVERIFY(!t.value("exact").toBool());
                    continue;
                }
                QVERIFY(!t.value("stride_estimated").toBool());  // LeNet-5 is described
                const double exactDx = double(dx) / stride;
                QCOMPARE(t.value("exact_map_shift").toObject().value("dx").toDouble(), exactDx);
                QCOMPARE(shift.value("dx").toInt(), int(std::lround(exactDx)));
                QCOMPARE(shift.value("dy").toInt(), int(std::lround(-4.0 / stride)));
                QCOMPARE(t.value("exact").toBool(), dx % stride == 0 && 4 % stride == 0);
                sawStrideOne = sawStrideOne || stride == 1;
                sawStrideTwo = sawStrideTwo || stride == 2;
                if (stride == 1) QVERIFY2(error < 1e-5, qPrintable(t.value("name").toString()));
                const QJsonObject region = t.value("region").toObject();
                QVERIFY(region.value("left").toInt() < region.value("right").toInt());
            }
            QVERIFY(sawStrideOne);
            QVERIFY(sawStrideTwo);
        }
    }

    void rotationResamples() {
        const Result r = runCli(base() << "--rotate"
                                       << "15"
                                       << "--scale"
                                       << "1.1"
                                       << "--mode"
                                       << "circular");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("transform").toObject().value("rotate").toDouble(), 15.0);
        for (const QJsonValue& v : o.value("taps").toArray()) {
            QVERIFY(!v.toObject().value("exact").toBool());
            QVERIFY(v.toObject().value("equivariance_error").toDouble(-1.0) > 0.0);
        }
    }

    void textTable() {
        QStringList args = base();
        args.removeAll("--json");
        const Result r = runCli(args << "--dx"
                                     << "3");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("prediction: "));
        QVERIFY(r.out.contains("conv1"));
        QVERIFY(r.out.contains("map shift"));
        const Result help = runCli({"shift", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* option :
             {"--dx", "--dy", "--mode", "--rotate", "--scale", "--json", "equivariance_error"})
            QVERIFY2(help.out.contains(option), option);
    }

    void badRequests_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("mode") << QStringList{"--mode", "wrap"};
        QTest::newRow("scale") << QStringList{"--scale", "0"};
        QTest::newRow("dx") << QStringList{"--dx", "two"};
        QTest::newRow("huge dx") << QStringList{"--dx", "100000"};
        QTest::newRow("positional") << QStringList{"extra"};
    }
    void badRequests() {
        QFETCH(QStringList, extra);
        const Result r = runCli(base() << extra);
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!r.err.trimmed().isEmpty());
        const Result noImage = runCli({"shift", "--checkpoint", kCheckpoint, "--dx", "1"});
        QVERIFY(noImage.exitCode != 0);
        QCOMPARE(noImage.err.trimmed().count('\n'), 0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliShift)
#include "test_cli_shift.moc"
