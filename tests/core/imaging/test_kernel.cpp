#include <cmath>
#include <limits>
#include <stdexcept>

#include <QTest>

#include "core/common/kernel.h"
#include "tests/support/test_main.h"

using convscope::common::Kernel;

class TestKernel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultIsIdentity() {
        const Kernel k;
        QCOMPARE(k.rows(), 1);
        QCOMPARE(k.cols(), 1);
        QCOMPARE(k.at(0, 0), 1.0);
    }

    void anchorIsCentreOrUpperLeftOfCentre_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("anchorRow");
        QTest::addColumn<int>("anchorCol");
        QTest::newRow("1x1") << 1 << 1 << 0 << 0;
        QTest::newRow("3x3") << 3 << 3 << 1 << 1;
        QTest::newRow("2x2") << 2 << 2 << 0 << 0;
        QTest::newRow("4x6") << 4 << 6 << 1 << 2;
        QTest::newRow("5x2") << 5 << 2 << 2 << 0;
    }
    void anchorIsCentreOrUpperLeftOfCentre() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, anchorRow);
        QFETCH(int, anchorCol);
        const Kernel k = Kernel::zeros(rows, cols);
        QCOMPARE(k.anchorRow(), anchorRow);
        QCOMPARE(k.anchorCol(), anchorCol);
    }

    void constructionRejectsBadInput() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel(0, 3, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel(3, -1, {}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            Kernel(Kernel::kMaxSide + 1, 1, std::vector<double>(Kernel::kMaxSide + 1, 1.0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel(2, 2, {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel(1, 2, {1, std::nan("")}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Kernel(1, 2, {1, std::numeric_limits<double>::infinity()}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel::zeros(0, 1));
        const Kernel largest = Kernel::zeros(Kernel::kMaxSide, Kernel::kMaxSide);
        QCOMPARE(largest.values().size(), size_t(Kernel::kMaxSide * Kernel::kMaxSide));
    }

    void setValidates() {
        Kernel k = Kernel::zeros(2, 3);
        k.set(1, 2, 7.5);
        QCOMPARE(k.at(1, 2), 7.5);
        QCOMPARE(k.values()[5], 7.5);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, k.set(2, 0, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, k.set(0, -1, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, k.set(0, 0, std::nan("")));
    }

    void statistics() {
        const Kernel k(2, 2, {1, -4, 2.5, 0.5});
        QCOMPARE(k.sum(), 0.0);
        QCOMPARE(k.minValue(), -4.0);
        QCOMPARE(k.maxValue(), 2.5);
    }

    // 2x3 [[1 2 3] [4 5 6]]
    void flippedRotatesBy180Degrees() {
        const Kernel k(2, 3, {1, 2, 3, 4, 5, 6});
        const Kernel f = k.flipped();
        QCOMPARE(f.rows(), 2);
        QCOMPARE(f.cols(), 3);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c) QCOMPARE(f.at(r, c), k.at(1 - r, 2 - c));
        QCOMPARE(f.flipped(), k);
    }

    void transposedSwapsAxes() {
        const Kernel k(2, 3, {1, 2, 3, 4, 5, 6});
        const Kernel t = k.transposed();
        QCOMPARE(t.rows(), 3);
        QCOMPARE(t.cols(), 2);
        QCOMPARE(t, Kernel(3, 2, {1, 4, 2, 5, 3, 6}));
    }

    void scaledMultipliesEveryValue() {
        QCOMPARE(Kernel(1, 3, {1, -2, 0.5}).scaled(-2.0), Kernel(1, 3, {-2, 4, -1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Kernel().scaled(std::nan("")));
    }

    void normalizedSumsToOne() {
        const Kernel n = Kernel(1, 4, {1, 2, 3, 2}).normalized();
        QCOMPARE(n, Kernel(1, 4, {0.125, 0.25, 0.375, 0.25}));
        QCOMPARE(n.sum(), 1.0);
        const Kernel negative = Kernel(1, 2, {-1, -3}).normalized();
        QCOMPARE(negative, Kernel(1, 2, {0.25, 0.75}));
    }

    void normalizingAZeroSumKernelIsAnError() {
        const Kernel sobel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1});
        QVERIFY_THROWS_EXCEPTION(std::domain_error, sobel.normalized());
        QVERIFY_THROWS_EXCEPTION(std::domain_error, Kernel::zeros(2, 2).normalized());
        try {
            sobel.normalized();
        } catch (const std::domain_error& e) {
            QVERIFY(QString(e.what()).contains("zero"));
        }
    }

    void toTextWritesRows() {
        const Kernel k(2, 3, {1, -0.5, 0, 0.125, 2, -3});
        QCOMPARE(QString::fromStdString(k.toText()), QString("1 -0.5 0\n0.125 2 -3\n"));
        QCOMPARE(QString::fromStdString(Kernel(1, 1, {1.0 / 3.0}).toText(3)), QString("0.333\n"));
        // A negative zero prints as 0.
        QCOMPARE(QString::fromStdString(Kernel(1, 2, {-0.0, 1}).toText()), QString("0 1\n"));
    }

    void equality() {
        QVERIFY(Kernel(1, 2, {1, 2}) == Kernel(1, 2, {1, 2}));
        QVERIFY(Kernel(1, 2, {1, 2}) != Kernel(2, 1, {1, 2}));
        QVERIFY(Kernel(1, 2, {1, 2}) != Kernel(1, 2, {1, 2.0000001}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestKernel)
#include "test_kernel.moc"
