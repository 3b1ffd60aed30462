// Factorised convolutions against LibTorch's own Conv2d: the parameter counts are the modules' numel, the
// "same" padding keeps H×W, and the multiply-accumulates are the output elements times each one's fan-in.
#include <torch/torch.h>

#include <QTest>

#include "core/conv/factorisation_cost.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;

namespace {

// The row's layers as torch modules, run on a zero input: the parameters and MACs torch's shapes imply.
void checkRow(const FactorisationRow& row, int in, int height, int width) {
    torch::NoGradGuard noGrad;
    torch::Tensor x = torch::zeros({1, in, height, width});
    std::int64_t parameters = 0, macs = 0;
    for (const FactorLayer& l : row.layers) {
        torch::nn::Conv2d conv(
            torch::nn::Conv2dOptions(l.inChannels, l.outChannels, {l.kernelHeight, l.kernelWidth})
                .padding({l.kernelHeight / 2, l.kernelWidth / 2})
                .bias(l.bias));
        for (const torch::Tensor& p : conv->parameters()) parameters += p.numel();
        x = conv->forward(x);
        QCOMPARE(x.size(2), std::int64_t(height));
        QCOMPARE(x.size(3), std::int64_t(width));
        macs += x.numel() * conv->weight[0].numel();
    }
    QCOMPARE(row.parameters, parameters);
    QCOMPARE(row.macs, macs);
}

}  // namespace

class TestFactorisationVsTorch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stackedThrees() {
        const Factorisation f = compareStackedThrees(48, 64, 14, 12);
        for (const FactorisationRow& r : f.rows) checkRow(r, 48, 14, 12);
    }

    void asymmetric_data() {
        QTest::addColumn<int>("n");
        QTest::newRow("3") << 3;
        QTest::newRow("5") << 5;
        QTest::newRow("7") << 7;
    }
    void asymmetric() {
        QFETCH(int, n);
        const Factorisation f = compareAsymmetric(n, 32, 40, 17, 17);
        for (const FactorisationRow& r : f.rows) checkRow(r, 32, 17, 17);
    }

    void resnetConvolutionWithAndWithoutBias() {
        const BiasCounts b = resnetBiasCounts(64);
        const auto count = [](bool bias) {
            torch::nn::Conv2d conv(torch::nn::Conv2dOptions(64, 64, 3).padding(1).bias(bias));
            std::int64_t n = 0;
            for (const torch::Tensor& p : conv->parameters()) n += p.numel();
            return n;
        };
        torch::nn::BatchNorm2d bn(64);
        std::int64_t bnCount = 0;
        for (const torch::Tensor& p : bn->parameters()) bnCount += p.numel();
        QCOMPARE(b.convWithBias, count(true));
        QCOMPARE(b.convWithoutBias, count(false));
        QCOMPARE(b.batchNorm, bnCount);
        QCOMPARE(b.blockWithoutBias, 2 * (count(false) + bnCount));
        QCOMPARE(b.blockWithBias, 2 * (count(true) + bnCount));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFactorisationVsTorch)
#include "test_factorisation_vs_torch.moc"
