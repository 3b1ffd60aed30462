// Models against PyTorch: parameter counts equal torchvision's (and the seed's Python definitions') for the
// same configuration (tests/data/nn/param_counts.txt, made by make_param_counts.py there), tap shapes at
// every tap point from a forward pass, and the bad-configuration messages.
#include <torch/torch.h>

#include <QTest>
#include <fstream>
#include <sstream>

#include "core/nn/models/feature_maps.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/models/model_summary.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

class TestModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void parameterCountsEqualPyTorch_data() {
        QTest::addColumn<QString>("line");
        std::ifstream in(std::string(CONVSCOPE_TEST_DATA_DIR) + "/nn/param_counts.txt");
        int rows = 0;
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            QTest::newRow(line.c_str()) << QString::fromStdString(line);
            ++rows;
        }
        QVERIFY(rows >= 30);
    }
    void parameterCountsEqualPyTorch() {
        QFETCH(QString, line);
        std::istringstream s(line.toStdString());
        ModelConfig c;
        std::string stem, block;
        int skip = 1;
        std::int64_t expected = 0;
        s >> c.name >> c.inChannels >> c.classes >> stem >> block >> skip >> expected;
        if (stem != "-") c.stem = parseStem(stem);
        if (block != "-") c.block = block;
        c.skip = skip == 1;
        c.inputSize =
            c.name == "lenet5" ? 28 : 224;  // LeNet-5's first fully connected layer follows the size
        QCOMPARE(parameterCount(*makeModel(c)), expected);
    }

    void theSeedsResNet18HasElevenMillionParameters() {
        ModelConfig c;
        c.name = "resnet18";
        c.inChannels = 3;
        c.classes = 1000;
        c.stem = Stem::Imagenet;
        c.inputSize = 224;
        QCOMPARE(parameterCount(*makeModel(c)), std::int64_t(11689512));
    }

    void tapShapes() {
        // ResNet-18, the seed's configuration: Fashion-MNIST at 224 with the ImageNet stem.
        ModelConfig c;
        c.name = "resnet18";
        c.stem = Stem::Imagenet;
        c.inputSize = 224;
        const Classifier m = makeModel(c);
        const ModelSummary s = summarizeModel(*m, 1, 224);
        const std::vector<std::pair<std::string, std::vector<std::int64_t>>> expected = {
            {"conv1", {64, 112, 112}},   {"layer1.0", {64, 56, 56}},
            {"layer1.1", {64, 56, 56}},  {"layer2.0", {128, 28, 28}},
            {"layer2.1", {128, 28, 28}}, {"layer3.0", {256, 14, 14}},
            {"layer3.1", {256, 14, 14}}, {"layer4.0", {512, 7, 7}},
            {"layer4.1", {512, 7, 7}},   {"fc", {10}}};
        QCOMPARE(s.taps.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(s.taps[i].name, expected[i].first);
            QCOMPARE(s.taps[i].shape, expected[i].second);
        }
        QCOMPARE(m->tapNames().size(), expected.size());
        QCOMPARE(s.totalParameters, parameterCount(*m));
        std::int64_t sum = 0;
        for (const ModuleSummary& mod : s.modules) sum += mod.parameters;
        QCOMPARE(sum, s.totalParameters);

        // The small stem keeps 28x28; ResNet-50's blocks are four times wider.
        c.stem = Stem::Small;
        c.inputSize = 28;
        QCOMPARE(summarizeModel(*makeModel(c), 1, 28).taps[1].shape, (std::vector<std::int64_t>{64, 28, 28}));
        c.name = "resnet50";
        const ModelSummary r50 = summarizeModel(*makeModel(c), 1, 28);
        QCOMPARE(r50.taps.size(), std::size_t(1 + 16 + 1));
        QCOMPARE(r50.taps[16].name, std::string("layer4.2"));
        QCOMPARE(r50.taps[16].shape, (std::vector<std::int64_t>{2048, 4, 4}));
        for (const char* name : {"simplecnn", "hierarchicalcnn", "lenet5"}) {
            c.name = name;
            const Classifier small = makeModel(c);
            const ModelSummary ss = summarizeModel(*small, 1, 28);
            QCOMPARE(ss.taps.size(), small->tapNames().size());
            QCOMPARE(ss.taps.back().shape, (std::vector<std::int64_t>{10}));
            QCOMPARE(small->firstConvWeights().size(1), std::int64_t(1));
        }
    }

    void featureSnapshotAtEveryTap() {
        ModelConfig c;
        c.name = "resnet18";
        const Classifier m = makeModel(c);
        m->train();
        const torch::Tensor image = torch::randint(0, 256, {1, 28, 28}, torch::kUInt8);
        const FeatureSnapshot f = captureFeatures(*m, image, {}, torch::kCPU);
        QVERIFY(m->is_training());  // restored
        QCOMPARE(f.taps.size(), m->tapNames().size());
        for (std::size_t i = 0; i < f.taps.size(); ++i) {
            QCOMPARE(f.taps[i].name, m->tapNames()[i]);
            QCOMPARE(f.taps[i].value.dim(), std::int64_t(3));
            QVERIFY(f.taps[i].value.device().is_cpu());
        }
        QCOMPARE(f.taps.back().value.sizes(), (c10::IntArrayRef{10, 1, 1}));
        QCOMPARE(int(f.scores.size()), 10);
        float sum = 0;
        for (float p : f.scores) sum += p;
        QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
        QVERIFY(f.prediction >= 0 && f.prediction < 10);
        // The snapshot's scores are the single image's own (batch-independent in evaluation mode).
        m->eval();
        {
            torch::NoGradGuard noGrad;
            const torch::Tensor x =
                (image.to(torch::kFloat32).div(255.0).sub(0.2860).div(0.3530)).unsqueeze(0);
            const torch::Tensor p = torch::softmax(m->forward(x)[0], 0);
            for (int c = 0; c < 10; ++c)
                QVERIFY(std::abs(p[c].item<float>() - f.scores[std::size_t(c)]) < 1e-5f);
        }
        m->train();
        QCOMPARE(f.input.sizes(), (c10::IntArrayRef{1, 28, 28}));
    }

    void badConfigurations() {
        ModelConfig c;
        c.name = "resnet19";
        try {
            (void)makeModel(c);
            QFAIL("an unknown model was built");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("resnet18") != std::string::npos, e.what());
        }
        // Padding keeps every ResNet stage at least 1x1, so even a 16x16 input runs (to 1x1 at layer4).
        c.name = "resnet18";
        c.stem = Stem::Imagenet;
        c.inputSize = 16;
        QCOMPARE(summarizeModel(*makeModel(c), 1, 16).taps[8].shape, (std::vector<std::int64_t>{512, 1, 1}));
        c.name = "lenet5";
        c.inputSize = 20;
        try {
            (void)makeModel(c);
            QFAIL("LeNet-5 accepted a 20x20 input");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("conv2") != std::string::npos, e.what());
        }
        c.inputSize = 28;
        c.inChannels = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(c));
        c.inChannels = 1;
        c.classes = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(c));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseStem("big"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseBlock("fancy"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestModels)
#include "test_models.moc"
