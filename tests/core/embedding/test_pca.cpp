// PCA against numpy's SVD of the centred data (tests/data/embedding/make_pca_fixture.py): every
// component's share of the variance, the variances, the first two components (up to sign) and the
// projected points, on the covariance path (more points than dimensions) and the Gram path (fewer).
#include <QTest>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "core/embedding/pca.h"
#include "tests/support/test_main.h"

using convscope::embedding::pca;
using convscope::embedding::PcaResult;
using convscope::embedding::PointSet;

namespace {

struct PcaCase {
    std::string name;
    PointSet points;
    std::vector<double> ratios, variance;
    std::vector<std::vector<double>> components, projected;
};

std::vector<double> numbers(const std::string& line) {
    std::istringstream in(line);
    std::vector<double> v;
    double x;
    while (in >> x) v.push_back(x);
    return v;
}

std::vector<PcaCase> readFixture() {
    std::ifstream in(CONVSCOPE_TEST_DATA_DIR "/embedding/pca_fixture.txt");
    std::vector<PcaCase> cases;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream head(line);
        std::string word;
        head >> word;
        if (word != "case") continue;
        PcaCase c;
        int n = 0, d = 0;
        head >> c.name >> n >> d;
        c.points = PointSet(n, d);
        for (int i = 0; i < n; ++i) {
            std::getline(in, line);
            const std::vector<double> row = numbers(line);
            std::copy(row.begin(), row.end(), c.points.row(i));
        }
        std::getline(in, line);
        c.ratios = numbers(line.substr(line.find(' ')));
        std::getline(in, line);
        c.variance = numbers(line.substr(line.find(' ')));
        std::getline(in, line);  // "components"
        for (int k = 0; k < 2; ++k) {
            std::getline(in, line);
            c.components.push_back(numbers(line));
        }
        std::getline(in, line);  // "projected"
        for (int i = 0; i < n; ++i) {
            std::getline(in, line);
            c.projected.push_back(numbers(line));
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

}  // namespace

class TestPca : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesNumpy() {
        const std::vector<PcaCase> cases = readFixture();
        QCOMPARE(int(cases.size()), 3);
        for (const PcaCase& c : cases) {
            const PcaResult r = pca(c.points, 2);
            QCOMPARE(r.explainedVarianceRatio.size(), c.ratios.size());
            double sum = 0.0;
            for (std::size_t k = 0; k < c.ratios.size(); ++k) {
                QVERIFY2(std::abs(r.explainedVarianceRatio[k] - c.ratios[k]) < 1e-10, c.name.c_str());
                QVERIFY2(std::abs(r.explainedVariance[k] - c.variance[k]) < 1e-9 * (1.0 + c.variance[0]),
                         c.name.c_str());
                sum += r.explainedVarianceRatio[k];
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-12);
            const int d = c.points.dims;
            for (int k = 0; k < 2; ++k) {
                // A component is defined up to sign: compare with the sign that fits.
                double dot = 0.0;
                for (int j = 0; j < d; ++j)
                    dot +=
                        r.components[std::size_t(k * d + j)] * c.components[std::size_t(k)][std::size_t(j)];
                const double sign = dot < 0.0 ? -1.0 : 1.0;
                for (int j = 0; j < d; ++j)
                    QVERIFY2(std::abs(sign * r.components[std::size_t(k * d + j)] -
                                      c.components[std::size_t(k)][std::size_t(j)]) < 1e-8,
                             c.name.c_str());
                for (int i = 0; i < c.points.count; ++i)
                    QVERIFY2(
                        std::abs(sign * r.projected.at(i, k) - c.projected[std::size_t(i)][std::size_t(k)]) <
                            1e-8 * (1.0 + std::abs(c.projected[std::size_t(i)][std::size_t(k)])),
                        c.name.c_str());
            }
        }
    }

    void signConventionAndShapes() {
        // Points on a line along (1, −2): one component carries all the variance.
        PointSet p(5, 2);
        for (int i = 0; i < 5; ++i) {
            p.row(i)[0] = 3.0 + i;
            p.row(i)[1] = 1.0 - 2.0 * i;
        }
        const PcaResult r = pca(p, 1);
        QVERIFY(std::abs(r.explainedVarianceRatio[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(r.explainedVarianceRatio[1]) < 1e-12);
        // The largest-magnitude coordinate is positive: (−1, 2)/√5.
        QVERIFY(std::abs(r.components[1] - 2.0 / std::sqrt(5.0)) < 1e-12);
        QVERIFY(std::abs(r.components[0] + 1.0 / std::sqrt(5.0)) < 1e-12);
        QCOMPARE(r.projected.count, 5);
        QCOMPARE(r.projected.dims, 1);
        QVERIFY(std::abs(r.mean[0] - 5.0) < 1e-12);
    }

    void badInput() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(PointSet(1, 3), 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(PointSet(4, 3), 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pca(PointSet(4, 3), 0));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestPca)
#include "test_pca.moc"
