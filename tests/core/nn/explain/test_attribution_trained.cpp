// Attribution on a trained ResNet-18 (trained here for 40 steps on synthetic gratings, so the test is
// hermetic): integrated gradients' completeness at 64 steps, the layer strip against one layer at a time,
// and the cascading randomisation sanity check, which must restore every weight.
#include <torch/torch.h>

#include <QTest>
#include <cmath>

#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/attribution.h"
#include "core/nn/explain/rank_correlation.h"
#include "core/nn/explain/sanity_check.h"
#include "core/nn/models/model_factory.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

class TestAttributionTrained : public QObject {
    Q_OBJECT
private:
    Classifier m_model;
    torch::Tensor m_input;  // 1 x 28 x 28, normalised
    const torch::Device m_cpu{torch::kCPU};

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        torch::manual_seed(1);
        // ResNet-18 (1 channel, 10 classes, 28×28) with ImageNet's stem: a stride-2 convolution and a max
        // pool make it 16 times cheaper than the small stem, which keeps this test to seconds.
        ModelConfig config;
        config.stem = Stem::Imagenet;
        m_model = makeModel(config);
        const ImageDataset data = testing::gratingsDataset(640, 5);
        const InputTransform transform;
        torch::optim::Adam optimizer(m_model->parameters(), torch::optim::AdamOptions(2e-3));
        m_model->train();
        for (int step = 0; step < 40; ++step) {
            const std::int64_t start = (step * 16) % 640;
            const torch::Tensor x = prepareBatch(data.images.narrow(0, start, 16), transform, 0, m_cpu);
            const torch::Tensor y = data.labels.narrow(0, start, 16);
            optimizer.zero_grad();
            torch::nn::functional::cross_entropy(m_model->forward(x), y).backward();
            optimizer.step();
        }
        m_model->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = prepareBatch(data.images.narrow(0, 0, 200), transform, 0, m_cpu);
        const double accuracy = m_model->forward(x)
                                    .argmax(1)
                                    .eq(data.labels.narrow(0, 0, 200))
                                    .to(torch::kFloat64)
                                    .mean()
                                    .item<double>();
        qInfo("ResNet-18 after 40 steps: %.1f%% of 200 training images", 100 * accuracy);
        QVERIFY2(accuracy > 0.3, "the model did not learn: the checks below would not be on a trained model");
        m_input = x[3];
    }

    void integratedGradientsAreComplete() {
        AttributionOptions options;
        options.method = AttributionMethod::IntegratedGradients;
        options.steps = 64;
        options.batchSize = 32;
        const Attribution a = explain(*m_model, m_input, options, m_cpu);
        const double relative = a.completenessError / std::abs(a.targetDelta);
        qInfo("IG 64 steps: completeness error %.3g of %.4g (%.3f%%)", a.completenessError, a.targetDelta,
              100 * relative);
        QVERIFY2(relative < 0.01, qPrintable(QString::number(relative)));
        QCOMPARE(a.map.sizes(), torch::IntArrayRef({28, 28}));
    }

    void stripMatchesSingleLayers() {
        const std::vector<Attribution> strip = gradCamStrip(*m_model, m_input, -1, m_cpu);
        QCOMPARE(strip.size(), std::size_t(9));  // conv1 and eight basic blocks
        QCOMPARE(strip.front().layer, std::string("conv1"));
        QCOMPARE(strip.back().layer, std::string("layer4.1"));
        for (std::size_t i : {std::size_t(0), std::size_t(4), std::size_t(8)}) {
            AttributionOptions options;
            options.layer = strip[i].layer;
            const Attribution single = explain(*m_model, m_input, options, m_cpu);
            QVERIFY(torch::allclose(single.map, strip[i].map, 1e-4, 1e-6));
        }
    }

    void sanityCheckRandomisesFromTheTopAndRestores() {
        const std::vector<std::string> layers = randomisableLayers(*m_model);
        QCOMPARE(layers.front(), std::string("fc"));
        QCOMPARE(layers.back(), std::string("conv1"));
        std::vector<torch::Tensor> before;
        for (const torch::Tensor& p : m_model->parameters()) before.push_back(p.detach().clone());
        AttributionOptions options;
        options.layer = "layer2.1";  // 4×4 cells (layer4 is 1×1 here: no ranks to compare)
        const std::vector<SanityStep> steps = cascadingRandomisation(*m_model, m_input, options, m_cpu, 9, 3);
        QCOMPARE(steps.size(), std::size_t(4));
        QVERIFY(steps[0].randomised.empty());
        QCOMPARE(steps[0].rankCorrelation, 1.0);
        QCOMPARE(steps[1].randomised, std::string("fc"));
        for (const SanityStep& s : steps) QCOMPARE(s.attribution.target, steps[0].attribution.target);
        // Random weights above the layer change what Grad-CAM shows there.
        QVERIFY2(steps[3].rankCorrelation < 0.9, qPrintable(QString::number(steps[3].rankCorrelation)));
        std::size_t i = 0;
        for (const torch::Tensor& p : m_model->parameters()) QVERIFY(torch::equal(p, before[i++]));
    }

    void spearmanAgreesWithScipy() {
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) = 0.8207826816681233 (its documentation).
        QVERIFY(std::abs(spearmanCorrelation({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}) - 0.8207826816681233) < 1e-12);
        QCOMPARE(averageRanks({10, 20, 10, 30}), std::vector<double>({1.5, 3, 1.5, 4}));
        QVERIFY(std::isnan(spearmanCorrelation({1, 1, 1}, {1, 2, 3})));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAttributionTrained)
#include "test_attribution_trained.moc"
