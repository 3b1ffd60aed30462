#include <QTest>
#include <algorithm>
#include <cmath>

#include "core/common/colormap.h"
#include "tests/support/test_main.h"

using convscope::common::Colormap;
using convscope::common::colormapTable;
using convscope::common::Rgb;

namespace {
// Largest per-channel difference, in 8-bit steps.
int distance(const Rgb& a, const Rgb& b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

double luma(const Rgb& c) {
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}
}  // namespace

class TestColormap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twilightIsCyclic();
    void twilightIsSmooth();
    void twilightShape();
    void everyMapIsSmoothAndNotConstant_data();
    void everyMapIsSmoothAndNotConstant();
    void existingMapsKeepTheirEnds();
};

void TestColormap::twilightIsCyclic() {
    const auto& t = colormapTable(Colormap::Twilight);
    QVERIFY2(distance(t[0], t[255]) <= 2, "index 0 and 255 must be (nearly) the same colour");
    // Going round the circle, the step from 255 back to 0 is no larger than an ordinary step.
    int largestStep = 0;
    for (int i = 1; i < 256; ++i)
        largestStep = std::max(largestStep, distance(t[size_t(i - 1)], t[size_t(i)]));
    QVERIFY(distance(t[255], t[0]) <= largestStep);
}

void TestColormap::twilightIsSmooth() {
    const auto& t = colormapTable(Colormap::Twilight);
    for (int i = 1; i < 256; ++i) {
        // 256 entries through about 200 levels of each channel: a step above 8 would be a visible band.
        QVERIFY2(distance(t[size_t(i - 1)], t[size_t(i)]) <= 8,
                 qPrintable(QStringLiteral("jump at %1").arg(i)));
    }
}

void TestColormap::twilightShape() {
    const auto& t = colormapTable(Colormap::Twilight);
    // Light at both ends, dark in the middle.
    QVERIFY(luma(t[0]) > 200);
    QVERIFY(luma(t[255]) > 200);
    QVERIFY(luma(t[128]) < 50);
    for (size_t i : {size_t(0), size_t(255)}) QVERIFY(luma(t[i]) > luma(t[128]) + 150);
    // Blue in the first half, red/orange in the second.
    const Rgb quarter = t[64];
    const Rgb threeQuarters = t[191];
    QVERIFY(quarter.b > quarter.r + 50);
    QVERIFY(quarter.b > quarter.g + 40);
    QVERIFY(threeQuarters.r > threeQuarters.b + 60);
    QVERIFY(threeQuarters.r > threeQuarters.g + 60);
    // Not constant.
    QVERIFY(distance(t[0], t[128]) > 150);
}

void TestColormap::everyMapIsSmoothAndNotConstant_data() {
    QTest::addColumn<int>("map");
    QTest::newRow("gray") << int(Colormap::Gray);
    QTest::newRow("coolwarm") << int(Colormap::CoolWarm);
    QTest::newRow("viridis") << int(Colormap::Viridis);
    QTest::newRow("twilight") << int(Colormap::Twilight);
}

void TestColormap::everyMapIsSmoothAndNotConstant() {
    QFETCH(int, map);
    const auto& t = colormapTable(Colormap(map));
    int largest = 0;
    int changes = 0;
    for (int i = 1; i < 256; ++i) {
        const int d = distance(t[size_t(i - 1)], t[size_t(i)]);
        largest = std::max(largest, d);
        changes += d > 0 ? 1 : 0;
    }
    QVERIFY(largest <= 8);
    QVERIFY(changes > 200);
}

void TestColormap::existingMapsKeepTheirEnds() {
    // Adding Twilight must not move the published ends of the other maps.
    const auto& gray = colormapTable(Colormap::Gray);
    QCOMPARE(int(gray[0].r), 0);
    QCOMPARE(int(gray[255].b), 255);
    const auto& coolWarm = colormapTable(Colormap::CoolWarm);
    QCOMPARE(int(coolWarm[0].r), 59);
    QCOMPARE(int(coolWarm[0].g), 76);
    QCOMPARE(int(coolWarm[0].b), 192);
    QCOMPARE(int(coolWarm[255].r), 180);
    const auto& viridis = colormapTable(Colormap::Viridis);
    QCOMPARE(int(viridis[0].r), 68);
    QCOMPARE(int(viridis[255].g), 231);
}

CONVSCOPE_TEST_GUILESS_MAIN(TestColormap)
#include "test_colormap.moc"
