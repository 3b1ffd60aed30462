#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "tests/support/test_main.h"
#include "widgets/board/receptive_field_view.h"

using convscope::widgets::FieldLevel;
using convscope::widgets::ReceptiveFieldView;

namespace {
// `layers` 3x3 stride-1 convolutions with padding `pad` on an `inputSize`-unit input, the cone of top unit
// `selected` worked out by hand: each layer widens the span by one unit on each side.
QVector<FieldLevel> threeByThreeStack(int inputSize, int layers, int pad, int selected) {
    QVector<FieldLevel> levels;
    int size = inputSize;
    QVector<int> sizes{size};
    for (int l = 0; l < layers; ++l) sizes << (size = size + 2 * pad - 2);
    for (int l = 0; l <= layers; ++l) {
        FieldLevel level;
        level.name =
            l == 0 ? QStringLiteral("input %1").arg(inputSize) : QStringLiteral("conv%1 3×3 s1").arg(l);
        level.size = sizes[l];
        const int depth = layers - l;  // layers between this level and the top
        // Unit u of level l+1 reads units u − pad .. u − pad + 2 of level l.
        level.first = selected - depth * pad;
        level.last = selected - depth * pad + 2 * depth;
        level.receptiveField = 1 + 2 * l;
        levels << level;
    }
    return levels;
}

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

QPoint inside(const QRectF& cell) {
    return (cell.topLeft() + QPointF(cell.width() * 0.2, cell.height() * 0.25)).toPoint();
}
}  // namespace

class TestReceptiveFieldView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void clickTopUnitEmitsIt();
    void selectionAndSpanArePainted();
    void paddingPositionsAreDrawnOutsideTheRow();
    void longRowsAreScaled();
    void emptyAndBadLevels();
};

void TestReceptiveFieldView::clickTopUnitEmitsIt() {
    ReceptiveFieldView view;
    view.setLevels(threeByThreeStack(16, 3, 0, 4), 4);
    view.resize(700, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &ReceptiveFieldView::unitClicked);
    const int top = 3;
    for (int unit = 0; unit < 10; ++unit) {
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.unitRect(top, unit).center().toPoint());
        QCOMPARE(spy.count(), unit + 1);
        QCOMPARE(spy.last().at(0).toInt(), unit);
    }
    // Lower rows, the space left and right of the top row and other buttons select nothing.
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.unitRect(0, 5).center().toPoint());
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.unitRect(top, -1).center().toPoint());
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.unitRect(top, 10).center().toPoint());
    QTest::mouseClick(&view, Qt::RightButton, Qt::NoModifier, view.unitRect(top, 3).center().toPoint());
    QCOMPARE(spy.count(), 10);
    QCOMPARE(view.selectedUnit(), 4);  // the view reports clicks; the application decides the selection
}

void TestReceptiveFieldView::selectionAndSpanArePainted() {
    ReceptiveFieldView view;
    view.setLevels(threeByThreeStack(16, 3, 0, 4), 4);
    view.resize(700, 320);
    const QImage image = view.grab().toImage();
    saveShot(image, QStringLiteral("receptive_field_3conv_16.png"));
    const QRgb selected = image.pixel(inside(view.unitRect(3, 4)));
    const QRgb otherTop = image.pixel(inside(view.unitRect(3, 0)));
    const QRgb inSpan = image.pixel(inside(view.unitRect(0, 4)));  // input units 4..10 feed top unit 4
    const QRgb inSpanEnd = image.pixel(inside(view.unitRect(0, 10)));
    const QRgb outside = image.pixel(inside(view.unitRect(0, 11)));
    QVERIFY(selected != otherTop);
    QVERIFY(selected != inSpan);
    QCOMPARE(inSpanEnd, inSpan);
    QVERIFY(inSpan != outside);
    QCOMPARE(image.pixel(inside(view.unitRect(0, 3))), outside);
    // Levels stack bottom-up: the input row is lowest.
    QVERIFY(view.unitRect(0, 0).top() > view.unitRect(1, 0).bottom());
    QVERIFY(view.unitRect(3, 0).bottom() < view.unitRect(2, 0).top());
}

void TestReceptiveFieldView::paddingPositionsAreDrawnOutsideTheRow() {
    ReceptiveFieldView view;
    const QVector<FieldLevel> levels = threeByThreeStack(16, 3, 1, 0);  // spans reach −3 on the input
    QCOMPARE(levels[0].first, -3);
    QCOMPARE(levels[0].size, 16);
    view.setLevels(levels, 0);
    view.resize(700, 320);
    const QImage image = view.grab().toImage();
    saveShot(image, QStringLiteral("receptive_field_padded.png"));
    const QRectF padding = view.unitRect(0, -2);
    const QRectF first = view.unitRect(0, 0);
    QVERIFY(padding.right() <= first.left() + 0.5);
    // A padding position is an empty dashed cell, not a unit of the span.
    QVERIFY(image.pixel(inside(padding)) != image.pixel(inside(first)));
}

void TestReceptiveFieldView::longRowsAreScaled() {
    ReceptiveFieldView view;
    QVector<FieldLevel> levels = threeByThreeStack(224, 3, 1, 100);
    view.setLevels(levels, 100);
    view.resize(800, 300);
    const QImage image = view.grab().toImage();
    saveShot(image, QStringLiteral("receptive_field_224.png"));
    const QRectF unit = view.unitRect(3, 100);
    QVERIFY(unit.width() < 4.0);
    QVERIFY(view.unitRect(0, 0).left() >= 0 && view.unitRect(0, 223).right() <= view.width());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &ReceptiveFieldView::unitClicked);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, unit.center().toPoint());
    QCOMPARE(spy.count(), 1);
    QVERIFY(std::abs(spy.at(0).at(0).toInt() - 100) <= 1);

    // Very long rows (one pixel is many units) still paint.
    levels = threeByThreeStack(20000, 2, 1, 5000);
    view.setLevels(levels, 5000);
    QVERIFY(!view.grab().toImage().isNull());
}

void TestReceptiveFieldView::emptyAndBadLevels() {
    ReceptiveFieldView view;
    view.resize(400, 200);
    view.setLevels({}, 0);
    QVERIFY(!view.grab().toImage().isNull());
    QVERIFY(view.unitRect(0, 0).isNull());
    QVector<FieldLevel> levels(2);
    levels[0].size = 0;  // dropped
    levels[1].size = 5;
    levels[1].first = 9;  // an inverted span: no cone, no crash
    levels[1].last = 2;
    view.setLevels(levels, 42);
    QCOMPARE(view.levels().size(), 1);
    QVERIFY(!view.grab().toImage().isNull());
}

CONVSCOPE_TEST_MAIN(TestReceptiveFieldView)
#include "test_receptive_field_view.moc"
