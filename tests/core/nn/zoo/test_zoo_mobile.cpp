// The mobile zoo against torchvision: MobileNet v2, EfficientNet-B0 … B7 and ShuffleNet v2 have torchvision's
// parameter counts, and their traced graphs name every convolution and linear layer by torchvision's module
// path with its output shape and total the same multiply-accumulates (tests/data/nn/zoo_reference.txt, made
// by make_zoo_reference.py there). MobileNet v1, which torchvision lacks, is checked against the paper's
// layer table by hand. Plus the scopes (stages, blocks, branches, squeeze-and-excitation side paths), the
// tap points, 1x1 inputs (which run) and wrong ones.
#include <torch/torch.h>

#include <QTest>
#include <map>

#include "core/nn/graph/graph_trace.h"
#include "core/nn/zoo/zoo_efficientnet.h"
#include "core/nn/zoo/zoo_mobilenet_v1.h"
#include "core/nn/zoo/zoo_mobilenet_v2.h"
#include "core/nn/zoo/zoo_shufflenet.h"
#include "tests/core/nn/zoo/zoo_reference.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

Architecture traceModel(ClassifierImpl& m, int size, torch::Tensor* output = nullptr) {
    m.eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor x = torch::randn({1, 3, size, size});
    trace::GraphRecorder recorder(x);
    const torch::Tensor y = m.forward(x);
    if (output) *output = y;
    return recorder.finish();
}

const ArchNode* findNode(const Architecture& a, const std::string& name) {
    for (const ArchNode& n : a.nodes)
        if (n.name == name) return &n;
    return nullptr;
}

int countType(const Architecture& a, const std::string& type) {
    int n = 0;
    for (const ArchNode& node : a.nodes) n += node.type == type;
    return n;
}

int countScopes(const Architecture& a, ScopeKind kind) {
    int n = 0;
    for (const ArchScope& s : a.scopes) n += s.kind == kind;
    return n;
}

}  // namespace

class TestZooMobile : public QObject {
    Q_OBJECT

    std::map<std::string, ZooReference> m_reference;

    /// The traced graph at 3x224x224 against torchvision's: no untraced inputs, the parameter total, every
    /// convolution and linear layer by name and shape, the MAC total, and names that are never repeated.
    void checkAgainstTorchvision(ClassifierImpl& m, const std::string& model, Architecture& a) {
        QVERIFY2(m_reference.count(model), model.c_str());
        const ZooReference& ref = m_reference.at(model);
        QCOMPARE(parameterCount(m), ref.params);
        torch::Tensor y;
        a = traceModel(m, 224, &y);
        QCOMPARE(y.sizes(), (c10::IntArrayRef{1, 1000}));
        QCOMPARE(a.untracedInputs, 0);
        QCOMPARE(a.totalParameters, ref.params);
        QVERIFY(ref.layers.size() > 10);
        for (const auto& [path, shape] : ref.layers) {
            const ArchNode* n = findNode(a, path);
            QVERIFY2(n, (model + ": no node " + path).c_str());
            QVERIFY2(n->type == "Conv2d" || n->type == "Linear", path.c_str());
            QCOMPARE(n->shape, shape);
        }
        int layers = 0;
        for (const ArchNode& n : a.nodes) {
            layers += n.type == "Conv2d" || n.type == "Linear";
            // The recorder numbers a repeated name ("x (2)"); only the halves of a channel split share one.
            if (n.type != "Split") QVERIFY2(n.name.find(" (") == std::string::npos, n.name.c_str());
        }
        QCOMPARE(std::size_t(layers), ref.layers.size());
        QCOMPARE(a.totalMacs, ref.macs);
        // The parameters also carry torchvision's state_dict names.
        const auto params = m.named_parameters();
        for (const auto& layer : ref.layers)
            QVERIFY2(params.contains(layer.first + ".weight"), layer.first.c_str());
    }

    /// Forward with taps (2 input channels, 10 classes, 64x64, batch 2, not traced): the taps arrive in
    /// tapNames() order and the logits have the classes.
    static void checkTaps(const Classifier& m) {
        m->eval();
        torch::NoGradGuard noGrad;
        std::vector<std::string> seen;
        const torch::Tensor y =
            m->forward(torch::randn({2, 2, 64, 64}), [&](const std::string& name, const torch::Tensor& t) {
                seen.push_back(name);
                QCOMPARE(t.size(0), std::int64_t(2));
            });
        QCOMPARE(y.sizes(), (c10::IntArrayRef{2, 10}));
        QCOMPARE(seen, m->tapNames());
        QCOMPARE(m->firstConvWeights().size(1), std::int64_t(2));
    }

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        torch::manual_seed(0);
        m_reference = loadZooReference();
        for (const char* model : {"mobilenet_v2", "shufflenet_v2", "efficientnet_b0", "efficientnet_b7"})
            QVERIFY2(m_reference.count(model), model);
    }

    void mobileNetV1AgainstThePaper() {
        const Classifier m = makeMobileNetV1(3, 1000);
        QCOMPARE(parameterCount(*m), std::int64_t(4231976));
        torch::Tensor y;
        const Architecture a = traceModel(*m, 224, &y);
        QCOMPARE(y.sizes(), (c10::IntArrayRef{1, 1000}));
        QCOMPARE(a.untracedInputs, 0);
        QCOMPARE(a.totalParameters, std::int64_t(4231976));
        // The first depthwise separable block at 112x112: 3x3 per channel, then 1x1 from 32 to 64 channels.
        const ArchNode* dw = findNode(a, "features.1.dw.0");
        const ArchNode* pw = findNode(a, "features.1.pw.0");
        QVERIFY(dw && pw);
        QCOMPARE(dw->macs, std::int64_t(112 * 112 * 32 * 9));   // 3,612,672
        QCOMPARE(pw->macs, std::int64_t(112 * 112 * 32 * 64));  // 25,690,112
        QCOMPARE(dw->parameters, std::int64_t(32 * 9));
        QCOMPARE(findNode(a, "features.0.0")->shape, (std::vector<std::int64_t>{32, 112, 112}));
        QCOMPARE(findNode(a, "features.13.pw.0")->shape, (std::vector<std::int64_t>{1024, 7, 7}));
        QCOMPARE(findNode(a, "fc")->shape, (std::vector<std::int64_t>{1000}));
        // Table 1 summed: the paper's 569 million mult-adds.
        QCOMPARE(a.totalMacs, std::int64_t(568740352));
        QCOMPARE(countType(a, "Conv2d"), 27);
        QCOMPARE(countScopes(a, ScopeKind::Block), 13);
        QCOMPARE(countScopes(a, ScopeKind::Stage), 5);
        for (const ArchNode& n : a.nodes) QVERIFY2(n.name.find(" (") == std::string::npos, n.name.c_str());
        checkTaps(makeMobileNetV1(2, 10));
    }

    void mobileNetV2AgainstTorchvision() {
        const Classifier m = makeMobileNetV2(3, 1000);
        QCOMPARE(parameterCount(*m), std::int64_t(3504872));
        Architecture a;
        checkAgainstTorchvision(*m, "mobilenet_v2", a);
        if (QTest::currentTestFailed()) return;
        for (const char* name : {"features.0.0", "features.0.1", "features.0.2", "features.1.conv.0.0",
                                 "features.1.conv.1", "features.2.conv.0.0", "features.2.conv.1.0",
                                 "features.2.conv.2", "features.18.0", "classifier.1"})
            QVERIFY2(findNode(a, name), name);
        // Ten blocks keep stride 1 and their channels, so add their input back.
        QCOMPARE(countType(a, "Add"), 10);
        QCOMPARE(countScopes(a, ScopeKind::Block), 17);
        QCOMPARE(countScopes(a, ScopeKind::Stage), 7);
        QCOMPARE(countScopes(a, ScopeKind::SidePath), 0);
        const ArchScope& block = a.scopes[std::size_t(findNode(a, "features.2.conv.0.0")->scope)];
        QCOMPARE(block.name, std::string("features.2"));
        QCOMPARE(toString(block.kind), toString(ScopeKind::Block));
        QCOMPARE(block.title, std::string("Inverted residual t=6"));
        checkTaps(makeMobileNetV2(2, 10));
    }

    void efficientNetB0AgainstTorchvision() {
        const Classifier m = makeEfficientNet(0, 3, 1000);
        QCOMPARE(parameterCount(*m), std::int64_t(5288548));
        Architecture a;
        checkAgainstTorchvision(*m, "efficientnet_b0", a);
        if (QTest::currentTestFailed()) return;
        for (const char* name :
             {"features.0.0", "features.1.0.block.0.0", "features.1.0.block.1.fc1",
              "features.1.0.block.1.fc2", "features.1.0.block.2.0", "features.2.0.block.0.0",
              "features.1.0.block.1.avgpool", "features.8.0", "classifier.1"})
            QVERIFY2(findNode(a, name), name);
        QCOMPARE(countScopes(a, ScopeKind::Stage), 7);
        QCOMPARE(countScopes(a, ScopeKind::Block), 16);
        // Squeeze-and-excitation in every block: a side path whose sigmoid gate rejoins the main line (the
        // block) through a multiplication.
        QCOMPARE(countScopes(a, ScopeKind::SidePath), 16);
        QCOMPARE(countType(a, "Multiply"), 16);
        for (const ArchNode& n : a.nodes) {
            if (n.type != "Multiply") continue;
            QCOMPARE(toString(a.scopes[std::size_t(n.scope)].kind), toString(ScopeKind::Block));
            QCOMPARE(n.inputs.size(), std::size_t(2));
            const ArchNode& gate = a.nodes[std::size_t(n.inputs[1])];
            QCOMPARE(gate.type, std::string("Sigmoid"));
            const ArchScope& side = a.scopes[std::size_t(gate.scope)];
            QCOMPARE(toString(side.kind), toString(ScopeKind::SidePath));
            QCOMPARE(side.title, std::string("Squeeze-and-excitation"));
            QCOMPARE(a.scopes[std::size_t(side.parent)].id, n.scope);
        }
        const ArchScope& block = a.scopes[std::size_t(findNode(a, "features.2.0.block.0.0")->scope)];
        QCOMPARE(block.name, std::string("features.2.0"));
        QCOMPARE(block.title, std::string("MBConv6 3x3, SE"));
        QCOMPARE(a.scopes[std::size_t(block.parent)].name, std::string("features.2"));
        QCOMPARE(toString(a.scopes[std::size_t(block.parent)].kind), toString(ScopeKind::Stage));
        QCOMPARE(a.scopes[std::size_t(findNode(a, "features.1.0.block.0.0")->scope)].title,
                 std::string("MBConv1 3x3, SE"));
        checkTaps(makeEfficientNet(0, 2, 10));
    }

    void efficientNetParameterCounts_data() {
        QTest::addColumn<int>("variant");
        QTest::addColumn<qint64>("expected");
        const qint64 counts[8] = {5288548,  7794184,  9109994,  12233232,
                                  19341616, 30389784, 43040704, 66347960};
        for (int v = 1; v <= 7; ++v) QTest::newRow(("b" + std::to_string(v)).c_str()) << v << counts[v];
    }
    void efficientNetParameterCounts() {
        QFETCH(int, variant);
        QFETCH(qint64, expected);
        const Classifier m = makeEfficientNet(variant, 3, 1000);
        QCOMPARE(parameterCount(*m), std::int64_t(expected));
        QCOMPARE(m_reference.at("efficientnet_b" + std::to_string(variant)).params, std::int64_t(expected));
        // B5 … B7 use torchvision's batch norm eps 1e-3, the others PyTorch's default.
        const auto* stem = m->named_modules()["features.0.1"]->as<torch::nn::BatchNorm2d>();
        QVERIFY(stem);
        QCOMPARE(stem->options.eps(), variant >= 5 ? 1e-3 : 1e-5);
    }

    void shuffleNetV2AgainstTorchvision() {
        const Classifier m = makeShuffleNetV2(3, 1000);
        QCOMPARE(parameterCount(*m), std::int64_t(2278604));
        Architecture a;
        checkAgainstTorchvision(*m, "shufflenet_v2", a);
        if (QTest::currentTestFailed()) return;
        for (const char* name : {"conv1.0", "maxpool", "stage2.0.branch1.0", "stage2.0.branch2.0",
                                 "stage2.1.branch2.3", "conv5.0", "fc"})
            QVERIFY2(findNode(a, name), name);
        QCOMPARE(countScopes(a, ScopeKind::Stage), 3);
        QCOMPARE(countScopes(a, ScopeKind::Block), 16);
        // Both branches in the three downsampling units, branch2 alone after a channel split in the others.
        QCOMPARE(countScopes(a, ScopeKind::Branch), 3 * 2 + 13);
        QCOMPARE(countType(a, "Concat"), 16);
        QCOMPARE(countType(a, "ChannelShuffle"), 16);
        QCOMPARE(countType(a, "Split"), 2 * 13);
        const ArchNode& cat = *findNode(a, "stage3.1.cat");
        QCOMPARE(cat.shape, (std::vector<std::int64_t>{232, 14, 14}));
        QCOMPARE(a.nodes[std::size_t(cat.inputs[0])].type, std::string("Split"));  // the half passed through
        checkTaps(makeShuffleNetV2(2, 10));
    }

    void trainingModeForward() {
        // Dropout and batch statistics in training mode. Gradients reach the first convolution through the
        // wrappers (checked on EfficientNet: residual adds and the SE gate; CPU backward of depthwise
        // convolutions is slow, so only one model).
        for (const Classifier& m : {makeMobileNetV1(3, 5), makeMobileNetV2(3, 5), makeEfficientNet(0, 3, 5),
                                    makeShuffleNetV2(3, 5)}) {
            m->train();
            const torch::Tensor y = m->forward(torch::randn({2, 3, 32, 32}));
            QCOMPARE(y.sizes(), (c10::IntArrayRef{2, 5}));
            QVERIFY(m->is_training());
            if (std::dynamic_pointer_cast<EfficientNetImpl>(m)) {
                y.sum().backward();
                QVERIFY(m->firstConvWeights().grad().defined());
                QVERIFY(m->firstConvWeights().grad().abs().sum().item<float>() > 0);
            }
        }
    }

    void tinyAndWrongInputs() {
        // Every window is padded to fit, so even a 1x1 image runs (torchvision's min_size is 1x1 too).
        for (const Classifier& m : {makeMobileNetV1(3, 10), makeMobileNetV2(3, 10),
                                    makeEfficientNet(0, 3, 10), makeShuffleNetV2(3, 10)}) {
            torch::Tensor y;
            const Architecture a = traceModel(*m, 1, &y);
            QCOMPARE(y.sizes(), (c10::IntArrayRef{1, 10}));
            QCOMPARE(a.untracedInputs, 0);
            QCOMPARE(a.totalParameters, parameterCount(*m));
        }
        // A wrong channel count is named at the first convolution, traced or not.
        const Classifier v2 = makeMobileNetV2(3, 10);
        v2->eval();
        torch::NoGradGuard noGrad;
        try {
            (void)v2->forward(torch::randn({1, 1, 32, 32}));
            QFAIL("a 1-channel image went into a 3-channel model");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("features.0.0") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)v2->forward(torch::randn({3, 32, 32})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeEfficientNet(8, 3, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeEfficientNet(-1, 3, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeMobileNetV1(0, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeMobileNetV2(3, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeShuffleNetV2(0, 10));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestZooMobile)
#include "test_zoo_mobile.moc"
