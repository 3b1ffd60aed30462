// Fine-tuning an imported TorchScript model (tests/data/torchscript, made by make_torchscript_models.py):
// a run whose init is the model's own file. Checked against a fresh torch::jit::load of that file: with the
// backbone frozen every parameter and every batch norm statistic stays bit-identical (under SGD with momentum
// and weight decay), the new head has the new class count and trains; without freezing the statistics move
// (so the first check can fail); the head is kept or renewed by class count and names; the lineage reaches
// the checkpoint, which loads again; up-to:NODE takes the graph's operation names; the file is told from a
// checkpoint by its content.
#include <torch/script.h>
#include <torch/torch.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>

#include "core/nn/imported/scripted_classifier.h"
#include "core/nn/imported/scripted_module_mirror.h"
#include "core/nn/imported/torchscript_file.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/freeze_plan.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;
using convscope::testing::torchscriptFixture;

namespace {

using Tensors = std::map<std::string, torch::Tensor>;

Tensors snapshot(torch::nn::Module& m) {
    Tensors out;
    for (const auto& p : m.named_parameters()) out[p.key()] = p.value().detach().clone();
    for (const auto& b : m.named_buffers()) out[b.key()] = b.value().detach().clone();
    return out;
}

// The file's own weights, read by LibTorch's loader alone.
Tensors fileTensors(const std::string& path) {
    const torch::jit::Module m = torch::jit::load(path);
    Tensors out;
    for (const auto& p : m.named_parameters(true)) out[p.name] = p.value.detach().clone();
    for (const auto& b : m.named_buffers(true)) out[b.name] = b.value.detach().clone();
    return out;
}

std::string fixture(const char* name) {
    return torchscriptFixture(name).toStdString();
}

// A run that starts from `file`'s own weights: the contract the CLI and the Training panel build.
TrainConfig imported(const std::string& file, int classes, const std::string& freeze) {
    TrainConfig c;
    c.model.name = "torchscript";
    c.model.file = file;
    c.model.inChannels = 1;
    c.model.inputSize = c.input.size = 28;
    c.model.classes = classes;
    c.init = file;
    c.freeze = freeze;
    c.epochs = 1;
    c.batchSize = 10;
    c.optimizer = "sgd";
    c.learningRate = 0.05;
    c.momentum = 0.9;
    c.weightDecay = 0.01;  // would shrink every weight it reached
    c.schedule = "none";
    c.threads = 1;
    c.seed = 5;
    if (classes == 3) c.classSubset = {0, 1, 2};
    return c;
}

bool isHead(const std::string& name) {
    return name.rfind("fc.", 0) == 0;
}

}  // namespace

class TestScriptedFineTune : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(200, 1), m_test = gratingsDataset(60, 2);
    QTemporaryDir m_dir;

private Q_SLOTS:
    void frozenBackboneStaysBitIdentical_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("scripted") << "tiny_net_scripted.pt";
        QTest::newRow("traced") << "tiny_net_traced.pt";
    }

    void frozenBackboneStaysBitIdentical() {
        QFETCH(QString, file);
        const std::string path = fixture(file.toLatin1().constData());
        const Tensors original = fileTensors(path);
        Trainer t(imported(path, 3, "backbone"), m_train, m_test);
        const Tensors start = snapshot(t.model());
        QCOMPARE(start.size(), original.size());
        QCOMPARE(start.at("fc.weight").size(0), std::int64_t(3));
        const std::string checkpoint = m_dir.filePath(file + ".ckpt").toStdString();
        t.setCheckpointPath(checkpoint);
        QVERIFY(t.run({}).status == TrainStatus::Finished);

        const Tensors end = snapshot(t.model());
        int frozen = 0, statistics = 0;
        for (const auto& [name, value] : end) {
            if (isHead(name)) {
                QVERIFY2(!torch::equal(value, start.at(name)), ("the head did not train: " + name).c_str());
                continue;
            }
            QVERIFY2(torch::equal(value, original.at(name)), ("moved: " + name).c_str());
            ++frozen;
            for (const char* s : {"running_mean", "running_var", "num_batches_tracked"})
                if (name.find(s) != std::string::npos) ++statistics;
        }
        QCOMPARE(statistics, 9);  // bn1, layer1.bn1, layer1.bn2
        QCOMPARE(frozen, int(original.size()) - 2);
        for (const auto& p : t.model().named_parameters())
            QCOMPARE(p.value().requires_grad(), isHead(p.key()));

        // The lineage, in the trainer and in the checkpoint, whose weights load again.
        QCOMPARE(t.config().initSource.model, std::string("torchscript"));
        QCOMPARE(t.config().initSource.classes, 10);
        QCOMPARE(t.config().initSource.epochs, 0);
        const std::string lineage = "torchscript ← " + file.toStdString() + " (10 classes)";
        QCOMPARE(t.config().lineage(), lineage);
        const CheckpointState saved = readCheckpointState(checkpoint);
        QCOMPARE(saved.config.lineage(), lineage);
        QCOMPARE(saved.config.init, path);
        QCOMPARE(saved.config.model.file, path);
        QCOMPARE(saved.config.freeze, std::string("backbone"));
        Classifier again = makeModel(saved.config.model);
        loadCheckpoint(checkpoint, *again, nullptr, saved.config.model);
        for (const auto& [name, value] : snapshot(*again))
            QVERIFY2(torch::equal(value, end.at(name)), name.c_str());
    }

    void unfrozenStatisticsMove() {
        // The same run without freezing: the scripted file's batch norms update their statistics (the
        // training flag reaches them), so the check above can fail. (A traced file has evaluation baked in.)
        const std::string path = fixture("tiny_net_scripted.pt");
        const Tensors original = fileTensors(path);
        Trainer t(imported(path, 3, "none"), m_train, m_test);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        const Tensors end = snapshot(t.model());
        for (const char* name : {"bn1.running_mean", "layer1.bn2.running_var", "conv1.weight", "down.bias"})
            QVERIFY2(!torch::equal(end.at(name), original.at(name)), name);
    }

    void modeReachesTheFilesSubmodules() {
        ScriptedClassifier m = ScriptedClassifierImpl::load(fixture("tiny_net_scripted.pt"), {1, 28, 28});
        m->train();
        std::map<std::string, std::shared_ptr<torch::nn::Module>> modules;
        for (const auto& item : m->named_modules("", false)) modules[item.key()] = item.value();
        modules.at("bn1")->eval();
        const auto mirror = [&](const char* name) {
            return std::dynamic_pointer_cast<ScriptedModuleMirror>(modules.at(name));
        };
        QVERIFY(mirror("bn1") && mirror("layer1.bn1"));
        QVERIFY(!mirror("bn1")->scripted().is_training());
        QVERIFY(mirror("layer1.bn1")->scripted().is_training());
        QVERIFY(mirror("layer1")->scripted().is_training());
        // The frozen batch norm keeps its statistics in a training-mode forward pass; the others move.
        const torch::Tensor before = m->named_buffers()["bn1.running_mean"].clone();
        const torch::Tensor other = m->named_buffers()["layer1.bn1.running_mean"].clone();
        {
            torch::NoGradGuard g;
            m->forward(torch::rand({4, 1, 28, 28}));
        }
        QVERIFY(torch::equal(before, m->named_buffers()["bn1.running_mean"]));
        QVERIFY(!torch::equal(other, m->named_buffers()["layer1.bn1.running_mean"]));
        mirror("layer1")->train(false);
        QVERIFY(!mirror("layer1.bn2")->scripted().is_training());
    }

    void headKeptOrRenewed() {
        const std::string path = fixture("tiny_net_scripted.pt");
        const Tensors original = fileTensors(path);
        std::vector<std::string> tenNames;
        for (int k = 0; k < 10; ++k) tenNames.push_back("class " + std::to_string(k));
        // Ten classes, names unknown or the same: the file's head.
        for (const bool named : {false, true}) {
            TrainConfig c = imported(path, 10, "none");
            if (named) c.initSource.classNames = tenNames;
            Trainer t(c, m_train, m_test);
            QVERIFY(torch::equal(t.model().named_parameters()["fc.weight"], original.at("fc.weight")));
            QCOMPARE(t.config().initSource.classNames, named ? tenNames : std::vector<std::string>{});
        }
        // Ten classes of other names: a new head, drawn from the seed.
        TrainConfig c = imported(path, 10, "none");
        c.initSource.classNames = tenNames;
        c.initSource.classNames[3] = "dress";
        Trainer t(c, m_train, m_test);
        QVERIFY(!torch::equal(t.model().named_parameters()["fc.weight"], original.at("fc.weight")));
        QVERIFY(torch::equal(t.model().named_parameters()["conv1.weight"], original.at("conv1.weight")));
        Trainer same(c, m_train, m_test);
        QVERIFY(torch::equal(t.model().named_parameters()["fc.weight"],
                             same.model().named_parameters()["fc.weight"]));
        // The report says which.
        Classifier m = makeModel(c.model);
        const InitReport r =
            loadInitialWeights(path, *m, c.model, m_train.classNames, c.initSource.classNames);
        QVERIFY(!r.headKept);
        QCOMPARE(r.headName, std::string("fc"));
        QVERIFY2(r.message.find("other classes") != std::string::npos, r.message.c_str());
    }

    void upToAnOperation() {
        ScriptedClassifier m = ScriptedClassifierImpl::load(fixture("tiny_net_traced.pt"), {1, 28, 28});
        QCOMPARE(classifierHeadName(*m), std::string("fc"));
        const std::vector<std::string> taps = m->tapNames();
        const FreezePlan plan(*m, "up-to:layer1.conv2", 1, 28);
        QCOMPARE(plan.frozenParameters(),
                 (std::set<std::string>{"conv1.weight", "bn1.weight", "bn1.bias", "layer1.conv1.weight",
                                        "layer1.bn1.weight", "layer1.bn1.bias", "layer1.conv2.weight"}));
        QCOMPARE(plan.frozenModuleNames(), (std::vector<std::string>{"bn1", "layer1.bn1"}));
        QCOMPARE(m->tapNames(), taps);  // put back
        // The branches of the concatenation: only what feeds branch 2's second convolution.
        const FreezePlan branch(*m, "up-to:mixed.branch2.2", 1, 28);
        QVERIFY(branch.isFrozen("mixed.branch2.0.weight") && branch.isFrozen("mixed.branch2.2.bias"));
        QVERIFY(!branch.isFrozen("mixed.branch1.weight") && !branch.isFrozen("down.weight"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FreezePlan(*m, "up-to:fc", 1, 28));
        try {
            FreezePlan(*m, "up-to:nothing", 1, 28);
            QFAIL("an unknown node was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("layer1.add") != std::string::npos, e.what());
        }
        QCOMPARE(m->tapNames(), taps);
    }

    void toldByContent() {
        const QString copy = m_dir.filePath("weights.ckpt");  // a TorchScript model under a checkpoint's name
        QVERIFY(QFile::copy(torchscriptFixture("tiny_net_scripted.pt"), copy));
        QVERIFY(isTorchScriptModel(copy.toStdString()));
        QVERIFY(isTorchScriptModel(fixture("tiny_net_traced.pt")));
        const QString text = m_dir.filePath("notes.pt");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 not really a zip archive");
        f.close();
        QVERIFY(!isTorchScriptModel(text.toStdString()));
        QVERIFY(!isTorchScriptModel(m_dir.filePath("missing.pt").toStdString()));
        // A ConvScope checkpoint is a LibTorch zip archive too, but no model.
        TrainConfig c = imported(fixture("tiny_net_scripted.pt"), 3, "none");
        c.init.clear();
        c.limitTrain = 20;
        Trainer t(c, m_train, m_test);
        const std::string checkpoint = m_dir.filePath("plain.ckpt").toStdString();
        t.setCheckpointPath(checkpoint);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        QVERIFY(!isTorchScriptModel(checkpoint));
        QCOMPARE(initialModelOf(checkpoint).name, std::string("torchscript"));

        // The renamed file starts a run as the .pt does; it cannot start a zoo model, nor say its input.
        TrainConfig renamed = imported(copy.toStdString(), 3, "backbone");
        Trainer r(renamed, m_train, m_test);
        QCOMPARE(r.config().lineage(), std::string("torchscript ← weights.ckpt (10 classes)"));
        QVERIFY_THROWS_EXCEPTION(CheckpointError, initialModelOf(copy.toStdString()));
        ModelConfig zoo;
        zoo.name = "simplecnn";
        Classifier simple = makeModel(zoo);
        QVERIFY_THROWS_EXCEPTION(CheckpointError, loadInitialWeights(copy.toStdString(), *simple, zoo, {}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestScriptedFineTune)
#include "test_scripted_fine_tune.moc"
