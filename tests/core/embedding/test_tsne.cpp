// t-SNE: each point's conditional distribution reaches the perplexity asked for (entropy recomputed here
// from the probabilities, 1e-5 as the bisection's tolerance), P is symmetric and sums to 1; the exact
// gradient against central differences of a naive KL(P‖Q) written here; Barnes–Hut against the exact
// gradient; well-separated clusters stay separated (kNN accuracy 1, exact and Barnes–Hut); seeded runs
// repeat to the bit, whatever the threads; cancellation and progress; bad input.
#include <QTest>
#include <cmath>
#include <random>

#include "core/embedding/knn_accuracy.h"
#include "core/embedding/tsne.h"
#include "core/embedding/tsne_affinities.h"
#include "core/embedding/tsne_gradient.h"
#include "tests/support/test_main.h"

using namespace convscope::embedding;

namespace {

// `clusters` Gaussian blobs of `perCluster` points in `dims` dimensions, centres `spread` apart on average.
PointSet blobs(int clusters, int perCluster, int dims, double spread, std::uint32_t seed,
               std::vector<int>* labels = nullptr) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<std::vector<double>> centres(static_cast<std::size_t>(clusters),
                                             std::vector<double>(static_cast<std::size_t>(dims)));
    for (auto& c : centres)
        for (double& v : c) v = spread * g(rng);
    PointSet p(clusters * perCluster, dims);
    if (labels) labels->clear();
    for (int i = 0; i < p.count; ++i) {
        const int c = i % clusters;
        for (int d = 0; d < dims; ++d) p.row(i)[d] = centres[std::size_t(c)][std::size_t(d)] + g(rng);
        if (labels) labels->push_back(c);
    }
    return p;
}

// KL(P‖Q) with Q over every pair, from the definition.
double naiveKl(const SparseRows& p, const PointSet& y) {
    const int n = y.count;
    double z = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (i != j) {
                const double dx = y.at(i, 0) - y.at(j, 0), dy = y.at(i, 1) - y.at(j, 1);
                z += 1.0 / (1.0 + dx * dx + dy * dy);
            }
    double kl = 0.0;
    for (int i = 0; i < n; ++i)
        for (int e = p.start[std::size_t(i)]; e < p.start[std::size_t(i) + 1]; ++e) {
            const int j = p.columns[std::size_t(e)];
            const double dx = y.at(i, 0) - y.at(j, 0), dy = y.at(i, 1) - y.at(j, 1);
            const double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
            kl += p.values[std::size_t(e)] * std::log(p.values[std::size_t(e)] / q);
        }
    return kl;
}

double relativeError(const std::vector<double>& a, const std::vector<double>& b) {
    double num = 0.0, den = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        num += (a[k] - b[k]) * (a[k] - b[k]);
        den += b[k] * b[k];
    }
    return std::sqrt(num / den);
}

PointSet randomEmbedding(int n, double scale, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    PointSet y(n, 2);
    for (double& v : y.values) v = scale * g(rng);
    return y;
}

}  // namespace

class TestTsne : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyPointReachesThePerplexity_data() {
        QTest::addColumn<double>("perplexity");
        QTest::addColumn<int>("neighbours");  // 0: every other point
        QTest::newRow("5, exact") << 5.0 << 0;
        QTest::newRow("30, exact") << 30.0 << 0;
        QTest::newRow("30, Barnes-Hut's 90 neighbours") << 30.0 << 90;
        QTest::newRow("100, exact") << 100.0 << 0;
    }
    void everyPointReachesThePerplexity() {
        QFETCH(double, perplexity);
        QFETCH(int, neighbours);
        const PointSet x = blobs(4, 60, 10, 3.0, 7);
        const int n = x.count;
        const TsneAffinities a = tsneAffinities(x, perplexity, neighbours > 0 ? neighbours : n - 1);
        for (int i = 0; i < n; ++i) {
            double sum = 0.0, entropy = 0.0;
            const int begin = a.conditional.start[std::size_t(i)],
                      end = a.conditional.start[std::size_t(i) + 1];
            QCOMPARE(end - begin, neighbours > 0 ? neighbours : n - 1);
            for (int e = begin; e < end; ++e) {
                const double p = a.conditional.values[std::size_t(e)];
                QVERIFY(a.conditional.columns[std::size_t(e)] != i);
                sum += p;
                if (p > 0.0) entropy -= p * std::log(p);
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-12);
            // log2 of the perplexity reached against log2 of the target: the bisection's 1e-5 in nats.
            QVERIFY2(std::abs(entropy / std::log(2.0) - std::log2(perplexity)) < 1e-5 / std::log(2.0) + 1e-12,
                     qPrintable(QStringLiteral("point %1: entropy %2").arg(i).arg(entropy)));
            // p(j|i) ∝ exp(−β·|x_i − x_j|²), with distances computed here.
            const int j0 = a.conditional.columns[std::size_t(begin)],
                      j1 = a.conditional.columns[std::size_t(begin + 1)];
            const double d0 = squaredDistance(x.row(i), x.row(j0), x.dims),
                         d1 = squaredDistance(x.row(i), x.row(j1), x.dims);
            const double ratio =
                a.conditional.values[std::size_t(begin)] / a.conditional.values[std::size_t(begin + 1)];
            QVERIFY(std::abs(std::log(ratio) + a.betas[std::size_t(i)] * (d0 - d1)) < 1e-9);
        }
        // P: symmetric, summing to 1.
        double total = 0.0;
        const SparseRows& p = a.joint;
        for (int i = 0; i < n; ++i)
            for (int e = p.start[std::size_t(i)]; e < p.start[std::size_t(i) + 1]; ++e) {
                total += p.values[std::size_t(e)];
                const int j = p.columns[std::size_t(e)];
                bool found = false;
                for (int f = p.start[std::size_t(j)]; f < p.start[std::size_t(j) + 1]; ++f)
                    if (p.columns[std::size_t(f)] == i) {
                        found = true;
                        QCOMPARE(p.values[std::size_t(f)], p.values[std::size_t(e)]);
                    }
                QVERIFY(found);
            }
        QVERIFY(std::abs(total - 1.0) < 1e-12);
    }

    void exactGradientIsTheCostsDerivative() {
        const PointSet x = blobs(3, 10, 5, 2.0, 3);
        const TsneAffinities a = tsneAffinities(x, 8.0, x.count - 1);
        PointSet y = randomEmbedding(x.count, 2.0, 11);
        const TsneGradient g = tsneGradientExact(a.joint, y, 1.0);
        std::vector<double> numeric(y.values.size());
        const double h = 1e-6;
        for (std::size_t k = 0; k < y.values.size(); ++k) {
            const double keep = y.values[k];
            y.values[k] = keep + h;
            const double up = naiveKl(a.joint, y);
            y.values[k] = keep - h;
            const double down = naiveKl(a.joint, y);
            y.values[k] = keep;
            numeric[k] = (up - down) / (2.0 * h);
        }
        QVERIFY2(relativeError(g.gradient, numeric) < 1e-6,
                 qPrintable(QString::number(relativeError(g.gradient, numeric))));
        // klDivergence with the gradient's Z is the same cost.
        QVERIFY(std::abs(klDivergence(a.joint, y, g.z) - naiveKl(a.joint, y)) < 1e-12);
        // Exaggeration multiplies the attraction alone.
        const TsneGradient g12 = tsneGradientExact(a.joint, y, 12.0);
        const TsneGradient g0 = tsneGradientExact(a.joint, y, 0.0);
        for (std::size_t k = 0; k < g.gradient.size(); ++k)
            QVERIFY(std::abs(g12.gradient[k] - (g0.gradient[k] + 12.0 * (g.gradient[k] - g0.gradient[k]))) <
                    1e-12);
    }

    void barnesHutIsCloseToExact() {
        const PointSet x = blobs(5, 100, 20, 3.0, 5);
        const TsneAffinities a = tsneAffinities(x, 30.0, 90);
        const PointSet y = randomEmbedding(x.count, 10.0, 9);
        const TsneGradient exact = tsneGradientExact(a.joint, y, 1.0);
        const TsneGradient bh = tsneGradientBarnesHut(a.joint, y, 1.0, 0.5);
        QVERIFY2(relativeError(bh.gradient, exact.gradient) < 0.05,
                 qPrintable(QString::number(relativeError(bh.gradient, exact.gradient))));
        QVERIFY(std::abs(bh.z - exact.z) < 0.02 * exact.z);
        // θ = 0 opens every cell: the quadtree's sums are the exact ones.
        const TsneGradient open = tsneGradientBarnesHut(a.joint, y, 1.0, 0.0);
        QVERIFY(relativeError(open.gradient, exact.gradient) < 1e-10);
        QVERIFY(std::abs(open.z - exact.z) < 1e-9 * exact.z);
        // Coinciding points (a leaf holding several) neither crash nor count themselves.
        PointSet twins = y;
        for (int d = 0; d < 2; ++d) twins.row(1)[d] = twins.row(0)[d];
        const TsneGradient t0 = tsneGradientBarnesHut(a.joint, twins, 1.0, 0.0);
        const TsneGradient te = tsneGradientExact(a.joint, twins, 1.0);
        QVERIFY(relativeError(t0.gradient, te.gradient) < 1e-10);
    }

    void separatedClustersStaySeparated_data() {
        QTest::addColumn<int>("exactLimit");
        QTest::newRow("exact") << 2000;
        QTest::newRow("Barnes-Hut") << 0;
    }
    void separatedClustersStaySeparated() {
        QFETCH(int, exactLimit);
        std::vector<int> labels;
        const PointSet x = blobs(5, 40, 20, 4.0, 21, &labels);
        QCOMPARE(knnAccuracy(x, labels, 5), 1.0);  // the data are separable to begin with
        TsneOptions o;
        o.iterations = 500;
        o.exactLimit = exactLimit;
        const TsneResult r = tsne(x, o);
        QCOMPARE(r.barnesHut, exactLimit == 0);
        QCOMPARE(r.embedding.count, x.count);
        QCOMPARE(r.embedding.dims, 2);
        QCOMPARE(knnAccuracy(r.embedding, labels, 5), 1.0);
        QVERIFY(r.klDivergence > 0.0 && r.klDivergence < 2.0);
        QCOMPARE(r.learningRate, 50.0);  // max(200/48, 50)
    }

    void seededRunsRepeat() {
        const PointSet x = blobs(3, 50, 8, 3.0, 2);  // 150 points: two threads share them
        TsneOptions o;
        o.iterations = 300;
        o.perplexity = 10.0;
        o.threads = 1;
        const TsneResult a = tsne(x, o);
        o.threads = 2;
        const TsneResult b = tsne(x, o);
        QVERIFY(a.embedding.values == b.embedding.values);
        QCOMPARE(a.klDivergence, b.klDivergence);
        o.seed = 2;
        const TsneResult c = tsne(x, o);
        QVERIFY(a.embedding.values != c.embedding.values);
        o.init = TsneInit::Pca;
        const TsneResult d = tsne(x, o);
        o.seed = 3;
        QVERIFY(d.embedding.values == tsne(x, o).embedding.values);  // the PCA start has no randomness
    }

    void progressAndCancellation() {
        const PointSet x = blobs(2, 20, 4, 3.0, 4);
        TsneOptions o;
        o.iterations = 100;
        o.perplexity = 5.0;
        int last = -1, total = 0;
        convscope::common::JobControl control;
        control.onProgress = [&](int done, int of) {
            QVERIFY(done >= last);
            last = done;
            total = of;
        };
        tsne(x, o, control);
        QCOMPARE(last, 100);
        QCOMPARE(total, 100);
        control.isCancelled = [&] { return last >= 50; };
        last = -1;
        QVERIFY_THROWS_EXCEPTION(convscope::common::Cancelled, tsne(x, o, control));
        QVERIFY(last >= 50 && last < 100);
    }

    void badInput() {
        const PointSet x = blobs(2, 10, 4, 3.0, 4);
        TsneOptions o;
        o.perplexity = 30.0;  // more than 20 − 1
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(x, o));
        o.perplexity = 5.0;
        o.iterations = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(x, o));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsne(PointSet(2, 3), TsneOptions{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, conditionalRow({}, 5.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tsneGradientExact(SparseRows{}, x, 1.0));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTsne)
#include "test_tsne.moc"
