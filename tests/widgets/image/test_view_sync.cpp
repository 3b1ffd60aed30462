#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <memory>

#include "tests/support/test_main.h"
#include "widgets/image/image_view.h"
#include "widgets/image/view_sync.h"

using convscope::widgets::ImageView;
using convscope::widgets::ViewSync;

namespace {
QImage testImage() {
    QImage image(100, 80, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    return image;
}

void wheel(ImageView& view, const QPointF& pos, int angle) {
    QWheelEvent event(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &event);
}
}  // namespace

class TestViewSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wheelOnOneMovesTheOthers();
    void dragFollowsAcrossDifferentSizes();
    void removedAndDeletedViewsStopFollowing();
    void noFeedbackLoop();
};

void TestViewSync::wheelOnOneMovesTheOthers() {
    ImageView a;
    ImageView b;
    ImageView c;
    a.resize(400, 300);
    b.resize(200, 200);  // views may differ in size: they share zoom and the image point at their centre
    c.resize(300, 100);
    for (ImageView* v : {&a, &b, &c}) v->setImage(testImage());
    ViewSync sync;
    sync.addView(&a);
    sync.addView(&b);
    sync.addView(&c);
    QSignalSpy bSpy(&b, &ImageView::viewChanged);
    wheel(a, QPointF(80, 60), 120);
    QCOMPARE(a.zoom(), 3.75 * 1.25);  // fit: min(400/100, 300/80), then one notch
    QCOMPARE(b.zoom(), a.zoom());
    QCOMPARE(b.center(), a.center());
    QCOMPARE(c.zoom(), a.zoom());
    QCOMPARE(c.center(), a.center());
    QCOMPARE(bSpy.count(), 0);  // followers do not report the change back
    b.zoomIn();
    QCOMPARE(a.zoom(), b.zoom());
    QCOMPARE(c.zoom(), b.zoom());
}

void TestViewSync::dragFollowsAcrossDifferentSizes() {
    ImageView a;
    ImageView b;
    a.resize(400, 300);
    b.resize(250, 250);
    a.show();
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&a));
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    a.setImage(testImage());
    b.setImage(testImage());
    ViewSync sync;
    sync.addView(&a);
    sync.addView(&b);
    b.setView(4.0, QPointF(50, 40));
    a.setView(4.0, QPointF(50, 40));
    QTest::mousePress(&b, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&b, QPoint(120, 100));
    QTest::mouseRelease(&b, Qt::LeftButton, Qt::NoModifier, QPoint(120, 100));
    QCOMPARE(b.center(), QPointF(45, 40));  // 20 px at zoom 4
    QCOMPARE(a.center(), QPointF(45, 40));
    // The same image point sits in the middle of both, whatever their sizes.
    QCOMPARE(a.widgetToImage(QPointF(200, 150)), b.widgetToImage(QPointF(125, 125)));
}

void TestViewSync::removedAndDeletedViewsStopFollowing() {
    ImageView a;
    auto b = std::make_unique<ImageView>();
    ImageView c;
    for (ImageView* v : {&a, b.get(), &c}) {
        v->resize(200, 200);
        v->setImage(testImage());
    }
    ViewSync sync;
    sync.addView(&a);
    sync.addView(b.get());
    sync.addView(&c);
    sync.addView(&c);  // adding twice is harmless
    sync.removeView(&c);
    const double cZoom = c.zoom();
    a.zoomIn();
    QCOMPARE(b->zoom(), a.zoom());
    QCOMPARE(c.zoom(), cZoom);
    b.reset();
    a.zoomIn();  // must not touch the deleted view
    c.zoomOut();
    QVERIFY(a.zoom() != c.zoom());
}

void TestViewSync::noFeedbackLoop() {
    ImageView a;
    ImageView b;
    a.resize(200, 200);
    b.resize(200, 200);
    a.setImage(testImage());
    b.setImage(testImage());
    ViewSync first;
    ViewSync second;  // two syncs over the same pair must not ping-pong either
    first.addView(&a);
    first.addView(&b);
    second.addView(&b);
    second.addView(&a);
    QSignalSpy aSpy(&a, &ImageView::viewChanged);
    QSignalSpy bSpy(&b, &ImageView::viewChanged);
    a.zoomIn();
    QCOMPARE(aSpy.count(), 1);
    QCOMPARE(bSpy.count(), 0);
    QCOMPARE(b.zoom(), a.zoom());
}

CONVSCOPE_TEST_MAIN(TestViewSync)
#include "test_view_sync.moc"
