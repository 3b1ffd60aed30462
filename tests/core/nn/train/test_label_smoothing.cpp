// Label smoothing: the training loss against PyTorch's torch.nn.functional.cross_entropy(label_smoothing=ε)
// values stored by tests/data/label_smoothing/make_label_smoothing_fixture.py and against a naive loop over
// (1 − ε)·one-hot + ε/K; the target distribution; the setting's range and its text form.
#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <stdexcept>

#include "core/nn/train/label_smoothing.h"
#include "core/nn/train/train_config.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

QJsonArray fixtureCases() {
    QFile f(QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/label_smoothing/label_smoothing_fixture.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value("cases").toArray();
}

// −Σ_k q_k log p_k averaged over the batch, with q = (1 − ε)·one-hot + ε/K and a log-sum-exp by hand.
double naiveLoss(const std::vector<std::vector<double>>& logits, const std::vector<int>& targets,
                 double eps) {
    double total = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const std::size_t k = logits[i].size();
        double maxLogit = logits[i][0];
        for (double z : logits[i]) maxLogit = std::max(maxLogit, z);
        double sum = 0.0;
        for (double z : logits[i]) sum += std::exp(z - maxLogit);
        const double logZ = maxLogit + std::log(sum);
        for (std::size_t c = 0; c < k; ++c) {
            const double q = (int(c) == targets[i] ? 1.0 - eps : 0.0) + eps / double(k);
            total -= q * (logits[i][c] - logZ);
        }
    }
    return total / double(logits.size());
}

}  // namespace

class TestLabelSmoothing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void againstPyTorchAndNaive() {
        const QJsonArray cases = fixtureCases();
        QCOMPARE(cases.size(), 12);
        for (const QJsonValue& v : cases) {
            const QJsonObject c = v.toObject();
            const double eps = c.value("epsilon").toDouble();
            std::vector<std::vector<double>> logits;
            std::vector<double> flat;
            for (const QJsonValue& row : c.value("logits").toArray()) {
                logits.emplace_back();
                for (const QJsonValue& z : row.toArray()) {
                    logits.back().push_back(z.toDouble());
                    flat.push_back(z.toDouble());
                }
            }
            std::vector<int> targets;
            std::vector<std::int64_t> targets64;
            for (const QJsonValue& t : c.value("targets").toArray()) {
                targets.push_back(t.toInt());
                targets64.push_back(t.toInt());
            }
            const auto n = std::int64_t(logits.size()), k = std::int64_t(logits[0].size());
            const torch::Tensor z = torch::tensor(flat, torch::kFloat64).reshape({n, k});
            const torch::Tensor y = torch::tensor(targets64, torch::kInt64);
            const double ours = smoothedCrossEntropy(z, y, eps).item<double>();
            const double expected = c.value("loss").toDouble();
            QVERIFY2(
                std::abs(ours - expected) < 1e-12,
                qPrintable(QString("ε %1, K %2: %3 vs PyTorch %4").arg(eps).arg(k).arg(ours).arg(expected)));
            QVERIFY(std::abs(naiveLoss(logits, targets, eps) - expected) < 1e-12);
            // In float, as the trainer computes it.
            QVERIFY(std::abs(smoothedCrossEntropy(z.to(torch::kFloat32), y, eps).item<double>() - expected) <
                    1e-5 * std::max(1.0, expected));
        }
    }

    void zeroIsThePlainCrossEntropy() {
        const torch::Tensor z = torch::randn({5, 10});
        const torch::Tensor y = torch::tensor(std::vector<std::int64_t>{0, 3, 9, 9, 1});
        QCOMPARE(smoothedCrossEntropy(z, y, 0.0).item<float>(),
                 torch::nn::functional::cross_entropy(z, y).item<float>());
    }

    void targets() {
        const std::vector<double> q = smoothedTargets(10, 3, 0.1);
        QCOMPARE(q.size(), std::size_t(10));
        QVERIFY(std::abs(q[3] - 0.91) < 1e-15);  // 1 − 0.1 + 0.1/10
        QVERIFY(std::abs(q[0] - 0.01) < 1e-15);
        double sum = 0.0;
        for (double p : q) sum += p;
        QVERIFY(std::abs(sum - 1.0) < 1e-15);
        QCOMPARE(smoothedTargets(4, 0, 0.0), (std::vector<double>{1.0, 0.0, 0.0, 0.0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, smoothedTargets(10, 10, 0.1));
    }

    void rangeIsChecked() {
        for (double bad : {-0.1, 1.0, 1.5, std::nan("")}) {
            TrainConfig c;
            c.labelSmoothing = bad;
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.validate());
            QVERIFY_THROWS_EXCEPTION(
                std::invalid_argument,
                smoothedCrossEntropy(torch::zeros({1, 2}), torch::zeros({1}, torch::kInt64), bad));
        }
        TrainConfig ok;
        ok.labelSmoothing = 0.999;
        ok.validate();
    }

    void storedInTheSettingsText() {
        TrainConfig c;
        QVERIFY(
            !QString::fromStdString(c.toText()).contains("label_smoothing"));  // older runs' text unchanged
        QCOMPARE(TrainConfig::fromText(c.toText()).labelSmoothing, 0.0);
        c.labelSmoothing = 0.1;
        QVERIFY(QString::fromStdString(c.toText()).contains("\nlabel_smoothing=0.1\n"));
        QCOMPARE(TrainConfig::fromText(c.toText()).labelSmoothing, 0.1);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestLabelSmoothing)
#include "test_label_smoothing.moc"
