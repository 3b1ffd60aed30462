// Imported TorchScript models through convscope-cli: describe's JSON against PyTorch's numbers
// (tests/data/torchscript/make_torchscript_models.py), features and explain with --model, and bad files.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using clitest::runCli;
using convscope::testing::torchscriptExpected;
using convscope::testing::torchscriptFixture;

class TestCliImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        convscope::testing::writeFashionMnistFolder(m_dir.path(), 20, 20);
    }

    void describeJson_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("scripted") << torchscriptFixture("tiny_net_scripted.pt");
        QTest::newRow("traced") << torchscriptFixture("tiny_net_traced.pt");
    }
    void describeJson() {
        QFETCH(QString, file);
        const auto r = runCli({"describe", file, "--input", "1x28x28", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject e = torchscriptExpected();
        QCOMPARE(o.value("total_params").toInteger(), e.value("total_params").toInteger());
        QCOMPARE(o.value("classes").toInt(), 10);
        const QJsonObject shapes = e.value("module_shapes").toObject();
        int matched = 0;
        for (const auto& v : o.value("nodes").toArray()) {
            const QJsonObject n = v.toObject();
            const QString name = n.value("name").toString();
            QVERIFY(n.contains("type"));
            if (!shapes.contains(name)) continue;
            QCOMPARE(n.value("output_shape").toArray(), shapes.value(name).toArray());
            ++matched;
        }
        QCOMPARE(matched, shapes.size());
        QCOMPARE(o.value("taps").toArray().size(), e.value("conv_outputs").toArray().size());
    }

    void describeText() {
        const auto r = runCli({"describe", torchscriptFixture("rgb_net_scripted.pt"), "--input", "3x28x28"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("TorchScript"));
        QVERIFY(r.out.contains("total parameters: 10,913"));
        QVERIFY(r.out.contains("features.0"));
    }

    void featuresAndExplain() {
        const QString out = m_dir.filePath("features");
        auto r =
            runCli({"features", "--model", torchscriptFixture("tiny_net_traced.pt"), "--input", "1x28x28",
                    "--normalisation", "fashion-mnist", "--data", m_dir.path(), "--index", "2", out});
        QCOMPARE(r.exitCode, 0);
        for (const auto& name : torchscriptExpected().value("conv_outputs").toArray())
            QVERIFY2(QFile::exists(out + "/" + name.toString() + ".png"), qPrintable(name.toString()));
        // Colour model, class names from a file, a photograph in colour.
        const QString names = m_dir.filePath("names.txt");
        QFile f(names);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("cat\ndog\nbird\nfish\nfrog\n");
        f.close();
        r = runCli({"explain", "--model", torchscriptFixture("rgb_net_scripted.pt"), "--input", "3x28x28",
                    "--normalisation", "imagenet", "--class-names", names, "--data", m_dir.path(), "--index",
                    "1", "--method", "gradcam", "--layer", "features.4", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("layer").toString(), QStringLiteral("features.4"));
        QVERIFY(
            QStringList({"cat", "dog", "bird", "fish", "frog"}).contains(o.value("target_name").toString()));
    }

    void badInput() {
        auto r = runCli({"describe", torchscriptFixture("unknown_op.pt"), "--input", "1x28x28"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("aten::convscope_missing_op"));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        r = runCli({"describe", torchscriptFixture("tiny_net_scripted.pt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--input"));
        r = runCli({"describe", torchscriptFixture("tiny_net_scripted.pt"), "--input", "3x28x28"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("rejects a 3×28×28 input"));
        r = runCli({"describe", torchscriptFixture("tiny_net_scripted.pt"), "--input", "1x28"});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"features", "--model", torchscriptFixture("rgb_net_scripted.pt"), "--input", "3x28x28",
                    "--normalisation", "imagenet", "--class-names",
                    torchscriptFixture("tiny_net_expected.json"), "--index", "0", "--data", m_dir.path(),
                    m_dir.filePath("x")});
        QCOMPARE(r.exitCode, 2);  // a names file whose line count is not the class count
        r = runCli({"features", "--model", torchscriptFixture("tiny_net_scripted.pt"), "--input", "1x28x28",
                    "--normalisation", "imagenet", "--index", "0", "--data", m_dir.path(),
                    m_dir.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("3 colour channels"));
    }

private:
    QTemporaryDir m_dir;
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliImport)
#include "test_cli_import.moc"
