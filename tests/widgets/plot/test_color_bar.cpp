#include <QTest>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "widgets/plot/color_bar.h"

using convscope::widgets::ColorBar;

namespace {
QVector<QColor> ramp() {
    QVector<QColor> colors;
    for (int i = 0; i < 256; ++i) colors << QColor(i, 255 - i, 128);
    return colors;
}

// Index of `rgb` in the ramp, or -1.
int rampIndex(QRgb rgb) {
    if (qBlue(rgb) != 128 || qRed(rgb) + qGreen(rgb) != 255) return -1;
    return qRed(rgb);
}
}  // namespace

class TestColorBar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangeRoundTrip_data();
    void rangeRoundTrip();
    void gradientRunsBottomToTop_data();
    void gradientRunsBottomToTop();
    void sizeHintIsNarrow();
    void degenerateRangesPaint();
};

void TestColorBar::rangeRoundTrip_data() {
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("unit") << 0.0 << 1.0;
    QTest::newRow("sobel") << -1020.0 << 1020.0;
    QTest::newRow("tiny") << -1e-6 << 3e-6;
}

void TestColorBar::rangeRoundTrip() {
    QFETCH(double, low);
    QFETCH(double, high);
    ColorBar bar;
    bar.setRange(low, high, QStringLiteral("filter output"));
    QCOMPARE(bar.low(), low);
    QCOMPARE(bar.high(), high);
}

void TestColorBar::gradientRunsBottomToTop_data() {
    QTest::addColumn<int>("height");
    QTest::newRow("short") << 120;
    QTest::newRow("256 rows") << 300;
    QTest::newRow("tall") << 700;
}

void TestColorBar::gradientRunsBottomToTop() {
    QFETCH(int, height);
    ColorBar bar;
    bar.setColors(ramp());
    bar.setRange(-1.0, 1.0, QStringLiteral("filter output"));
    bar.resize(bar.sizeHint().width(), height);
    const QImage grab = bar.grab().toImage().convertToFormat(QImage::Format_RGB32);
    // Find a column that runs through the bar, then the lowest and highest ramp colours in it.
    int column = -1;
    for (int x = 0; x < grab.width() && column < 0; ++x) {
        if (rampIndex(grab.pixel(x, grab.height() / 2)) >= 0) column = x;
    }
    QVERIFY(column >= 0);
    int topY = -1;
    int bottomY = -1;
    for (int y = 0; y < grab.height(); ++y) {
        if (rampIndex(grab.pixel(column + 2, y)) >= 0) {
            if (topY < 0) topY = y;
            bottomY = y;
        }
    }
    QVERIFY(bottomY - topY > height / 2);
    QCOMPARE(rampIndex(grab.pixel(column + 2, bottomY)), 0);  // bottom = first colour (low)
    QCOMPARE(rampIndex(grab.pixel(column + 2, topY)), 255);   // top = last colour (high)
    int previous = -1;
    for (int y = bottomY; y >= topY; --y) {  // monotonic from bottom to top
        const int index = rampIndex(grab.pixel(column + 2, y));
        QVERIFY(index >= previous);
        previous = index;
    }
}

void TestColorBar::sizeHintIsNarrow() {
    ColorBar bar;
    bar.setRange(-1020.0, 1020.0, QStringLiteral("filter output"));
    const QSize hint = bar.sizeHint();
    QVERIFY(hint.width() >= 60);
    QVERIFY(hint.width() <= 120);
    QVERIFY(hint.height() > hint.width());
    // Wide enough for the longest tick label next to the bar.
    QVERIFY(hint.width() > bar.fontMetrics().horizontalAdvance(QStringLiteral("−1020")) + 16);
    QVERIFY(bar.minimumSizeHint().height() >= 5 * bar.fontMetrics().height());
}

void TestColorBar::degenerateRangesPaint() {
    ColorBar bar;
    bar.resize(70, 200);
    bar.setRange(3.0, 3.0);
    QVERIFY(!bar.grab().isNull());
    bar.setRange(std::numeric_limits<double>::quiet_NaN(), 1.0);
    QVERIFY(!bar.grab().isNull());
    bar.setColors({});
    bar.setRange(5.0, -5.0, QStringLiteral("reversed"));
    QVERIFY(!bar.grab().isNull());
    QCOMPARE(bar.low(), 5.0);
}

CONVSCOPE_TEST_MAIN(TestColorBar)
#include "test_color_bar.moc"
