// Every test image's outcome (core/nn/explain/test_set_outcomes.h) against computations that share nothing
// with it: the whole set's logits in one forward pass, torch's cross_entropy per sample, softmax, argmax,
// brute-force loops over the outcomes, and core/nn/train/evaluation's confusion matrix and mean loss. The
// model is a hand-made linear classifier on 12×12 images, so that the test runs in milliseconds.
#include <torch/torch.h>

#include <QTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "core/nn/data/batch_transform.h"
#include "core/nn/explain/test_set_outcomes.h"
#include "core/nn/train/evaluation.h"
#include "tests/support/test_main.h"

using namespace convscope;

namespace {

constexpr int kSide = 12;
constexpr int kClasses = 4;
constexpr int kImages = 203;  // not a multiple of the batch sizes used below

/// flatten → linear(144, classes), seeded weights: confident enough that most cells of the confusion matrix
/// are filled and the losses spread.
class TinyLinear : public nn::ClassifierImpl {
public:
    using nn::ClassifierImpl::forward;
    explicit TinyLinear(int classes = kClasses) {
        torch::manual_seed(11);
        fc = register_module("fc", torch::nn::Linear(kSide * kSide, classes));
        torch::NoGradGuard noGrad;
        fc->weight.mul_(6.0);
    }
    torch::Tensor forward(torch::Tensor x, const nn::TapSink&) override { return fc->forward(x.flatten(1)); }
    std::vector<std::string> tapNames() const override { return {}; }
    torch::Tensor firstConvWeights() const override { return {}; }
    torch::nn::Linear fc{nullptr};
};

nn::ImageDataset tinyDataset() {
    torch::manual_seed(3);
    nn::ImageDataset d;
    d.images = torch::randint(0, 256, {kImages, 1, kSide, kSide}, torch::kUInt8);
    d.labels = torch::arange(kImages, torch::kLong).remainder(kClasses);
    for (int c = 0; c < kClasses; ++c) d.classNames.push_back("class " + std::to_string(c));
    return d;
}

nn::InputTransform tinyTransform() {
    nn::InputTransform t;
    t.size = kSide;
    return t;
}

}  // namespace

class TestTestSetOutcomes : public QObject {
    Q_OBJECT
    nn::ImageDataset m_data = tinyDataset();
    std::shared_ptr<TinyLinear> m_model = std::make_shared<TinyLinear>();
    const torch::Device m_cpu{torch::kCPU};

    nn::TestSetOutcomes outcomes(int batch = 32) {
        return nn::testSetOutcomes(*m_model, m_data, tinyTransform(), m_cpu, batch);
    }

private Q_SLOTS:
    void matchesCrossEntropyPerSample() {
        const nn::TestSetOutcomes o = outcomes(32);
        QCOMPARE(o.classes, kClasses);
        QCOMPARE(o.size(), std::int64_t(kImages));
        // The reference: one forward pass over the whole set, torch's own loss, softmax and argmax.
        torch::NoGradGuard noGrad;
        m_model->eval();
        const torch::Tensor x = nn::prepareBatch(m_data.images, {kSide, false, 0.2860, 0.3530}, 0, m_cpu);
        const torch::Tensor logits = m_model->forward(x);
        const torch::Tensor losses = torch::nn::functional::cross_entropy(
            logits, m_data.labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
        const torch::Tensor probabilities = torch::softmax(logits, 1);
        const torch::Tensor predicted = logits.argmax(1);
        for (int i = 0; i < kImages; ++i) {
            const nn::TestOutcome& t = o.images[std::size_t(i)];
            QCOMPARE(t.label, int(m_data.labels[i].item<std::int64_t>()));
            QCOMPARE(t.predicted, int(predicted[i].item<std::int64_t>()));
            QVERIFY2(
                std::abs(t.loss - losses[i].item<float>()) <= 1e-5f * std::max(1.0f, t.loss),
                qPrintable(QString("image %1: %2 vs %3").arg(i).arg(t.loss).arg(losses[i].item<float>())));
            QCOMPARE(int(t.probabilities.size()), kClasses);
            float sum = 0.0f;
            for (int c = 0; c < kClasses; ++c) {
                QVERIFY(std::abs(t.probabilities[std::size_t(c)] - probabilities[i][c].item<float>()) <
                        1e-6f);
                sum += t.probabilities[std::size_t(c)];
            }
            QVERIFY(std::abs(sum - 1.0f) < 1e-5f);
            QCOMPARE(t.confidence(), t.probabilities[std::size_t(t.predicted)]);
        }
    }

    void confusionEqualsEvaluation() {
        const nn::TestSetOutcomes o = outcomes(64);
        const nn::Evaluation e = nn::evaluate(*m_model, m_data, tinyTransform(), m_cpu, 50);
        QCOMPARE(o.confusion(), e.confusion);
        double mean = 0.0;
        for (const nn::TestOutcome& t : o.images) mean += t.loss;
        mean /= kImages;
        QVERIFY(std::abs(mean - e.loss) < 1e-5 * std::max(1.0, e.loss));
        // The batch size changes nothing.
        const nn::TestSetOutcomes one = outcomes(1);
        QCOMPARE(one.confusion(), e.confusion);
        // The case is not degenerate: several cells off the diagonal are filled.
        int filledOff = 0;
        for (int t = 0; t < kClasses; ++t)
            for (int p = 0; p < kClasses; ++p)
                filledOff += t != p && e.confusion[std::size_t(t * kClasses + p)] > 0;
        QVERIFY(filledOff >= 3);
    }

    void cellsPartitionTheSet() {
        const nn::TestSetOutcomes o = outcomes();
        const std::vector<std::int64_t> counts = o.confusion();
        std::set<int> seen;
        for (int t = 0; t < kClasses; ++t)
            for (int p = 0; p < kClasses; ++p) {
                const std::vector<int> cell = nn::confusionCell(o, t, p);
                QCOMPARE(std::int64_t(cell.size()), counts[std::size_t(t * kClasses + p)]);
                QVERIFY(std::is_sorted(cell.begin(), cell.end()));
                for (int i : cell) {
                    QCOMPARE(o.images[std::size_t(i)].label, t);
                    QCOMPARE(o.images[std::size_t(i)].predicted, p);
                    QVERIFY(seen.insert(i).second);
                }
            }
        QCOMPARE(int(seen.size()), kImages);
        QVERIFY(nn::confusionCell(o, kClasses, 0).empty());
    }

    void topLossesAreTheLargest() {
        const nn::TestSetOutcomes o = outcomes();
        const std::vector<int> top = nn::topLosses(o, 17);
        QCOMPARE(int(top.size()), 17);
        for (std::size_t i = 1; i < top.size(); ++i)
            QVERIFY(o.images[std::size_t(top[i - 1])].loss >= o.images[std::size_t(top[i])].loss);
        // Every image left out has a loss no larger than the smallest kept (brute force).
        const float smallestKept = o.images[std::size_t(top.back())].loss;
        const std::set<int> kept(top.begin(), top.end());
        QCOMPARE(int(kept.size()), 17);
        for (int i = 0; i < kImages; ++i)
            if (!kept.count(i)) QVERIFY(o.images[std::size_t(i)].loss <= smallestKept);
        QCOMPARE(int(nn::topLosses(o, -1).size()), kImages);
        QCOMPARE(int(nn::topLosses(o, 10000).size()), kImages);
        QVERIFY(nn::topLosses(o, 0).empty());
    }

    void mostConfusedPairsCountOffDiagonal() {
        const nn::TestSetOutcomes o = outcomes();
        const std::vector<nn::ConfusedPair> pairs = nn::mostConfusedPairs(o);
        // Brute force from the outcomes themselves.
        std::vector<std::int64_t> counts(kClasses * kClasses, 0), perClass(kClasses, 0);
        for (const nn::TestOutcome& t : o.images) {
            ++counts[std::size_t(t.label * kClasses + t.predicted)];
            ++perClass[std::size_t(t.label)];
        }
        int expected = 0;
        for (int t = 0; t < kClasses; ++t)
            for (int p = 0; p < kClasses; ++p)
                expected += t != p && counts[std::size_t(t * kClasses + p)] > 0;
        QCOMPARE(int(pairs.size()), expected);
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const nn::ConfusedPair& c = pairs[i];
            QVERIFY(c.trueClass != c.predicted);
            QCOMPARE(c.count, counts[std::size_t(c.trueClass * kClasses + c.predicted)]);
            QCOMPARE(c.shareOfTrue, double(c.count) / double(perClass[std::size_t(c.trueClass)]));
            if (i > 0) QVERIFY(pairs[i - 1].count >= c.count);
        }
        QCOMPARE(int(nn::mostConfusedPairs(o, 2).size()), std::min(2, expected));
    }

    void progressCancelAndMode() {
        int last = -1, total = -1, calls = 0;
        common::JobControl control;
        control.onProgress = [&](int done, int all) {
            QVERIFY(done >= last);
            last = done;
            total = all;
            ++calls;
        };
        m_model->train();
        nn::testSetOutcomes(*m_model, m_data, tinyTransform(), m_cpu, 64, control);
        QCOMPARE(last, kImages);
        QCOMPARE(total, kImages);
        QCOMPARE(calls, 1 + 4);           // 0, then after each of ⌈203 / 64⌉ batches
        QVERIFY(m_model->is_training());  // the mode it had is restored
        common::JobControl cancel;
        int batches = 0;
        cancel.isCancelled = [&batches] { return ++batches > 2; };
        QVERIFY_THROWS_EXCEPTION(common::Cancelled,
                                 nn::testSetOutcomes(*m_model, m_data, tinyTransform(), m_cpu, 16, cancel));
        QVERIFY(m_model->is_training());
        m_model->eval();
    }

    void badInputIsRefused() {
        // A model with another number of classes than the data set.
        TinyLinear wide(kClasses + 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 nn::testSetOutcomes(wide, m_data, tinyTransform(), m_cpu));
        // A label outside the classes.
        nn::ImageDataset bad = m_data;
        bad.labels = m_data.labels.clone();
        bad.labels[5] = kClasses;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 nn::testSetOutcomes(*m_model, bad, tinyTransform(), m_cpu));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 nn::testSetOutcomes(*m_model, m_data, tinyTransform(), m_cpu, 0));
        // An empty set has no outcomes and no pairs.
        nn::ImageDataset empty = m_data;
        empty.images = m_data.images.narrow(0, 0, 0);
        empty.labels = m_data.labels.narrow(0, 0, 0);
        const nn::TestSetOutcomes none = nn::testSetOutcomes(*m_model, empty, tinyTransform(), m_cpu);
        QCOMPARE(none.size(), std::int64_t(0));
        QVERIFY(nn::mostConfusedPairs(none).empty());
        QVERIFY(nn::topLosses(none, 5).empty());
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTestSetOutcomes)
#include "test_test_set_outcomes.moc"
