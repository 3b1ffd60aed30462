// VolumeStackView: where planes and cells are drawn (each deeper plane down and to the right of the one
// before, both stacks side by side, the same cell size), the labels d=0… and "pad", and what is painted: the
// kernel's cells in orange, the cell being written in green, cells not computed yet blank, planes the step
// reads on top.
#include <QImage>
#include <QTest>
#include <cmath>

#include "tests/support/test_main.h"
#include "widgets/board/volume_stack_view.h"

using convscope::widgets::PlaneStack;
using convscope::widgets::VolumeStackView;

namespace {

PlaneStack stackOf(int d, int h, int w, double fill) {
    PlaneStack s;
    s.title = QStringLiteral("T");
    s.depth = d;
    s.height = h;
    s.width = w;
    s.values = QVector<double>(d * h * w, fill);
    return s;
}

QColor colourAt(const QImage& image, const QRectF& cell) {
    // A point near the cell's corner, away from the number written in its middle.
    return image.pixelColor((cell.topLeft() + QPointF(3, 3)).toPoint());
}

bool orange(const QColor& c) {
    return c.red() > 200 && c.green() > 110 && c.green() < 180 && c.blue() < 90;
}
bool green(const QColor& c) {
    return c.green() > 130 && c.red() < 110 && c.blue() < 120;
}

}  // namespace

class TestVolumeStackView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void geometry() {
        VolumeStackView view;
        view.resize(900, 500);
        view.setStacks(stackOf(3, 4, 4, 1.0), stackOf(1, 2, 2, 2.0));
        const QRectF p0 = view.planeRect(VolumeStackView::Input, 0);
        const QRectF p1 = view.planeRect(VolumeStackView::Input, 1);
        const QRectF p2 = view.planeRect(VolumeStackView::Input, 2);
        QVERIFY(!p0.isNull());
        // Deeper planes lie down and to the right, by the same offset, and overlap the plane before.
        QVERIFY(p1.left() > p0.left() && p1.top() > p0.top());
        QCOMPARE(p2.topLeft() - p1.topLeft(), p1.topLeft() - p0.topLeft());
        QVERIFY(p0.intersects(p1));
        // The output stack lies to the right of the whole input stack and shares the cell size.
        const QRectF out = view.planeRect(VolumeStackView::Output, 0);
        QVERIFY(out.left() > p2.right());
        QCOMPARE(view.cellRect(VolumeStackView::Output, 0, 0, 0).width(),
                 view.cellRect(VolumeStackView::Input, 0, 0, 0).width());
        QCOMPARE(view.cellRect(VolumeStackView::Input, 1, 2, 3).topLeft(),
                 p1.topLeft() + QPointF(3 * view.cellSize(), 2 * view.cellSize()));
        // Everything fits the widget.
        QVERIFY(QRectF(view.rect()).contains(p2));
        QVERIFY(view.cellRect(VolumeStackView::Input, 3, 0, 0).isNull());
        QVERIFY(view.cellRect(VolumeStackView::Input, 0, 4, 0).isNull());
        QVERIFY(view.planeRect(VolumeStackView::Output, 1).isNull());
    }

    void labels() {
        VolumeStackView view;
        PlaneStack padded = stackOf(5, 4, 4, 0.0);
        padded.padDepth = 1;
        view.setStacks(padded, stackOf(2, 2, 2, 0.0));
        QCOMPARE(view.planeLabel(VolumeStackView::Input, 0), QStringLiteral("pad"));
        QCOMPARE(view.planeLabel(VolumeStackView::Input, 1), QStringLiteral("d=0"));
        QCOMPARE(view.planeLabel(VolumeStackView::Input, 3), QStringLiteral("d=2"));
        QCOMPARE(view.planeLabel(VolumeStackView::Input, 4), QStringLiteral("pad"));
        QCOMPARE(view.planeLabel(VolumeStackView::Output, 1), QStringLiteral("d=1"));
        QVERIFY(view.planeLabel(VolumeStackView::Output, 2).isEmpty());
    }

    void paintsTheStep() {
        VolumeStackView view;
        view.resize(900, 500);
        PlaneStack input = stackOf(3, 4, 4, 0.0);
        // The kernel reads plane 0's cell (0,0) — half hidden by plane 1 in depth order — and plane 1's
        // (1,1).
        input.marked = {input.index(0, 3, 3), input.index(1, 1, 1)};
        PlaneStack output = stackOf(2, 2, 2, 5.0);
        output.values[output.index(1, 1, 1)] = std::nan("");
        output.marked = {output.index(0, 1, 0)};
        view.setStacks(input, output);
        view.setKernelBox(0, 1, 1, 3, 1, 3);
        QVERIFY(view.hasKernelBox());
        const QImage image = view.grab().toImage();
        // Plane 0's marked cell lies under plane 1 (also read by the step, so drawn in depth order): its fill
        // is hidden but its outline is drawn once more on top, through plane 1.
        const QRectF hidden = view.cellRect(VolumeStackView::Input, 0, 3, 3);
        QVERIFY(view.planeRect(VolumeStackView::Input, 1).contains(hidden));
        QVERIFY(!orange(colourAt(image, hidden)));
        const QColor edge = image.pixelColor(QPointF(hidden.center().x(), hidden.top()).toPoint());
        QVERIFY2(edge.red() > 120 && edge.red() > edge.green() + 30 && edge.green() > edge.blue() + 20,
                 qPrintable(edge.name()));
        QVERIFY(orange(colourAt(image, view.cellRect(VolumeStackView::Input, 1, 1, 1))));
        QVERIFY(!orange(colourAt(image, view.cellRect(VolumeStackView::Input, 2, 3, 3))));
        QVERIFY(green(colourAt(image, view.cellRect(VolumeStackView::Output, 0, 1, 0))));
        // Not computed yet: white, unlike the computed (tinted) cells.
        const QColor blank = colourAt(image, view.cellRect(VolumeStackView::Output, 1, 1, 1));
        const QColor done = colourAt(image, view.cellRect(VolumeStackView::Output, 1, 0, 1));
        QVERIFY2(blank.lightness() > 245, qPrintable(blank.name()));
        QVERIFY(done != blank);

        view.clearKernelBox();
        QVERIFY(!view.hasKernelBox());
    }
};

CONVSCOPE_TEST_MAIN(TestVolumeStackView)
#include "test_volume_stack_view.moc"
