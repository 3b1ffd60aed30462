// The classic zoo models (AlexNet, VGG-11/13/16/19 with and without batch norm, GoogLeNet, DenseNet-121)
// against torchvision 0.14: parameter counts, the traced architecture's convolution and linear layers (names
// and output shapes at 3x224x224) and multiply-accumulates (tests/data/nn/zoo_reference.txt, made by
// make_zoo_reference.py there), taps, other channel and class counts, and the smallest input each one takes.
#include <torch/torch.h>

#include <QTest>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>

#include "core/nn/graph/graph_trace.h"
#include "core/nn/zoo/zoo_alexnet.h"
#include "core/nn/zoo/zoo_densenet.h"
#include "core/nn/zoo/zoo_googlenet.h"
#include "core/nn/zoo/zoo_vgg.h"
#include "tests/core/nn/zoo/zoo_reference.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

/// A node that is not a convolution or linear layer (those come from the reference), with torchvision's name
/// where it has one; the shape (at 3x224x224) only where given.
struct NodeCheck {
    const char* name;
    const char* type;
    std::vector<std::int64_t> shape = {};
};
struct ScopeCheck {
    const char* name;
    ScopeKind kind;
};

struct ZooModel {
    const char* name;
    std::function<Classifier(int inChannels, int classes)> make;
    std::int64_t parameters;  ///< torchvision's, with 3 input channels and 1000 classes
    std::vector<NodeCheck> nodes = {};
    std::vector<ScopeCheck> scopes = {};
};

Classifier vgg(int depth, bool bn, int c, int k) {
    return makeVgg(depth, bn, c, k);
}

const std::vector<ZooModel>& zoo() {
    static const std::vector<ZooModel> models = {
        {"alexnet",
         makeAlexNet,
         61100840,
         {{"features.1", "ReLU"},
          {"features.12", "MaxPool2d", {256, 6, 6}},
          {"avgpool", "AdaptiveAvgPool2d", {256, 6, 6}},
          {"classifier.0", "Dropout"}}},
        {"vgg11",
         [](int c, int k) { return vgg(11, false, c, k); },
         132863336,
         {{"features.20", "MaxPool2d"}}},
        {"vgg11_bn",
         [](int c, int k) { return vgg(11, true, c, k); },
         132868840,
         {{"features.28", "MaxPool2d"}}},
        {"vgg13",
         [](int c, int k) { return vgg(13, false, c, k); },
         133047848,
         {{"features.24", "MaxPool2d"}}},
        {"vgg13_bn",
         [](int c, int k) { return vgg(13, true, c, k); },
         133053736,
         {{"features.34", "MaxPool2d"}}},
        {"vgg16",
         [](int c, int k) { return vgg(16, false, c, k); },
         138357544,
         {{"features.1", "ReLU"}, {"features.30", "MaxPool2d", {512, 7, 7}}, {"classifier.5", "Dropout"}}},
        {"vgg16_bn",
         [](int c, int k) { return vgg(16, true, c, k); },
         138365992,
         {{"features.1", "BatchNorm2d"},
          {"features.2", "ReLU"},
          {"features.6", "MaxPool2d", {64, 112, 112}},
          {"features.43", "MaxPool2d", {512, 7, 7}}}},
        {"vgg19",
         [](int c, int k) { return vgg(19, false, c, k); },
         143667240,
         {{"features.36", "MaxPool2d"}}},
        {"vgg19_bn",
         [](int c, int k) { return vgg(19, true, c, k); },
         143678248,
         {{"features.52", "MaxPool2d"}}},
        {"googlenet",
         [](int c, int k) { return makeGoogLeNet(c, k); },
         6624904,
         {{"conv1.bn", "BatchNorm2d"},
          {"maxpool1", "MaxPool2d", {64, 56, 56}},
          {"inception3a.branch4.0", "MaxPool2d", {192, 28, 28}},
          {"inception3a.cat", "Concat", {256, 28, 28}},
          {"inception5b.cat", "Concat", {1024, 7, 7}},
          {"dropout", "Dropout"}},
         {{"inception3a", ScopeKind::Block},
          {"inception5b.branch1", ScopeKind::Branch},
          {"inception5b.branch2", ScopeKind::Branch},
          {"inception5b.branch3", ScopeKind::Branch},
          {"inception5b.branch4", ScopeKind::Branch}}},
        {"densenet121",
         makeDenseNet121,
         7978856,
         {{"features.norm0", "BatchNorm2d"},
          {"features.pool0", "MaxPool2d", {64, 56, 56}},
          {"features.denseblock1.denselayer6.cat", "Concat", {256, 56, 56}},
          {"features.transition3.pool", "AvgPool2d", {512, 7, 7}},
          {"features.denseblock4.denselayer16.cat", "Concat", {1024, 7, 7}},
          {"features.norm5", "BatchNorm2d"}},
         {{"features.denseblock1", ScopeKind::Stage},
          {"features.transition1", ScopeKind::Stage},
          {"features.denseblock4.denselayer16", ScopeKind::Block}}},
    };
    return models;
}

const ZooModel& zooModel(const std::string& name) {
    for (const ZooModel& m : zoo())
        if (name == m.name) return m;
    throw std::logic_error("no zoo model " + name);
}

/// Other channel and class counts at the smallest input each model takes (the wrappers' size checks, the same
/// as torchvision's: GoogLeNet's ceil-mode max poolings let a 3x3 window cover a 2x2 input, down to 15x15),
/// and the layer whose check fails one pixel below it. One VGG suffices (each takes
/// seconds to build, and all have the same five poolings).
struct SmallInput {
    const char* name;
    int smallest;
    const char* tooSmallAt;
};
const SmallInput kSmallInputs[] = {
    {"alexnet", 63, "features.12"},
    {"vgg11_bn", 32, "features.28"},
    {"googlenet", 15, "maxpool3"},
    {"densenet121", 29, "features.transition3.pool"},
};

/// The traced forward pass of one 1 x C x H x W input, in evaluation mode; the output and the tap names too.
Architecture traceForward(ClassifierImpl& model, const torch::Tensor& x, torch::Tensor* output = nullptr,
                          std::vector<std::string>* taps = nullptr) {
    model.eval();
    torch::NoGradGuard noGrad;
    trace::GraphRecorder recorder(x);
    const TapSink sink = [&](const std::string& name, const torch::Tensor&) {
        if (taps) taps->push_back(name);
    };
    const torch::Tensor y = model.forward(x, sink);
    if (output) *output = y;
    return recorder.finish();
}

const ArchNode* findNode(const Architecture& a, const std::string& name) {
    for (const ArchNode& n : a.nodes)
        if (n.name == name) return &n;
    return nullptr;
}

const ArchScope* findScope(const Architecture& a, const std::string& name) {
    for (const ArchScope& s : a.scopes)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

class TestZooClassic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        m_reference = loadZooReference();
        for (const ZooModel& m : zoo()) QVERIFY2(m_reference.count(m.name), m.name);
    }

    void matchesTorchvision_data() {
        QTest::addColumn<QString>("name");
        for (const ZooModel& m : zoo()) QTest::newRow(m.name) << QString(m.name);
    }
    void matchesTorchvision() {
        QFETCH(QString, name);
        const ZooModel& zm = zooModel(name.toStdString());
        const ZooReference& ref = m_reference.at(zm.name);
        const Classifier model = zm.make(3, 1000);
        const std::int64_t params = parameterCount(*model);
        QCOMPARE(params, zm.parameters);
        QCOMPARE(params, ref.params);
        QCOMPARE(model->firstConvWeights().size(1), std::int64_t(3));

        torch::Tensor y;
        std::vector<std::string> taps;
        const Architecture a = traceForward(*model, torch::randn({1, 3, 224, 224}), &y, &taps);
        QCOMPARE(y.sizes(), (c10::IntArrayRef{1, 1000}));
        QCOMPARE(taps, model->tapNames());
        QCOMPARE(a.untracedInputs, 0);
        QCOMPARE(a.totalParameters, params);
        QCOMPARE(a.totalMacs, ref.macs);
        QVERIFY(!ref.layers.empty());
        for (const auto& [path, shape] : ref.layers) {
            const ArchNode* n = findNode(a, path);
            QVERIFY2(n, path.c_str());
            QVERIFY2(n->type == "Conv2d" || n->type == "Linear", (path + " is a " + n->type).c_str());
            QCOMPARE(n->shape, shape);
        }
        // … and no convolution or linear layer that torchvision lacks.
        std::size_t weighted = 0;
        for (const ArchNode& n : a.nodes) weighted += n.type == "Conv2d" || n.type == "Linear";
        QCOMPARE(weighted, ref.layers.size());
        for (const NodeCheck& c : zm.nodes) {
            const ArchNode* n = findNode(a, c.name);
            QVERIFY2(n, c.name);
            QCOMPARE(n->type, std::string(c.type));
            if (!c.shape.empty()) QCOMPARE(n->shape, c.shape);
        }
        for (const ScopeCheck& c : zm.scopes) {
            const ArchScope* sc = findScope(a, c.name);
            QVERIFY2(sc, c.name);
            QCOMPARE(toString(sc->kind), toString(c.kind));
        }
    }

    void otherChannelsClassesAndSizes_data() {
        QTest::addColumn<int>("row");
        for (std::size_t i = 0; i < std::size(kSmallInputs); ++i)
            QTest::newRow(kSmallInputs[i].name) << int(i);
    }
    void otherChannelsClassesAndSizes() {
        // One channel, ten classes, at the smallest input the model takes (adaptive pooling before the
        // classifier); one pixel less fails in a wrapper's size check, whose message names the layer: its
        // whole path while tracing, otherwise what the model passed as its leaf name (scopes exist only while
        // tracing: "pool" for features.transition3.pool).
        QFETCH(int, row);
        const SmallInput& small = kSmallInputs[row];
        const Classifier model = zooModel(small.name).make(1, 10);
        model->eval();
        QCOMPARE(model->firstConvWeights().size(1), std::int64_t(1));
        const int s = small.smallest;
        {
            torch::NoGradGuard noGrad;
            QCOMPARE(model->forward(torch::randn({2, 1, s, s})).sizes(), (c10::IntArrayRef{2, 10}));
        }
        const std::string path = small.tooSmallAt;
        const std::string leaf = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
        for (bool traced : {false, true}) {
            try {
                const torch::Tensor x = torch::randn({1, 1, s - 1, s - 1});
                if (traced) {
                    (void)traceForward(*model, x);
                } else {
                    torch::NoGradGuard noGrad;
                    (void)model->forward(x);
                }
                QFAIL("an input one pixel below the smallest ran");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find(traced ? "at " + path + " (" : leaf + " (") !=
                             std::string::npos,
                         e.what());
            }
        }
    }

    void alexNetRejectsTinyInputsNamingTheLayer() {
        // 16x16: features.0 gives 3x3, features.2 pools it to 1x1, which features.5's 3x3 window cannot
        // cover.
        const Classifier model = makeAlexNet(3, 1000);
        model->eval();
        for (bool traced : {false, true}) {
            try {
                if (traced) {
                    (void)traceForward(*model, torch::randn({1, 3, 16, 16}));
                } else {
                    torch::NoGradGuard noGrad;
                    (void)model->forward(torch::randn({1, 3, 16, 16}));
                }
                QFAIL("a 16x16 input ran through AlexNet");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find("features.5") != std::string::npos, e.what());
            }
        }
    }

private:
    std::map<std::string, ZooReference> m_reference;
};

CONVSCOPE_TEST_GUILESS_MAIN(TestZooClassic)
#include "test_zoo_classic.moc"
