// The learning-rate range test on LeNet-5 and a few hundred synthetic images: the rates are exactly
// geometric, the smoothing equals a naive (non-recursive) sum, a huge end rate stops the test on divergence,
// the suggestion follows its rule from the points alone, the model's weights come back unchanged (also when
// cancelled), and bad options are refused.
#include <torch/torch.h>

#include <QTest>
#include <cmath>

#include "core/common/job_control.h"
#include "core/nn/train/lr_finder.h"
#include "core/nn/train/trainer.h"
#include "tests/core/nn/train/synthetic_data.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {

TrainConfig tiny(const std::string& optimizer = "sgd") {
    TrainConfig c;
    c.model.name = "lenet5";
    c.batchSize = 32;
    c.optimizer = optimizer;
    c.weightDecay = 0.0;
    c.threads = 1;
    c.seed = 5;
    return c;
}

std::vector<torch::Tensor> state(ClassifierImpl& model) {
    std::vector<torch::Tensor> s;
    for (const torch::Tensor& p : model.parameters()) s.push_back(p.detach().clone());
    for (const torch::Tensor& b : model.buffers()) s.push_back(b.detach().clone());
    return s;
}

bool same(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!torch::equal(a[i], b[i])) return false;
    return true;
}

}  // namespace

class TestLrFinder : public QObject {
    Q_OBJECT
    ImageDataset m_train = gratingsDataset(320, 3), m_test = gratingsDataset(40, 4);

private Q_SLOTS:
    void ratesAreGeometric() {
        LrFinderOptions o;
        o.startLr = 1e-5;
        o.endLr = 1e-2;
        o.steps = 25;  // more than the 10 batches of an epoch: the shuffles of later epochs follow
        int reported = 0;
        LrFinderCallbacks cb;
        cb.onPoint = [&](const LrFinderPoint&, int step, int steps) {
            QCOMPARE(step, reported);
            QCOMPARE(steps, 25);
            ++reported;
        };
        const LrFinderResult r = findLearningRate(tiny(), m_train, m_test, o, cb);
        QCOMPARE(int(r.points.size()), 25);
        QCOMPARE(reported, 25);
        QVERIFY(!r.stoppedEarly);
        QCOMPARE(r.points.front().lr, 1e-5);  // exactly
        QCOMPARE(r.points.back().lr, 1e-2);
        const double ratio = std::pow(1e3, 1.0 / 24.0);
        for (std::size_t i = 1; i < r.points.size(); ++i)
            QVERIFY(std::abs(r.points[i].lr / r.points[i - 1].lr / ratio - 1.0) < 1e-12);
        for (const LrFinderPoint& p : r.points) QVERIFY(std::isfinite(p.loss) && p.loss > 0.0);
    }

    void smoothingIsBiasCorrectedAverage() {
        LrFinderOptions o;
        o.startLr = 1e-4;
        o.endLr = 1e-1;
        o.steps = 20;
        const LrFinderResult r = findLearningRate(tiny("adam"), m_train, m_test, o);
        QVERIFY(r.points.size() >= 5);
        for (std::size_t i = 0; i < r.points.size(); ++i) {
            // Σ_j (1 − β) β^(i − j) loss_j / (1 − β^(i + 1)), summed directly rather than recursively.
            double sum = 0.0;
            for (std::size_t j = 0; j <= i; ++j)
                sum += (1.0 - o.beta) * std::pow(o.beta, double(i - j)) * r.points[j].loss;
            const double expected = sum / (1.0 - std::pow(o.beta, double(i + 1)));
            QVERIFY2(
                std::abs(r.points[i].smoothedLoss - expected) <= 1e-12 * expected,
                qPrintable(
                    QStringLiteral("point %1: %2 vs %3").arg(i).arg(r.points[i].smoothedLoss).arg(expected)));
        }
        QCOMPARE(r.points.front().smoothedLoss, r.points.front().loss);
    }

    void stopsWhenTheLossDiverges() {
        LrFinderOptions o;
        o.startLr = 1e-3;
        o.endLr = 1e6;  // SGD with momentum explodes long before
        o.steps = 60;
        const LrFinderResult r = findLearningRate(tiny(), m_train, m_test, o);
        QVERIFY(r.stoppedEarly);
        QVERIFY(int(r.points.size()) < o.steps);
        QVERIFY(!r.message.empty());
        // No point before the last met the stopping condition; the last did, or the next loss was not finite.
        double best = r.points.front().smoothedLoss;
        for (std::size_t i = 1; i + 1 < r.points.size(); ++i) {
            best = std::min(best, r.points[i].smoothedLoss);
            QVERIFY(r.points[i].smoothedLoss <= 4.0 * best);
        }
        const double last = r.points.back().smoothedLoss;
        best = std::min(best, last);
        QVERIFY2(last > 4.0 * best || r.message.find("NaN") != std::string::npos ||
                     r.message.find("infinite") != std::string::npos,
                 r.message.c_str());
    }

    void suggestionFollowsTheRule() {
        LrFinderOptions o;
        o.startLr = 1e-6;
        o.endLr = 1.0;
        o.steps = 40;
        const LrFinderResult r = findLearningRate(tiny(), m_train, m_test, o);
        QVERIFY(r.points.size() >= 10);
        // The steepest forward difference of the smoothed loss against ln(lr), the first tenth of the planned
        // steps and the last five points left out.
        const int first = o.steps / 10, last = int(r.points.size()) - 5;
        int expected = -1;
        double steepest = 1e300;
        for (int i = first; i + 1 < last; ++i) {
            const double slope = (r.points[i + 1].smoothedLoss - r.points[i].smoothedLoss) /
                                 std::log(r.points[i + 1].lr / r.points[i].lr);
            if (slope < steepest) {
                steepest = slope;
                expected = i;
            }
        }
        QCOMPARE(r.suggestedIndex, expected);
        QCOMPARE(r.suggestedLr, r.points[std::size_t(expected)].lr);
        QVERIFY(steepest < 0.0);  // the loss does fall somewhere on this range
        QVERIFY(!lrSuggestionRule().empty());
        // Too few points: no suggestion; three or fewer after trimming: all points count.
        QCOMPARE(suggestLearningRateIndex({}, 100), -1);
        QCOMPARE(suggestLearningRateIndex({{1e-3, 2.0, 2.0}}, 100), -1);
        QCOMPARE(suggestLearningRateIndex({{1e-3, 2.0, 2.0}, {1e-2, 1.0, 1.9}, {1e-1, 1.0, 1.0}}, 100), 1);
    }

    void weightsAreUnchanged() {
        Trainer trainer(tiny(), m_train, m_test);
        const auto before = state(trainer.model());
        LrFinderOptions o;
        o.startLr = 1e-3;
        o.endLr = 1e3;
        o.steps = 15;
        const LrFinderResult r = findLearningRate(trainer, o);
        QVERIFY(!r.points.empty());
        QVERIFY(same(before, state(trainer.model())));
        // A fresh run from the same settings starts from the same weights.
        Trainer fresh(tiny(), m_train, m_test);
        QVERIFY(same(before, state(fresh.model())));

        // Cancelled after three points: common::Cancelled, and the weights are back too.
        LrFinderCallbacks cb;
        int points = 0;
        cb.onPoint = [&](const LrFinderPoint&, int, int) { ++points; };
        cb.isCancelled = [&] { return points >= 3; };
        bool cancelled = false;
        try {
            findLearningRate(trainer, o, cb);
        } catch (const convscope::common::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(points, 3);
        QVERIFY(same(before, state(trainer.model())));
    }

    void refusesBadOptions() {
        const auto refused = [](double start, double end, int steps) {
            LrFinderOptions o;
            o.startLr = start;
            o.endLr = end;
            o.steps = steps;
            try {
                o.validate();
            } catch (const std::invalid_argument&) {
                return true;
            }
            return false;
        };
        QVERIFY(!refused(1e-7, 10.0, 100));
        QVERIFY(refused(1.0, 1.0, 100));
        QVERIFY(refused(10.0, 1e-7, 100));
        QVERIFY(refused(0.0, 1.0, 100));
        QVERIFY(refused(-1.0, 1.0, 100));
        QVERIFY(refused(1e-7, std::nan(""), 100));
        QVERIFY(refused(1e-7, 10.0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 findLearningRate(tiny(), m_train, m_test, LrFinderOptions{1e-7, 10.0, 0}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestLrFinder)
#include "test_lr_finder.moc"
