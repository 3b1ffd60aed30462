#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <cmath>

#include "tests/support/test_main.h"
#include "widgets/image/image_view.h"

using convscope::widgets::ImageView;

namespace {
// Every pixel of the test images has its own colour, so a sampled colour says which pixel was drawn.
QImage numberedImage(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.setPixel(x, y, qRgb((x * 37) % 256, (y * 59) % 256, 100 + (x + y) % 100));
    return image;
}

void wheel(ImageView& view, const QPointF& pos, int angle) {
    QWheelEvent event(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &event);
}

// The mapping the view promises: the image point center() sits at the middle of the widget, scaled by zoom().
QPoint expectedPixel(const ImageView& view, const QPoint& widgetPos) {
    const double ix = (widgetPos.x() - view.width() / 2.0) / view.zoom() + view.center().x();
    const double iy = (widgetPos.y() - view.height() / 2.0) / view.zoom() + view.center().y();
    const int px = int(std::floor(ix));
    const int py = int(std::floor(iy));
    if (px < 0 || py < 0 || px >= view.image().width() || py >= view.image().height()) return {-1, -1};
    return {px, py};
}
}  // namespace

class TestImageView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fitsFirstImageAndStaysFitOnResize();
    void setImageKeepsViewForSameSize();
    void wheelZoomKeepsPointUnderCursor_data();
    void wheelZoomKeepsPointUnderCursor();
    void wheelZoomIsClamped();
    void dragPans();
    void zoomSlots();
    void setViewDoesNotEmit();
    void hoveredPixelMapsCoordinates_data();
    void hoveredPixelMapsCoordinates();
    void clickVersusDrag();
    void splitHandleDrag();
    void grabDrawsCrispPixels();
    void grabDrawsReducedLargeImage();
    void grabHandlesImageFormats_data();
    void grabHandlesImageFormats();
    void highlightIsDrawnOutsidePixels();
    void emptyViewIsHarmless();
};

void TestImageView::fitsFirstImageAndStaysFitOnResize() {
    ImageView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(numberedImage(200, 100));
    QVERIFY(view.fitsWindow());
    QCOMPARE(view.zoom(), 2.0);  // min(400/200, 300/100)
    QCOMPARE(view.center(), QPointF(100, 50));
    QCOMPARE(view.imageToWidget(QPointF(0, 0)), QPointF(0, 50));
    QCOMPARE(view.imageToWidget(QPointF(200, 100)), QPointF(400, 250));

    // Refitting is not a user change (no viewChanged), but the new zoom is announced for the status bar.
    QSignalSpy zooms(&view, &ImageView::zoomChanged);
    QSignalSpy views(&view, &ImageView::viewChanged);
    view.resize(800, 800);
    QCOMPARE(view.zoom(), 4.0);
    QCOMPARE(view.center(), QPointF(100, 50));
    QCOMPARE(zooms.count(), 1);
    QCOMPARE(zooms.last().at(0).toDouble(), 4.0);
    QCOMPARE(views.count(), 0);

    view.zoomIn();
    QVERIFY(!view.fitsWindow());
    QCOMPARE(zooms.last().at(0).toDouble(), view.zoom());
    const double zoom = view.zoom();
    const int announced = zooms.count();
    view.resize(600, 500);
    QCOMPARE(view.zoom(), zoom);
    QCOMPARE(zooms.count(), announced);  // an unchanged zoom is not announced again
}

void TestImageView::setImageKeepsViewForSameSize() {
    ImageView view;
    view.resize(400, 300);
    view.setImage(numberedImage(200, 100));
    view.setView(5.0, QPointF(30, 40));
    view.setImage(numberedImage(200, 100));
    QCOMPARE(view.zoom(), 5.0);
    QCOMPARE(view.center(), QPointF(30, 40));
    view.setImage(numberedImage(50, 100));  // a new size is fitted
    QVERIFY(view.fitsWindow());
    QCOMPARE(view.zoom(), 3.0);  // min(400/50, 300/100)
    QCOMPARE(view.center(), QPointF(25, 50));
}

void TestImageView::wheelZoomKeepsPointUnderCursor_data() {
    QTest::addColumn<QPointF>("pos");
    QTest::addColumn<int>("angle");
    QTest::addColumn<double>("factor");
    QTest::newRow("in, off centre") << QPointF(123, 77) << 120 << 1.25;
    QTest::newRow("in, two notches") << QPointF(300, 220) << 240 << 1.25 * 1.25;
    QTest::newRow("out") << QPointF(123, 77) << -120 << 1 / 1.25;
    QTest::newRow("half notch") << QPointF(10, 150) << 60 << std::sqrt(1.25);
}

void TestImageView::wheelZoomKeepsPointUnderCursor() {
    QFETCH(QPointF, pos);
    QFETCH(int, angle);
    QFETCH(double, factor);
    ImageView view;
    view.resize(400, 300);
    view.setImage(numberedImage(200, 100));
    QSignalSpy spy(&view, &ImageView::viewChanged);
    const double zoom = view.zoom();
    const QPointF before = view.widgetToImage(pos);
    wheel(view, pos, angle);
    QCOMPARE(spy.count(), 1);
    QVERIFY(qFuzzyCompare(view.zoom(), zoom * factor));
    const QPointF after = view.widgetToImage(pos);
    QVERIFY2(std::abs(after.x() - before.x()) < 1e-9 && std::abs(after.y() - before.y()) < 1e-9,
             qPrintable(QStringLiteral("moved from %1,%2 to %3,%4")
                            .arg(before.x())
                            .arg(before.y())
                            .arg(after.x())
                            .arg(after.y())));
    QCOMPARE(spy.last().at(0).toDouble(), view.zoom());
    QCOMPARE(spy.last().at(1).toPointF(), view.center());
    QVERIFY(!view.fitsWindow());
}

void TestImageView::wheelZoomIsClamped() {
    ImageView view;
    view.resize(400, 300);
    view.setImage(numberedImage(200, 100));
    for (int i = 0; i < 40; ++i) wheel(view, QPointF(200, 150), 120);
    QCOMPARE(view.zoom(), ImageView::kMaxZoom);
    for (int i = 0; i < 80; ++i) wheel(view, QPointF(200, 150), -120);
    QCOMPARE(view.zoom(), ImageView::kMinZoom);
}

void TestImageView::dragPans() {
    ImageView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(numberedImage(200, 100));
    view.setView(4.0, QPointF(100, 50));
    QSignalSpy viewSpy(&view, &ImageView::viewChanged);
    QSignalSpy clickSpy(&view, &ImageView::clickedPixel);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 150));
    QTest::mouseMove(&view, QPoint(230, 160));
    QTest::mouseMove(&view, QPoint(240, 170));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(240, 170));
    // The image follows the cursor: 40 px right and 20 px down at zoom 4 is 10 and 5 image pixels.
    QCOMPARE(view.center(), QPointF(90, 45));
    QVERIFY(viewSpy.count() >= 1);
    QCOMPARE(viewSpy.last().at(1).toPointF(), QPointF(90, 45));
    QCOMPARE(clickSpy.count(), 0);
}

void TestImageView::zoomSlots() {
    ImageView view;
    view.resize(400, 300);
    view.setImage(numberedImage(200, 100));
    QSignalSpy spy(&view, &ImageView::viewChanged);
    view.setView(2.0, QPointF(60, 30));
    view.zoomIn();
    QCOMPARE(view.zoom(), 2.5);
    QCOMPARE(view.center(), QPointF(60, 30));  // around the centre of the view
    view.zoomOut();
    QCOMPARE(view.zoom(), 2.0);
    QCOMPARE(view.center(), QPointF(60, 30));
    view.zoomActualSize();
    QCOMPARE(view.zoom(), 1.0);
    QVERIFY(!view.fitsWindow());
    view.zoomToFit();
    QVERIFY(view.fitsWindow());
    QCOMPARE(view.zoom(), 2.0);
    QCOMPARE(view.center(), QPointF(100, 50));
    QCOMPARE(spy.count(), 4);
}

void TestImageView::setViewDoesNotEmit() {
    ImageView view;
    view.resize(400, 300);
    view.setImage(numberedImage(200, 100));
    QSignalSpy spy(&view, &ImageView::viewChanged);
    view.setView(3.0, QPointF(10, 20));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(view.zoom(), 3.0);
    QCOMPARE(view.center(), QPointF(10, 20));
    view.setView(1000.0, QPointF(-50, 500));  // clamped: zoom to the maximum, centre onto the image
    QCOMPARE(view.zoom(), ImageView::kMaxZoom);
    QCOMPARE(view.center(), QPointF(0, 100));
}

void TestImageView::hoveredPixelMapsCoordinates_data() {
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("center");
    QTest::newRow("fit-like 2x") << 2.0 << QPointF(100, 50);
    QTest::newRow("actual size") << 1.0 << QPointF(37.5, 20.25);
    QTest::newRow("reduced") << 0.5 << QPointF(100, 50);
    QTest::newRow("magnified 7.5x") << 7.5 << QPointF(12.3, 88.8);
    QTest::newRow("magnified 30x") << 30.0 << QPointF(199, 1);
}

void TestImageView::hoveredPixelMapsCoordinates() {
    QFETCH(double, zoom);
    QFETCH(QPointF, center);
    ImageView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(numberedImage(200, 100));
    view.setView(zoom, center);
    QSignalSpy spy(&view, &ImageView::hoveredPixel);
    QPoint last(-1, -1);
    const QPoint points[] = {{1, 1},     {13, 17},  {199, 149}, {200, 150},
                             {201, 151}, {287, 33}, {350, 260}, {398, 298}};
    for (const QPoint& p : points) {
        const int before = spy.count();
        QTest::mouseMove(&view, p);
        const QPoint expected = expectedPixel(view, p);
        if (expected != last) {
            QCOMPARE(spy.count(), before + 1);
            QCOMPARE(spy.last().at(0).toPoint(), expected);
        } else {
            QCOMPARE(spy.count(), before);  // only changes are reported
        }
        last = expected;
    }
    if (last != QPoint(-1, -1)) {
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&view, &leave);
        QCOMPARE(spy.last().at(0).toPoint(), QPoint(-1, -1));
    }
}

void TestImageView::clickVersusDrag() {
    ImageView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(numberedImage(200, 100));
    view.setView(4.0, QPointF(100, 50));
    QSignalSpy clicks(&view, &ImageView::clickedPixel);
    QSignalSpy views(&view, &ImageView::viewChanged);

    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(210, 141));
    QCOMPARE(clicks.count(), 1);
    QCOMPARE(clicks.last().at(0).toPoint(), QPoint(102, 47));  // (210-200)/4+100, (141-150)/4+50

    // A little jitter is still a click and does not pan.
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(102, 101));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(102, 101));
    QCOMPARE(clicks.count(), 2);
    QCOMPARE(clicks.last().at(0).toPoint(), expectedPixel(view, QPoint(102, 101)));
    QCOMPARE(views.count(), 0);

    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(110, 100));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(110, 100));
    QCOMPARE(clicks.count(), 2);
    QVERIFY(views.count() > 0);
}

void TestImageView::splitHandleDrag() {
    ImageView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setImage(numberedImage(200, 100));
    view.setSecondaryImage(numberedImage(200, 100));
    view.setSplitEnabled(true);
    view.setSplitPosition(0.5);
    const QPointF center = view.center();
    QSignalSpy spy(&view, &ImageView::splitPositionChanged);

    QTest::mouseMove(&view, QPoint(202, 100));
    QCOMPARE(view.cursor().shape(), Qt::SplitHCursor);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(202, 100));
    QTest::mouseMove(&view, QPoint(250, 120));
    QTest::mouseMove(&view, QPoint(300, 140));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 140));
    QCOMPARE(view.splitPosition(), 0.75);
    QVERIFY(spy.count() >= 1);
    QCOMPARE(spy.last().at(0).toDouble(), 0.75);
    QCOMPARE(view.center(), center);  // dragging the divider does not pan

    QTest::mouseMove(&view, QPoint(100, 100));
    QVERIFY(view.cursor().shape() != Qt::SplitHCursor);
    view.setSplitPosition(0.25);  // programmatic changes are not user actions
    QCOMPARE(spy.count(), 2);
    QCOMPARE(view.splitPosition(), 0.25);
}

void TestImageView::grabDrawsCrispPixels() {
    ImageView view;
    view.setMinimumSize(0, 0);
    view.resize(40, 40);
    const QRgb colors[2][2] = {{qRgb(255, 0, 0), qRgb(0, 255, 0)}, {qRgb(0, 0, 255), qRgb(255, 255, 0)}};
    QImage image(2, 2, QImage::Format_RGB32);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 2; ++x) image.setPixel(x, y, colors[y][x]);
    view.setImage(image);
    view.setView(10.0, QPointF(1, 1));  // the image covers widget pixels 10..29 in both directions
    const QImage grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(grab.size(), QSize(40, 40));
    for (int py = 0; py < 2; ++py) {
        for (int px = 0; px < 2; ++px) {
            // Every device pixel of a 10x10 block has exactly the source colour: no smoothing.
            for (int dy = 0; dy < 10; ++dy) {
                for (int dx = 0; dx < 10; ++dx) {
                    const QRgb got = grab.pixel(10 + px * 10 + dx, 10 + py * 10 + dy);
                    QVERIFY2(got == colors[py][px],
                             qPrintable(QStringLiteral("pixel %1,%2 of block %3,%4 is %5")
                                            .arg(dx)
                                            .arg(dy)
                                            .arg(px)
                                            .arg(py)
                                            .arg(got, 8, 16)));
                }
            }
        }
    }
    const QRgb outside = grab.pixel(3, 3);
    for (const auto& row : colors)
        for (QRgb c : row) QVERIFY(outside != c);
    QCOMPARE(grab.pixel(35, 35), outside);
}

void TestImageView::grabDrawsReducedLargeImage() {
    ImageView view;
    view.resize(300, 200);
    QImage image(3000, 2000, QImage::Format_RGB32);
    image.fill(qRgb(200, 30, 30));
    for (int y = 0; y < 2000; ++y)
        std::fill_n(reinterpret_cast<QRgb*>(image.scanLine(y)) + 1500, 1500, qRgb(20, 40, 220));
    view.setImage(image);
    QCOMPARE(view.zoom(), 0.1);
    const QImage grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(grab.pixel(75, 100), qRgb(200, 30, 30));
    QCOMPARE(grab.pixel(225, 100), qRgb(20, 40, 220));
    QCOMPARE(grab.pixel(140, 190), qRgb(200, 30, 30));
}

void TestImageView::grabHandlesImageFormats_data() {
    QTest::addColumn<int>("format");
    QTest::newRow("RGB32") << int(QImage::Format_RGB32);
    QTest::newRow("RGB888") << int(QImage::Format_RGB888);
    QTest::newRow("Grayscale8") << int(QImage::Format_Grayscale8);
    QTest::newRow("ARGB32") << int(QImage::Format_ARGB32);
    QTest::newRow("Indexed8") << int(QImage::Format_Indexed8);
}

void TestImageView::grabHandlesImageFormats() {
    QFETCH(int, format);
    // Left half one grey, right half another: exact at 10x (nearest) and at 1/8 (reduced through the
    // pyramid).
    QImage source(64, 64, QImage::Format_RGB32);
    source.fill(qRgb(60, 60, 60));
    for (int y = 0; y < 64; ++y)
        std::fill_n(reinterpret_cast<QRgb*>(source.scanLine(y)) + 32, 32, qRgb(190, 190, 190));
    const QImage image = source.convertToFormat(QImage::Format(format));
    ImageView view;
    view.setMinimumSize(0, 0);
    view.resize(80, 80);
    view.setImage(image);
    view.setView(10.0, QPointF(32, 32));  // pixels 28..35 fill the view
    QImage grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(grab.pixel(5, 40), qRgb(60, 60, 60));
    QCOMPARE(grab.pixel(39, 40), qRgb(60, 60, 60));
    QCOMPARE(grab.pixel(40, 40), qRgb(190, 190, 190));
    QCOMPARE(grab.pixel(75, 40), qRgb(190, 190, 190));
    view.setView(0.125, QPointF(32, 32));  // the 64 px image covers widget pixels 36..43
    grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(grab.pixel(37, 40), qRgb(60, 60, 60));
    QCOMPARE(grab.pixel(42, 40), qRgb(190, 190, 190));
}

void TestImageView::highlightIsDrawnOutsidePixels() {
    ImageView view;
    view.setMinimumSize(0, 0);
    view.resize(40, 40);
    QImage image(2, 2, QImage::Format_RGB32);
    image.fill(qRgb(0, 0, 255));
    view.setImage(image);
    view.setView(10.0, QPointF(1, 1));
    view.setHighlight(QRect(0, 0, 1, 1));  // widget pixels 10..19
    const QImage grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(grab.pixel(9, 15), qRgb(255, 214, 0));  // the 2 px outline just outside the pixel
    QCOMPARE(grab.pixel(8, 15), qRgb(255, 214, 0));
    QCOMPARE(grab.pixel(15, 15), qRgb(0, 0, 255));  // the pixel itself stays visible
    QCOMPARE(grab.pixel(25, 25), qRgb(0, 0, 255));
    view.setHighlight(QRect());
    QCOMPARE(view.grab().toImage().convertToFormat(QImage::Format_RGB32).pixel(9, 15), grab.pixel(35, 35));
}

void TestImageView::emptyViewIsHarmless() {
    ImageView view;
    view.resize(200, 100);
    view.setPlaceholderText(QStringLiteral("Open an image to start"));
    QSignalSpy spy(&view, &ImageView::viewChanged);
    view.zoomIn();
    view.zoomOut();
    view.zoomToFit();
    view.zoomActualSize();
    wheel(view, QPointF(50, 50), 120);
    QCOMPARE(spy.count(), 0);
    const QImage withText = view.grab().toImage();
    view.setPlaceholderText(QString());
    const QImage blank = view.grab().toImage();
    QVERIFY(!withText.isNull());
    QVERIFY(withText != blank);  // the placeholder is drawn
    view.setImage(numberedImage(4, 4));
    view.setImage(QImage());  // back to empty
    QVERIFY(view.image().isNull());
    view.grab();
}

CONVSCOPE_TEST_MAIN(TestImageView)
#include "test_image_view.moc"
