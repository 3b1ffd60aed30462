// ConvTrace::arithmetic() and formatNumber(): the exact UTF-8 text a learner reads under each step, on the
// textbook's 6x6 input with hand-computed sums ('·' for products, '−' for minus, '…' for elided terms).
#include <cmath>
#include <limits>

#include <QTest>

#include "core/conv/conv_trace.h"
#include "tests/core/conv/seed_trace.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using namespace convscope::conv::testing;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

class TestTraceArithmetic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void arithmeticText() {
        const ConvTrace t = seedTrace();
        QCOMPARE(text(t.arithmetic(t.step(7))),
                 QStringLiteral(
                     "1·1 + 2·0 + 3·(−1) + 7·2 + 8·0 + 9·(−2) + 13·1 + 14·0 + 15·(−1) + 0.5 (bias) = −7.5"));
        QCOMPARE(text(t.arithmetic(t.step(7), 3)),
                 QStringLiteral("1·1 + 2·0 + 3·(−1) + … + 0.5 (bias) = −7.5"));
        QCOMPARE(text(t.arithmetic(t.step(7), 0)), QStringLiteral("… + 0.5 (bias) = −7.5"));
        QCOMPARE(text(t.arithmetic(t.step(0))),
                 QStringLiteral(
                     "0·1 + 0·0 + 0·(−1) + 0·2 + 1·0 + 2·(−2) + 0·1 + 7·0 + 8·(−1) + 0.5 (bias) = −11.5"));
        QCOMPARE(text(t.arithmetic(t.step(36 + 7))),
                 QStringLiteral("1·0 + 2·1 + 3·0 + 7·1 + 8·(−4) + 9·1 + 13·0 + 14·1 + 15·0 − 1 (bias) = −1"));
        // Without a bias there is no bias term; the brief's example, a flipped Sobel on the unpadded input.
        const ConvTrace plain(Volume::sequence(1, 6, 6),
                              FilterBank::fromKernel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}), ConvSpec{});
        QCOMPARE(text(plain.arithmetic(plain.step(0), 3)), QStringLiteral("1·(−1) + 2·0 + 3·1 + … = 8"));
        QCOMPARE(text(plain.arithmetic(plain.step(0), 9)),
                 QStringLiteral("1·(−1) + 2·0 + 3·1 + 7·(−2) + 8·0 + 9·2 + 13·(−1) + 14·0 + 15·1 = 8"));
        // Fractions print with up to four significant digits.
        const ConvTrace frac(Volume(1, 1, 2, {1, 2}), FilterBank::fromKernel(1, 2, {0.5, -0.25}), ConvSpec{});
        QCOMPARE(text(frac.arithmetic(frac.step(0))), QStringLiteral("1·0.5 + 2·(−0.25) = 0"));
    }

    void formatNumbers_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("parenthesize");
        QTest::addColumn<QString>("expected");
        QTest::newRow("integer") << 8.0 << false << "8";
        QTest::newRow("negative integer") << -12.0 << false << "−12";
        QTest::newRow("negative in parentheses") << -1.0 << true << "(−1)";
        QTest::newRow("positive not parenthesized") << 3.0 << true << "3";
        QTest::newRow("half") << 4.5 << false << "4.5";
        QTest::newRow("rounding noise") << 0.1 + 0.2 << false << "0.3";
        QTest::newRow("two thirds") << 2.0 / 3.0 << false << "0.6667";
        QTest::newRow("negative fraction") << -0.125 << true << "(−0.125)";
        QTest::newRow("negative zero") << -0.0 << true << "0";
        QTest::newRow("large fraction") << 12345.678 << false << "12346";
        QTest::newRow("small") << 0.0000152 << false << "1.52e−5";
        QTest::newRow("large integer") << 1048576.0 << false << "1048576";
        QTest::newRow("minus infinity") << -kInf << false << "−∞";
        QTest::newRow("NaN") << std::nan("") << false << "NaN";
    }
    void formatNumbers() {
        QFETCH(double, value);
        QFETCH(bool, parenthesize);
        QFETCH(QString, expected);
        QCOMPARE(text(formatNumber(value, parenthesize)), expected);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTraceArithmetic)
#include "test_trace_arithmetic.moc"
