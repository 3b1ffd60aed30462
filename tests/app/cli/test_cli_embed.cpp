// `convscope-cli embed` run as a separate process on the bundled LeNet-5 checkpoint and a small
// Fashion-MNIST-format folder made here: the JSON keys scripts rely on, what PCA's and t-SNE's numbers must
// satisfy (points centred and ordered by variance, ratios summing to 1, the labels of the chosen images),
// seeded t-SNE runs repeating exactly, other tap points, and every bad request (one line, non-zero exit).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

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
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

// Leave-one-out kNN accuracy of the JSON's points and labels, recomputed here: each point's k nearest
// others vote, a tie going to the label met first from the nearest.
double knnOf(const QJsonObject& o, int k) {
    const QJsonArray points = o.value("points").toArray(), labels = o.value("labels").toArray();
    const int n = points.size();
    int correct = 0;
    for (int i = 0; i < n; ++i) {
        std::vector<std::pair<double, int>> d;
        for (int j = 0; j < n; ++j) {
            if (j == i) continue;
            const double dx = points[i].toArray()[0].toDouble() - points[j].toArray()[0].toDouble();
            const double dy = points[i].toArray()[1].toDouble() - points[j].toArray()[1].toDouble();
            d.emplace_back(dx * dx + dy * dy, j);
        }
        std::sort(d.begin(), d.end());
        std::map<int, int> votes;
        for (int r = 0; r < k; ++r) ++votes[labels[d[std::size_t(r)].second].toInt()];
        int best = -1, bestVotes = 0;
        for (int r = 0; r < k; ++r) {
            const int label = labels[d[std::size_t(r)].second].toInt();
            if (votes[label] > bestVotes) {
                best = label;
                bestVotes = votes[label];
            }
        }
        if (best == labels[i].toInt()) ++correct;
    }
    return double(correct) / n;
}

}  // namespace

class TestCliEmbed : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QStringList base(const QString& method, const QString& indices = QStringLiteral("10:70")) const {
        return {"embed",     "--checkpoint", kCheckpoint, "--data", m_dir.path(),
                "--indices", indices,        "--method",  method,   "--json"};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        convscope::testing::writeFashionMnistFolder(m_dir.path(), 20, 100);  // test image i has label i % 10
    }

    void pcaJson() {
        const Result r = runCli(base("pca"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("indices").toArray(), (QJsonArray{10, 70}));
        QCOMPARE(o.value("method").toString(), QString("pca"));
        QCOMPARE(o.value("tap").toString(), QString("fc2"));  // LeNet-5's penultimate layer
        QCOMPARE(o.value("dims").toInt(), 84);
        const QJsonArray points = o.value("points").toArray(), labels = o.value("labels").toArray();
        QCOMPARE(points.size(), 60);
        QCOMPARE(labels.size(), 60);
        double mx = 0, my = 0, vx = 0, vy = 0;
        for (int i = 0; i < 60; ++i) {
            QCOMPARE(labels[i].toInt(), (10 + i) % 10);
            QCOMPARE(points[i].toArray().size(), 2);
            mx += points[i].toArray()[0].toDouble() / 60;
            my += points[i].toArray()[1].toDouble() / 60;
        }
        for (int i = 0; i < 60; ++i) {
            vx += std::pow(points[i].toArray()[0].toDouble() - mx, 2) / 59;
            vy += std::pow(points[i].toArray()[1].toDouble() - my, 2) / 59;
        }
        // Projections of centred points, the first component carrying the most variance.
        QVERIFY(std::abs(mx) < 1e-9 && std::abs(my) < 1e-9);
        QVERIFY(vx >= vy);
        const QJsonArray ratios = o.value("explained_variance_ratio").toArray();
        QCOMPARE(ratios.size(), 60);  // min(60 points, 84 dimensions)
        double sum = 0.0;
        for (int k = 0; k < ratios.size(); ++k) {
            if (k > 0) QVERIFY(ratios[k].toDouble() <= ratios[k - 1].toDouble());
            sum += ratios[k].toDouble();
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-9);
        // The first two ratios are the shares of the two projections' variances: vx / vy = r0 / r1.
        QVERIFY(std::abs(vx / vy - ratios[0].toDouble() / ratios[1].toDouble()) < 1e-6 * vx / vy);
        const double knn = o.value("knn_accuracy").toDouble(),
                     original = o.value("knn_accuracy_original").toDouble();
        QVERIFY(knn >= 0.0 && knn <= 1.0 && original >= 0.0 && original <= 1.0);
        QCOMPARE(o.value("knn_k").toInt(), 5);
        QVERIFY(!o.contains("kl_divergence"));
    }

    void tsneJsonRepeats() {
        const QStringList args = base("tsne") << "--perplexity"
                                              << "10"
                                              << "--iterations"
                                              << "300"
                                              << "--seed"
                                              << "3";
        const Result r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("method").toString(), QString("tsne"));
        QCOMPARE(o.value("perplexity").toDouble(), 10.0);
        QCOMPARE(o.value("iterations").toInt(), 300);
        QCOMPARE(o.value("seed").toInt(), 3);
        QCOMPARE(o.value("barnes_hut").toBool(), false);
        QVERIFY(o.value("kl_divergence").toDouble() > 0.0);
        QCOMPARE(o.value("points").toArray().size(), 60);
        QVERIFY(!o.contains("explained_variance_ratio"));
        QCOMPARE(o.value("knn_accuracy").toDouble(), knnOf(o, 5));
        const Result again = runCli(args);
        QCOMPARE(again.out, r.out);
        const Result other = runCli(base("tsne") << "--perplexity"
                                                 << "10"
                                                 << "--iterations"
                                                 << "300"
                                                 << "--seed"
                                                 << "4");
        QVERIFY(other.exitCode == 0);
        QVERIFY(parse(other).value("points") != o.value("points"));
    }

    void otherTapAndText() {
        const Result r = runCli(base("pca") << "--tap"
                                            << "conv2"
                                            << "--k"
                                            << "3");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("tap").toString(), QString("conv2"));
        QCOMPARE(o.value("dims").toInt(), 16);  // conv2's channels, pooled over the map
        QCOMPARE(o.value("explained_variance_ratio").toArray().size(), 16);
        QCOMPARE(o.value("knn_k").toInt(), 3);
        QStringList text = base("pca", "0:12");
        text.removeAll("--json");
        const Result t = runCli(text);
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        QVERIFY(t.out.contains("explained variance"));
        QVERIFY(t.out.contains("\n11 1 "));  // index, label, x, y
        const Result help = runCli({"embed", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* key :
             {"--perplexity", "--tap TAP", "explained_variance_ratio", "kl_divergence", "knn_accuracy"})
            QVERIFY2(help.out.contains(key), key);
    }

    void badRequests_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString c = kCheckpoint;
        QTest::newRow("no method") << QStringList{"--checkpoint", c, "--indices", "0:20"} << "--method";
        QTest::newRow("unknown method")
            << QStringList{"--checkpoint", c, "--indices", "0:20", "--method", "umap"} << "--method";
        QTest::newRow("no indices") << QStringList{"--checkpoint", c, "--method", "pca"} << "--indices";
        QTest::newRow("empty range") << QStringList{"--checkpoint", c, "--indices", "5:5", "--method", "pca"}
                                     << "--indices";
        QTest::newRow("not a range") << QStringList{"--checkpoint", c, "--indices", "5", "--method", "pca"}
                                     << "--indices";
        QTest::newRow("past the test set")
            << QStringList{"--checkpoint", c, "--indices", "50:150", "--method", "pca"} << "100 images";
        QTest::newRow("unknown tap") << QStringList{"--checkpoint", c,     "--indices", "0:20",
                                                    "--method",     "pca", "--tap",     "conv9"}
                                     << "conv9";
        QTest::newRow("perplexity too large")
            << QStringList{"--checkpoint", c, "--indices", "0:20", "--method", "tsne", "--perplexity", "30"}
            << "--perplexity";
        QTest::newRow("perplexity for pca")
            << QStringList{"--checkpoint", c, "--indices", "0:20", "--method", "pca", "--perplexity", "5"}
            << "tsne";
        QTest::newRow("k too large") << QStringList{"--checkpoint", c,     "--indices", "0:5",
                                                    "--method",     "pca", "--k",       "5"}
                                     << "--k";
        QTest::newRow("no checkpoint")
            << QStringList{"--indices", "0:20", "--method", "pca"} << "--checkpoint";
    }
    void badRequests() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(QStringList{"embed", "--data", m_dir.path()} + args);
        QVERIFY2(r.exitCode > 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    }

    // A checkpoint trained on an image folder embeds that folder's test images (the folder it names).
    void imageFolderCheckpoint() {
        cv::RNG rng(4);
        for (const char* split : {"train", "test"})
            for (int c = 0; c < 3; ++c) {
                const QString dir = m_dir.filePath(QStringLiteral("folder/%1/c%2").arg(split).arg(c));
                QVERIFY(QDir().mkpath(dir));
                for (int i = 0; i < 8; ++i) {
                    cv::Mat image(28, 28, CV_8UC1);
                    rng.fill(image, cv::RNG::UNIFORM, 0, 40);
                    image.rowRange(4 + 8 * c, 8 + 8 * c).setTo(cv::Scalar::all(220));
                    QVERIFY(cv::imwrite(QStringLiteral("%1/%2.png").arg(dir).arg(i).toStdString(), image));
                }
            }
        const QString ckpt = m_dir.filePath("folder.ckpt");
        const Result t = runCli({"train", "--model", "simplecnn", "--data-folder", m_dir.filePath("folder"),
                                 "--epochs", "1", "--batch-size", "8", "--checkpoint", ckpt});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        const Result r =
            runCli({"embed", "--checkpoint", ckpt, "--indices", "0:24", "--method", "pca", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = parse(r);
        QCOMPARE(o.value("class_names").toArray(), (QJsonArray{"c0", "c1", "c2"}));
        QCOMPARE(o.value("labels").toArray().size(), 24);
        QCOMPARE(o.value("tap").toString(), QString("conv2"));  // SimpleCNN's last tap before fc
        QCOMPARE(o.value("dims").toInt(), 64);
        QCOMPARE(o.value("knn_accuracy").toDouble(), knnOf(o, 5));
        const Result past = runCli({"embed", "--checkpoint", ckpt, "--indices", "0:25", "--method", "pca"});
        QVERIFY(past.exitCode > 0);
        QVERIFY2(past.err.contains("24 images"), qPrintable(past.err));
        const Result both = runCli({"embed", "--checkpoint", ckpt, "--indices", "0:24", "--method", "pca",
                                    "--data", m_dir.path(), "--data-folder", m_dir.filePath("folder")});
        QVERIFY(both.exitCode > 0);
        QVERIFY2(both.err.contains("exclude"), qPrintable(both.err));
    }

    void unreadableCheckpoint() {
        const QString bad = m_dir.filePath("broken.ckpt");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        const Result r = runCli(
            {"embed", "--checkpoint", bad, "--data", m_dir.path(), "--indices", "0:20", "--method", "pca"});
        QVERIFY(r.exitCode > 0);
        QVERIFY2(r.err.contains("broken.ckpt"), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliEmbed)
#include "test_cli_embed.moc"
