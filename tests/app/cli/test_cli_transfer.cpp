// Fine-tuning from the command line on a small Fashion-MNIST-format folder made here: train --init with
// --freeze backbone on a class subset and a few images per class (the frozen weights in the new checkpoint
// are the old checkpoint's, the head is new), evaluate on the subset, the experiment's JSON, and bad input.
// The same from a TorchScript file (train --init FILE --input CxHxW): frozen weights and batch norm
// statistics equal the file's as LibTorch's loader reads it, the head is new, the checkpoint evaluates and
// starts a run.
#include <torch/script.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace clitest;
using namespace convscope;

namespace {

torch::Tensor weight(const QString& path, const std::string& name) {
    const nn::CheckpointState s = nn::readCheckpointState(path.toStdString());
    nn::Classifier m = nn::makeModel(s.config.model);
    nn::loadCheckpoint(path.toStdString(), *m, nullptr, s.config.model);
    return m->named_parameters()[name].detach().clone();
}

// A parameter or buffer of a TorchScript file, read by LibTorch's loader alone.
torch::Tensor fileTensor(const QString& path, const std::string& name) {
    const torch::jit::Module m = torch::jit::load(path.toStdString());
    for (const auto& p : m.named_parameters(true))
        if (p.name == name) return p.value.detach().clone();
    for (const auto& b : m.named_buffers(true))
        if (b.name == name) return b.value.detach().clone();
    return {};
}

torch::Tensor checkpointTensor(const QString& path, const std::string& name) {
    const nn::CheckpointState s = nn::readCheckpointState(path.toStdString());
    nn::Classifier m = nn::makeModel(s.config.model);
    nn::loadCheckpoint(path.toStdString(), *m, nullptr, s.config.model);
    for (const auto& b : m->named_buffers())
        if (b.key() == name) return b.value().detach().clone();
    return m->named_parameters()[name].detach().clone();
}

QStringList quick() {
    return {"--epochs", "1", "--optimizer", "adam", "--lr", "0.003", "--threads", "1"};
}

}  // namespace

class TestCliTransfer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    void expectFailure(const QStringList& args, const QString& message) {
        const Result r = runCli(args);
        QVERIFY2(r.exitCode != 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!r.err.contains("terminate"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(path("data")));
        testing::writeFashionMnistFolder(path("data"), 400, 100);
    }

    void fineTuneWithFrozenBackbone() {
        const Result pre =
            runCli(QStringList{"train", "--model", "lenet5", "--class-subset", "0,1,2,3,4", "--batch-size",
                               "50", "--data", path("data"), "--checkpoint", path("pre.ckpt")} +
                   quick());
        QVERIFY2(pre.exitCode == 0, qPrintable(pre.err));
        QVERIFY2(pre.out.contains("data:   200 training and 50 test images"), qPrintable(pre.out));

        const Result ft =
            runCli(QStringList{"train", "--init", path("pre.ckpt"), "--freeze", "backbone", "--class-subset",
                               "5,6,7,8,9", "--per-class", "10", "--batch-size", "10", "--data", path("data"),
                               "--checkpoint", path("ft.ckpt")} +
                   quick());
        QVERIFY2(ft.exitCode == 0, qPrintable(ft.err));
        QVERIFY2(ft.out.contains("data:   50 training and 50 test images"), qPrintable(ft.out));
        QVERIFY2(ft.out.contains("init:   lenet5 ← pre.ckpt (5 classes, 1 epoch), freeze backbone"),
                 qPrintable(ft.out));
        QVERIFY2(ft.out.contains("which is new (other classes)"), qPrintable(ft.out));
        QVERIFY2(ft.out.contains("Ankle boot"), qPrintable(ft.out));  // the subset's names in the report
        for (const char* frozen : {"conv1.weight", "conv2.bias", "fc1.weight", "fc2.weight"})
            QVERIFY2(torch::equal(weight(path("ft.ckpt"), frozen), weight(path("pre.ckpt"), frozen)), frozen);
        QVERIFY(!torch::equal(weight(path("ft.ckpt"), "fc.weight"), weight(path("pre.ckpt"), "fc.weight")));
        const nn::TrainConfig saved = nn::readCheckpointState(path("ft.ckpt").toStdString()).config;
        QCOMPARE(saved.init, path("pre.ckpt").toStdString());
        QCOMPARE(saved.initSource.classNames.front(), std::string("T-shirt/top"));

        const Result e =
            runCli({"evaluate", "--checkpoint", path("ft.ckpt"), "--data", path("data"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QJsonObject eo = QJsonDocument::fromJson(e.out.toUtf8()).object();
        QCOMPARE(eo.value("images").toInt(), 50);
        QCOMPARE(eo.value("class_names").toArray().first().toString(), QString("Sandal"));
        QCOMPARE(eo.value("confusion").toArray().size(), 5);
    }

    void badFineTuningInput() {
        expectFailure({"train", "--init", path("missing.ckpt"), "--data", path("data")}, "does not exist");
        expectFailure({"train", "--model", "lenet5", "--freeze", "backbone", "--data", path("data")},
                      "--freeze needs --init");
        expectFailure({"train", "--model", "lenet5", "--class-subset", "5,x", "--data", path("data")},
                      "--class-subset");
        if (!QFile::exists(path("pre.ckpt"))) QSKIP("needs fineTuneWithFrozenBackbone's checkpoint");
        expectFailure(
            {"train", "--init", path("pre.ckpt"), "--freeze", "up-to:conv9", "--data", path("data")},
            "conv1, conv2, fc1, fc2, fc");
        expectFailure({"train", "--init", path("pre.ckpt"), "--freeze", "all", "--data", path("data")},
                      "up-to:TAP");
        expectFailure({"train", "--init", path("pre.ckpt"), "--model", "simplecnn", "--data", path("data")},
                      "LeNet-5");
        expectFailure(
            {"train", "--resume", path("pre.ckpt"), "--init", path("pre.ckpt"), "--data", path("data")},
            "keeps its checkpoint's --init");
    }

    void fineTuneTorchScript() {
        // The file under a name that is not .pt: it is told from a checkpoint by its content.
        const QString model = path("tiny.weights");
        QVERIFY(QFile::copy(testing::torchscriptFixture("tiny_net_scripted.pt"), model));
        const Result ft = runCli(QStringList{"train", "--init", model, "--input", "1x28x28",
                                             "--normalisation", "fashion-mnist", "--freeze", "backbone",
                                             "--class-subset", "0,1,2", "--per-class", "10", "--batch-size",
                                             "10", "--data", path("data"), "--checkpoint", path("ts.ckpt")} +
                                 quick());
        QVERIFY2(ft.exitCode == 0, qPrintable(ft.err));
        QVERIFY2(ft.out.contains("model:  TorchScript tiny.weights (1 channel, 3 classes)"),
                 qPrintable(ft.out));
        QVERIFY2(ft.out.contains("init:   torchscript ← tiny.weights (10 classes), freeze backbone"),
                 qPrintable(ft.out));
        QVERIFY2(ft.out.contains("which is new (10 classes there, 3 here)"), qPrintable(ft.out));
        QVERIFY2(ft.out.contains("running statistics of 3 batch norm modules"), qPrintable(ft.out));
        for (const char* frozen : {"conv1.weight", "bn1.running_mean", "layer1.bn2.running_var",
                                   "layer1.bn1.num_batches_tracked", "mixed.branch2.2.bias", "down.weight"}) {
            const torch::Tensor before = fileTensor(model, frozen);
            QVERIFY2(before.defined() && torch::equal(checkpointTensor(path("ts.ckpt"), frozen), before),
                     frozen);
        }
        QCOMPARE(checkpointTensor(path("ts.ckpt"), "fc.weight").size(0), std::int64_t(3));
        const nn::TrainConfig saved = nn::readCheckpointState(path("ts.ckpt").toStdString()).config;
        QCOMPARE(saved.model.name, std::string("torchscript"));
        QCOMPARE(saved.model.file, model.toStdString());
        QCOMPARE(saved.init, model.toStdString());
        QCOMPARE(saved.initSource.classes, 10);
        QCOMPARE(saved.input.mean, nn::InputTransform{}.mean);  // the import's normalisation

        const Result e =
            runCli({"evaluate", "--checkpoint", path("ts.ckpt"), "--data", path("data"), "--json"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const QJsonObject eo = QJsonDocument::fromJson(e.out.toUtf8()).object();
        QCOMPARE(eo.value("images").toInt(), 30);
        QCOMPARE(eo.value("class_names").toArray().last().toString(), QString("Pullover"));

        // Its checkpoint starts the next run (the imported model again, with the lineage behind it).
        const Result next =
            runCli(QStringList{"train", "--init", path("ts.ckpt"), "--freeze", "up-to:layer1.add",
                               "--class-subset", "3,4", "--per-class", "10", "--batch-size", "10", "--data",
                               path("data"), "--checkpoint", path("ts2.ckpt")} +
                   quick());
        QVERIFY2(next.exitCode == 0, qPrintable(next.err));
        QVERIFY2(next.out.contains("init:   torchscript ← ts.ckpt (3 classes, 1 epoch) ← tiny.weights (10 "
                                   "classes), freeze up-to:layer1.add"),
                 qPrintable(next.out));
        QVERIFY(torch::equal(checkpointTensor(path("ts2.ckpt"), "layer1.conv2.weight"),
                             fileTensor(model, "layer1.conv2.weight")));
        QVERIFY(!torch::equal(checkpointTensor(path("ts2.ckpt"), "down.weight"),
                              fileTensor(model, "down.weight")));

        // The traced file with as many classes and no names: its head is kept.
        const Result traced =
            runCli(QStringList{"train", "--init", testing::torchscriptFixture("tiny_net_traced.pt"),
                               "--input", "1x28x28", "--freeze", "backbone", "--limit-train", "20",
                               "--batch-size", "10", "--data", path("data")} +
                   quick());
        QVERIFY2(traced.exitCode == 0, qPrintable(traced.err));
        QVERIFY2(traced.out.contains("every weight, the classifier head fc included"),
                 qPrintable(traced.out));
    }

    void badTorchScriptFineTuning() {
        const QString model = testing::torchscriptFixture("tiny_net_scripted.pt");
        expectFailure(
            {"train", "--init", model, "--data", path("data")},
            "tiny_net_scripted.pt is a TorchScript model, which does not record the input it takes: "
            "give --input");
        expectFailure(
            {"train", "--init", model, "--input", "1x28x28", "--model", "lenet5", "--data", path("data")},
            "exclude each other");
        expectFailure(
            {"train", "--init", model, "--input", "1x28x28", "--size", "56", "--data", path("data")},
            "--size applies to the zoo's models");
        expectFailure({"train", "--init", model, "--input", "1x28x32", "--data", path("data")}, "square");
        expectFailure({"train", "--init", model, "--input", "3x28x28", "--data", path("data")},
                      "rejects a 3×28×28 input");
        expectFailure({"train", "--init", model, "--input", "1x28x28", "--freeze", "up-to:nothing", "--data",
                       path("data")},
                      "layer1.add");
        expectFailure({"train", "--model", "lenet5", "--input", "1x28x28", "--data", path("data")},
                      "--input applies to a TorchScript --init file");
    }

    void transferExperimentJson() {
        const Result r = runCli({"transfer", "--model", "lenet5", "--data", path("data"), "--per-class",
                                 "2,5", "--epochs", "2", "--pretrain-epochs", "1", "--threads", "1",
                                 "--batch-size", "5", "--out", path("experiment"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(r.out));
        QCOMPARE(o.value("model").toString(), QString("lenet5"));
        QCOMPARE(o.value("target_classes").toArray().size(), 5);
        QCOMPARE(o.value("target_classes").toArray().at(0).toString(), QString("Sandal"));
        const QJsonObject pre = o.value("pretrain").toObject();
        QCOMPARE(pre.value("train_images").toInt(), 200);
        QCOMPARE(pre.value("curve").toArray().size(), 1);
        QVERIFY(QFile::exists(path("experiment/pretrain.ckpt")));
        const QJsonArray runs = o.value("runs").toArray();
        QCOMPARE(runs.size(), 4);
        const int perClass[] = {2, 2, 5, 5};
        for (int i = 0; i < 4; ++i) {
            const QJsonObject run = runs.at(i).toObject();
            QCOMPARE(run.value("per_class").toInt(), perClass[i]);
            QCOMPARE(run.value("start").toString(), QString(i % 2 == 0 ? "pretrained" : "scratch"));
            QCOMPARE(run.value("train_images").toInt(), 5 * perClass[i]);
            const QJsonArray curve = run.value("curve").toArray();
            QCOMPARE(curve.size(), 2);
            for (int e = 0; e < 2; ++e) {
                const QJsonObject p = curve.at(e).toObject();
                QCOMPARE(p.value("epoch").toInt(), e + 1);
                QCOMPARE(p.value("step").toInt(), (e + 1) * perClass[i]);  // 5 × N images in batches of 5
                const double a = p.value("test_accuracy").toDouble(-1);
                QVERIFY2(a >= 0.0 && a <= 1.0, qPrintable(QString::number(a)));
            }
            QCOMPARE(run.value("final_test_accuracy").toDouble(),
                     curve.at(1).toObject().value("test_accuracy").toDouble());
            QVERIFY(QFile::exists(run.value("checkpoint").toString()));
        }
        QVERIFY(o.value("seconds").toDouble() > 0.0);

        // Text: the table; the pretraining is reused from the folder.
        const Result text = runCli({"transfer", "--model", "lenet5", "--data", path("data"), "--per-class",
                                    "2", "--epochs", "1", "--pretrain-epochs", "1", "--threads", "1",
                                    "--batch-size", "5", "--out", path("experiment")});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("(reused)"), qPrintable(text.out));
        QVERIFY2(text.out.contains("per class   fine-tuned   from scratch"), qPrintable(text.out));
    }

    void badExperimentInput() {
        expectFailure({"transfer", "--data", path("data"), "--per-class", "0"}, "--per-class");
        expectFailure(
            {"transfer", "--data", path("data"), "--pretrain-classes", "0,1", "--target-classes", "1,2"},
            "overlap");
        expectFailure({"transfer", "--data", path("data"), "--classes", "3"}, "--target-classes");
        expectFailure({"transfer", "--data", path("data"), "--freeze", "up-to:"}, "freeze");
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliTransfer)
#include "test_cli_transfer.moc"
