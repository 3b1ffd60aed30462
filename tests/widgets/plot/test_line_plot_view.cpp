#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "widgets/plot/line_plot_view.h"

using convscope::widgets::LinePlotView;
using convscope::widgets::PlotAxis;
using convscope::widgets::PlotMarker;
using convscope::widgets::PlotSeries;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kRed(220, 0, 0);
const QColor kBlue(0, 0, 220);
const QColor kGreen(0, 170, 0);

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

// render() into an image of the widget's size and resolution, so that text is measured as on screen and the
// layout is the one cellRect() and friends describe.
QImage rendered(const LinePlotView& view) {
    QImage image(view.size(), QImage::Format_RGB32);
    image.setDotsPerMeterX(int(std::lround(view.logicalDpiX() / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(view.logicalDpiY() / 0.0254)));
    QPainter painter(&image);
    view.render(painter, image.rect());
    return image;
}

// Within an antialiased edge of `b`; far from white, the grid grey and the other series' colours.
bool near(QRgb a, const QColor& b, int tolerance = 150) {
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green()) + std::abs(qBlue(a) - b.blue()) <=
           tolerance;
}

// Mean row of the pixels close to `color` in column x; NaN when there are none.
double rowOf(const QImage& image, int x, const QColor& color) {
    double sum = 0.0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        if (near(image.pixel(x, y), color)) {
            sum += y;
            ++count;
        }
    }
    return count ? sum / count : kNaN;
}

int pixelsOf(const QImage& image, const QRect& area, const QColor& color) {
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) count += near(image.pixel(x, y), color) ? 1 : 0;
    return count;
}

// FFT vs direct convolution times against kernel size, the Frequency panel's speed plot.
QVector<PlotSeries> speedSeries() {
    PlotSeries direct{QStringLiteral("direct"), {}, {}, kRed};
    PlotSeries fft{QStringLiteral("FFT"), {}, {}, kBlue, true, true};
    for (int k = 1; k <= 31; k += 2) {
        direct.x << k;
        direct.y << 0.02 * k * k;
        fft.x << k;
        fft.y << 2.0 + 0.05 * k;
    }
    return {direct, fft};
}
}  // namespace

class TestLinePlotView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void risingSeriesRendersRising();
    void axisMappingIsMonotonic();
    void logScaleSkipsNonPositive();
    void logScaleX();
    void logTicksAreDecades();
    void nanBreaksTheLine();
    void markersAppearAtTheirX();
    void hoverPicksNearestPoint();
    void legendAvoidsData();
    void manualRanges();
    void degenerateDataPaints();
    void textStaysInsideAtMinimumSize();
};

void TestLinePlotView::risingSeriesRendersRising() {
    LinePlotView view;
    view.resize(480, 300);
    PlotSeries rising{QString(), {0, 1, 2, 3, 4}, {0, 1, 4, 9, 16}, kRed};
    view.setSeries({rising});
    const QImage image = rendered(view);
    const QRectF plot = view.plotRect();
    double previous = std::numeric_limits<double>::infinity();
    int columns = 0;
    for (int x = int(plot.left()) + 4; x < int(plot.right()) - 4; x += 8) {
        const double row = rowOf(image, x, kRed);
        QVERIFY2(!std::isnan(row), qPrintable(QStringLiteral("no line in column %1").arg(x)));
        QVERIFY2(row <= previous + 0.5, qPrintable(QStringLiteral("line falls at column %1").arg(x)));
        previous = row;
        ++columns;
    }
    QVERIFY(columns > 30);
    // The ends of the data are the ends of the x axis.
    QCOMPARE(view.mapToWidget(0, 0)->x(), plot.left());
    QCOMPARE(view.mapToWidget(4, 16)->x(), plot.right());
}

void TestLinePlotView::axisMappingIsMonotonic() {
    LinePlotView view;
    view.resize(480, 300);
    view.setSeries(speedSeries());
    const PlotAxis x = view.xAxis();
    const PlotAxis y = view.yAxis();
    for (double v = 1; v < 31; v += 1.5) {
        QVERIFY(x.toPixel(v + 1) > x.toPixel(v));
        QVERIFY(y.toPixel(v + 1) < y.toPixel(v));  // up the screen
        QVERIFY(std::abs(x.fromPixel(x.toPixel(v)) - v) < 1e-9);
    }
    // Auto y range: 5 % headroom, so no point sits on the frame.
    QVERIFY(y.low() < 0.02 && y.high() > 0.02 * 31 * 31);
    const PlotAxis::Ticks ticks = x.ticks(6);
    QVERIFY(ticks.major.size() >= 3);
    QCOMPARE(ticks.labels.size(), ticks.major.size());
}

void TestLinePlotView::logScaleSkipsNonPositive() {
    LinePlotView view;
    view.resize(480, 300);
    view.setLogY(true);
    PlotSeries s{QStringLiteral("timing"), {1, 2, 3, 4, 5, 6}, {10, 0, -3, 100, 1000, kNaN}, kRed};
    view.setSeries({s});
    QVERIFY(!view.mapToWidget(2, 0).has_value());
    QVERIFY(!view.mapToWidget(3, -3).has_value());
    QVERIFY(view.mapToWidget(4, 100).has_value());
    const PlotAxis y = view.yAxis();
    QCOMPARE(y.low(), 10.0);  // auto range: whole decades of the positive values
    QCOMPARE(y.high(), 1000.0);
    const QImage image = rendered(view);
    // The line from x=4 to x=5 is drawn, nothing between 1 and 3 (no positive neighbour).
    const QPointF a = *view.mapToWidget(4, 100);
    const QPointF b = *view.mapToWidget(5, 1000);
    QVERIFY(!std::isnan(rowOf(image, int((a.x() + b.x()) / 2), kRed)));
    const QPointF first = *view.mapToWidget(1, 10);
    QVERIFY(std::isnan(rowOf(image, int(first.x() + (a.x() - first.x()) / 2), kRed)));
    // Only positive values: a message instead of a crash.
    view.setSeries({PlotSeries{QStringLiteral("zeros"), {1, 2}, {0, -1}, kRed}});
    QVERIFY(!rendered(view).isNull());
}

void TestLinePlotView::logScaleX() {
    LinePlotView view;
    view.resize(480, 300);
    view.setLogX(true);
    QVERIFY(view.logX());
    // A learning-rate sweep: rates 1e-7 … 10, a non-positive rate is not drawn.
    PlotSeries s{QStringLiteral("loss"),
                 {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 0.0},
                 {2.3, 2.3, 2.2, 2.0, 1.5, 0.9, 0.7, 1.4, 4.0, 1.0},
                 kRed};
    view.setSeries({s});
    const PlotAxis x = view.xAxis();
    QVERIFY(x.isLog());
    QCOMPARE(x.low(), 1e-7);  // auto range: whole decades of the positive values
    QCOMPARE(x.high(), 10.0);
    QVERIFY(!view.mapToWidget(0.0, 1.0).has_value());
    // Equal ratios are equal distances.
    const double d1 = view.mapToWidget(1e-6, 1.0)->x() - view.mapToWidget(1e-7, 1.0)->x();
    const double d2 = view.mapToWidget(1.0, 1.0)->x() - view.mapToWidget(1e-1, 1.0)->x();
    QVERIFY(d1 > 10.0);
    QVERIFY(std::abs(d1 - d2) < 1e-6);
    QVERIFY(std::abs(view.mapToWidget(std::sqrt(1e-5 * 1e-4), 1.0)->x() -
                     (view.mapToWidget(1e-5, 1.0)->x() + view.mapToWidget(1e-4, 1.0)->x()) / 2) < 1e-6);
    const QImage image = rendered(view);
    const QPointF a = *view.mapToWidget(1e-3, 1.5), b = *view.mapToWidget(1e-2, 0.9);
    QVERIFY(!std::isnan(rowOf(image, int((a.x() + b.x()) / 2), kRed)));
    saveShot(image, QStringLiteral("line_plot_log_x.png"));
}

void TestLinePlotView::logTicksAreDecades() {
    PlotAxis wide(1e-6, 1e2, true);
    wide.setPixels(300, 0);
    const PlotAxis::Ticks t = wide.ticks(10);
    QCOMPARE(t.major.first(), 1e-6);
    QCOMPARE(t.labels.first(), QStringLiteral("10⁻⁶"));
    QCOMPARE(t.labels.last(), QStringLiteral("10²"));
    PlotAxis plain(0.001, 100, true);
    plain.setPixels(300, 0);
    QCOMPARE(plain.ticks(10).labels,
             QStringList({QStringLiteral("0.001"), QStringLiteral("0.01"), QStringLiteral("0.1"),
                          QStringLiteral("1"), QStringLiteral("10"), QStringLiteral("100")}));
    QVERIFY(!plain.ticks(10).minor.isEmpty());  // 60 px per decade: room for 2..9
    // Crowded: every other decade.
    PlotAxis crowded(1e-10, 1e10, true);
    crowded.setPixels(100, 0);
    QVERIFY(crowded.ticks(5).major.size() <= 6);
    // Less than a decade: 1, 2, 5 steps.
    PlotAxis narrow(2, 9, true);
    narrow.setPixels(300, 0);
    QCOMPARE(narrow.ticks(6).major, QVector<double>({2, 5}));
    PlotAxis within(2.1, 2.9, true);
    within.setPixels(300, 0);
    const PlotAxis::Ticks inside = within.ticks(4);
    QVERIFY(inside.major.size() >= 2);
    for (double v : inside.major) QVERIFY(v >= 2.1 && v <= 2.9);
}

void TestLinePlotView::nanBreaksTheLine() {
    LinePlotView view;
    view.resize(480, 300);
    view.setSeries({PlotSeries{QString(), {0, 1, 2, 3, 4, 5}, {1, 1, 1, kNaN, 1, 1}, kRed}});
    const QImage image = rendered(view);
    auto column = [&](double x) { return int(view.mapToWidget(x, 1)->x()); };
    QVERIFY(!std::isnan(rowOf(image, column(1.5), kRed)));
    QVERIFY(std::isnan(rowOf(image, column(3.0), kRed)));
    QVERIFY(!std::isnan(rowOf(image, column(4.5), kRed)));
}

void TestLinePlotView::markersAppearAtTheirX() {
    LinePlotView view;
    view.resize(480, 300);
    view.setSeries(speedSeries());
    view.setMarkers({PlotMarker{11.0, QStringLiteral("crossover k ≈ 11"), kGreen},
                     PlotMarker{100.0, QStringLiteral("off the axis"), kGreen}});
    const QImage image = rendered(view);
    saveShot(image, QStringLiteral("line_plot_markers.png"));
    const QRectF plot = view.plotRect();
    const int x = int(std::floor(view.mapToWidget(11.0, 1.0)->x()));
    // The dashed line: green pixels down the column, in the lower half (below any label).
    const QRect below(x - 1, int(plot.center().y()), 3, int(plot.height() / 2) - 2);
    QVERIFY(pixelsOf(image, below, kGreen) > below.height() / 4);
    // Nowhere else in the lower half.
    const QRect elsewhere(int(plot.left()) + 2, below.top(), x - 12 - int(plot.left()), below.height());
    QCOMPARE(pixelsOf(image, elsewhere, kGreen), 0);
    // The label at the top, right of the line.
    const QRect label(x + 2, int(plot.top()) + 1, 120, view.fontMetrics().height() + 4);
    QVERIFY(pixelsOf(image, label, kGreen) > 20);
}

void TestLinePlotView::hoverPicksNearestPoint() {
    LinePlotView view;
    view.resize(480, 300);
    view.setSeries(speedSeries());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Point 7 of series 1 (the FFT at k = 15) and a cursor 3 px off it.
    const QPointF target = *view.mapToWidget(15, 2.0 + 0.05 * 15);
    int series = -1, index = -1;
    QVERIFY(view.nearestPoint(target.toPoint() + QPoint(3, -2), &series, &index));
    QCOMPARE(series, 1);
    QCOMPARE(index, 7);
    QCOMPARE(view.pointLabel(1, 7), QStringLiteral("FFT: (15, 2.75)"));
    QVERIFY(!view.nearestPoint(QPoint(2, 2), &series, &index));

    QSignalSpy hovered(&view, &LinePlotView::pointHovered);
    QSignalSpy left(&view, &LinePlotView::left);
    QTest::mouseMove(&view, target.toPoint() + QPoint(2, 2));
    QTRY_COMPARE(hovered.count(), 1);
    QCOMPARE(hovered.first().at(0).toInt(), 1);
    QCOMPARE(hovered.first().at(1).toInt(), 7);
    // The highlighted point shows on screen, never in render().
    QVERIFY(view.grab().toImage().convertToFormat(QImage::Format_RGB32) != rendered(view));
    QTest::mouseMove(&view, QPoint(3, 3));
    QTRY_COMPARE(left.count(), 1);
}

void TestLinePlotView::legendAvoidsData() {
    LinePlotView view;
    view.resize(480, 300);
    // Rising, then level along the top up to the right edge: the legend leaves the top right corner.
    PlotSeries rising{QStringLiteral("a rather long series name"), {}, {}, kRed};
    for (int i = 0; i <= 40; ++i) {
        rising.x << i;
        rising.y << std::min(i, 24);
    }
    view.setSeries({rising});
    QVERIFY(view.legendCorner() != Qt::TopRightCorner);
    // Flat at the bottom: the preferred corner is kept.
    view.setSeries({PlotSeries{QStringLiteral("flat"), {0, 1, 2}, {0, 0, 1}, kRed}});
    view.setLegendPosition(Qt::TopLeftCorner);
    QCOMPARE(view.legendCorner(), Qt::TopLeftCorner);
}

void TestLinePlotView::manualRanges() {
    LinePlotView view;
    view.resize(480, 300);
    view.setSeries(speedSeries());
    view.setXRange(0, 40);
    view.setYRange(30, -10);  // either order
    QCOMPARE(view.xAxis().low(), 0.0);
    QCOMPARE(view.xAxis().high(), 40.0);
    QCOMPARE(view.yAxis().low(), -10.0);
    QCOMPARE(view.yAxis().high(), 30.0);
    QVERIFY(!rendered(view).isNull());  // points outside the range are clipped
    view.setAutoXRange();
    view.setAutoYRange();
    QCOMPARE(view.xAxis().low(), 1.0);
    QCOMPARE(view.xAxis().high(), 31.0);
}

void TestLinePlotView::degenerateDataPaints() {
    LinePlotView view;
    view.resize(480, 300);
    QVERIFY(!rendered(view).isNull());                                                 // nothing at all
    view.setSeries({PlotSeries{QStringLiteral("one"), {5}, {7}, kRed, false, true}});  // one point
    QVERIFY(view.mapToWidget(5, 7).has_value());
    QVERIFY(view.plotRect().contains(*view.mapToWidget(5, 7)));
    QVERIFY(!rendered(view).isNull());
    view.setSeries({PlotSeries{QStringLiteral("nan"), {kNaN, kNaN}, {kNaN, 1}, kRed}});
    QVERIFY(!rendered(view).isNull());
    view.setSeries({PlotSeries{QStringLiteral("mismatched"), {1, 2, 3}, {1}, kRed}});
    QCOMPARE(view.series().first().x.size(), 1);
    view.setLogY(true);
    view.setYRange(0, 0);
    QVERIFY(!rendered(view).isNull());
    view.clear();
    view.resize(1, 1);
    QVERIFY(!rendered(view).isNull());
}

void TestLinePlotView::textStaysInsideAtMinimumSize() {
    LinePlotView view;
    view.setSeries(speedSeries());
    view.setMarkers({PlotMarker{11.0, QStringLiteral("crossover k ≈ 11"), kGreen}});
    view.setTitle(QStringLiteral("Direct and FFT convolution time against kernel size, 512 × 512 image"));
    view.setAxisTitles(QStringLiteral("kernel size k (k × k)"), QStringLiteral("time per image (ms)"));
    for (const bool log : {false, true}) {
        view.setLogY(log);
        for (const QSize size : {view.minimumSizeHint(), view.sizeHint()}) {
            view.resize(size);
            const QImage image = rendered(view);
            saveShot(image, QStringLiteral("line_plot_%1%2x%3.png")
                                .arg(log ? "log_" : "")
                                .arg(size.width())
                                .arg(size.height()));
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    if (x >= 4 && y >= 4 && x < image.width() - 4 && y < image.height() - 4) continue;
                    QVERIFY2(image.pixel(x, y) == qRgb(255, 255, 255),
                             qPrintable(QStringLiteral("drawn into the margin at (%1, %2)").arg(x).arg(y)));
                }
            }
        }
    }
}

CONVSCOPE_TEST_MAIN(TestLinePlotView)
#include "test_line_plot_view.moc"
