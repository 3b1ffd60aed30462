// The regularisation switches (ModelConfig::batchNorm, ::dropout, model_switches.h): without batch norm a
// model has no BatchNorm2d module and the parameter count of an independent PyTorch implementation
// (tests/data/nn/model_switches_reference.txt, made by make_model_switches_reference.py there); dropout
// zeroes features and scales the rest by 1/(1 − p) in training mode and is the identity in evaluation mode;
// the checks say where a switch does not apply; TrainConfig's text keeps old runs' text and round-trips the
// new keys; a checkpoint reloads into the same model; the description shows the change.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/nn/graph/architecture_description.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/models/model_switches.h"
#include "core/nn/train/checkpoint.h"
#include "core/nn/train/train_config.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

ModelConfig config(const std::string& name, int in = 1, int classes = 10, Stem stem = Stem::Small) {
    ModelConfig c;
    c.name = name;
    c.inChannels = in;
    c.classes = classes;
    c.stem = stem;
    return c;
}

int countBatchNorms(const torch::nn::Module& m) {
    int n = 0;
    for (const auto& sub : m.modules(false))
        if (sub->as<torch::nn::BatchNorm2d>()) ++n;
    return n;
}

int countNodes(const Architecture& a, const std::string& type) {
    int n = 0;
    for (const ArchNode& node : a.nodes)
        if (node.type == type) ++n;
    return n;
}

QString messageOf(const ModelConfig& c) {
    try {
        validateModelSwitches(c);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// Checks a model whose classifier reads its 64 pooled features through fc (64 → 64): with fc the identity,
/// the logits are the features after dropout, so training mode must give 0 or eval × 1/(1 − p) for each.
void checkDropout(ModelConfig c, double p) {
    c.classes = 64;
    c.dropout = p;
    torch::manual_seed(3);
    Classifier model = makeModel(c);
    {
        torch::NoGradGuard noGrad;
        for (const auto& item : model->named_parameters())
            if (item.key() == "fc.weight")
                item.value().copy_(torch::eye(64));
            else if (item.key() == "fc.bias")
                item.value().zero_();
    }
    const torch::Tensor x = torch::rand({16, 1, 28, 28});
    torch::NoGradGuard noGrad;
    model->eval();
    const torch::Tensor reference = model->forward(x);
    const torch::Tensor again = model->forward(x);
    QVERIFY(torch::equal(reference, again));  // no dropout in evaluation mode
    model->train();
    const torch::Tensor dropped = model->forward(x);
    const torch::Tensor active = reference.abs() > 1e-6;
    QVERIFY(active.sum().item<std::int64_t>() > 500);  // enough features to see the rate
    const torch::Tensor zeroed = (dropped == 0) & active;
    const torch::Tensor kept = (dropped != 0) & active;
    const double rate = zeroed.sum().item<double>() / active.sum().item<double>();
    QVERIFY2(std::abs(rate - p) < 0.08, qPrintable(QStringLiteral("dropped %1 of the features").arg(rate)));
    const torch::Tensor scaled = reference.masked_select(kept) / (1.0 - p);
    QVERIFY(torch::allclose(dropped.masked_select(kept), scaled, 1e-5, 1e-6));
    // Dropout draws a new mask each pass.
    QVERIFY(!torch::equal(dropped, model->forward(x)));
}

}  // namespace

class TestModelSwitches : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void whereTheSwitchesApply() {
        for (const char* n : {"hierarchicalcnn", "resnet18", "resnet34", "resnet50", "resnet20", "plain56"}) {
            QVERIFY2(batchNormApplies(n), n);
            QVERIFY2(dropoutApplies(n), n);
        }
        for (const char* n : {"simplecnn", "lenet5"}) {
            QVERIFY2(!batchNormApplies(n), n);
            QVERIFY2(dropoutApplies(n), n);
        }
        for (const char* n : {"alexnet", "vgg16_bn", "mobilenet_v2", "torchscript"}) {
            QVERIFY2(!batchNormApplies(n), n);
            QVERIFY2(!dropoutApplies(n), n);
        }
    }

    void batchNormOffRemovesEveryBatchNorm() {
        for (const char* n : {"hierarchicalcnn", "resnet18", "resnet50", "resnet20", "plain20"}) {
            ModelConfig c = config(n);
            QVERIFY2(countBatchNorms(*makeModel(c)) > 0, n);
            c.batchNorm = false;
            const Classifier m = makeModel(c);
            QVERIFY2(countBatchNorms(*m) == 0, n);
            for (const auto& sub : m->modules(false))
                if (auto* conv = sub->as<torch::nn::Conv2d>()) QVERIFY2(conv->bias.defined(), n);
            for (const auto& item : m->named_buffers())
                QVERIFY2(item.key().find("running") == std::string::npos, item.key().c_str());
        }
        // With batch norm, ResNet convolutions stay bias-free (torchvision's layout).
        for (const auto& sub : makeModel(config("resnet20"))->modules(false))
            if (auto* conv = sub->as<torch::nn::Conv2d>()) QVERIFY(!conv->bias.defined());
    }

    void parameterCountsEqualPyTorch() {
        std::ifstream in(std::string(CONVSCOPE_TEST_DATA_DIR) + "/nn/model_switches_reference.txt");
        int checked = 0;
        for (std::string line; std::getline(in, line);) {
            std::istringstream l(line);
            std::string kind, name, stem;
            int channels = 0, classes = 0;
            std::int64_t expected = 0;
            l >> kind >> name >> channels >> classes >> stem >> expected;
            QVERIFY(l && kind == "params");
            ModelConfig c =
                config(name, channels, classes, stem == "imagenet" ? Stem::Imagenet : Stem::Small);
            c.batchNorm = false;
            QVERIFY2(parameterCount(*makeModel(c)) == expected,
                     qPrintable(QStringLiteral("%1: %2, PyTorch %3")
                                    .arg(QString::fromStdString(line))
                                    .arg(parameterCount(*makeModel(c)))
                                    .arg(expected)));
            // Dropout has no parameters.
            c.dropout = 0.5;
            QCOMPARE(parameterCount(*makeModel(c)), expected);
            ++checked;
        }
        QCOMPARE(checked, 7);
        // resnet20: each batch norm's γ and β (2 per channel) become one bias per channel; 688 channels.
        QCOMPARE(std::int64_t(269722 - 688), std::int64_t(269034));
    }

    void dropoutScalesInTrainingAndIsTheIdentityInEvaluation() {
        // Models without batch norm, whose training and evaluation modes differ by dropout alone.
        checkDropout(config("simplecnn"), 0.5);
        for (const auto& [name, p] : {std::pair{"resnet20", 0.3}, std::pair{"plain20", 0.5}}) {
            ModelConfig noBn = config(name);
            noBn.batchNorm = false;
            checkDropout(noBn, p);
        }
    }

    void descriptionShowsTheSwitches() {
        ModelConfig c = config("resnet20");
        const Architecture with = describeArchitecture(c);
        QVERIFY(countNodes(with, "BatchNorm2d") > 0);
        QCOMPARE(countNodes(with, "Dropout"), 0);
        c.batchNorm = false;
        c.dropout = 0.5;
        const Architecture without = describeArchitecture(c);
        QCOMPARE(countNodes(without, "BatchNorm2d"), 0);
        QCOMPARE(countNodes(without, "Dropout"), 1);
        QCOMPARE(without.totalParameters, parameterCount(*makeModel(c)));
        QCOMPARE(QString::fromStdString(without.title),
                 QStringLiteral("ResNet-20 (CIFAR), no batch norm, dropout 0.5"));
        // LeNet-5 drops out after its two hidden fully connected layers, as AlexNet does.
        ModelConfig lenet = config("lenet5");
        lenet.dropout = 0.25;
        const Architecture l = describeArchitecture(lenet);
        QCOMPARE(countNodes(l, "Dropout"), 2);
        QCOMPARE(QString::fromStdString(l.title), QStringLiteral("LeNet-5, dropout 0.25"));
        ModelConfig h = config("hierarchicalcnn");
        h.batchNorm = false;
        QCOMPARE(countNodes(describeArchitecture(h), "BatchNorm2d"), 0);
    }

    void checksSayWhereASwitchDoesNotApply() {
        ModelConfig lenet = config("lenet5");
        lenet.batchNorm = false;
        QCOMPARE(messageOf(lenet), QStringLiteral("LeNet-5 has no batch normalisation to remove."));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(lenet));
        ModelConfig alexnet = config("alexnet", 3, 1000);
        alexnet.dropout = 0.5;
        QVERIFY(messageOf(alexnet).startsWith(QStringLiteral("AlexNet keeps its own layers")));
        for (double p : {-0.1, 1.0, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
            ModelConfig c = config("resnet20");
            c.dropout = p;
            QCOMPARE(messageOf(c),
                     QStringLiteral("The dropout probability must be a number from 0 to below 1."));
        }
        ModelConfig ok = config("simplecnn");
        ok.dropout = 0.9;
        QVERIFY(messageOf(ok).isEmpty());
        // TrainConfig::validate says the same.
        TrainConfig t;
        t.model = lenet;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.validate());
    }

    void textKeepsOldRunsAndRoundTripsTheSwitches() {
        TrainConfig c;
        c.model = config("resnet20");
        const std::string plain = c.toText();
        QVERIFY(plain.find("batch_norm") == std::string::npos);
        QVERIFY(plain.find("dropout") == std::string::npos);
        // Text written before the switches existed (no keys) reads as batch norm on, no dropout.
        const TrainConfig old = TrainConfig::fromText(plain);
        QVERIFY(old.model.batchNorm);
        QCOMPARE(old.model.dropout, 0.0);
        c.model.batchNorm = false;
        c.model.dropout = 0.3;
        const std::string text = c.toText();
        QVERIFY(text.find("\nbatch_norm=0\n") != std::string::npos);
        QVERIFY(text.find("\ndropout=0.3") != std::string::npos);
        const TrainConfig back = TrainConfig::fromText(text);
        QVERIFY(!back.model.batchNorm);
        QCOMPARE(back.model.dropout, 0.3);
        QCOMPARE(back.toText(), text);
    }

    void checkpointReloadsTheSameModel() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("nobn.ckpt")).toStdString();
        CheckpointState state;
        state.config.model = config("resnet20");
        state.config.model.batchNorm = false;
        state.config.model.dropout = 0.5;
        torch::manual_seed(5);
        Classifier saved = makeModel(state.config.model);
        saveCheckpoint(path, *saved, nullptr, state);
        const CheckpointState read = readCheckpointState(path);
        QVERIFY(!read.config.model.batchNorm);
        QCOMPARE(read.config.model.dropout, 0.5);
        torch::manual_seed(6);
        Classifier loaded = makeModel(read.config.model);
        loadCheckpoint(path, *loaded, nullptr, read.config.model);
        saved->eval();
        loaded->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::rand({2, 1, 28, 28});
        QVERIFY(torch::equal(saved->forward(x), loaded->forward(x)));
        // A model with batch norm is another architecture: the checkpoint does not load into it.
        Classifier withBn = makeModel(config("resnet20"));
        QVERIFY_THROWS_EXCEPTION(CheckpointError, loadCheckpoint(path, *withBn, nullptr, config("resnet20")));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestModelSwitches)
#include "test_model_switches.moc"
