// train, evaluate, features and describe run as separate processes on a small Fashion-MNIST-format folder
// made here (IDX files written byte by byte): metrics lines, checkpoints, resuming, feature pictures,
// parameter counts (torchvision's 11,689,512 for ResNet-18) and the bad input.
#include <QJsonArray>
#include <QTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

void writeIdx(const QString& path, const std::vector<std::uint32_t>& dims,
              const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> b{0, 0, 8, std::uint8_t(dims.size())};
    for (std::uint32_t d : dims)
        for (int s = 24; s >= 0; s -= 8) b.push_back(std::uint8_t(d >> s));
    b.insert(b.end(), data.begin(), data.end());
    std::ofstream(path.toStdString(), std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}

// Class c: a horizontal bar whose row depends on c, on noise, so that a small network learns it in an epoch.
void writeSplit(const QString& dir, const QString& prefix, int n, unsigned seed) {
    cv::RNG rng(seed);
    std::vector<std::uint8_t> images(std::size_t(n) * 28 * 28);
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const int c = i % 10;
        labels[std::size_t(i)] = std::uint8_t(c);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const bool bar = y >= 2 + 2 * c && y < 4 + 2 * c;
                images[std::size_t(i) * 784 + std::size_t(y) * 28 + std::size_t(x)] =
                    std::uint8_t(std::min(255, (bar ? 200 : 20) + int(rng.uniform(0, 40))));
            }
    }
    writeIdx(dir + "/" + prefix + "-images-idx3-ubyte", {std::uint32_t(n), 28, 28}, images);
    writeIdx(dir + "/" + prefix + "-labels-idx1-ubyte", {std::uint32_t(n)}, labels);
}

QStringList lines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestCliNn : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(path("data")));
        writeSplit(path("data"), "train", 400, 1);
        writeSplit(path("data"), "t10k", 100, 2);
    }

    void describeCountsLikeTorchvision() {
        const Result r = runCli({"describe", "resnet18", "--in-channels", "3", "--classes", "1000", "--stem",
                                 "imagenet", "--size", "224", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("total_params").toInteger(), 11689512);
        QCOMPARE(o.value("taps").toArray().size(), 10);
        QCOMPARE(o.value("taps").toArray().at(1).toObject().value("output_shape").toArray().at(1).toInt(),
                 56);
        const Result text = runCli({"describe", "lenet5"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY(text.out.contains("total parameters: 61,706"));
        QVERIFY(text.out.contains("conv2"));
    }

    void trainEvaluateResume() {
        const Result r = runCli({"train",
                                 "--model",
                                 "lenet5",
                                 "--epochs",
                                 "2",
                                 "--optimizer",
                                 "adam",
                                 "--lr",
                                 "0.003",
                                 "--batch-size",
                                 "50",
                                 "--threads",
                                 "1",
                                 "--log-every",
                                 "2",
                                 "--data",
                                 path("data"),
                                 "--metrics",
                                 path("m.jsonl"),
                                 "--checkpoint",
                                 path("run.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());  // no progress bar without a terminal
        QVERIFY2(r.out.contains("epoch 2/2"), qPrintable(r.out));
        QVERIFY(r.out.contains("confusion matrix"));
        const QStringList metrics = lines(path("m.jsonl"));
        int batches = 0, epochs = 0;
        double lastAccuracy = -1;
        for (const QString& line : metrics) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(!o.isEmpty(), qPrintable(line));
            if (o.value("type") == "batch") {
                ++batches;
                QVERIFY(o.contains("images_per_second") && o.contains("eta_seconds") && o.contains("loss"));
            } else if (o.value("type") == "epoch") {
                ++epochs;
                lastAccuracy = o.value("test_accuracy").toDouble();
                QCOMPARE(o.value("confusion").toArray().size(), 10);
            }
        }
        QCOMPARE(epochs, 2);
        QCOMPARE(batches, 2 * 4);  // 8 batches an epoch, logged every 2
        QVERIFY2(lastAccuracy > 0.3, qPrintable(QString::number(lastAccuracy)));  // chance: 0.1

        const Result e =
            runCli({"evaluate", "--checkpoint", path("run.ckpt"), "--data", path("data"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QJsonObject eo = QJsonDocument::fromJson(e.out.toUtf8()).object();
        QVERIFY(std::abs(eo.value("accuracy").toDouble() - lastAccuracy) < 1e-9);
        QCOMPARE(eo.value("epochs_trained").toInt(), 2);

        const Result more = runCli({"train", "--resume", path("run.ckpt"), "--epochs", "3", "--data",
                                    path("data"), "--threads", "1"});
        QVERIFY2(more.exitCode == 0, qPrintable(more.err));
        QVERIFY2(more.out.contains("after epoch 2"), qPrintable(more.out));
        QVERIFY(more.out.contains("epoch 3/3"));
        QVERIFY(!more.out.contains("epoch 1/3"));
    }

    void featurePictures() {
        QVERIFY(QFile::exists(path("run.ckpt")));
        const Result r = runCli({"features", "--checkpoint", path("run.ckpt"), "--index", "3", "--data",
                                 path("data"), path("maps")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* name :
             {"input.png", "conv1.png", "conv2.png", "fc1.png", "fc2.png", "fc.png", "features.txt"})
            QVERIFY2(QFile::exists(path("maps/") + name), name);
        const cv::Mat conv1 = cv::imread(path("maps/conv1.png").toStdString());
        QVERIFY(conv1.cols >= 200 && conv1.rows >= 100);
        const cv::Mat input = cv::imread(path("maps/input.png").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(input.size(), cv::Size(28, 28));
        cv::Mat photo(60, 90, CV_8UC3, cv::Scalar(240, 240, 240));
        photo(cv::Rect(30, 15, 30, 30)).setTo(cv::Scalar(20, 20, 20));
        QVERIFY(cv::imwrite(path("photo.png").toStdString(), photo));
        const Result p = runCli(
            {"features", "--checkpoint", path("run.ckpt"), "--image", path("photo.png"), path("maps2")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        QVERIFY2(p.out.contains("inverted"), qPrintable(p.out));  // a light background is inverted
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        std::ofstream(path("junk.ckpt").toStdString()) << "junk";
        QTest::newRow("missing dataset")
            << QStringList{"train", "--model", "lenet5", "--data", "{dir}/nowhere"} << 1
            << "sudo apt install dataset-fashion-mnist";
        QTest::newRow("unknown model") << QStringList{"train", "--model", "alexnet"} << 2 << "resnet18";
        QTest::newRow("no model") << QStringList{"train", "--epochs", "1"} << 2 << "--model";
        QTest::newRow("bad lr") << QStringList{"train", "--model", "lenet5", "--lr", "-1"} << 2
                                << "learning rate";
        QTest::newRow("bad optimizer")
            << QStringList{"train", "--model", "lenet5", "--optimizer", "rmsprop"} << 2 << "optimizer";
        QTest::newRow("bad size") << QStringList{"train", "--model", "lenet5", "--size", "30"} << 2
                                  << "28, 56, 112 or 224";
        QTest::newRow("block on lenet")
            << QStringList{"describe", "lenet5", "--block", "basic"} << 2 << "ResNets only";
        QTest::newRow("junk checkpoint") << QStringList{"evaluate", "--checkpoint", "{dir}/junk.ckpt"} << 1
                                         << "not a ConvScope checkpoint";
        QTest::newRow("missing checkpoint")
            << QStringList{"train", "--resume", "{dir}/none.ckpt"} << 1 << "does not exist";
        QTest::newRow("index and image")
            << QStringList{"features", "--checkpoint", "{dir}/run.ckpt",  "--index",
                           "1",        "--image",      "{dir}/photo.png", "{dir}/x"}
            << 2 << "exactly one";
        QTest::newRow("unknown describe") << QStringList{"describe", "resnet51"} << 2 << "known models";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        for (QString& a : args) a.replace("{dir}", m_dir.path());
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.count('\n') == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliNn)
#include "test_cli_nn.moc"
