// The seeds' cost comparisons against hand computation: the traced layers must give the textbook numbers.
#include <torch/torch.h>

#include <QTest>

#include "core/nn/graph/cost_comparison.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

class TestCostComparison : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void depthwiseSeparableIsTheSeedsExample() {
        // Seed 004: regular 128 × (3×3×3) × (5×5); separable (3×3×1)×3×(5×5) + (1×1×3)×128×(5×5).
        const CostComparison c = compareDepthwiseSeparable();
        QCOMPARE(c.rows.size(), std::size_t(2));
        QCOMPARE(c.rows[0].macs, std::int64_t(128 * 27 * 25));
        QCOMPARE(c.rows[0].parameters, std::int64_t(128 * 27));
        QCOMPARE(c.rows[1].macs, std::int64_t(9 * 3 * 25 + 3 * 128 * 25));
        QCOMPARE(c.rows[1].parameters, std::int64_t(9 * 3 + 3 * 128));
        QVERIFY2(QString::fromStdString(c.conclusion).contains("0.119"), c.conclusion.c_str());
        QCOMPARE(QString::fromStdString(c.rows[1].parameterArithmetic),
                 QString("(3×3×1)×3 + (1×1×3)×128 = 411"));
    }

    void bottleneckVersusBasicBlock() {
        const CostComparison c = compareResidualBlocks(56);
        QCOMPARE(c.rows[0].parameters, std::int64_t(2 * 3 * 3 * 64 * 64));
        QCOMPARE(c.rows[0].macs, std::int64_t(56 * 56) * 2 * 3 * 3 * 64 * 64);
        QCOMPARE(c.rows[1].parameters, std::int64_t(256 * 64 + 3 * 3 * 64 * 64 + 64 * 256));
        QCOMPARE(c.rows[1].macs, std::int64_t(56 * 56) * (256 * 64 + 3 * 3 * 64 * 64 + 64 * 256));
    }

    void inceptionReduction() {
        const CostComparison c = compareInceptionReduction();
        QCOMPARE(c.rows[0].macs, std::int64_t(28 * 28) * 5 * 5 * 192 * 32);              // 120,422,400
        QCOMPARE(c.rows[1].macs, std::int64_t(28 * 28) * (192 * 16 + 5 * 5 * 16 * 32));  // 12,443,648
        QVERIFY(QString::fromStdString(c.conclusion).contains("0.103"));
    }

    void compoundScalingDoublesTheCost() {
        const std::vector<ScalingRow> rows = compoundScaling();
        QCOMPARE(rows.size(), std::size_t(8));
        QCOMPARE(rows[0].flops, 1.0);
        QVERIFY(qAbs(rows[1].flops - 1.2 * 1.1 * 1.1 * 1.15 * 1.15) < 1e-12);
        QVERIFY(qAbs(rows[1].flops - 2.0) < 0.1);  // α·β²·γ² ≈ 2
        QVERIFY(qAbs(rows[7].depth - std::pow(1.2, 7)) < 1e-12);
        QCOMPARE(rows[7].resolutionPixels, 596);  // 224 · 1.15^7 = 595.9 (B7 uses 600)
    }

    void badSizesAreRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareDepthwiseSeparable(2, 3, 8, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareInceptionReduction(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compoundScaling(-1));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCostComparison)
#include "test_cost_comparison.moc"
