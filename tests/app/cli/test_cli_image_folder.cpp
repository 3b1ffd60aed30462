// train and evaluate on folders of images made here with OpenCV (PNG, JPEG, BMP, TIFF, WebP of mixed sizes,
// a text file, a corrupt PNG, an empty class): the runs finish with the bad files reported on stderr, the
// normalisation printed, evaluate's JSON names the classes (for Fashion-MNIST too), a resumed run reads the
// folder again, and folders that are not data sets give one sentence.
#include <QTest>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;

namespace {

// `n` images of class `c` in `dir`: a bright bar whose row depends on the class, on noise; formats and sizes
// take turns.
void writeClass(const QString& dir, int c, int n, unsigned seed) {
    QDir().mkpath(dir);
    cv::RNG rng(seed);
    const char* formats[] = {"png", "jpg", "bmp", "tiff", "webp"};
    for (int i = 0; i < n; ++i) {
        const int side = 20 + 8 * (i % 4);  // 20 … 44 pixels: shrunk and enlarged to 28
        cv::Mat image(side, side + 4 * (i % 3), i % 2 ? CV_8UC3 : CV_8UC1);
        rng.fill(image, cv::RNG::UNIFORM, 0, 40);
        const int row = side * (1 + 2 * c) / 8;
        image.rowRange(row, row + side / 8).setTo(cv::Scalar::all(220));
        const QString path =
            dir + QStringLiteral("/%1.%2").arg(i, 3, 10, QLatin1Char('0')).arg(formats[i % 5]);
        QVERIFY(cv::imwrite(path.toStdString(), image));
    }
}

void writeFile(const QString& path, const std::string& bytes) {
    std::ofstream(path.toStdString(), std::ios::binary) << bytes;
}

QJsonObject json(const Result& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QStringList names(const QJsonObject& o) {
    QStringList out;
    for (const QJsonValue& v : o.value(QStringLiteral("class_names")).toArray()) out << v.toString();
    return out;
}

}  // namespace

class TestCliImageFolder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        // A folder of class folders, split by --test-fraction.
        for (int c = 0; c < 3; ++c) writeClass(path(QStringLiteral("split/class%1").arg(c)), c, 20, 10 + c);
        QDir().mkpath(path("split/zz_empty"));
        writeFile(path("split/class0/notes.txt"), "not an image");
        writeFile(path("split/class1/corrupt.png"),
                  std::string("\x89PNG\r\n\x1a\n", 8) + std::string(50, 'z'));
        // train/ and test/ folders.
        for (int c = 0; c < 2; ++c) {
            writeClass(path(QStringLiteral("tt/train/%1").arg(QChar('a' + c))), c, 12, 20 + c);
            writeClass(path(QStringLiteral("tt/test/%1").arg(QChar('a' + c))), c, 5, 30 + c);
        }
        writeFile(path("tt/train/a/broken.jpg"), "\xFF\xD8\xFF garbage");
    }

    void trainAndEvaluateASplitFolder() {
        const Result r =
            runCli({"train", "--model", "simplecnn", "--data-folder", path("split"), "--epochs", "1",
                    "--batch-size", "16", "--limit-train", "40", "--checkpoint", path("split.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("layout split (test fraction 0.2, split seed 1), 4 classes"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("input:  normalised with the training pixels' mean 0."));
        QVERIFY(r.out.contains("images/s"));
        QVERIFY(r.out.contains("40 training and"));
        QVERIFY2(r.err.contains("class0/notes.txt") && r.err.contains("zz_empty"), qPrintable(r.err));
        QVERIFY(r.out.contains("Finished"));

        // The checkpoint remembers its folder: evaluate reads that folder's test files.
        const Result e = runCli({"evaluate", "--checkpoint", path("split.ckpt"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QJsonObject o = json(e);
        QCOMPARE(names(o), (QStringList{"class0", "class1", "class2", "zz_empty"}));
        // round(0.2 × 20) = 4 test files per class (class1's corrupt file is its 21st: still 4), less the
        // corrupt file when the split put it among them.
        const bool corruptInTest = e.err.contains("1 of 12 test files could not be decoded");
        QCOMPARE(o.value("images").toInt(), corruptInTest ? 11 : 12);
        QCOMPARE(o.value("confusion").toArray().size(), 4);
        QVERIFY(
            o.value("per_class_accuracy").toArray().at(3).isNull());  // the empty class has no test images

        const Result resumed = runCli({"train", "--resume", path("split.ckpt"), "--epochs", "2"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(resumed.out.contains("(the checkpoint's)"));
        QVERIFY(resumed.out.contains("after epoch 1"));
        QVERIFY(resumed.out.contains("epoch 2/2"));
    }

    // The class subset is taken before the limit: 10 images of classes 1 and 2, not the 6 of them among
    // the first 10 files of all classes; evaluate tests that checkpoint on those classes' test files.
    void classSubsetBeforeTheLimit() {
        const Result r = runCli({"train", "--model", "simplecnn", "--data-folder", path("split"), "--epochs",
                                 "1", "--batch-size", "16", "--class-subset", "1,2", "--limit-train", "10",
                                 "--limit-test", "5", "--checkpoint", path("subset.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("10 training and 5 test images"), qPrintable(r.out));
        const Result e =
            runCli({"evaluate", "--checkpoint", path("subset.ckpt"), "--limit-test", "6", "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        // Class1's corrupt file may be among its test files: then 5 of the first 6 decode.
        const int images = json(e).value("images").toInt();
        QVERIFY2(images == 6 || (images == 5 && e.err.contains("could not be decoded")), qPrintable(e.err));
        // A class the folder lacks: one sentence.
        const Result bad = runCli({"train", "--model", "simplecnn", "--data-folder", path("split"),
                                   "--epochs", "1", "--class-subset", "1,7"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("Class 7 is not one of the folder's 4 classes"), qPrintable(bad.err));
    }

    void trainTestFoldersInColour() {
        const Result r =
            runCli({"train", "--model", "simplecnn", "--data-folder", path("tt"), "--in-channels", "3",
                    "--epochs", "1", "--batch-size", "8", "--checkpoint", path("tt.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("layout train/test, 2 classes (training/test files): a 13/5, b 12/5"));
        QVERIFY2(
            r.err.contains("1 of 25 training files could not be decoded") && r.err.contains("a/broken.jpg"),
            qPrintable(r.err));
        QVERIFY(r.out.contains("24 training and 10 test images"));
        const Result e =
            runCli({"evaluate", "--checkpoint", path("tt.ckpt"), "--data-folder", path("tt"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QJsonObject o = json(e);
        QCOMPARE(names(o), (QStringList{"a", "b"}));
        QCOMPARE(o.value("images").toInt(), 10);
        int total = 0;
        for (const QJsonValue& row : o.value("confusion").toArray())
            for (const QJsonValue& v : row.toArray()) total += v.toInt();
        QCOMPARE(total, 10);
        // Another folder's classes are not this checkpoint's.
        const Result other =
            runCli({"evaluate", "--checkpoint", path("tt.ckpt"), "--data-folder", path("split")});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains("are not the ones"), qPrintable(other.err));
    }

    void fashionMnistEvaluationNamesItsClasses() {
        QVERIFY(QDir().mkpath(path("fmnist")));
        convscope::testing::writeFashionMnistFolder(path("fmnist"), 60, 20);
        const Result r = runCli({"train", "--model", "simplecnn", "--data", path("fmnist"), "--epochs", "1",
                                 "--checkpoint", path("fmnist.ckpt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Result e =
            runCli({"evaluate", "--checkpoint", path("fmnist.ckpt"), "--data", path("fmnist"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QStringList classes = names(json(e));
        QCOMPARE(classes.size(), 10);
        QCOMPARE(classes.front(), QStringLiteral("T-shirt/top"));
        QCOMPARE(classes.back(), QStringLiteral("Ankle boot"));
        // A Fashion-MNIST model on a folder of two classes: refused with a sentence.
        const Result wrong =
            runCli({"evaluate", "--checkpoint", path("fmnist.ckpt"), "--data-folder", path("tt")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("classes are not the ones"), qPrintable(wrong.err));
    }

    void foldersThatAreNotDataSets() {
        QDir().mkpath(path("bad/train/a"));
        QDir().mkpath(path("bad/test/b"));
        struct Case {
            QStringList extra;
            int exitCode;
            const char* message;
        };
        const Case cases[] = {
            {{"--data-folder", path("nowhere")}, 1, "does not exist"},
            {{"--data-folder", path("bad")}, 1, "only in train: a; only in test: b"},
            {{"--data-folder", path("split"), "--test-fraction", "1"}, 2, "--test-fraction"},
            {{"--data-folder", path("split"), "--in-channels", "2"}, 2, "grey (--in-channels 1) or colour"},
            {{"--data-folder", path("split"), "--classes", "7"}, 2, "has 4 classes"},
            {{"--data-folder", path("split"), "--cache-limit", "0.000001"},
             1,
             "more than the image cache's limit"},
            {{"--data-folder", path("split"), "--data", path("fmnist")}, 2, "exclude each other"},
        };
        for (const Case& c : cases) {
            const Result r = runCli(QStringList{"train", "--model", "simplecnn", "--epochs", "1"} + c.extra);
            QVERIFY2(r.exitCode == c.exitCode, qPrintable(c.extra.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains(QLatin1String(c.message)), qPrintable(r.err));
            QVERIFY2(r.err.trimmed().split('\n').last().startsWith("convscope-cli: error: "),
                     qPrintable(r.err));
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliImageFolder)
#include "test_cli_image_folder.moc"
