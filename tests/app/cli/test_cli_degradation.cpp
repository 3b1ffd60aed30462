// The degradation experiment from the command line on a small Fashion-MNIST-format folder made here: the
// JSON's runs (parameter counts from the paper's formula, the logged steps, the test error per epoch, the
// gradient summary's depth axis), one seed and one order of batches for every run (the same network twice
// gives the same curve), the text output, the help and bad input.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace clitest;
using namespace convscope;

class TestCliDegradation : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QStringList tiny() const {
        return {"degradation", "--data",       path("data"), "--epochs",     "2",  "--limit-train",
                "64",          "--limit-test", "20",         "--batch-size", "16", "--log-every",
                "1",           "--threads",    "1"};
    }

    void expectFailure(const QStringList& args, const QString& message) {
        const Result r = runCli(args);
        QVERIFY2(r.exitCode != 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!r.err.contains("terminate"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(path("data")));
        testing::writeFashionMnistFolder(path("data"), 200, 60);
    }

    void jsonRuns() {
        const Result r = runCli(tiny() + QStringList{"--models", "plain20,resnet20,plain20", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(r.out));
        const QJsonObject recipe = o.value("recipe").toObject();
        QCOMPARE(recipe.value("optimizer").toString(), QString("sgd"));
        QCOMPARE(recipe.value("momentum").toDouble(), 0.9);
        QCOMPARE(recipe.value("weight_decay").toDouble(), 1e-4);
        QCOMPARE(recipe.value("lr").toDouble(), 0.02);
        QCOMPARE(recipe.value("batch_size").toInt(), 16);
        QVERIFY(o.value("seconds").toDouble() > 0.0);
        QVERIFY(o.value("summary").toString().contains("plain20"));

        const QJsonArray runs = o.value("runs").toArray();
        QCOMPARE(runs.size(), 3);
        const char* models[] = {"plain20", "resnet20", "plain20"};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject run = runs.at(i).toObject();
            QCOMPARE(run.value("model").toString(), QString(models[i]));
            QCOMPARE(run.value("depth").toInt(), 20);
            QCOMPARE(run.value("residual").toBool(), i == 1);
            // The paper's 269,722 for 3 input channels, less the stem's 2 × 16 × 9 weights for a grey image.
            QCOMPARE(run.value("parameters").toInt(), 269722 - 2 * 16 * 9);
            QCOMPARE(run.value("train_images").toInt(), 64);
            // 64 images in batches of 16, twice, every batch logged.
            const QJsonArray loss = run.value("train_loss").toArray();
            QCOMPARE(loss.size(), 8);
            for (int s = 0; s < 8; ++s) {
                QCOMPARE(loss.at(s).toObject().value("step").toInt(), s + 1);
                const double l = loss.at(s).toObject().value("loss").toDouble();
                QVERIFY2(l > 0.0 && l < 50.0, qPrintable(QString::number(l)));
            }
            const QJsonArray errors = run.value("test_error").toArray();
            QCOMPARE(errors.size(), 2);
            for (const QJsonValue e : errors) QVERIFY(e.toDouble() >= 0.0 && e.toDouble() <= 1.0);
            const QJsonArray epochs = run.value("epochs").toArray();
            QCOMPARE(epochs.size(), 2);
            QCOMPARE(epochs.at(1).toObject().value("step").toInt(), 8);
            QCOMPARE(epochs.at(1).toObject().value("test_error").toDouble(), errors.at(1).toDouble());
            QCOMPARE(run.value("final_train_loss").toDouble(),
                     epochs.at(1).toObject().value("train_loss").toDouble());
            // The depth axis: 19 convolutions and the classifier.
            const QJsonObject g = run.value("gradients").toObject();
            const QJsonArray layers = g.value("layers").toArray();
            QCOMPARE(layers.size(), 20);
            QCOMPARE(layers.first().toString(), QString("conv1.weight"));
            QCOMPARE(layers.last().toString(), QString("fc.weight"));
            QCOMPARE(g.value("first").toObject().value("step").toInt(), 1);
            QCOMPARE(g.value("last").toObject().value("step").toInt(), 8);
            const QJsonArray norms = g.value("last").toObject().value("norms").toArray();
            QCOMPARE(norms.size(), 20);
            for (const QJsonValue n : norms) QVERIFY(n.toDouble() > 0.0);
        }
        // The same network twice: the same weights, batches and therefore the same curve, step by step.
        QCOMPARE(runs.at(2).toObject().value("train_loss"), runs.at(0).toObject().value("train_loss"));
        QCOMPARE(runs.at(2).toObject().value("test_error"), runs.at(0).toObject().value("test_error"));
        // Without its shortcuts the same seed computes another function.
        QVERIFY(runs.at(1).toObject().value("train_loss") != runs.at(0).toObject().value("train_loss"));
    }

    void textOutput() {
        const Result r = runCli(tiny() + QStringList{"--models", "plain20, resnet20"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("plain20   20 layers,  269434 parameters"), qPrintable(r.out));
        QVERIFY2(r.out.contains("resnet20"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Training loss over the last epoch: plain20"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Finished in"), qPrintable(r.out));
    }

    void helpAndBadInput() {
        const Result help = runCli({"degradation", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* option :
             {"--epochs", "--limit-train", "--limit-test", "--models", "--seed", "--threads", "--device",
              "--json", "train_loss", "test_error", "gradients"})
            QVERIFY2(help.out.contains(option), option);
        QVERIFY(runCli({"--help"}).out.contains("degradation"));
        expectFailure({"degradation", "--models", "plain20,lenet5"}, "not one of He et al.'s CIFAR networks");
        expectFailure({"degradation", "--models", "plain20,,resnet20"}, "--models");
        expectFailure({"degradation", "--epochs", "0"}, "--epochs");
        expectFailure({"degradation", "--lr", "-1", "--data", path("data")}, "learning rate");
        expectFailure({"degradation", "--schedule", "sometimes", "--data", path("data")}, "schedule");
        expectFailure({"degradation", "extra.txt"}, "no file arguments");
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliDegradation)
#include "test_cli_degradation.moc"
