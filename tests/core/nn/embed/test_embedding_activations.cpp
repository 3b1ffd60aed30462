// embeddingActivations against an independent path: captureFeatures (the Feature maps panel's, one image at
// a time) with the map averaged over H×W here; the default tap (the penultimate layer) for LeNet-5 and a
// ResNet; the model's training mode kept; an unknown tap; cancellation.
#include <QTest>

#include "core/nn/embed/embedding_activations.h"
#include "core/nn/models/feature_maps.h"
#include "core/nn/models/model_factory.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

ImageDataset smallSet(int n) {
    torch::manual_seed(3);
    ImageDataset d;
    d.images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kUInt8);
    d.labels = torch::arange(n, torch::kLong) % 10;
    d.classNames = fashionMnistClasses();
    return d;
}

Classifier model(const std::string& name) {
    ModelConfig c;
    c.name = name;
    torch::manual_seed(1);
    return makeModel(c);
}

}  // namespace

class TestEmbeddingActivations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesFeatureMapsPooled_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("tap");
        QTest::addColumn<QString>("expectedTap");
        QTest::newRow("lenet5 default") << "lenet5"
                                        << ""
                                        << "fc2";
        QTest::newRow("lenet5 conv2") << "lenet5"
                                      << "conv2"
                                      << "conv2";
        QTest::newRow("resnet18 default") << "resnet18"
                                          << ""
                                          << "layer4.1";
        QTest::newRow("simplecnn conv1") << "simplecnn"
                                         << "conv1"
                                         << "conv1";
    }
    void matchesFeatureMapsPooled() {
        QFETCH(QString, name);
        QFETCH(QString, tap);
        QFETCH(QString, expectedTap);
        const Classifier m = model(name.toStdString());
        m->train();  // must come back in training mode
        const ImageDataset data = smallSet(7);
        InputTransform transform;
        const EmbeddingActivations a =
            embeddingActivations(*m, data, transform, torch::kCPU, tap.toStdString(), 3);  // batches of 3
        QVERIFY(m->is_training());
        QCOMPARE(QString::fromStdString(a.tap), expectedTap);
        QCOMPARE(a.count, 7);
        QCOMPARE(a.labels, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
        for (int i = 0; i < 7; ++i) {
            const FeatureSnapshot s = captureFeatures(*m, data.images[i], transform, torch::kCPU);
            torch::Tensor expected;
            for (const TapActivation& t : s.taps)
                if (t.name == a.tap) expected = t.value.mean({1, 2});  // C×H×W (a 1-D tap as C×1×1)
            QVERIFY(expected.defined());
            QCOMPARE(a.dims, int(expected.size(0)));
            const float* e = expected.data_ptr<float>();
            for (int d = 0; d < a.dims; ++d)
                QVERIFY2(
                    std::abs(a.values[std::size_t(i * a.dims + d)] - e[d]) < 1e-4f * (1.0f + std::abs(e[d])),
                    qPrintable(QStringLiteral("image %1, dimension %2").arg(i).arg(d)));
        }
    }

    void unknownTapAndCancellation() {
        const Classifier m = model("lenet5");
        const ImageDataset data = smallSet(4);
        try {
            embeddingActivations(*m, data, InputTransform{}, torch::kCPU, "conv9");
            QFAIL("an unknown tap must throw");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("conv9"));
            QVERIFY(QString::fromUtf8(e.what()).contains("fc2"));  // the taps it has
        }
        convscope::common::JobControl control;
        int batches = 0;
        control.onProgress = [&](int, int) { ++batches; };
        control.isCancelled = [&] { return batches >= 2; };
        QVERIFY_THROWS_EXCEPTION(
            convscope::common::Cancelled,
            embeddingActivations(*m, data, InputTransform{}, torch::kCPU, "", 1, control));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestEmbeddingActivations)
#include "test_embedding_activations.moc"
