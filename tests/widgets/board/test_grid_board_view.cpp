#include <QDir>
#include <QElapsedTimer>
#include <QPainter>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "tests/widgets/board/grid_board_fixtures.h"
#include "widgets/board/grid_board_layout.h"
#include "widgets/board/grid_board_painter.h"
#include "widgets/board/grid_board_view.h"

using namespace convscope::widgets;
using namespace convscope::widgets::testing;

namespace {
QSet<QRgb> colorsIn(const QImage& image, const QRect& rect) {
    QSet<QRgb> colors;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) colors.insert(image.pixel(x, y));
    return colors;
}

QImage renderFrame(const GridBoardFrame& frame, const QSize& size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    GridBoardPainter::paint(painter, image.rect(), frame);
    return image;
}

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

// A point inside a cell away from its centred text and from outlines drawn along its edges.
QPoint quarterPoint(const QRect& cell) {
    return cell.topLeft() + QPoint(cell.width() / 4, cell.height() / 4);
}
}  // namespace

class TestGridBoardView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cellAtRoundTrip_data();
    void cellAtRoundTrip();
    void planesFollowLayoutRows();
    void besideRowsPlaneSitsRightOfTheRows();
    void nanCellsPaintEmpty();
    void paddedAndWindowCellsLookDifferent();
    void dilationHolesLookDifferent();
    void valuesPrintedOnlyWhenCellsAreLarge();
    void largeFrameRenders();
    void preferredSizeIsBounded();
    void toolTipNamesCell();
    void clickEmitsCell();
    void paintsFromWorkerThread();
    void repaintIsThrottled();
    void badPlanesDoNotCrash();
};

void TestGridBoardView::cellAtRoundTrip_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dilation");
    QTest::newRow("preferred") << QSize() << 1;
    QTest::newRow("wide 1200x500") << QSize(1200, 500) << 1;
    QTest::newRow("narrow 420x700") << QSize(420, 700) << 1;
    QTest::newRow("small 330x260") << QSize(330, 260) << 1;
    QTest::newRow("tiny 200x150") << QSize(200, 150) << 1;
    QTest::newRow("dilated preferred") << QSize() << 2;
}

void TestGridBoardView::cellAtRoundTrip() {
    QFETCH(QSize, size);
    QFETCH(int, dilation);
    const GridBoardFrame frame = seedFrame(1, 1, dilation);
    if (size.isEmpty()) size = GridBoardPainter::preferredSize(frame);
    const QRect rect(QPoint(7, 5), size);  // an offset rectangle: layout must not assume (0, 0)
    int cellSide = -1;
    for (int p = 0; p < frame.planes.size(); ++p) {
        for (int r = 0; r < frame.planes[p].rows; ++r) {
            for (int c = 0; c < frame.planes[p].cols; ++c) {
                const QRect cell = GridBoardPainter::cellRect(rect, frame, p, r, c);
                QVERIFY(!cell.isEmpty());
                QVERIFY(rect.contains(cell));    // too little room scales the board down, never clips it
                if (cell.width() < 3) continue;  // scaled below a pixel a cell: no centre to click
                QCOMPARE(cell.width(), cell.height());
                if (cellSide < 0) cellSide = cell.width();
                QCOMPARE(cell.width(), cellSide);  // one cell size for every plane
                int hp = -1, hr = -1, hc = -1;
                QVERIFY(GridBoardPainter::cellAt(rect, frame, cell.center(), &hp, &hr, &hc));
                QCOMPARE(hp, p);
                QCOMPARE(hr, r);
                QCOMPARE(hc, c);
            }
        }
    }
    QVERIFY(cellSide <= 56);
    saveShot(renderFrame(frame, size),
             QStringLiteral("grid_board_%1x%2_d%3.png").arg(size.width()).arg(size.height()).arg(dilation));
    QVERIFY(!GridBoardPainter::cellAt(rect, frame, rect.topLeft(), nullptr, nullptr, nullptr));
    QVERIFY(GridBoardPainter::cellRect(rect, frame, 1, 3, 0).isNull());
    QVERIFY(GridBoardPainter::cellRect(rect, frame, 9, 0, 0).isNull());
}

void TestGridBoardView::planesFollowLayoutRows() {
    const GridBoardFrame frame = seedFrame(1, 1);
    const QRect rect(QPoint(0, 0), GridBoardPainter::preferredSize(frame));
    QVERIFY(rect.width() <= 4000 && rect.height() <= 4000);
    const QRect in = GridBoardPainter::cellRect(rect, frame, 0, 7, 7);
    const QRect kernel = GridBoardPainter::cellRect(rect, frame, 1, 0, 0);
    const QRect products = GridBoardPainter::cellRect(rect, frame, 2, 0, 0);
    const QRect out = GridBoardPainter::cellRect(rect, frame, 3, 0, 0);
    QVERIFY(in.right() < kernel.left());
    QVERIFY(kernel.right() < products.left());
    QVERIFY(out.top() > in.bottom());  // layout row 1 below row 0
    // At the preferred size every value is readable: cells of about 40 px.
    QVERIFY2(in.width() >= 36, qPrintable(QString::number(in.width())));
    // Row 1 is centred: the output's middle lies near the board's middle.
    const QRect outLast = GridBoardPainter::cellRect(rect, frame, 3, 5, 5);
    QVERIFY(std::abs((out.left() + outLast.right()) / 2 - rect.center().x()) <= 30);
}

// A multi-channel step: three channel rows and the output beside them (the layout the panel uses for
// Y = Σ_c X_c ⊙ W_c + b).
void TestGridBoardView::besideRowsPlaneSitsRightOfTheRows() {
    GridBoardFrame frame = largeFrame(12);
    GridPlane& out = frame.planes.last();
    out.rows = out.cols = 6;
    out.values.resize(36);
    out.besideRows = true;
    out.operatorBefore = QStringLiteral("Σ →");
    const QRect rect(0, 0, 1200, 700);
    const GridBoardLayout layout = GridBoardLayout::compute(rect, frame);
    const QRect side = layout.planes.last().grid;
    int rowsRight = 0, rowsTop = rect.bottom(), rowsBottom = 0;
    for (int i = 0; i + 1 < frame.planes.size(); ++i) {
        const QRect g = layout.planes[i].grid;
        rowsRight = std::max(rowsRight, g.right());
        rowsTop = std::min(rowsTop, g.top());
        rowsBottom = std::max(rowsBottom, g.bottom());
    }
    QVERIFY2(side.left() > rowsRight, "the output is right of every row");
    QVERIFY(side.top() > rowsTop && side.bottom() < rowsBottom);
    QVERIFY2(std::abs(side.center().y() - (rowsTop + rowsBottom) / 2) <= 40, "vertically centred");
    QVERIFY(rect.contains(side));
    // The operator sits in the gap between the rows and the output.
    const QRectF op = layout.planes.last().operatorBeforeBox;
    QVERIFY(!op.isNull());
    QVERIFY(op.left() >= rowsRight && op.right() <= side.left() + 1);
    // Hit testing agrees with the layout.
    int plane = -1, row = -1, col = -1;
    QVERIFY(GridBoardPainter::cellAt(rect, frame, side.topLeft() + QPoint(layout.cell + 1, 1), &plane, &row,
                                     &col));
    QCOMPARE(plane, frame.planes.size() - 1);
    QCOMPARE(row, 0);
    QCOMPARE(col, 1);
    // With three rows and no fourth output row, the cells are larger than with the output below.
    GridBoardFrame below = frame;
    below.planes.last().besideRows = false;
    QVERIFY(layout.cell > GridBoardLayout::compute(rect, below).cell);
}

void TestGridBoardView::nanCellsPaintEmpty() {
    const GridBoardFrame frame = seedFrame(1, 1);
    const QSize size = GridBoardPainter::preferredSize(frame);
    const QImage image = renderFrame(frame, size);
    saveShot(image, QStringLiteral("grid_board_step8.png"));
    const QRect rect(QPoint(0, 0), size);
    // Output (5, 5) is not computed yet: its inside is the empty colour only, no text.
    const QRect empty = GridBoardPainter::cellRect(rect, frame, 3, 5, 5).adjusted(3, 3, -3, -3);
    const QSet<QRgb> emptyColors = colorsIn(image, empty);
    QCOMPARE(emptyColors.size(), 1);
    const QRgb emptyColor = *emptyColors.begin();
    QVERIFY(qGray(emptyColor) >= 245);
    // Output (0, 0) is computed: a tint and its printed value.
    const QRect filled = GridBoardPainter::cellRect(rect, frame, 3, 0, 0);
    QVERIFY(image.pixel(quarterPoint(filled)) != emptyColor);
    QVERIFY(colorsIn(image, filled.adjusted(3, 3, -3, -3)).size() > 2);
}

void TestGridBoardView::paddedAndWindowCellsLookDifferent() {
    const GridBoardFrame frame = seedFrame(1, 1);
    const QSize size = GridBoardPainter::preferredSize(frame);
    const QImage image = renderFrame(frame, size);
    const QRect rect(QPoint(0, 0), size);
    // Input plane: padded corner (0, 7), window's top edge cell (1, 2) = value 2, plain cell (6, 6) =
    // value 36.
    const QRect padded = GridBoardPainter::cellRect(rect, frame, 0, 0, 7).adjusted(3, 3, -3, -3);
    const QRect window = GridBoardPainter::cellRect(rect, frame, 0, 1, 2);
    const QRect plain = GridBoardPainter::cellRect(rect, frame, 0, 6, 6);
    const QRect plainLow = GridBoardPainter::cellRect(rect, frame, 0, 5, 1);  // value 25, not in the window
    const QSet<QRgb> paddedColors = colorsIn(image, padded);
    QVERIFY(paddedColors.size() >= 2);  // hatching, not a flat fill
    int grey = 0;
    for (QRgb c : paddedColors) grey += qRed(c) == qGreen(c) && qGreen(c) == qBlue(c);
    QCOMPARE(grey, int(paddedColors.size()));  // padding is neutral grey, never tinted
    const QRgb plainFill = image.pixel(quarterPoint(plain));
    QVERIFY(!(qRed(plainFill) == qGreen(plainFill) && qGreen(plainFill) == qBlue(plainFill)));
    QVERIFY(!paddedColors.contains(plainFill));
    // Tints follow the value: 36 is darker than 25.
    QVERIFY(qGray(plainFill) < qGray(image.pixel(quarterPoint(plainLow))));
    // The window is outlined in a strong warm colour: its top edge is, a plain (blue-tinted) cell's edge is
    // not.
    auto accent = [&](const QPoint& p) {
        const QColor c(image.pixel(p));
        return c.hsvSaturation() > 200 && c.hsvHue() >= 0 && c.hsvHue() <= 50;
    };
    QVERIFY(accent(window.topLeft() + QPoint(window.width() / 2, 0)));
    QVERIFY(!accent(plain.topLeft() + QPoint(plain.width() / 2, 0)));
    // ... and only around the window: the edge between two window cells keeps its grid line.
    const QRect inner = GridBoardPainter::cellRect(rect, frame, 0, 2, 2);
    QVERIFY(!accent(inner.topLeft() + QPoint(inner.width() / 2, 0)));
    // The current output cell has a thick outline (several pixels into the cell), a computed cell none.
    const QRect current = GridBoardPainter::cellRect(rect, frame, 3, 1, 1);
    const QRect done = GridBoardPainter::cellRect(rect, frame, 3, 0, 3);
    for (int dx = 0; dx <= 2; ++dx) QVERIFY(accent(QPoint(current.left() + dx, current.center().y())));
    QVERIFY(!accent(QPoint(done.left() + 2, done.center().y())));
}

void TestGridBoardView::dilationHolesLookDifferent() {
    const GridBoardFrame frame = seedFrame(1, 1, 2);
    const QSize size = GridBoardPainter::preferredSize(frame);
    const QImage image = renderFrame(frame, size);
    saveShot(image, QStringLiteral("grid_board_dilated.png"));
    const QRect rect(QPoint(0, 0), size);
    // Padded input 10x10: the window's taps at (1,1), (1,3), (3,3) ...; holes at (1,2), (2,2) ...
    const QRgb tap = image.pixel(quarterPoint(GridBoardPainter::cellRect(rect, frame, 0, 3, 3)));
    const QRgb hole = image.pixel(quarterPoint(GridBoardPainter::cellRect(rect, frame, 0, 3, 4)));
    const QRgb plain = image.pixel(quarterPoint(GridBoardPainter::cellRect(rect, frame, 0, 7, 4)));
    QVERIFY(tap != hole);
    QVERIFY(hole != plain);
    QVERIFY(tap != plain);
}

void TestGridBoardView::valuesPrintedOnlyWhenCellsAreLarge() {
    GridBoardFrame frame;
    GridPlane plane;
    plane.title = QStringLiteral("Big");
    plane.rows = plane.cols = 40;
    for (int i = 0; i < 1600; ++i) plane.values << double(i % 9 + 1);
    frame.planes << plane;
    const QSize small(420, 420);  // cells of about 9 px: colour only
    const QImage image = renderFrame(frame, small);
    const QRect cell = GridBoardPainter::cellRect(QRect(QPoint(0, 0), small), frame, 0, 20, 20);
    QVERIFY(cell.width() < 18);
    QCOMPARE(colorsIn(image, cell.adjusted(1, 1, -1, -1)).size(), 1);

    const QSize big(2600, 2600);  // cells of 56 px: every value printed
    const QImage large = renderFrame(frame, big);
    saveShot(renderFrame(frame, QSize(700, 700)), QStringLiteral("grid_board_40x40_700.png"));
    const QRect bigCell = GridBoardPainter::cellRect(QRect(QPoint(0, 0), big), frame, 0, 20, 20);
    QVERIFY(bigCell.width() >= 40);
    QVERIFY(colorsIn(large, bigCell.adjusted(3, 3, -3, -3)).size() > 2);
}

void TestGridBoardView::largeFrameRenders() {
    const GridBoardFrame frame = largeFrame(229);
    QElapsedTimer timer;
    timer.start();
    const QSize preferred = GridBoardPainter::preferredSize(frame);
    const qint64 sizeMs = timer.restart();
    const QImage full = renderFrame(frame, preferred);
    const qint64 fullMs = timer.restart();
    const QImage panel = renderFrame(frame, QSize(1000, 800));
    const qint64 panelMs = timer.restart();
    qInfo("229x229x3 frame: preferredSize %lld ms (%dx%d), paint at preferred %lld ms, at 1000x800 %lld ms",
          sizeMs, preferred.width(), preferred.height(), fullMs, panelMs);
    saveShot(panel, QStringLiteral("grid_board_alexnet_1000x800.png"));
    QVERIFY(preferred.width() <= 4000 && preferred.height() <= 4000);
    // Small cells are drawn from an image, with the window still outlined on top in its strong colour.
    const QRect rect(QPoint(0, 0), QSize(1000, 800));
    const QRect cell = GridBoardPainter::cellRect(rect, frame, 0, 100, 100);
    QVERIFY(cell.width() < 4);
    const QRect windowCell = GridBoardPainter::cellRect(rect, frame, 0, 40, 85);
    bool outlined = false;
    for (int y = windowCell.top() - 4; y < windowCell.top() + 2 && !outlined; ++y) {
        const QRgb c = panel.pixel(windowCell.center().x(), y);
        outlined = qRed(c) > 200 && qGreen(c) < 140 && qBlue(c) < 60;
    }
    QVERIFY(outlined);
}

void TestGridBoardView::preferredSizeIsBounded() {
    GridBoardFrame frame;
    GridPlane plane;
    plane.rows = 1;
    plane.cols = 3000;
    plane.values.fill(1.0, 3000);
    frame.planes << plane;
    const QSize size = GridBoardPainter::preferredSize(frame);
    QVERIFY(size.width() <= 4000 && size.height() <= 4000);
    QVERIFY(!GridBoardPainter::cellRect(QRect(QPoint(0, 0), size), frame, 0, 0, 2999).isEmpty());
}

void TestGridBoardView::toolTipNamesCell() {
    GridBoardView view;
    const GridBoardFrame frame = seedFrame(1, 1);
    view.setFrame(frame);
    view.resize(GridBoardPainter::preferredSize(frame));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect rect = view.rect();
    // Padded row 0 is printed −1, padded column 3 is printed 2.
    const QPoint padded = GridBoardPainter::cellRect(rect, frame, 0, 0, 3).center();
    QTest::mouseMove(&view, padded);
    const QString expected =
        QStringLiteral("Input (padded) row ") + kMinus + QStringLiteral("1, col 2: 0 (padding)");
    QTRY_COMPARE(view.toolTip(), expected);
    QCOMPARE(view.toolTipAt(padded), expected);
    QCOMPARE(view.toolTipAt(GridBoardPainter::cellRect(rect, frame, 3, 5, 5).center()),
             QStringLiteral("Output row 5, col 5: not computed yet"));
    QCOMPARE(view.toolTipAt(GridBoardPainter::cellRect(rect, frame, 1, 1, 0).center()),
             QStringLiteral("Kernel row 1, col 0: ") + kMinus + QStringLiteral("2"));
    QCOMPARE(view.toolTipAt(GridBoardPainter::cellRect(rect, frame, 0, 2, 2).center()),
             QStringLiteral("Input (padded) row 1, col 1: 8 (under the kernel window)"));
    QVERIFY(view.toolTipAt(QPoint(1, 1)).isEmpty());
}

void TestGridBoardView::clickEmitsCell() {
    GridBoardView view;
    const GridBoardFrame frame = seedFrame(1, 1);
    view.setFrame(frame);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &GridBoardView::cellClicked);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier,
                      GridBoardPainter::cellRect(view.rect(), frame, 1, 1, 2).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
    QCOMPARE(spy.at(0).at(1).toInt(), 1);
    QCOMPARE(spy.at(0).at(2).toInt(), 2);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier,
                      GridBoardPainter::cellRect(view.rect(), frame, 3, 4, 0).center());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 3);
    QCOMPARE(spy.at(1).at(1).toInt(), 4);
    QCOMPARE(spy.at(1).at(2).toInt(), 0);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));  // margin: nothing
    QCOMPARE(spy.count(), 2);
    QTest::mouseClick(&view, Qt::RightButton, Qt::NoModifier,
                      GridBoardPainter::cellRect(view.rect(), frame, 1, 1, 2).center());
    QCOMPARE(spy.count(), 2);
}

void TestGridBoardView::paintsFromWorkerThread() {
    const GridBoardFrame frame = seedFrame(2, 3);
    const QSize size(820, 640);
    const QImage reference = renderFrame(frame, size);
    QImage fromThread;
    QThread* thread = QThread::create([&] { fromThread = renderFrame(frame, size); });
    thread->start();
    QVERIFY(thread->wait(20000));
    delete thread;
    QCOMPARE(fromThread.size(), size);
    QVERIFY(fromThread == reference);
}

void TestGridBoardView::repaintIsThrottled() {
    GridBoardView view;
    view.resize(700, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    int paints = 0;
    struct Counter : QObject {
        int* count;
        explicit Counter(int* c) : count(c) {}
        bool eventFilter(QObject*, QEvent* e) override {
            if (e->type() == QEvent::Paint) ++*count;
            return false;
        }
    } counter(&paints);
    view.installEventFilter(&counter);
    for (int step = 0; step < 36; ++step) view.setFrame(seedFrame(step / 6, step % 6));
    QCOMPARE(view.frame().status, seedFrame(5, 5).status);
    QTRY_VERIFY(paints >= 1);
    QTest::qWait(80);
    QVERIFY2(paints <= 2, qPrintable(QString::number(paints)));
    const QImage shot = view.render();
    QCOMPARE(shot.size(), view.size());
    QCOMPARE(view.render(QSize(300, 200)).size(), QSize(300, 200));
}

void TestGridBoardView::badPlanesDoNotCrash() {
    GridBoardFrame frame;
    GridPlane shortValues;
    shortValues.title = QStringLiteral("Short");
    shortValues.rows = 4;
    shortValues.cols = 4;
    shortValues.values = {1.0, std::numeric_limits<double>::infinity(), -2.0};
    shortValues.flags = {CellPadded};
    GridPlane empty;
    empty.rows = 0;
    empty.cols = 5;
    GridPlane absurd;
    absurd.rows = 1000000;
    absurd.cols = 1000000;
    frame.planes << shortValues << empty << absurd;
    const QImage image = renderFrame(frame, QSize(400, 300));
    QVERIFY(!image.isNull());
    GridBoardView view;
    view.setFrame(frame);
    view.resize(400, 300);
    QCOMPARE(view.toolTipAt(GridBoardPainter::cellRect(view.rect(), frame, 0, 3, 3).center()),
             QStringLiteral("Short row 3, col 3: not computed yet"));
    QVERIFY(GridBoardPainter::cellRect(view.rect(), frame, 2, 0, 0).isNull());
    QVERIFY(!GridBoardPainter::preferredSize(frame).isEmpty());
    // An empty frame paints a blank board.
    QVERIFY(!renderFrame(GridBoardFrame{}, QSize(50, 40)).isNull());
}

CONVSCOPE_TEST_MAIN(TestGridBoardView)
#include "test_grid_board_view.moc"
