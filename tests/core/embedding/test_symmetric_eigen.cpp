// The eigen-decomposition against matrices whose spectra are known in closed form, and the defining
// properties (A·v = λ·v, orthonormal vectors, descending order) on random symmetric matrices.
#include <QTest>
#include <cmath>
#include <random>

#include "core/embedding/symmetric_eigen.h"
#include "tests/support/test_main.h"

using convscope::embedding::SymmetricEigen;
using convscope::embedding::symmetricEigen;

class TestSymmetricEigen : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void secondDifferenceMatrix() {
        // tridiag(−1, 2, −1) of size n: eigenvalues 2 − 2·cos(kπ/(n + 1)), k = 1 … n.
        const int n = 40;
        std::vector<double> a(std::size_t(n * n), 0.0);
        for (int i = 0; i < n; ++i) {
            a[std::size_t(i * n + i)] = 2.0;
            if (i + 1 < n) a[std::size_t(i * n + i + 1)] = a[std::size_t((i + 1) * n + i)] = -1.0;
        }
        const SymmetricEigen e = symmetricEigen(a, n);
        for (int k = 0; k < n; ++k) {
            const double expected = 2.0 - 2.0 * std::cos(double(n - k) * M_PI / (n + 1));  // descending
            QVERIFY2(std::abs(e.values[std::size_t(k)] - expected) < 1e-12, qPrintable(QString::number(k)));
        }
    }

    void diagonalAndZero() {
        const SymmetricEigen d = symmetricEigen({3.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 7.0}, 3);
        QCOMPARE(d.values, (std::vector<double>{7.0, 3.0, -1.0}));
        QCOMPARE(std::abs(d.vector(2, 0)), 1.0);
        const SymmetricEigen z = symmetricEigen(std::vector<double>(16, 0.0), 4);
        for (double v : z.values) QCOMPARE(v, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, symmetricEigen({1.0, 2.0, 3.0}, 2));
    }

    void randomMatricesSatisfyTheDefinition_data() {
        QTest::addColumn<int>("n");
        for (int n : {1, 2, 5, 33, 120}) QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void randomMatricesSatisfyTheDefinition() {
        QFETCH(int, n);
        std::mt19937 rng(static_cast<std::uint32_t>(n));
        std::normal_distribution<double> g;
        std::vector<double> a(std::size_t(n * n));
        for (int i = 0; i < n; ++i)
            for (int j = i; j < n; ++j) a[std::size_t(i * n + j)] = a[std::size_t(j * n + i)] = g(rng);
        const SymmetricEigen e = symmetricEigen(a, n);
        for (int k = 0; k < n; ++k) {
            if (k > 0) QVERIFY(e.values[std::size_t(k)] <= e.values[std::size_t(k - 1)]);
            for (int i = 0; i < n; ++i) {
                double av = 0.0;
                for (int j = 0; j < n; ++j) av += a[std::size_t(i * n + j)] * e.vector(j, k);
                QVERIFY(std::abs(av - e.values[std::size_t(k)] * e.vector(i, k)) < 1e-11);
            }
            for (int l = 0; l < n; ++l) {
                double dot = 0.0;
                for (int i = 0; i < n; ++i) dot += e.vector(i, k) * e.vector(i, l);
                QVERIFY(std::abs(dot - (k == l ? 1.0 : 0.0)) < 1e-12);
            }
        }
        // The trace is the sum of the eigenvalues.
        double trace = 0.0, sum = 0.0;
        for (int i = 0; i < n; ++i) trace += a[std::size_t(i * n + i)];
        for (double v : e.values) sum += v;
        QVERIFY(std::abs(trace - sum) < 1e-10);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestSymmetricEigen)
#include "test_symmetric_eigen.moc"
