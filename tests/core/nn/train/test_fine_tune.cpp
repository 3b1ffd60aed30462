// Fine-tuning in the trainer, checked on ResNet-18 (batch norm, projections) against the pretrained
// checkpoint itself: frozen parameters and batch norm statistics stay bit-identical under SGD with momentum
// and weight decay and under AdamW, while the unfrozen ones move; the new head is trained and has the new
// class count; the head is kept when the classes are the same; the lineage is written into the checkpoint and
// read back (old checkpoints still load); up-to:TAP freezes exactly the layers before the tap.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <map>

#include "core/nn/data/dataset_location.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/freeze_plan.h"
#include "core/nn/train/initial_weights.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

using Tensors = std::map<std::string, torch::Tensor>;

// Every parameter and buffer by name, copied.
Tensors snapshot(torch::nn::Module& m) {
    Tensors out;
    for (const auto& p : m.named_parameters()) out[p.key()] = p.value().detach().clone();
    for (const auto& b : m.named_buffers()) out[b.key()] = b.value().detach().clone();
    return out;
}

// The weights a checkpoint holds, by name.
Tensors checkpointTensors(const std::string& path) {
    const CheckpointState s = readCheckpointState(path);
    Classifier m = makeModel(s.config.model);
    loadCheckpoint(path, *m, nullptr, s.config.model);
    return snapshot(*m);
}

TrainConfig resnet(int classes) {
    TrainConfig c;
    c.model.name = "resnet18";
    c.model.stem = Stem::Imagenet;  // 28x28 → 7x7 after the stem: cheap enough for a test
    c.model.classes = classes;
    c.epochs = 1;
    c.batchSize = 25;
    c.optimizer = "adam";
    c.learningRate = 1e-3;
    c.weightDecay = 0.0;
    c.schedule = "none";
    c.threads = 1;
    c.seed = 3;
    for (int k = 0; k < 10; ++k) c.classNames.push_back("class " + std::to_string(k));
    return c;
}

bool startsWithAny(const std::string& name, const std::vector<std::string>& prefixes) {
    for (const std::string& p : prefixes)
        if (name.rfind(p + ".", 0) == 0) return true;
    return false;
}

}  // namespace

class TestFineTune : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    ImageDataset m_train = gratingsDataset(500, 1), m_test = gratingsDataset(100, 2);
    std::string m_pretrained;

    // A fine-tuning run on classes 5 … 9 from the checkpoint of classes 0 … 4.
    TrainConfig fineTune(const std::string& freeze) const {
        TrainConfig c = resnet(5);
        c.init = m_pretrained;
        c.freeze = freeze;
        c.classSubset = {5, 6, 7, 8, 9};
        c.perClass = 20;  // a few batches an epoch keep the test quick
        c.seed = 4;
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
        m_pretrained = m_dir.filePath("pre.ckpt").toStdString();
        TrainConfig c = resnet(5);
        c.classSubset = {0, 1, 2, 3, 4};
        Trainer t(c, m_train, m_test);
        QCOMPARE(t.trainingSet().size(), std::int64_t(250));
        QCOMPARE(t.testSet().size(), std::int64_t(50));
        t.setCheckpointPath(m_pretrained);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
    }

    void frozenBackboneStaysBitIdentical_data() {
        QTest::addColumn<QString>("optimizer");
        QTest::newRow("sgd, momentum and weight decay") << "sgd";
        QTest::newRow("adamw") << "adamw";
    }

    void frozenBackboneStaysBitIdentical() {
        QFETCH(QString, optimizer);
        TrainConfig c = fineTune("backbone");
        c.optimizer = optimizer.toStdString();
        c.learningRate = 0.05;
        c.momentum = 0.9;
        c.weightDecay = 0.01;  // would shrink every weight it reached
        c.epochs = 2;
        Trainer t(c, m_train, m_test);
        const Tensors pre = checkpointTensors(m_pretrained);
        const Tensors start = snapshot(t.model());
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        const Tensors end = snapshot(t.model());
        int frozenChecked = 0, statsChecked = 0;
        for (const auto& [name, value] : end) {
            const bool head = name.rfind("fc.", 0) == 0;
            if (head) {
                QCOMPARE(value.size(0), std::int64_t(5));
                QVERIFY2(!torch::equal(value, start.at(name)), ("the head did not train: " + name).c_str());
                continue;
            }
            // Parameters and running statistics outside the head: as in the pretrained checkpoint, bit for
            // bit.
            QVERIFY2(torch::equal(value, pre.at(name)), ("moved: " + name).c_str());
            ++frozenChecked;
            if (name.find("running_mean") != std::string::npos) ++statsChecked;
        }
        QCOMPARE(statsChecked, 20);  // ResNet-18: 17 batch norms + 3 projection batch norms
        QVERIFY(frozenChecked > 100);
        for (const auto& p : t.model().named_parameters())
            QCOMPARE(p.value().requires_grad(), p.key().rfind("fc.", 0) == 0);
        QCOMPARE(t.model().named_parameters()["fc.weight"].size(1), std::int64_t(512));
    }

    void unfrozenLayersMove() {
        // The same run without freezing moves every batch norm's statistics: the test above can fail.
        Trainer t(fineTune("none"), m_train, m_test);
        const Tensors pre = checkpointTensors(m_pretrained);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        for (const auto& b : t.model().named_buffers())
            if (b.key().find("running_mean") != std::string::npos)
                QVERIFY2(!torch::equal(b.value(), pre.at(b.key())), b.key().c_str());
    }

    void upToTapFreezesTheLayersBeforeIt() {
        Trainer t(fineTune("up-to:layer2.0"), m_train, m_test);
        const std::vector<std::string> frozenModules{"conv1", "bn1", "layer1_0", "layer1_1", "layer2_0"};
        for (const auto& p : t.model().named_parameters())
            QCOMPARE(t.freezePlan().isFrozen(p.key()), startsWithAny(p.key(), frozenModules));
        const Tensors pre = checkpointTensors(m_pretrained);
        QVERIFY(t.run({}).status == TrainStatus::Finished);
        for (const auto& [name, value] : snapshot(t.model())) {
            if (name.rfind("fc.", 0) == 0) continue;
            const bool frozen = startsWithAny(name, frozenModules);
            QVERIFY2(torch::equal(value, pre.at(name)) == frozen, name.c_str());
        }
    }

    void tapRuleFollowsTheForwardPass() {
        torch::manual_seed(1);
        ModelConfig r = resnet(10).model;
        Classifier net = makeModel(r);
        // ResNet's conv1 tap comes before bn1: only the convolution is frozen.
        QCOMPARE(FreezePlan(*net, "up-to:conv1", 1, 28).frozenParameters(),
                 std::set<std::string>{"conv1.weight"});
        // HierarchicalCNN's conv1 tap comes after its batch norm.
        ModelConfig h;
        h.name = "hierarchicalcnn";
        Classifier hier = makeModel(h);
        const FreezePlan plan(*hier, "up-to:conv1", 1, 28);
        QCOMPARE(plan.frozenParameters(),
                 (std::set<std::string>{"conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias"}));
        QCOMPARE(plan.frozenModuleNames(), std::vector<std::string>{"bn1"});
        // Backbone: all but the last Linear.
        ModelConfig l;
        l.name = "lenet5";
        Classifier lenet = makeModel(l);
        QCOMPARE(classifierHeadName(*lenet), std::string("fc"));
        QCOMPARE(int(FreezePlan(*lenet, "backbone", 1, 28).frozenParameters().size()), 8);
        try {
            FreezePlan(*net, "up-to:layer9", 1, 28);
            QFAIL("an unknown tap was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("conv1, layer1.0, layer1.1") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FreezePlan(*net, "up-to:fc", 1, 28));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FreezePlan(*net, "everything", 1, 28));
    }

    void headKeptOrReplaced() {
        const Tensors pre = checkpointTensors(m_pretrained);
        // The same five classes: the head comes from the checkpoint.
        TrainConfig same = resnet(5);
        same.init = m_pretrained;
        same.classSubset = {0, 1, 2, 3, 4};
        Trainer kept(same, m_train, m_test);
        QVERIFY(torch::equal(kept.model().named_parameters()["fc.weight"], pre.at("fc.weight")));
        QVERIFY(torch::equal(kept.model().named_parameters()["layer4_1.conv2.weight"],
                             pre.at("layer4_1.conv2.weight")));
        // Five other classes: same shape, new head (seeded: two runs agree).
        Trainer other(fineTune("none"), m_train, m_test), again(fineTune("none"), m_train, m_test);
        QVERIFY(!torch::equal(other.model().named_parameters()["fc.weight"], pre.at("fc.weight")));
        QVERIFY(torch::equal(other.model().named_parameters()["fc.weight"],
                             again.model().named_parameters()["fc.weight"]));
        for (const auto& [name, value] : snapshot(other.model()))
            if (name.rfind("fc.", 0) != 0) QVERIFY2(torch::equal(value, pre.at(name)), name.c_str());
        // Three classes: another shape.
        TrainConfig three = fineTune("backbone");
        three.classSubset = {7, 8, 9};
        three.model.classes = 3;
        Trainer t3(three, m_train, m_test);
        QCOMPARE(t3.model().named_parameters()["fc.weight"].sizes().vec(),
                 (std::vector<std::int64_t>{3, 512}));
        QCOMPARE(t3.trainingSet().classNames, (std::vector<std::string>{"class 7", "class 8", "class 9"}));
        // Another architecture: refused, naming both.
        TrainConfig lenet = fineTune("none");
        lenet.model.name = "lenet5";
        try {
            Trainer bad(lenet, m_train, m_test);
            QFAIL("a ResNet-18 checkpoint started LeNet-5");
        } catch (const CheckpointError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("ResNet-18") != std::string::npos && what.find("LeNet-5") != std::string::npos,
                     e.what());
        }
        TrainConfig missing = fineTune("none");
        missing.init = m_dir.filePath("nothing.pt").toStdString();
        QVERIFY_THROWS_EXCEPTION(CheckpointError, Trainer(missing, m_train, m_test));
    }

    void lineageIsRecorded() {
        const std::string first = m_dir.filePath("ft1.ckpt").toStdString();
        TrainConfig c = fineTune("backbone");
        c.perClass = 10;
        {
            Trainer t(c, m_train, m_test);
            QCOMPARE(t.trainingSet().size(), std::int64_t(50));
            t.setCheckpointPath(first);
            QVERIFY(t.run({}).status == TrainStatus::Finished);
        }
        const TrainConfig saved = readCheckpointState(first).config;
        QCOMPARE(saved.init, m_pretrained);
        QCOMPARE(saved.freeze, std::string("backbone"));
        QCOMPARE(saved.classSubset, (std::vector<int>{5, 6, 7, 8, 9}));
        QCOMPARE(saved.perClass, std::int64_t(10));
        QCOMPARE(saved.initSource.model, std::string("resnet18"));
        QCOMPARE(saved.initSource.classes, 5);
        QCOMPARE(saved.initSource.epochs, 1);
        QCOMPARE(saved.initSource.classNames,
                 (std::vector<std::string>{"class 0", "class 1", "class 2", "class 3", "class 4"}));
        QCOMPARE(saved.lineage(), std::string("resnet18 ← pre.ckpt (5 classes, 1 epoch)"));
        QCOMPARE(saved.toText(), TrainConfig::fromText(saved.toText()).toText());

        // A run started from the fine-tuned one carries the whole chain.
        TrainConfig second = c;
        second.init = first;
        second.perClass = 0;
        Trainer t2(second, m_train, m_test);
        QCOMPARE(t2.config().lineage(),
                 std::string("resnet18 ← ft1.ckpt (5 classes, 1 epoch) ← pre.ckpt (5 classes, 1 epoch)"));
        // Same classes as ft1: its head is kept.
        QVERIFY(
            torch::equal(t2.model().named_parameters()["fc.bias"], checkpointTensors(first).at("fc.bias")));
    }

    void resumedRunKeepsTheFreeze() {
        // A fine-tuning run stopped after one epoch and resumed, its starting checkpoint deleted in between,
        // ends as the uninterrupted run, with the backbone still the pretrained one.
        const std::string init = m_dir.filePath("pre-copy.ckpt").toStdString();
        const std::string path = m_dir.filePath("resumed.ckpt").toStdString();
        QVERIFY(QFile::copy(QString::fromStdString(m_pretrained), QString::fromStdString(init)));
        TrainConfig c = fineTune("backbone");
        c.init = init;
        c.perClass = 10;
        c.epochs = 2;
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.weightDecay = 0.01;
        Trainer straight(c, m_train, m_test);
        QVERIFY(straight.run({}).status == TrainStatus::Finished);
        {
            Trainer first(c, m_train, m_test);
            first.setCheckpointPath(path);
            TrainCallbacks stop;
            stop.onEpoch = [&first](const EpochMetrics&, const std::vector<int>&) { first.cancel(); };
            QVERIFY(first.run(stop).status == TrainStatus::Cancelled);
        }
        QVERIFY(QFile::remove(QString::fromStdString(init)));
        const TrainConfig saved = readCheckpointState(path).config;
        Trainer notResumed(saved, m_train, m_test);
        QVERIFY_THROWS_EXCEPTION(CheckpointError, notResumed.run({}));
        Trainer second(saved, m_train, m_test);
        second.resumeFrom(path);
        QVERIFY(second.run({}).status == TrainStatus::Finished);
        QCOMPARE(second.config().lineage(), std::string("resnet18 ← pre-copy.ckpt (5 classes, 1 epoch)"));
        const Tensors pre = checkpointTensors(m_pretrained), a = snapshot(straight.model()),
                      b = snapshot(second.model());
        for (const auto& [name, value] : b) {
            QVERIFY2(torch::equal(value, a.at(name)), name.c_str());
            if (name.rfind("fc.", 0) != 0) QVERIFY2(torch::equal(value, pre.at(name)), name.c_str());
        }
    }

    void oldCheckpointsStillLoad() {
        const std::string bundled = CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt";
        const CheckpointState s = readCheckpointState(bundled);
        QVERIFY(s.config.init.empty());
        QCOMPARE(s.config.freeze, std::string("none"));
        QVERIFY(s.config.classSubset.empty());
        QCOMPARE(s.config.perClass, std::int64_t(0));
        QVERIFY(s.config.lineage().empty());
        QVERIFY(s.config.toText().find("init=") == std::string::npos);
        // Fine-tuning from it onto three Fashion-MNIST-named classes: a new 3-way head, the rest kept.
        TrainConfig c = s.config;
        c.init = bundled;
        c.classSubset = {5, 7, 9};
        c.model.classes = 3;
        c.classNames.clear();
        ImageDataset fashionNamed = m_train;
        fashionNamed.classNames = fashionMnistClasses();
        Trainer t(c, fashionNamed, fashionNamed.head(30));
        QCOMPARE(t.config().initSource.classNames.size(), std::size_t(10));
        QCOMPARE(t.model().named_parameters()["fc.weight"].size(0), std::int64_t(3));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFineTune)
#include "test_fine_tune.moc"
