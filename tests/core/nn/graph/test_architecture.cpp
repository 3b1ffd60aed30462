// The traced architecture description against independent references: parameter counts, multiply-accumulates
// and every convolution's and linear layer's output shape against torchvision
// (tests/data/nn/zoo_reference.txt, made by make_zoo_reference.py there); hand-computed costs and arithmetic;
// receptive fields of known stacks; the graph's edges (residual additions, concatenations); and the bad-input
// messages.
#include <torch/torch.h>

#include <QTest>
#include <algorithm>

#include "core/nn/graph/architecture_description.h"
#include "core/nn/graph/graph_trace.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/zoo/model_catalog.h"
#include "tests/core/nn/zoo/zoo_reference.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

ModelConfig imagenet(const std::string& name, int size = 224) {
    ModelConfig c;
    c.name = name;
    c.inChannels = 3;
    c.classes = name == "unet" ? 10 : 1000;
    c.inputSize = size;
    c.stem = Stem::Imagenet;
    return c;
}

const ArchNode* find(const Architecture& a, const std::string& name) {
    for (const ArchNode& n : a.nodes)
        if (n.name == name) return &n;
    return nullptr;
}

QString message(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestArchitecture : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void everyModelMatchesItsReference_data() {
        QTest::addColumn<QString>("model");
        int known = 0;
        for (const auto& [name, ref] : loadZooReference()) {
            if (!findModel(name)) continue;
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
            ++known;
        }
        QVERIFY2(known >= 8, "zoo_reference.txt is missing or unreadable");
    }
    void everyModelMatchesItsReference() {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        const ZooReference ref = loadZooReference().at(name);
        const ModelConfig c = imagenet(name);
        const Architecture a = describeArchitecture(c);
        QCOMPARE(a.untracedInputs, 0);
        QCOMPARE(a.totalParameters, ref.params);
        QCOMPARE(a.totalParameters, parameterCount(*makeModel(c)));
        QCOMPARE(a.totalMacs, ref.macs);
        for (const auto& [path, shape] : ref.layers) {
            const ArchNode* n = find(a, path);
            QVERIFY2(n, ("no node named " + path).c_str());
            QVERIFY2(n->shape == shape,
                     (path + ": " + shapeText(n->shape) + " vs " + shapeText(shape)).c_str());
        }
        // Every node but the input reads from earlier nodes only.
        for (const ArchNode& n : a.nodes) {
            if (n.id == 0) continue;
            QVERIFY(!n.inputs.empty());
            for (int i : n.inputs) QVERIFY(i < n.id);
        }
    }

    void costsAndArithmeticByHand() {
        ModelConfig c;
        c.name = "simplecnn";
        c.inChannels = 1;
        c.classes = 10;
        c.inputSize = 28;
        const Architecture a = describeArchitecture(c);
        const ArchNode* conv1 = find(a, "conv1");
        const ArchNode* conv2 = find(a, "conv2");
        const ArchNode* fc = find(a, "fc");
        QVERIFY(conv1 && conv2 && fc);
        QCOMPARE(conv1->macs, std::int64_t(28 * 28 * 32) * (3 * 3 * 1));   // 225,792
        QCOMPARE(conv2->macs, std::int64_t(28 * 28 * 64) * (3 * 3 * 32));  // 14,450,688
        QCOMPARE(fc->macs, std::int64_t(64 * 10));
        QCOMPARE(QString::fromStdString(conv2->parameterArithmetic), QString("(3×3×32)×64 + 64 = 18,496"));
        QCOMPARE(QString::fromStdString(conv2->macArithmetic),
                 QString("28×28×64 outputs × (3×3×32) = 14,450,688"));
        QCOMPARE(QString::fromStdString(fc->parameterArithmetic), QString("64×10 + 10 = 650"));
        QCOMPARE(conv2->activationBytes, std::int64_t(64 * 28 * 28 * 4));
        QCOMPARE(a.totalParameters, std::int64_t(320 + 18496 + 650));

        // ResNet-18's convolutions have no bias; the batch norm after each has γ and β.
        const Architecture r = describeArchitecture(imagenet("resnet18"));
        const ArchNode* c2 = find(r, "layer1.0.conv2");
        QVERIFY(c2);
        QCOMPARE(QString::fromStdString(c2->parameterArithmetic), QString("(3×3×64)×64 = 36,864"));
        QCOMPARE(QString::fromStdString(find(r, "layer1.0.bn2")->parameterArithmetic),
                 QString("64 γ + 64 β = 128"));
        QCOMPARE(c2->macs, std::int64_t(56 * 56 * 64) * (3 * 3 * 64));  // 115,605,504
    }

    void transposedConvolutionCostsByHand() {
        ModelConfig c = imagenet("unet", 32);
        c.inChannels = 1;
        c.classes = 2;
        const Architecture a = describeArchitecture(c);
        const ArchNode* up = find(a, "up4");  // 256 channels at 2x2 → 128 channels at 4x4
        QVERIFY(up);
        QCOMPARE(up->shape, (std::vector<std::int64_t>{128, 4, 4}));
        QCOMPARE(up->parameters, std::int64_t(2 * 2 * 128 * 256 + 128));
        QCOMPARE(up->macs, std::int64_t(2 * 2 * 256) * (2 * 2 * 128));
        QCOMPARE(a.nodes.back().shape, (std::vector<std::int64_t>{2, 32, 32}));
    }

    void receptiveFieldsOfKnownStacks() {
        // LeNet-5 by hand: 5x5 → 5; 2x2/2 → 6 (jump 2); 5x5 → 6 + 4·2 = 14; 2x2/2 → 14 + 1·2 = 16 (jump 4).
        ModelConfig l;
        l.name = "lenet5";
        l.inputSize = 32;
        const Architecture lenet = describeArchitecture(l);
        QCOMPARE(find(lenet, "conv1")->receptiveField, std::int64_t(5));
        QCOMPARE(find(lenet, "pool1")->receptiveField, std::int64_t(6));
        QCOMPARE(find(lenet, "conv2")->receptiveField, std::int64_t(14));
        QCOMPARE(find(lenet, "pool2")->receptiveField, std::int64_t(16));
        QCOMPARE(find(lenet, "pool2")->jump, std::int64_t(4));
        QVERIFY(find(lenet, "fc1")->global);
        // Published values (Araujo et al., "Computing Receptive Fields of Convolutional Neural Networks",
        // Distill 2019): AlexNet 195 and VGG-16 212 at the last pooling.
        QCOMPARE(find(describeArchitecture(imagenet("alexnet", 64)), "features.12")->receptiveField,
                 std::int64_t(195));
        QCOMPARE(find(describeArchitecture(imagenet("vgg16", 64)), "features.30")->receptiveField,
                 std::int64_t(212));
        // Araujo's 483 for ResNet-50 is the original layout with the stride on the first 1x1 convolution;
        // torchvision (and the zoo) put it on the 3x3, where it widens the field later. By hand: stem 7, +2·2
        // (pool) = 11 at jump 4; layer1 +3·2·4 = 35; layer2 +2·4 (strided 3x3) + 3·2·8 = 91 at jump 8;
        // layer3 +2·8 + 5·2·16 = 267; layer4 +2·16 + 2·2·32 = 427 at jump 32.
        // Squeeze-and-excitation's gate sees the whole image but is not counted on the main path.
        const Architecture b0 = describeArchitecture(imagenet("efficientnet_b0", 64));
        QVERIFY(find(b0, "features.2.0.block.2.fc1")->global);
        QVERIFY(!find(b0, "features.2.0.block.3.0")->global);
        QVERIFY(find(b0, "classifier.1")->global);
        const Architecture r50 = describeArchitecture(imagenet("resnet50"));
        QCOMPARE(find(r50, "layer2.0.conv2")->receptiveField, std::int64_t(43));
        QCOMPARE(find(r50, "layer4.2.conv3")->receptiveField, std::int64_t(427));
        QCOMPARE(find(r50, "layer4.2.conv3")->jump, std::int64_t(32));
    }

    void residualAdditionsReadTheBlockInput() {
        const Architecture a = describeArchitecture(imagenet("resnet18"));
        const ArchNode* add = find(a, "layer1.0.add");
        const ArchNode* bn2 = find(a, "layer1.0.bn2");
        const ArchNode* maxpool = find(a, "maxpool");
        QVERIFY(add && bn2 && maxpool);
        QCOMPARE(add->inputs, (std::vector<int>{bn2->id, maxpool->id}));
        // A block that changes shape adds a projection, in a Shortcut scope.
        const ArchNode* proj = find(a, "layer2.0.downsample.0");
        QVERIFY(proj);
        QVERIFY(a.scopes[static_cast<std::size_t>(proj->scope)].kind == ScopeKind::Shortcut);
        QCOMPARE(find(a, "layer2.0.add")->inputs.back(), find(a, "layer2.0.downsample.1")->id);
        // Scopes: four stages named as torchvision's modules, two blocks each.
        int stages = 0, blocks = 0;
        for (const ArchScope& s : a.scopes) {
            stages += s.kind == ScopeKind::Stage && s.name.rfind("layer", 0) == 0;
            blocks += s.kind == ScopeKind::Block;
        }
        QCOMPARE(stages, 4);
        QCOMPARE(blocks, 8);
        // Repeated uses of one module name are numbered, not merged.
        QVERIFY(find(a, "layer1.0.relu") && find(a, "layer1.0.relu (2)"));
        // The tap points land on the nodes they read: a block's tap on its last ReLU.
        QCOMPARE(a.taps.size(), std::size_t(10));
        QCOMPARE(a.taps[1].name, std::string("layer1.0"));
        QCOMPARE(a.taps[1].node, find(a, "layer1.0.relu (2)")->id);
        QCOMPARE(a.taps.back().node, find(a, "fc")->id);
    }

    void uNetConcatenatesItsSkips() {
        ModelConfig c = imagenet("unet", 64);
        const Architecture a = describeArchitecture(c);
        const ArchNode* cat = find(a, "cat1");
        QVERIFY(cat);
        QCOMPARE(cat->inputs.front(), find(a, "enc1.5")->id);
        QCOMPARE(cat->shape, (std::vector<std::int64_t>{32, 64, 64}));
    }

    void badInputIsExplained() {
        const QString alex = message([] { describeArchitecture(imagenet("alexnet", 16)); });
        QVERIFY2(alex.contains("too small") && alex.contains("features."), qPrintable(alex));
        // ResNet-50's padding lets even one pixel through: not an error.
        QVERIFY(message([] { describeArchitecture(imagenet("resnet50", 1)); }).isEmpty());
        const QString unet = message([] { describeArchitecture(imagenet("unet", 30)); });
        QVERIFY2(unet.contains("divisible by 16"), qPrintable(unet));
        const QString unknown = message([] { describeArchitecture(imagenet("resnet51")); });
        QVERIFY2(unknown.contains("Unknown model") && unknown.contains("efficientnet_b7") &&
                     unknown.contains("alexnet"),
                 qPrintable(unknown));
    }

    void cancellingStopsTheDescription() {
        int asked = 0;
        QVERIFY_THROWS_EXCEPTION(
            DescribeCancelled, describeArchitecture(imagenet("resnet18"), [&asked] { return ++asked > 5; }));
        QCOMPARE(asked, 6);  // stopped at the sixth operation, not after the whole pass
    }

    void wrappersCostNothingExtraWithoutARecorder() {
        // Outside a recorder the traced model is the plain model: same output as the traced run.
        Classifier m = makeModel(imagenet("resnet18", 64));
        m->eval();
        torch::NoGradGuard g;
        const torch::Tensor x = torch::rand({1, 3, 64, 64});
        const torch::Tensor plain = m->forward(x);
        torch::Tensor traced;
        {
            trace::GraphRecorder r(x);
            traced = m->forward(x);
            QVERIFY(r.finish().nodes.size() > 50);
        }
        QVERIFY(torch::allclose(plain, traced));
        QVERIFY(trace::GraphRecorder::current() == nullptr);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestArchitecture)
#include "test_architecture.moc"
