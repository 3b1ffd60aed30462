// Attribution methods against independent references: Captum's published values for Grad-CAM and occlusion
// on its BasicModel_ConvNet_One_Conv, central finite differences on a double-precision model, a linear
// model for which integrated gradients are exact, numpy's Gauss–Legendre nodes, and the bad requests.
#include <torch/torch.h>

#include <QTest>
#include <cmath>
#include <stdexcept>

#include "core/nn/explain/attribution.h"
#include "tests/core/nn/explain/captum_models.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace explaintest;

namespace {

const torch::Device kCpu(torch::kCPU);

torch::Tensor captumInput() {
    return torch::arange(16, torch::kFloat32).view({1, 4, 4});
}

void compareMap(const torch::Tensor& actual, const std::vector<std::vector<double>>& expected,
                double tolerance) {
    QCOMPARE(actual.size(0), std::int64_t(expected.size()));
    QCOMPARE(actual.size(1), std::int64_t(expected[0].size()));
    for (std::size_t r = 0; r < expected.size(); ++r)
        for (std::size_t c = 0; c < expected[r].size(); ++c) {
            const double v = actual[std::int64_t(r)][std::int64_t(c)].item<double>();
            if (std::abs(v - expected[r][c]) > tolerance)
                QFAIL(qPrintable(
                    QString("map(%1, %2) = %3, expected %4").arg(r).arg(c).arg(v).arg(expected[r][c])));
        }
}

}  // namespace

class TestAttribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void gradCamMatchesCaptum() {
        // captum/tests/attr/layer/test_grad_cam.py, test_simple_input_conv.
        auto net = std::make_shared<CaptumConvNet>();
        AttributionOptions options;
        options.method = AttributionMethod::GradCam;
        options.layer = "conv1";
        options.target = 0;
        const Attribution a = explain(*net, captumInput(), options, kCpu);
        QCOMPARE(a.layer, std::string("conv1"));
        compareMap(a.map, {{11.25, 13.5}, {20.25, 22.5}}, 1e-4);
        QCOMPARE(a.channelWeights.size(0), std::int64_t(2));
        QVERIFY(std::abs(a.channelWeights[0].item<double>() - 0.75) < 1e-6);
        QVERIFY(std::abs(a.channelWeights[1].item<double>() + 0.5) < 1e-6);
        // The cell's terms add up to the cell and come largest first.
        const std::vector<CellTerm> terms = cellTerms(a, 1, 1);
        QCOMPARE(terms.size(), std::size_t(2));
        QVERIFY(std::abs(terms[0].term + terms[1].term - 22.5f) < 1e-4);
        QCOMPARE(terms[0].channel, 0);  // 0.75·40 = 30 against −0.5·15 = −7.5
        QVERIFY(std::abs(terms[0].term - 30.0f) < 1e-4);
        QVERIFY(cellTerms(a, 2, 0).empty());
    }

    void occlusionMatchesCaptum() {
        // captum/tests/attr/test_occlusion.py, test_simple_multi_input_conv: f(x) = net(x + 1), window 2×3,
        // strides (2, 1), baseline 0.
        auto net = std::make_shared<CaptumConvNet>(true);
        AttributionOptions options;
        options.method = AttributionMethod::Occlusion;
        options.target = 0;
        options.windowHeight = 2;
        options.windowWidth = 3;
        options.strideY = 2;
        options.strideX = 1;
        const std::vector<std::vector<double>> expected = {
            {17, 17, 17, 17}, {17, 17, 17, 17}, {64, 65.5, 65.5, 67}, {64, 65.5, 65.5, 67}};
        for (int batch : {1, 3, 64}) {
            options.batchSize = batch;
            const Attribution a = explain(*net, captumInput(), options, kCpu);
            compareMap(a.map, expected, 1e-4);
            QCOMPARE(a.windowWidth, 3);
        }
    }

    void saliencyEqualsFiniteDifferences() {
        const int size = 6;
        auto net = std::make_shared<SmoothNet>(size);
        torch::manual_seed(11);
        const torch::Tensor x = torch::randn({1, size, size}, torch::kFloat64);
        AttributionOptions options;
        options.method = AttributionMethod::Saliency;
        options.target = 2;
        const Attribution a = explain(*net, x, options, kCpu);
        const double h = 1e-5;
        torch::NoGradGuard noGrad;
        net->eval();
        for (int i = 0; i < size; ++i)
            for (int j = 0; j < size; ++j) {
                torch::Tensor plus = x.clone(), minus = x.clone();
                plus[0][i][j] += h;
                minus[0][i][j] -= h;
                const double fd = (net->forward(plus.unsqueeze(0))[0][2].item<double>() -
                                   net->forward(minus.unsqueeze(0))[0][2].item<double>()) /
                                  (2 * h);
                QVERIFY2(std::abs(a.map[i][j].item<double>() - std::abs(fd)) < 1e-6 * (1 + std::abs(fd)),
                         qPrintable(QString("(%1, %2): %3 against %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(a.map[i][j].item<double>())
                                        .arg(fd)));
            }
    }

    void gradCamGradientIsTheLinearHead() {
        // After conv2 the model is linear: ∂y_c/∂A = fc's row c, so α_k is that row's mean over channel k.
        const int size = 5;
        auto net = std::make_shared<SmoothNet>(size);
        const torch::Tensor x = torch::randn({1, size, size}, torch::kFloat64);
        for (AttributionMethod method :
             {AttributionMethod::GradCam, AttributionMethod::HiResCam, AttributionMethod::GradCamPlusPlus}) {
            AttributionOptions options;
            options.method = method;
            options.layer = "conv2";
            options.target = 1;
            const Attribution a = explain(*net, x, options, kCpu);
            const torch::Tensor row = net->fc->weight[1].detach().view({2, size, size}).to(torch::kFloat32);
            QVERIFY(torch::allclose(a.gradient, row, 1e-5, 1e-6));
            QCOMPARE(a.activation.sizes(), row.sizes());
            if (method == AttributionMethod::GradCam) {
                QVERIFY(torch::allclose(a.channelWeights, row.mean({1, 2}), 1e-5, 1e-6));
                QVERIFY(torch::allclose(a.map, (row.mean({1, 2}).view({2, 1, 1}) * a.activation).sum(0), 1e-5,
                                        1e-6));
            } else if (method == AttributionMethod::HiResCam) {
                QVERIFY(torch::allclose(a.map, (row * a.activation).sum(0), 1e-5, 1e-6));
            }
            // Every cell is the sum of its terms.
            for (int i = 0; i < size; ++i)
                for (int j = 0; j < size; ++j) {
                    double sum = 0;
                    for (const CellTerm& t : cellTerms(a, i, j)) sum += t.term;
                    QVERIFY(std::abs(sum - a.map[i][j].item<double>()) < 1e-5);
                }
        }
    }

    void stripEqualsOneLayerAtATime() {
        const int size = 6;
        auto net = std::make_shared<SmoothNet>(size);
        const torch::Tensor x = torch::randn({1, size, size}, torch::kFloat64);
        const std::vector<Attribution> strip = gradCamStrip(*net, x, -1, kCpu);
        QCOMPARE(strip.size(), std::size_t(2));
        QCOMPARE(spatialTaps(*net, x, kCpu), std::vector<std::string>({"conv1", "conv2"}));
        for (const Attribution& layer : strip) {
            AttributionOptions options;
            options.layer = layer.layer;
            const Attribution single = explain(*net, x, options, kCpu);
            QCOMPARE(single.target, layer.target);
            QVERIFY(torch::allclose(single.map, layer.map, 1e-6, 1e-7));
        }
        // The default layer is the last spatial tap.
        QCOMPARE(explain(*net, x, AttributionOptions{}, kCpu).layer, std::string("conv2"));
    }

    void integratedGradientsAreExactForALinearModel() {
        auto net = std::make_shared<LinearNet>(12);
        const torch::Tensor x = torch::randn({1, 3, 4});
        for (int steps : {1, 7, 50}) {
            AttributionOptions options;
            options.method = AttributionMethod::IntegratedGradients;
            options.steps = steps;
            options.target = 3;
            options.baseline = 0.25;
            options.batchSize = 4;
            const Attribution a = explain(*net, x, options, kCpu);
            const torch::Tensor expected = ((x - 0.25) * net->fc->weight[3].detach().view({1, 3, 4})).sum(0);
            QVERIFY(torch::allclose(a.map, expected, 1e-4, 1e-5));
            QVERIFY2(a.completenessError < 1e-4, qPrintable(QString::number(a.completenessError)));
            QCOMPARE(a.steps, steps);
        }
    }

    void gaussLegendreMatchesNumpy() {
        // numpy.polynomial.legendre.leggauss(3): nodes ±√(3/5), 0 and weights 5/9, 8/9, 5/9, mapped to [0,
        // 1].
        std::vector<double> nodes, weights;
        gaussLegendre01(3, nodes, weights);
        const double s = std::sqrt(0.6);
        QVERIFY(std::abs(nodes[0] - 0.5 * (1 - s)) < 1e-14 && std::abs(nodes[1] - 0.5) < 1e-14 &&
                std::abs(nodes[2] - 0.5 * (1 + s)) < 1e-14);
        QVERIFY(std::abs(weights[0] - 5.0 / 18) < 1e-14 && std::abs(weights[1] - 4.0 / 9) < 1e-14);
        // n nodes integrate polynomials up to degree 2n − 1 exactly: ∫₀¹ t^d dt = 1/(d + 1).
        for (int n : {1, 2, 5, 20, 64}) {
            gaussLegendre01(n, nodes, weights);
            for (int d = 0; d <= 2 * n - 1 && d < 40; ++d) {
                double sum = 0;
                for (int i = 0; i < n; ++i)
                    sum += weights[std::size_t(i)] * std::pow(nodes[std::size_t(i)], d);
                QVERIFY2(std::abs(sum - 1.0 / (d + 1)) < 1e-12,
                         qPrintable(QString("n %1, degree %2").arg(n).arg(d)));
            }
        }
    }

    void smoothGradIsSeeded() {
        auto net = std::make_shared<SmoothNet>(5);
        const torch::Tensor x = torch::randn({1, 5, 5}, torch::kFloat64);
        AttributionOptions options;
        options.method = AttributionMethod::SmoothGrad;
        options.samples = 9;
        options.batchSize = 4;
        options.seed = 42;
        const Attribution a = explain(*net, x, options, kCpu), b = explain(*net, x, options, kCpu);
        QVERIFY(torch::equal(a.map, b.map));
        options.seed = 43;
        QVERIFY(!torch::equal(a.map, explain(*net, x, options, kCpu).map));
        // Without noise every copy is the input itself: SmoothGrad is saliency.
        options.noise = 0.0;
        AttributionOptions plain;
        plain.method = AttributionMethod::Saliency;
        QVERIFY(torch::allclose(explain(*net, x, options, kCpu).map, explain(*net, x, plain, kCpu).map, 1e-6,
                                1e-7));
    }

    void modelModeIsRestored() {
        auto net = std::make_shared<SmoothNet>(4);
        net->train();
        explain(*net, torch::randn({1, 4, 4}, torch::kFloat64), AttributionOptions{}, kCpu);
        QVERIFY(net->is_training());
    }

    void badRequestsThrow_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("unknown layer") << 0;
        QTest::newRow("target too large") << 1;
        QTest::newRow("window 0") << 2;
        QTest::newRow("window larger than the image") << 3;
        QTest::newRow("no steps") << 4;
        QTest::newRow("not an image") << 5;
        QTest::newRow("negative target") << 6;
    }
    void badRequestsThrow() {
        QFETCH(int, which);
        auto net = std::make_shared<CaptumConvNet>();
        torch::Tensor x = captumInput();
        AttributionOptions options;
        switch (which) {
            case 0:
                options.layer = "conv9";
                break;
            case 1:
                options.target = 4;
                break;
            case 2:
                options.method = AttributionMethod::Occlusion;
                options.windowHeight = 0;
                break;
            case 3:
                options.method = AttributionMethod::Occlusion;
                options.windowWidth = 5;
                break;
            case 4:
                options.method = AttributionMethod::IntegratedGradients;
                options.steps = 0;
                break;
            case 5:
                x = torch::zeros({4, 4});
                break;
            case 6:
                options.target = -2;
                break;
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, explain(*net, x, options, kCpu));
    }

    void unknownLayerNamesTheKnownOnes() {
        auto net = std::make_shared<SmoothNet>(4);
        AttributionOptions options;
        options.layer = "fc";
        try {
            explain(*net, torch::randn({1, 4, 4}, torch::kFloat64), options, kCpu);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("conv1, conv2") != std::string::npos, e.what());
        }
    }

    void methodNamesRoundTrip() {
        for (const AttributionMethodInfo& info : attributionMethods())
            QCOMPARE(parseAttributionMethod(info.name).value(), info.method);
        QVERIFY(!parseAttributionMethod("lime"));
        QCOMPARE(attributionMethods().size(), std::size_t(7));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAttribution)
#include "test_attribution.moc"
