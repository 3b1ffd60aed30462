// Leave-one-out kNN accuracy on hand-made sets whose answer can be counted by eye.
#include <QTest>

#include "core/embedding/knn_accuracy.h"
#include "tests/support/test_main.h"

using convscope::embedding::knnAccuracy;
using convscope::embedding::PointSet;

namespace {
PointSet line(const std::vector<double>& xs) {
    PointSet p(int(xs.size()), 1);
    p.values = xs;
    return p;
}
}  // namespace

class TestKnnAccuracy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void separatedClassesScoreOne() {
        // Two groups far apart: every point's 2 nearest are of its own class.
        const PointSet p = line({0.0, 0.1, 0.2, 10.0, 10.1, 10.2});
        QCOMPARE(knnAccuracy(p, {0, 0, 0, 1, 1, 1}, 2), 1.0);
        // Labels that alternate along the line: each point's nearest neighbour is of the other class.
        QCOMPARE(knnAccuracy(line({0, 1, 2, 3, 4, 5}), {0, 1, 0, 1, 0, 1}, 1), 0.0);
    }

    void countsMajorities() {
        // k = 3 at x = 0 … 4 with labels 0 0 1 0 1 (equal distances ordered by index):
        //   x=0: 1, 2, 3 → 0,1,0 → 0 ✓   x=1: 0, 2, 3 → 0,1,0 → 0 ✓
        //   x=2: 1, 3, 0 → 0,0,0 → 0 ✗   x=3: 2, 4, 1 → 1,1,0 → 1 ✗   x=4: 3, 2, 1 → 0,1,0 → 0 ✗
        // 2 of 5.
        QCOMPARE(knnAccuracy(line({0, 1, 2, 3, 4}), {0, 0, 1, 0, 1}, 3), 0.4);
    }

    void tieGoesToTheNearest() {
        // k = 2, point 0 at 0: neighbours 1 (label 1, distance 1) and 2 (label 0, distance 3): one vote each,
        // the nearest's label 1 wins, which is wrong for point 0.
        const PointSet p = line({0.0, 1.0, -3.0});
        QCOMPARE(knnAccuracy(p, {0, 1, 0}, 2), 1.0 / 3.0);
    }

    void badInput() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, knnAccuracy(line({0, 1, 2}), {0, 1}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, knnAccuracy(line({0, 1, 2}), {0, 1, 0}, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, knnAccuracy(line({0, 1, 2}), {0, 1, 0}, 0));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestKnnAccuracy)
#include "test_knn_accuracy.moc"
