// The degradation experiment on a small synthetic set: one seed and one order of batches for every run (two
// runs of the same network give the same curve), parameter counts against the paper's formula, the depth
// axis of the gradient summary, progress, cancellation, refused options, and the sentence on what it shows.
#include <QTest>
#include <cmath>

#include "core/common/job_control.h"
#include "core/nn/train/degradation_experiment.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

DegradationOptions tiny() {
    DegradationOptions o;
    o.models = {"resnet20", "plain20", "resnet20"};
    o.epochs = 2;
    o.batchSize = 16;
    o.limitTrain = 96;
    o.limitTest = 40;
    o.logEvery = 1;
    o.threads = 1;  // one thread: bit-identical runs
    o.seed = 7;
    return o;
}

// He et al.'s CIFAR network with n blocks per stage: the 3x3 stem to 16 channels, three stages of n basic
// blocks (two 3x3 convolutions without bias, each followed by batch norm's weight and bias) at 16, 32 and
// 64 channels, the linear classifier. Option-A shortcuts add nothing.
std::int64_t cifarParameters(int n, int inChannels, int classes) {
    std::int64_t count = std::int64_t(inChannels) * 16 * 9 + 2 * 16;
    int in = 16;
    for (int width : {16, 32, 64}) {
        for (int b = 0; b < n; ++b) {
            count += std::int64_t(in) * width * 9 + 2 * width + std::int64_t(width) * width * 9 + 2 * width;
            in = width;
        }
    }
    return count + 64 * classes + classes;
}

DegradationRun finished(const std::string& model, int depth, bool residual, double loss) {
    DegradationRun r;
    r.model = model;
    r.depth = depth;
    r.residual = residual;
    r.epochs.push_back({1, 10, loss, 0.5});
    return r;
}

}  // namespace

class TestDegradationExperiment : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(200, 1), m_test = gratingsDataset(60, 2);

private Q_SLOTS:
    void theFormulaIsThePapers() {
        // The paper's counts for 3 channels and 10 classes (section 4.2): the reference itself is checked.
        QCOMPARE(cifarParameters(3, 3, 10), std::int64_t(269722));
        QCOMPARE(cifarParameters(9, 3, 10), std::int64_t(853018));
    }

    void runsShareSeedAndBatches() {
        const DegradationOptions o = tiny();
        std::vector<double> fractions;
        int started = 0, batches = 0, epochs = 0, done = 0;
        DegradationCallbacks cb;
        cb.onProgress = [&](const std::string&, double f) { fractions.push_back(f); };
        cb.onRunStarted = [&](int run, const DegradationRun& r) {
            QCOMPARE(run, started++);
            QCOMPARE(r.parameters, cifarParameters(3, 1, 10));
            QVERIFY(r.trainLoss.empty());
        };
        cb.onBatch = [&](int, const BatchMetrics& m) {
            ++batches;
            QVERIFY(!m.instruments.gradNorms.empty());
        };
        cb.onEpoch = [&](int, const EpochMetrics&) { ++epochs; };
        cb.onRunFinished = [&](int run, const DegradationRun& r) {
            QCOMPARE(run, done++);
            QCOMPARE(int(r.epochs.size()), 2);
        };
        const DegradationResult result = runDegradationExperiment(o, m_train, m_test, cb);
        QCOMPARE(int(result.runs.size()), 3);
        QCOMPARE(started, 3);
        QCOMPARE(done, 3);
        QCOMPARE(batches, 3 * 12);  // 96 images in batches of 16, twice, every batch logged
        QCOMPARE(epochs, 3 * 2);

        for (const DegradationRun& r : result.runs) {
            QCOMPARE(r.depth, 20);
            QCOMPARE(r.trainImages, std::int64_t(96));
            QCOMPARE(int(r.trainLoss.size()), 12);
            QCOMPARE(r.trainLoss.front().step, std::int64_t(1));
            QCOMPARE(r.trainLoss.back().step, std::int64_t(12));
            QCOMPARE(r.epochs[1].step, std::int64_t(12));
            for (const DegradationEpoch& e : r.epochs) QVERIFY(e.testError >= 0.0 && e.testError <= 1.0);
            QCOMPARE(finalTrainLoss(r), r.epochs.back().trainLoss);
            // The depth axis: 19 convolutions and the classifier, the 6n + 2 weighted layers.
            QCOMPARE(int(r.weightLayers.size()), 20);
            QCOMPARE(r.weightLayers.front(), std::string("conv1.weight"));
            QCOMPARE(r.weightLayers.back(), std::string("fc.weight"));
            QCOMPARE(r.firstGradients.step, std::int64_t(1));
            QCOMPARE(r.lastGradients.step, std::int64_t(12));
            QCOMPARE(int(r.firstGradients.norms.size()), 20);
            for (double g : r.lastGradients.norms) QVERIFY(std::isfinite(g) && g > 0.0);
        }
        QVERIFY(result.runs[0].residual);
        QVERIFY(!result.runs[1].residual);
        QCOMPARE(result.runs[1].parameters, result.runs[0].parameters);  // option A adds no parameter

        // The first and the third run train the same network: with one seed and one order of batches for
        // every run, and nothing carried over from the run before, their curves are the same, step by step.
        for (std::size_t i = 0; i < 12; ++i)
            QCOMPARE(result.runs[2].trainLoss[i].loss, result.runs[0].trainLoss[i].loss);
        QCOMPARE(result.runs[2].epochs[1].testError, result.runs[0].epochs[1].testError);
        QCOMPARE(result.runs[2].lastGradients.norms, result.runs[0].lastGradients.norms);
        // The plain twin, without shortcuts, computes another function: its first loss already differs.
        QVERIFY(result.runs[1].trainLoss[0].loss != result.runs[0].trainLoss[0].loss);

        QVERIFY(!fractions.empty());
        for (std::size_t i = 1; i < fractions.size(); ++i) QVERIFY(fractions[i] >= fractions[i - 1]);
        QCOMPARE(fractions.back(), 1.0);
    }

    void deeperNetworkCounts() {
        DegradationOptions o = tiny();
        o.models = {"plain56"};
        o.epochs = 1;
        o.limitTrain = 16;
        o.limitTest = 8;
        o.inChannels = 1;
        const DegradationResult r = runDegradationExperiment(o, m_train, m_test);
        QCOMPARE(r.runs[0].depth, 56);
        QCOMPARE(r.runs[0].parameters, cifarParameters(9, 1, 10));
        QCOMPARE(int(r.runs[0].weightLayers.size()), 56);
    }

    void cancellation() {
        DegradationOptions o = tiny();
        int batches = 0;
        DegradationCallbacks cb;
        cb.onBatch = [&](int, const BatchMetrics&) { ++batches; };
        cb.isCancelled = [&] { return batches >= 3; };
        QVERIFY_THROWS_EXCEPTION(convscope::common::Cancelled,
                                 runDegradationExperiment(o, m_train, m_test, cb));
        QCOMPARE(batches, 3);
    }

    void badOptionsAreRefused() {
        DegradationOptions o = tiny();
        o.models = {"plain20", "lenet5"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runDegradationExperiment(o, m_train, m_test));
        o = tiny();
        o.models.clear();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runDegradationExperiment(o, m_train, m_test));
        o = tiny();
        o.learningRate = -1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runDegradationExperiment(o, m_train, m_test));
        o = tiny();
        o.logEvery = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runDegradationExperiment(o, m_train, m_test));
    }

    void theSummarySaysWhatTheLossesShow() {
        DegradationResult r;
        r.runs = {finished("plain20", 20, false, 0.40), finished("plain56", 56, false, 0.55),
                  finished("resnet20", 20, true, 0.38), finished("resnet56", 56, true, 0.35)};
        std::string text = describeDegradation(r);
        QVERIFY(text.find("plain56 0.550") != std::string::npos);
        QVERIFY(text.find("plain56 ends above plain20") != std::string::npos);
        QVERIFY(text.find("resnet56 ends at or below resnet20") != std::string::npos);
        r.runs[1].epochs.back().trainLoss = 0.30;
        r.runs[3].epochs.back().trainLoss = 0.50;
        text = describeDegradation(r);
        QVERIFY(text.find("plain56 ends at or below plain20: no degradation") != std::string::npos);
        QVERIFY(text.find("resnet56 ends above resnet20") != std::string::npos);
        // One depth per family: nothing to compare.
        r.runs = {finished("plain20", 20, false, 0.4), finished("resnet20", 20, true, 0.3)};
        QVERIFY(describeDegradation(r).find("ends") == std::string::npos);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestDegradationExperiment)
#include "test_degradation_experiment.moc"
