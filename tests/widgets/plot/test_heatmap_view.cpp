#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/colormap.h"
#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_painter.h"
#include "widgets/plot/heatmap_view.h"

using convscope::common::Colormap;
using convscope::common::colormapTable;
using convscope::widgets::HeatmapAxis;
using convscope::widgets::HeatmapPainter;
using convscope::widgets::HeatmapScene;
using convscope::widgets::HeatmapView;

namespace {
const float kNaN = std::numeric_limits<float>::quiet_NaN();
const double kPi = 3.14159265358979323846;
const QString kMinus(QChar(0x2212));

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

// render() into an image of the widget's size and resolution, so that text is measured as on screen and the
// layout is the one cellRect() and friends describe.
QImage rendered(const HeatmapView& view) {
    QImage image(view.size(), QImage::Format_RGB32);
    image.setDotsPerMeterX(int(std::lround(view.logicalDpiX() / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(view.logicalDpiY() / 0.0254)));
    image.fill(Qt::black);
    QPainter painter(&image);
    view.render(painter, image.rect());
    return image;
}

QRgb tableColor(Colormap map, double t) {
    const auto& rgb = colormapTable(map)[size_t(std::lround(std::clamp(t, 0.0, 1.0) * 255.0))];
    return qRgb(rgb.r, rgb.g, rgb.b);
}

QRgb pixelAt(const QImage& image, const QPointF& p) {
    return image.pixel(int(std::floor(p.x())), int(std::floor(p.y())));
}

// A centred 2-D frequency grid of a 5×5 transform, −0.4..0.4 cycles per pixel: the Frequency panel's case.
HeatmapView* frequencyView(QWidget* parent = nullptr) {
    auto* view = new HeatmapView(parent);
    QVector<float> values;
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 5; ++c) values << float(r * 5 + c);
    view->setData(5, 5, values);
    view->setAxes(-0.4, 0.4, -0.4, 0.4, QStringLiteral("fx (cycles/pixel)"),
                  QStringLiteral("fy (cycles/pixel)"));
    view->setTitle(QStringLiteral("Magnitude response"));
    view->setColorBarLabel(QStringLiteral("|H|"));
    view->resize(420, 380);
    return view;
}

// True when the outer `border` pixels of `image` are all white: nothing is drawn into the margins.
bool marginsBlank(const QImage& image, int border) {
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const bool edge =
                x < border || y < border || x >= image.width() - border || y >= image.height() - border;
            if (edge && image.pixel(x, y) != qRgb(255, 255, 255)) return false;
        }
    }
    return true;
}
}  // namespace

class TestHeatmapView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pixelsMatchColormap_data();
    void pixelsMatchColormap();
    void rowZeroIsAtTheTop();
    void cellsAreSquareAndCentred();
    void cellAtRoundTrip();
    void hoverEmitsCell();
    void clickEmitsCell();
    void hoverTextAddsLines();
    void colorBarTicksSpanRange();
    void valueRangeClamps();
    void axisTicksAreRound();
    void minimumTickStepsKeepWholeSteps();
    void axisTitlesKeepIndexAxes();
    void degenerateDataPaints();
    void largeFieldIsCachedOnce();
    void textStaysInsideAtMinimumSize();
    void renderMatchesScreen();
};

void TestHeatmapView::pixelsMatchColormap_data() {
    QTest::addColumn<int>("map");
    QTest::newRow("viridis") << int(Colormap::Viridis);
    QTest::newRow("twilight") << int(Colormap::Twilight);
    QTest::newRow("coolwarm") << int(Colormap::CoolWarm);
}

void TestHeatmapView::pixelsMatchColormap() {
    QFETCH(int, map);
    HeatmapView view;
    QVector<float> values;
    for (int i = 0; i < 24; ++i) values << float(i);
    values[7] = kNaN;  // row 1, col 1
    view.setData(4, 6, values);
    view.setColormap(Colormap(map));
    view.setValueRange(0.0, 23.0);
    view.resize(420, 380);
    const QImage image = rendered(view);
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 6; ++c) {
            const QRgb expected = r * 6 + c == 7 ? HeatmapView::nanColor().rgb()
                                                 : tableColor(Colormap(map), (r * 6 + c) / 23.0);
            QCOMPARE(pixelAt(image, view.cellRect(r, c).center()), expected);
            QCOMPARE(view.colorFor(view.valueAt(r, c)).rgb(), expected);
        }
    }
}

void TestHeatmapView::rowZeroIsAtTheTop() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    QVERIFY(view->cellRect(0, 0).bottom() <= view->cellRect(1, 0).top() + 1e-9);
    QVERIFY(view->cellRect(0, 0).right() <= view->cellRect(0, 1).left() + 1e-9);
    // y of the row centres increases downwards: yMin on row 0, yMax on the last row.
    QCOMPARE(view->yOfRow(0), -0.4);
    QCOMPARE(view->yOfRow(4), 0.4);
    QCOMPARE(view->xOfCol(2), 0.0);
}

void TestHeatmapView::cellsAreSquareAndCentred() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    for (const QSize size : {QSize(420, 380), QSize(800, 300), QSize(300, 700)}) {
        view->resize(size);
        const QRectF a = view->cellRect(0, 0);
        const QRectF b = view->cellRect(4, 4);
        QCOMPARE(a.width(), a.height());
        QCOMPARE(b.width(), a.width());
        const QRectF picture = a.united(b);
        QVERIFY(picture.left() >= 0 && picture.right() <= size.width());
        // Centred: the picture's centre is within a quarter of the widget of the widget's centre.
        QVERIFY(std::abs(picture.center().x() - size.width() / 2.0) < size.width() / 4.0);
    }
    view->setKeepAspect(false);
    view->resize(800, 300);
    QVERIFY(view->cellRect(0, 0).width() > view->cellRect(0, 0).height());
}

void TestHeatmapView::cellAtRoundTrip() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    for (int r = 0; r < 5; ++r) {
        for (int c = 0; c < 5; ++c) {
            int row = -1, col = -1;
            QVERIFY(view->cellAt(view->cellRect(r, c).center().toPoint(), &row, &col));
            QCOMPARE(row, r);
            QCOMPARE(col, c);
            // The corners of a cell belong to it too.
            QVERIFY(view->cellAt(view->cellRect(r, c).topLeft().toPoint(), &row, &col));
            QCOMPARE(row, r);
            QCOMPARE(col, c);
        }
    }
    int row = -1, col = -1;
    QVERIFY(!view->cellAt(QPoint(1, 1), &row, &col));
    QVERIFY(!view->cellAt(view->cellRect(4, 4).bottomRight().toPoint() + QPoint(2, 2), &row, &col));
}

void TestHeatmapView::hoverEmitsCell() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    const QImage before = view->grab().toImage();
    QSignalSpy hovered(view.get(), &HeatmapView::hovered);
    QSignalSpy left(view.get(), &HeatmapView::left);
    QTest::mouseMove(view.get(), view->cellRect(2, 3).center().toPoint());
    QTRY_COMPARE(hovered.count(), 1);
    const QList<QVariant> args = hovered.takeFirst();
    QCOMPARE(args.at(0).toInt(), 2);
    QCOMPARE(args.at(1).toInt(), 3);
    QVERIFY(std::abs(args.at(2).toDouble() - 0.2) < 1e-12);  // x of column 3
    QVERIFY(std::abs(args.at(3).toDouble() - 0.0) < 1e-12);  // y of row 2
    QCOMPARE(args.at(4).toDouble(), 13.0);
    // Moving within the same cell says nothing new; another cell does.
    QTest::mouseMove(view.get(), view->cellRect(2, 3).center().toPoint() + QPoint(1, 1));
    QTest::mouseMove(view.get(), view->cellRect(0, 4).center().toPoint());
    QTRY_COMPARE(hovered.count(), 1);
    QCOMPARE(hovered.takeFirst().at(4).toDouble(), 4.0);
    // (No left() check here: at fractional device pixel ratios the offscreen platform sends a Leave and
    // Enter pair as the cursor moves.)
    // The hovered cell gets a crosshair and a read-out on screen, but render() (exports) never shows them.
    QVERIFY(view->grab().toImage() != before);
    const QImage exported = rendered(*view);
    const int leftBefore = int(left.count());
    QTest::mouseMove(view.get(), QPoint(2, 2));
    QTRY_COMPARE(int(left.count()), leftBefore + 1);
    QCOMPARE(view->grab().toImage(), before);
    QCOMPARE(rendered(*view), exported);
}

void TestHeatmapView::clickEmitsCell() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QSignalSpy clicked(view.get(), &HeatmapView::cellClicked);
    // A listener turns the cursor over a cell into a pointing hand; outside the image it stays an arrow.
    QTest::mouseMove(view.get(), view->cellRect(1, 4).center().toPoint());
    QTRY_COMPARE(view->cursor().shape(), Qt::PointingHandCursor);
    QTest::mouseClick(view.get(), Qt::LeftButton, {}, view->cellRect(1, 4).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toInt(), 1);
    QCOMPARE(clicked.first().at(1).toInt(), 4);
    // The cell's corners belong to it too.
    const QRect corner = view->cellRect(4, 0).toAlignedRect().adjusted(1, 1, -1, -1);
    QTest::mouseClick(view.get(), Qt::LeftButton, {}, corner.bottomRight());
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.last().at(0).toInt(), 4);
    QCOMPARE(clicked.last().at(1).toInt(), 0);
    // Another button, or a click outside the image (the title, the axes, the colour bar), opens nothing.
    QTest::mouseClick(view.get(), Qt::RightButton, {}, view->cellRect(2, 2).center().toPoint());
    QTest::mouseClick(view.get(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(clicked.count(), 2);
    QTest::mouseMove(view.get(), QPoint(2, 2));
    QTRY_COMPARE(view->cursor().shape(), Qt::ArrowCursor);
}

void TestHeatmapView::hoverTextAddsLines() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    view->setHoverText([](int row, int col) { return QStringLiteral("phase %1").arg(row * 10 + col); });
    const QStringList lines = view->hoverLabel(1, 2).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("|H|: 7"));
    QVERIFY(lines[1].contains(QStringLiteral("row 1, col 2")));
    QCOMPARE(lines[2], QStringLiteral("phase 12"));
    QVERIFY(view->hoverLabel(5, 0).isEmpty());
}

void TestHeatmapView::colorBarTicksSpanRange() {
    HeatmapView view;
    view.setData(2, 2, {-2.0f, 0.5f, kNaN, 3.0f});
    QVERIFY(view.isAutoRange());
    QCOMPARE(view.rangeLow(), -2.0);
    QCOMPARE(view.rangeHigh(), 3.0);
    const QVector<double> ticks = view.colorBarTicks();
    QCOMPARE(ticks.size(), 5);
    QCOMPARE(ticks.first(), -2.0);
    QCOMPARE(ticks.last(), 3.0);
    QCOMPARE(view.colorBarTickLabels(),
             QStringList({kMinus + QStringLiteral("2"), kMinus + QStringLiteral("0.75"),
                          QStringLiteral("0.5"), QStringLiteral("1.75"), QStringLiteral("3")}));
    view.setValueRange(-kPi, kPi);
    QCOMPARE(view.colorBarTickLabels(),
             QStringList({kMinus + QStringLiteral("3.14"), kMinus + QStringLiteral("1.57"),
                          QStringLiteral("0"), QStringLiteral("1.57"), QStringLiteral("3.14")}));
    // An almost-zero end reads as 0, not in scientific notation.
    view.setValueRange(5.172e-5, 1.0);
    QCOMPARE(view.colorBarTickLabels(),
             QStringList({QStringLiteral("0"), QStringLiteral("0.25"), QStringLiteral("0.5"),
                          QStringLiteral("0.75"), QStringLiteral("1")}));
    view.setValueRange(1e-6, 3e-6);
    QCOMPARE(view.colorBarTickLabels().at(1), QStringLiteral("1.5e") + kMinus + QStringLiteral("6"));
    view.setValueRange(0, 2e6);
    QCOMPARE(view.colorBarTickLabels().last(), QStringLiteral("2000000"));
    view.setAutoRange();
    QCOMPARE(view.rangeHigh(), 3.0);
}

void TestHeatmapView::valueRangeClamps() {
    HeatmapView view;
    view.setColormap(Colormap::Viridis);
    view.setData(1, 3, {-5.0f, 0.5f, 5.0f});
    view.setValueRange(1.0, 0.0);  // reversed ends are put in order
    QCOMPARE(view.rangeLow(), 0.0);
    QCOMPARE(view.image().pixel(0, 0), tableColor(Colormap::Viridis, 0.0));
    QCOMPARE(view.image().pixel(1, 0), tableColor(Colormap::Viridis, 0.5));
    QCOMPARE(view.image().pixel(2, 0), tableColor(Colormap::Viridis, 1.0));
}

void TestHeatmapView::minimumTickStepsKeepWholeSteps() {
    // Five training steps 5 … 25 over a wide plot: without a minimum the ticks fall on 7.5, 12.5, ….
    HeatmapView view;
    view.setData(2, 5, QVector<float>(10, 1.0f));
    view.setAxes(5.0, 25.0, 1.0, 2.0, QStringLiteral("step"), QStringLiteral("layer"));
    const QRect target(0, 0, 900, 300);
    const auto fractional = [](const QVector<double>& ticks) {
        return std::any_of(ticks.begin(), ticks.end(),
                           [](double t) { return std::abs(t - std::round(t)) > 1e-9; });
    };
    QVERIFY(fractional(HeatmapPainter::layout(view.scene(), target, nullptr).xTicks));
    view.setMinTickSteps(1.0, 1.0);
    const HeatmapPainter::Geometry g = HeatmapPainter::layout(view.scene(), target, nullptr);
    QVERIFY(!g.xTicks.isEmpty());
    QVERIFY(!fractional(g.xTicks));
    QVERIFY(!fractional(g.yTicks));
}

void TestHeatmapView::axisTicksAreRound() {
    HeatmapScene scene;
    scene.image = QImage(33, 33, QImage::Format_RGB32);
    scene.x = HeatmapAxis{33, -0.5, 1.0 / 32.0, 0.0, QStringLiteral("fx")};
    scene.y = HeatmapAxis{33, -0.5, 1.0 / 32.0, 0.0, QStringLiteral("fy")};
    scene.barLabels = {QStringLiteral("0"), QStringLiteral("1")};
    const QRect target(0, 0, 420, 380);
    const HeatmapPainter::Geometry g = HeatmapPainter::layout(scene, target, nullptr);
    // Round values symmetric about 0 (e.g. −0.5, −0.25, 0, 0.25, 0.5): a step of 1, 2, 2.5 or 5 × 10^n.
    QCOMPARE(g.xLabels.size(), g.xTicks.size());
    QVERIFY(g.xTicks.size() >= 3 && g.xTicks.size() <= 11);
    QVERIFY(g.xLabels.contains(QStringLiteral("0")));
    QCOMPARE(g.xTicks.first(), -g.xTicks.last());
    const double step = g.xTicks[1] - g.xTicks[0];
    QVERIFY(step == 0.1 || step == 0.2 || std::abs(step - 0.25) < 1e-12 || step == 0.5);
    for (int i = 1; i < g.xTicks.size(); ++i) QVERIFY(std::abs(g.xTicks[i] - g.xTicks[i - 1] - step) < 1e-12);
    for (const QString& label : g.xLabels) QVERIFY2(label.size() <= 5, qPrintable(label));
    // Tick 0 sits on the centre of the middle column (16), the first on column 0's centre.
    QCOMPARE(g.pxOfX(scene.x, 0.0), g.image.left() + 16.5 * g.cellW);
    QCOMPARE(g.pxOfX(scene.x, -0.5), g.image.left() + 0.5 * g.cellW);
    QCOMPARE(g.pyOfY(scene.y, 0.5), g.image.top() + 32.5 * g.cellH);
    // Index axes (no setAxes) never get fractional ticks.
    scene.x = HeatmapAxis{3, 0.0, 1.0, 1.0, {}};
    const HeatmapPainter::Geometry indices = HeatmapPainter::layout(scene, target, nullptr);
    for (double t : indices.xTicks) QCOMPARE(t, std::round(t));
    // Not even where a step of 2.5 would split the span best (a 28×28 feature map).
    scene.x = HeatmapAxis{28, 0.0, 1.0, 1.0, {}};
    const HeatmapPainter::Geometry wide = HeatmapPainter::layout(scene, target, nullptr);
    QVERIFY(wide.xTicks.size() >= 3);
    for (double t : wide.xTicks) QCOMPARE(t, std::round(t));
}

void TestHeatmapView::axisTitlesKeepIndexAxes() {
    HeatmapView view;
    view.setData(4, 6, QVector<float>(24, 1.0f));
    view.setAxes(-1.0, 1.0, -1.0, 1.0, QStringLiteral("fx"), QStringLiteral("fy"));
    QCOMPARE(view.xOfCol(5), 1.0);
    view.setAxisTitles(QStringLiteral("x (px)"), QStringLiteral("y (px)"));
    QCOMPARE(view.xOfCol(5), 5.0);
    QCOMPARE(view.yOfRow(3), 3.0);
    QVERIFY(view.hoverLabel(3, 5).contains(QStringLiteral("x 5, y 3")));
}

void TestHeatmapView::degenerateDataPaints() {
    HeatmapView view;
    view.resize(300, 260);
    QVERIFY(!view.grab().isNull());  // never given data
    QVERIFY(view.colorBarTicks().isEmpty());

    view.setData(1, 7, {1, 2, 3, 4, 5, 6, 7});  // a single row
    QVERIFY(!view.grab().isNull());
    QCOMPARE(view.xOfCol(6), 6.0);
    view.setAxes(-1.0, 1.0, 0.0, 0.0, {}, {});
    QCOMPARE(view.yOfRow(0), 0.0);
    QVERIFY(!view.grab().isNull());

    view.setData(9, 1, QVector<float>(9, 1.0f));  // a single column of constant data
    QCOMPARE(view.colorBarTicks(), QVector<double>({1.0}));
    QCOMPARE(view.xOfCol(0), 0.0);  // centred on (xMin + xMax) / 2
    const QImage constant = rendered(view);
    QCOMPARE(pixelAt(constant, view.cellRect(4, 0).center()), tableColor(Colormap::Viridis, 0.5));

    view.setData(3, 3, QVector<float>(9, kNaN));  // all NaN
    QVERIFY(std::isnan(view.rangeLow()));
    QVERIFY(view.colorBarTicks().isEmpty());
    const QImage nan = rendered(view);
    QCOMPARE(pixelAt(nan, view.cellRect(1, 1).center()), HeatmapView::nanColor().rgb());

    view.setData(2, 2, {1.0f});  // too short: padded with NaN
    QCOMPARE(view.valueAt(0, 0), 1.0);
    QVERIFY(std::isnan(view.valueAt(1, 1)));
    view.setData(0, 5, {});
    QCOMPARE(view.rows(), 0);
    QVERIFY(!view.grab().isNull());
    int row = 0, col = 0;
    QVERIFY(!view.cellAt(QPoint(150, 130), &row, &col));
    view.resize(1, 1);
    QVERIFY(!view.grab().isNull());
}

void TestHeatmapView::largeFieldIsCachedOnce() {
    HeatmapView view;
    const int n = 1024;
    QVector<float> values(n * n);
    for (int i = 0; i < n * n; ++i) values[i] = float((i % n) + i / n);
    view.setData(n, n, values);
    QCOMPARE(view.image().size(), QSize(n, n));
    const qint64 key = view.image().cacheKey();
    view.resize(420, 380);
    for (int i = 0; i < 3; ++i) QVERIFY(!view.grab().isNull());
    QCOMPARE(view.image().cacheKey(), key);  // painting reuses the picture
    view.setColormap(Colormap::Twilight);
    QVERIFY(view.image().cacheKey() != key);
    QCOMPARE(view.image().pixel(0, 0), tableColor(Colormap::Twilight, 0.0));
    QCOMPARE(view.image().pixel(n - 1, n - 1), tableColor(Colormap::Twilight, 1.0));
}

void TestHeatmapView::textStaysInsideAtMinimumSize() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    view->setTitle(QStringLiteral("Magnitude response of a 5 × 5 Gaussian kernel, zero-padded to 64 × 64"));
    for (const QSize size : {view->minimumSizeHint(), view->sizeHint(), QSize(900, 320)}) {
        view->resize(size);
        const QImage image = rendered(*view);
        saveShot(image, QStringLiteral("heatmap_%1x%2.png").arg(size.width()).arg(size.height()));
        QVERIFY2(marginsBlank(image, 3),
                 qPrintable(
                     QStringLiteral("drawn into the margin at %1×%2").arg(size.width()).arg(size.height())));
    }
}

void TestHeatmapView::renderMatchesScreen() {
    std::unique_ptr<HeatmapView> view(frequencyView());
    view->setColormap(Colormap::Twilight);
    const QImage screen = view->grab().toImage().convertToFormat(QImage::Format_RGB32);
    if (screen.devicePixelRatio() == 1.0) QCOMPARE(rendered(*view), screen);
    // render() paints into any rectangle of any device, e.g. an offset one.
    QImage big(900, 800, QImage::Format_RGB32);
    big.setDotsPerMeterX(int(std::lround(view->logicalDpiX() / 0.0254)));
    big.setDotsPerMeterY(int(std::lround(view->logicalDpiY() / 0.0254)));
    big.fill(Qt::black);
    QPainter painter(&big);
    view->render(painter, QRect(450, 400, 420, 380));
    painter.end();
    QCOMPARE(big.pixel(10, 10), qRgb(0, 0, 0));
    QCOMPARE(big.copy(450, 400, 420, 380), rendered(*view));
}

CONVSCOPE_TEST_MAIN(TestHeatmapView)
#include "test_heatmap_view.moc"
