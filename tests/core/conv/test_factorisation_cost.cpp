// Factorised convolutions (core/conv/factorisation_cost.h) against naive loops written here: every
// multiply-accumulate counted one by one over output positions, channels and taps, the receptive field found
// by walking the stack's dependencies, and the seeds' ResNet numbers (36,928 and 74,112 with the bias) as
// printed in the textbook.
#include <QTest>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/conv/factorisation_cost.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;

namespace {

// One multiply-accumulate per output position, output channel, input channel and kernel tap: padding taps
// included ("same" padding multiplies by the zeros too).
std::int64_t naiveMacs(const FactorLayer& l, int height, int width) {
    std::int64_t macs = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int o = 0; o < l.outChannels; ++o)
                for (int i = 0; i < l.inChannels; ++i)
                    for (int ky = 0; ky < l.kernelHeight; ++ky)
                        for (int kx = 0; kx < l.kernelWidth; ++kx) ++macs;
    return macs;
}

// The input positions the centre output of a stack of stride-1 layers reads, walked back layer by layer.
std::pair<int, int> naiveField(const std::vector<FactorLayer>& layers) {
    std::set<std::pair<int, int>> positions{{0, 0}};
    for (auto l = layers.rbegin(); l != layers.rend(); ++l) {
        std::set<std::pair<int, int>> below;
        for (const auto& [y, x] : positions)
            for (int ky = 0; ky < l->kernelHeight; ++ky)
                for (int kx = 0; kx < l->kernelWidth; ++kx)
                    below.insert({y + ky - l->kernelHeight / 2, x + kx - l->kernelWidth / 2});
        positions = below;
    }
    int minY = 1 << 30, maxY = -(1 << 30), minX = 1 << 30, maxX = -(1 << 30);
    for (const auto& [y, x] : positions) {
        minY = std::min(minY, y), maxY = std::max(maxY, y), minX = std::min(minX, x),
        maxX = std::max(maxX, x);
    }
    return {maxY - minY + 1, maxX - minX + 1};
}

void checkAgainstLoops(const Factorisation& f, int height, int width) {
    for (const FactorisationRow& r : f.rows) {
        std::int64_t macs = 0, parameters = 0;
        for (const FactorLayer& l : r.layers) {
            QCOMPARE(l.macs, naiveMacs(l, height, width));
            macs += naiveMacs(l, height, width);
            parameters += std::int64_t(l.kernelHeight) * l.kernelWidth * l.inChannels * l.outChannels;
        }
        QCOMPARE(r.macs, macs);
        QCOMPARE(r.parameters, parameters);
        const auto [fh, fw] = naiveField(r.layers);
        QCOMPARE(r.receptiveHeight, fh);
        QCOMPARE(r.receptiveWidth, fw);
    }
}

}  // namespace

class TestFactorisationCost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stackedThreesAgainstLoops() {
        const Factorisation f = compareStackedThrees(3, 4, 7, 5);
        QCOMPARE(f.rows.size(), std::size_t(2));
        checkAgainstLoops(f, 7, 5);
        QCOMPARE(f.rows[0].receptiveHeight, 5);
        QCOMPARE(f.rows[1].receptiveWidth, 5);        // two 3×3 see as far as one 5×5
        QCOMPARE(f.rows[1].layers[1].inChannels, 4);  // the second 3×3 reads the first one's output
    }

    void stackedThreesAreEighteenOverTwentyFive() {
        const std::int64_t c = 64;
        const Factorisation f = compareStackedThrees(64, 64, 56, 56);
        QCOMPARE(f.rows[0].parameters, 25 * c * c);  // 102,400
        QCOMPARE(f.rows[1].parameters, 18 * c * c);  // 73,728
        QCOMPARE(f.rows[0].macs, 56 * 56 * 25 * c * c);
        QCOMPARE(f.rows[1].macs, 56 * 56 * 18 * c * c);
        QCOMPARE(f.parameterRatio, 18.0 / 25.0);
        QCOMPARE(QString::fromStdString(f.rows[1].parameterArithmetic),
                 QString("(3×3×64)×64 + (3×3×64)×64 = 73,728"));
        QVERIFY2(QString::fromStdString(f.conclusion).contains("0.720"), f.conclusion.c_str());
    }

    void asymmetricAgainstLoops_data() {
        QTest::addColumn<int>("n");
        QTest::newRow("3") << 3;
        QTest::newRow("5") << 5;
        QTest::newRow("7") << 7;
    }
    void asymmetricAgainstLoops() {
        QFETCH(int, n);
        const Factorisation f = compareAsymmetric(n, 2, 3, 6, 4);
        checkAgainstLoops(f, 6, 4);
        QCOMPARE(f.rows[1].receptiveHeight, n);
        QCOMPARE(f.rows[1].receptiveWidth, n);
        const std::int64_t c = 32;
        const Factorisation square = compareAsymmetric(n, 32, 32, 17, 17);
        QCOMPARE(square.rows[0].parameters, n * n * c * c);
        QCOMPARE(square.rows[1].parameters, 2 * n * c * c);
        QCOMPARE(square.rows[1].macs, 17 * 17 * 2 * n * c * c);
        QVERIFY(qAbs(square.macRatio - 2.0 / n) < 1e-12);
        QCOMPARE(QString::fromStdString(square.rows[1].label), QString("1×%1 then %1×1").arg(n));
    }

    void seedsCountTheBias() {
        // The textbook: "(3 × 3 × 64) × 64 + 64 = 36,928", "Total parameters = 74,112" (two convolutions and
        // two batch norms of 64 × 2). torchvision: 36,864 per convolution, 73,984 per block.
        const BiasCounts b = resnetBiasCounts(64);
        QCOMPARE(b.convWithBias, std::int64_t(36928));
        QCOMPARE(b.blockWithBias, std::int64_t(74112));
        QCOMPARE(b.convWithoutBias, std::int64_t(36864));
        QCOMPARE(b.blockWithoutBias, std::int64_t(73984));
        QCOMPARE(QString::fromStdString(b.convWithBiasArithmetic), QString("(3×3×64)×64 + 64 = 36,928"));
        QCOMPARE(QString::fromStdString(b.blockWithoutBiasArithmetic),
                 QString("2 × (36,864 + 128) = 73,984"));
        QCOMPARE(resnetBiasCounts(128).convWithoutBias, std::int64_t(147456));
    }

    void badSizesAreRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareAsymmetric(4, 8, 8, 8, 8));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareAsymmetric(17, 8, 8, 8, 8));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareStackedThrees(0, 8, 8, 8));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareStackedThrees(8, 8, 8, 5000));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resnetBiasCounts(0));
    }

    void groupedDigits() {
        QCOMPARE(QString::fromStdString(convscope::conv::groupedDigits(1234567)), QString("1,234,567"));
        QCOMPARE(QString::fromStdString(convscope::conv::groupedDigits(999)), QString("999"));
        QCOMPARE(QString::fromStdString(convscope::conv::groupedDigits(1000)), QString("1,000"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFactorisationCost)
#include "test_factorisation_cost.moc"
