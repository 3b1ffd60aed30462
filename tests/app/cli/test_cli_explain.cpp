// `convscope-cli explain` run as a separate process on the bundled LeNet-5 checkpoint and a small
// Fashion-MNIST-format folder made here: the JSON keys scripts rely on, the map's shape for each method,
// what the numbers must satisfy (softmax of the logits, IG's completeness, occlusion against y_c), the PNG,
// and every bad request (one line, non-zero exit).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

const QString kCheckpoint =
    QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");

QJsonObject parse(const Result& r) {
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    return doc.object();
}

}  // namespace

class TestCliExplain : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QStringList base() const {
        return {"explain", "--checkpoint", kCheckpoint, "--data", m_dir.path(), "--index", "7", "--json"};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        convscope::testing::writeFashionMnistFolder(m_dir.path(), 20, 20);
    }

    void everyMethodWritesItsMap_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("size");  // the map's side: conv2's 10 for the Grad-CAM family, the input's 28
        QTest::newRow("gradcam") << "gradcam" << 10;
        QTest::newRow("gradcampp") << "gradcampp" << 10;
        QTest::newRow("hirescam") << "hirescam" << 10;
        QTest::newRow("saliency") << "saliency" << 28;
        QTest::newRow("smoothgrad") << "smoothgrad" << 28;
        QTest::newRow("ig") << "ig" << 28;
        QTest::newRow("occlusion") << "occlusion" << 28;
    }
    void everyMethodWritesItsMap() {
        QFETCH(QString, method);
        QFETCH(int, size);
        const Result r = runCli(base() << "--method" << method);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("method").toString(), method);
        const QJsonArray logits = o.value("logits").toArray();
        QCOMPARE(logits.size(), 10);
        int best = 0;
        for (int i = 1; i < 10; ++i)
            if (logits[i].toDouble() > logits[best].toDouble()) best = i;
        QCOMPARE(o.value("predicted").toInt(), best);
        QCOMPARE(o.value("target").toInt(), best);  // the predicted class by default
        const QJsonArray input = o.value("input").toArray();
        QCOMPARE(input.size(), 1);
        QCOMPARE(input[0].toArray().size(), 28);
        QCOMPARE(input[0].toArray()[0].toArray().size(), 28);
        const QJsonArray map = o.value("map").toArray();
        QCOMPARE(map.size(), size);
        QCOMPARE(map[0].toArray().size(), size);
        QCOMPARE(o.contains("layer"), size == 10);
        if (size == 10) QCOMPARE(o.value("layer").toString(), QString("conv2"));
        if (method == "ig") {
            QCOMPARE(o.value("steps").toInt(), 50);
            double sum = 0;
            for (const QJsonValue& row : map)
                for (const QJsonValue& v : row.toArray()) sum += v.toDouble();
            // The written map sums to y_c(x) − y_c(baseline) up to the completeness error it reports.
            const double delta = o.value("target_delta").toDouble();
            QVERIFY(std::abs(sum - delta) <=
                    o.value("completeness_error").toDouble() + 1e-3 * std::abs(delta));
            QVERIFY(o.value("completeness_error").toDouble() < 0.01 * std::abs(delta));
        }
        if (method == "occlusion") {
            QCOMPARE(o.value("window").toInt(), 4);
            QCOMPARE(o.value("stride").toInt(), 1);
        }
    }

    void targetStripAndPng() {
        const QString png = m_dir.filePath("strip.png");
        const Result r = runCli(base() << "--method"
                                       << "gradcam"
                                       << "--layer"
                                       << "all"
                                       << "--target"
                                       << "3"
                                       << "--png" << png);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("target").toInt(), 3);
        QCOMPARE(o.value("layer").toString(), QString("all"));
        const QJsonArray strip = o.value("strip").toArray();
        QCOMPARE(strip.size(), 2);  // LeNet-5: conv1 (28×28), conv2 (10×10)
        QCOMPARE(strip[0].toObject().value("layer").toString(), QString("conv1"));
        QCOMPARE(strip[0].toObject().value("map").toArray().size(), 28);
        const cv::Mat picture = cv::imread(png.toStdString(), cv::IMREAD_COLOR);
        QCOMPARE(picture.cols, 2 * 224);  // each layer's overlay on the input enlarged 8 times
        QCOMPARE(picture.rows, 224);
    }

    void sanityReportsRankCorrelations() {
        const Result r = runCli(base() << "--method"
                                       << "saliency"
                                       << "--sanity"
                                       << "2");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray sanity = parse(r).value("sanity").toArray();
        QCOMPARE(sanity.size(), 3);
        QCOMPARE(sanity[0].toObject().value("rank_correlation").toDouble(), 1.0);
        QCOMPARE(sanity[1].toObject().value("randomised").toString(), QString("fc"));
    }

    void textSummary() {
        const Result r = runCli({"explain", "--checkpoint", kCheckpoint, "--data", m_dir.path(), "--index",
                                 "0", "--method", "ig", "--steps", "16"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("prediction:"));
        QVERIFY(r.out.contains("completeness error"));
        QVERIFY(runCli({"explain", "--help"}).out.contains("--window K"));
    }

    void badRequests_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown method") << QStringList{"--method", "lime"} << "unknown method";
        QTest::newRow("unknown layer")
            << QStringList{"--method", "gradcam", "--layer", "conv9"} << "unknown layer";
        QTest::newRow("layer for saliency")
            << QStringList{"--method", "saliency", "--layer", "conv1"} << "--layer";
        QTest::newRow("target out of range")
            << QStringList{"--method", "gradcam", "--target", "10"} << "out of range";
        QTest::newRow("index out of range")
            << QStringList{"--method", "gradcam", "--index", "20"} << "--index";
        QTest::newRow("window 0") << QStringList{"--method", "occlusion", "--window", "0"} << "window";
        QTest::newRow("window too large")
            << QStringList{"--method", "occlusion", "--window", "29"} << "larger than";
        QTest::newRow("no method") << QStringList{} << "--method";
        QTest::newRow("steps 0") << QStringList{"--method", "ig", "--steps", "0"} << "--steps";
    }
    void badRequests() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QStringList all = {"explain", "--checkpoint", kCheckpoint, "--data", m_dir.path()};
        if (!args.contains("--index"))
            all << "--index"
                << "0";
        const Result r = runCli(all + args);
        QVERIFY2(r.exitCode != 0 && r.exitCode > 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    }

    void unreadableCheckpoint() {
        const QString bad = m_dir.filePath("broken.ckpt");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        const Result r = runCli(
            {"explain", "--checkpoint", bad, "--data", m_dir.path(), "--index", "0", "--method", "gradcam"});
        QVERIFY(r.exitCode > 0);
        QVERIFY2(r.err.contains("broken.ckpt"), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliExplain)
#include "test_cli_explain.moc"
