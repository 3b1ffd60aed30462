#include <QDir>
#include <QImage>
#include <QTest>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "widgets/plot/log_bar_chart.h"

using convscope::widgets::BarSeries;
using convscope::widgets::LogBarChart;

namespace {
const QColor kRed(200, 0, 0);

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

// Columns [first, last] where the bar colour appears in the lower two thirds (below title and legend).
QVector<QPair<int, int>> barColumns(const QImage& image, QRgb color) {
    QVector<QPair<int, int>> bars;
    bool inBar = false;
    for (int x = 0; x < image.width(); ++x) {
        bool hit = false;
        for (int y = image.height() / 3; y < image.height() && !hit; ++y) hit = image.pixel(x, y) == color;
        if (hit && !inBar) bars.push_back({x, x});
        if (hit) bars.last().second = x;
        inBar = hit;
    }
    return bars;
}

int topOf(const QImage& image, int x, QRgb color) {
    for (int y = 0; y < image.height(); ++y)
        if (image.pixel(x, y) == color) return y;
    return -1;
}

int bottomOf(const QImage& image, int x, QRgb color) {
    for (int y = image.height() - 1; y >= 0; --y)
        if (image.pixel(x, y) == color) return y;
    return -1;
}

// Rows of grey (grid or axis) lines in column x above `below`, one entry per run of consecutive rows.
QVector<int> greyLines(const QImage& image, int x, int below) {
    QVector<int> lines;
    int previous = -10;
    for (int y = 0; y <= below; ++y) {
        const QRgb c = image.pixel(x, y);
        const bool grey = qRed(c) == qGreen(c) && qGreen(c) == qBlue(c) && qRed(c) < 250;
        if (grey && y != previous + 1) lines << y;
        if (grey) previous = y;
    }
    return lines;
}
}  // namespace

class TestLogBarChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valueLabel_data();
    void valueLabel();
    void decadeRange_data();
    void decadeRange();
    void barTopsSitOnDecadeLines_data();
    void barTopsSitOnDecadeLines();
    void seedTableRenders();
    void badDataShowsMessage();
};

void TestLogBarChart::valueLabel_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("10") << 10.0 << QStringLiteral("10");
    QTest::newRow("4160") << 4160.0 << QStringLiteral("4,160");
    QTest::newRow("268451840") << 268451840.0 << QStringLiteral("268,451,840");
    QTest::newRow("fraction") << 2.5 << QStringLiteral("2.5");
}

void TestLogBarChart::valueLabel() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(LogBarChart::valueLabel(value), text);
}

void TestLogBarChart::decadeRange_data() {
    QTest::addColumn<QVector<double>>("values");
    QTest::addColumn<int>("lowest");
    QTest::addColumn<int>("highest");
    QTest::newRow("seed table") << QVector<double>{10, 4160, 65792, 1049600, 16781312, 268451840} << 0 << 9;
    QTest::newRow("10 and 1000") << QVector<double>{10, 1000} << 0 << 4;
    QTest::newRow("12 to 999") << QVector<double>{12, 999} << 1 << 3;
    QTest::newRow("below one") << QVector<double>{0.5, 3} << -1 << 1;
    QTest::newRow("non-positive ignored") << QVector<double>{0, -5, 100} << 1 << 3;
}

void TestLogBarChart::decadeRange() {
    QFETCH(QVector<double>, values);
    QFETCH(int, lowest);
    QFETCH(int, highest);
    int lo = 99;
    int hi = 99;
    QVERIFY(LogBarChart::decadeRange({BarSeries{QStringLiteral("s"), kRed, values}}, &lo, &hi));
    QCOMPARE(lo, lowest);
    QCOMPARE(hi, highest);
}

void TestLogBarChart::barTopsSitOnDecadeLines_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("600x400") << QSize(600, 400);
    QTest::newRow("777x333") << QSize(777, 333);
    QTest::newRow("420x610") << QSize(420, 610);
}

void TestLogBarChart::barTopsSitOnDecadeLines() {
    QFETCH(QSize, size);
    LogBarChart chart;
    // No title and no series name, so that nothing but grid lines crosses the gap between the bars.
    chart.setData(QString(), QStringLiteral("case"), QStringLiteral("value"),
                  {QStringLiteral("a"), QStringLiteral("b")}, {BarSeries{QString(), kRed, {10.0, 1000.0}}});
    const QImage image = chart.render(size);
    QCOMPARE(image.size(), size);
    const QVector<QPair<int, int>> bars = barColumns(image, kRed.rgb());
    QCOMPARE(bars.size(), 2);
    const auto ten = bars[0];
    const auto thousand = bars[1];
    const int tenX = (ten.first + ten.second) / 2;
    const int thousandX = (thousand.first + thousand.second) / 2;
    const int baseline = bottomOf(image, tenX, kRed.rgb()) + 1;
    QCOMPARE(bottomOf(image, thousandX, kRed.rgb()) + 1, baseline);  // bars stand on one floor

    // Decades 10⁰ .. 10⁴ are the axis range for 10 and 1000: five lines, the lowest being the axis itself.
    const QVector<int> lines = greyLines(image, (ten.second + thousand.first) / 2, baseline);
    QCOMPARE(lines.size(), 5);
    QVERIFY(std::abs(lines[4] - baseline) <= 1);
    const double decade = (lines[4] - lines[0]) / 4.0;
    for (int d = 0; d < 4; ++d) QVERIFY(std::abs(lines[4 - d] - lines[3 - d] - decade) <= 1.0);
    // log10(10) = 1 and log10(1000) = 3: the bars end on the 10¹ and 10³ lines.
    QVERIFY2(
        std::abs(topOf(image, tenX, kRed.rgb()) - lines[3]) <= 1,
        qPrintable(
            QStringLiteral("bar 10 top %1, 10¹ line %2").arg(topOf(image, tenX, kRed.rgb())).arg(lines[3])));
    QVERIFY2(std::abs(topOf(image, thousandX, kRed.rgb()) - lines[1]) <= 1,
             qPrintable(QStringLiteral("bar 1000 top %1, 10³ line %2")
                            .arg(topOf(image, thousandX, kRed.rgb()))
                            .arg(lines[1])));
}

void TestLogBarChart::seedTableRenders() {
    LogBarChart chart;
    // The seed's parameter-sharing table: a 3x3 conv with bias has 10 parameters at every input size; a fully
    // connected layer from an n x n input to an n x n output has n²·n² weights and n² biases.
    const QVector<double> conv{10, 10, 10, 10, 10};
    QVector<double> fc;
    for (int n : {8, 16, 32, 64, 128}) fc << double(n * n) * (n * n) + n * n;
    QCOMPARE(fc, (QVector<double>{4160, 65792, 1049600, 16781312, 268451840}));
    chart.setData(QStringLiteral("Parameters: convolution vs fully connected"),
                  QStringLiteral("input size (n × n)"), QStringLiteral("parameters (log scale)"),
                  {QStringLiteral("8"), QStringLiteral("16"), QStringLiteral("32"), QStringLiteral("64"),
                   QStringLiteral("128")},
                  {BarSeries{QStringLiteral("conv 3×3 (shared weights)"), QColor(78, 121, 167), conv},
                   BarSeries{QStringLiteral("fully connected"), QColor(242, 142, 43), fc}});
    for (const QSize& size : {QSize(760, 460), QSize(420, 300), QSize(1200, 700)}) {
        const QImage image = chart.render(size);
        QCOMPARE(image.size(), size);
        saveShot(image, QStringLiteral("log_bar_chart_seed_%1x%2.png").arg(size.width()).arg(size.height()));
        // Five conv bars of equal height, five fully connected bars growing by about 1.2 decades each.
        const QVector<QPair<int, int>> blue = barColumns(image, QColor(78, 121, 167).rgb());
        QCOMPARE(blue.size(), 5);
        const int h0 = topOf(image, (blue[0].first + blue[0].second) / 2, QColor(78, 121, 167).rgb());
        for (int k = 1; k < 5; ++k)
            QCOMPARE(topOf(image, (blue[k].first + blue[k].second) / 2, QColor(78, 121, 167).rgb()), h0);
    }
}

void TestLogBarChart::badDataShowsMessage() {
    LogBarChart chart;
    QVERIFY(!chart.render(QSize(300, 200)).isNull());  // no data yet
    chart.setData(QStringLiteral("t"), QString(), QString(), {QStringLiteral("a")},
                  {BarSeries{QStringLiteral("s"), kRed, {0.0}}});
    int lo = 0;
    QVERIFY(!LogBarChart::decadeRange({BarSeries{QStringLiteral("s"), kRed, {0.0, -1.0}}}, &lo, nullptr));
    QVERIFY(!chart.render(QSize(300, 200)).isNull());
    // Missing values, NaN and huge spans paint without crashing.
    chart.setData(
        QStringLiteral("t"), QString(), QString(),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
        {BarSeries{QStringLiteral("s"), QColor(), {1e-300, std::numeric_limits<double>::quiet_NaN()}},
         BarSeries{QStringLiteral("u"), kRed, {1e300}}});
    QVERIFY(!chart.render(QSize(300, 200)).isNull());
    QVERIFY(chart.render(QSize()).isNull());
}

CONVSCOPE_TEST_MAIN(TestLogBarChart)
#include "test_log_bar_chart.moc"
