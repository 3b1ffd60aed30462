// measureGradients against PyTorch: ConvScope's ResNet-18 (small stem) with weights, batch norm statistics
// and images from the formulas of tests/data/gradients/make_gradient_fixture.py, whose loss and per-parameter
// gradient norms (evaluation and training mode) it stored. Evaluation mode goes through in two batches, so
// the accumulation over batches is checked too; gradientNorms against a naive sum of squares.
#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>

#include "core/nn/models/model_factory.h"
#include "core/nn/train/gradient_measurement.h"
#include "core/nn/train/training_instruments.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

QJsonObject fixture() {
    QFile f(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/gradients/gradient_fixture.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The script's formula: a + s (2u − 1), u = ((2654435761 i + 40503 k + 12345) mod 2^32) / 2^32.
torch::Tensor formula(const std::string& name, const std::vector<std::int64_t>& shape, std::uint64_t k) {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    auto endsWith = [&](const std::string& tail) {
        return name.size() >= tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    double a = 0.0, s = 0.1;
    if (endsWith("running_mean")) {
        a = 0.0, s = 0.1;
    } else if (endsWith("running_var")) {
        a = 1.0, s = 0.3;
    } else if (shape.size() >= 2) {
        s = std::sqrt(6.0 / (double(n) / double(shape[0])));
    } else if (endsWith("weight")) {
        a = 1.0;
    }
    torch::Tensor t = torch::empty({n}, torch::kFloat32);
    float* v = t.data_ptr<float>();
    for (std::int64_t i = 0; i < n; ++i) {
        const std::uint64_t h = (std::uint64_t(i) * 2654435761ULL + 40503ULL * k + 12345ULL) % (1ULL << 32);
        v[i] = float(a + s * (2.0 * (double(h) / 4294967296.0) - 1.0));
    }
    return t.reshape(shape);
}

std::vector<std::int64_t> shapeOf(const QJsonArray& a) {
    std::vector<std::int64_t> shape;
    for (const QJsonValue& d : a) shape.push_back(d.toInteger());
    return shape;
}

// Sets every parameter and running statistic listed in the fixture, checking names and shapes.
void loadFormulaWeights(torch::nn::Module& model, const QJsonObject& fx) {
    torch::NoGradGuard noGrad;
    const auto params = model.named_parameters();
    const auto buffers = model.named_buffers();
    const QJsonArray p = fx.value(QLatin1String("parameters")).toArray();
    QCOMPARE(std::size_t(p.size()), params.size());
    for (int k = 0; k < p.size(); ++k) {
        const std::string name = p[k].toArray()[0].toString().toStdString();
        const torch::Tensor* t = params.find(name);
        QVERIFY2(t, name.c_str());
        QCOMPARE(t->sizes().vec(), shapeOf(p[k].toArray()[1].toArray()));
        t->copy_(formula(name, t->sizes().vec(), std::uint64_t(k)));
    }
    const QJsonArray b = fx.value(QLatin1String("buffers")).toArray();
    for (int k = 0; k < b.size(); ++k) {
        const std::string name = b[k].toArray()[0].toString().toStdString();
        const torch::Tensor* t = buffers.find(name);
        QVERIFY2(t, name.c_str());
        t->copy_(formula(name, t->sizes().vec(), std::uint64_t(k)));
    }
}

// Six images, pixel (i, y, x) = ((i + 1)(7x + 3y) + xy) mod 256, label (3i + 1) mod 10.
ImageDataset formulaImages() {
    ImageDataset d;
    d.images = torch::empty({6, 1, 28, 28}, torch::kUInt8);
    auto a = d.images.accessor<std::uint8_t, 4>();
    std::vector<std::int64_t> labels;
    for (int i = 0; i < 6; ++i) {
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                a[i][0][y][x] = std::uint8_t(((i + 1) * (7 * x + 3 * y) + x * y) % 256);
        labels.push_back((3 * i + 1) % 10);
    }
    d.labels = torch::tensor(labels, torch::kInt64);
    for (int c = 0; c < 10; ++c) d.classNames.push_back(std::to_string(c));
    return d;
}

Classifier fixtureModel(const QJsonObject& fx) {
    ModelConfig c;
    c.name = "resnet18";
    c.stem = Stem::Small;
    Classifier m = makeModel(c);
    loadFormulaWeights(*m, fx);
    return m;
}

void compareWithFixture(const GradientMeasurement& g, const QJsonObject& expected, double tolerance) {
    const double loss = expected.value(QLatin1String("loss")).toDouble();
    QVERIFY2(std::abs(g.loss - loss) <= 1e-5 * std::max(1.0, loss),
             qPrintable(QStringLiteral("loss %1, PyTorch %2").arg(g.loss).arg(loss)));
    const QJsonObject norms = expected.value(QLatin1String("grad_norms")).toObject();
    QCOMPARE(int(g.gradNorms.size()), norms.size());
    for (const auto& [name, norm] : g.gradNorms) {
        const QString key = QString::fromStdString(name);
        QVERIFY2(norms.contains(key), qPrintable(key));
        const double want = norms.value(key).toDouble();
        QVERIFY2(std::abs(norm - want) <= tolerance * want + 1e-7,
                 qPrintable(QStringLiteral("%1: %2, PyTorch %3").arg(key).arg(norm).arg(want)));
    }
}

}  // namespace

class TestGradientMeasurement : public QObject {
    Q_OBJECT
    QJsonObject m_fixture;

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(1);
        m_fixture = fixture();
        QVERIFY2(!m_fixture.isEmpty(), "tests/data/gradients/gradient_fixture.json is missing");
    }

    void evaluationModeMatchesPyTorch() {
        const Classifier model = fixtureModel(m_fixture);
        // Batches of 4 and 2: the mean's gradient accumulated over batches.
        const GradientMeasurement g =
            measureGradients(*model, formulaImages(), InputTransform{}, torch::kCPU, false, 4);
        QCOMPARE(g.images, std::int64_t(6));
        compareWithFixture(g, m_fixture.value(QLatin1String("eval")).toObject(), 1e-4);
        QVERIFY(model->is_training());  // the mode it had before
    }

    void trainingModeMatchesPyTorch() {
        const Classifier model = fixtureModel(m_fixture);
        model->eval();
        const GradientMeasurement g =
            measureGradients(*model, formulaImages(), InputTransform{}, torch::kCPU, true, 256);
        compareWithFixture(g, m_fixture.value(QLatin1String("train")).toObject(), 1e-3);
        QVERIFY(!model->is_training());
    }

    void gradientNormsAreSumsOfSquares() {
        torch::manual_seed(3);
        torch::nn::Linear layer(5, 3);
        layer->forward(torch::randn({4, 5})).pow(2).sum().backward();
        const NamedValues norms = gradientNorms(*layer);
        QCOMPARE(norms.size(), std::size_t(2));
        QCOMPARE(norms[0].first, std::string("weight"));
        QCOMPARE(norms[1].first, std::string("bias"));
        for (const auto& [name, norm] : norms) {
            const torch::Tensor g = layer->named_parameters()[name].grad().contiguous();
            double sum = 0.0;
            for (std::int64_t i = 0; i < g.numel(); ++i)
                sum += double(g.data_ptr<float>()[i]) * g.data_ptr<float>()[i];
            QVERIFY(norm > 0.0);
            QVERIFY(std::abs(norm - std::sqrt(sum)) <= 1e-6 * std::sqrt(sum));
        }
    }

    void emptySetIsRefused() {
        const Classifier model = fixtureModel(m_fixture);
        ImageDataset none = formulaImages();
        none.images = none.images.narrow(0, 0, 0);
        none.labels = none.labels.narrow(0, 0, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 measureGradients(*model, none, InputTransform{}, torch::kCPU, false));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestGradientMeasurement)
#include "test_gradient_measurement.moc"
