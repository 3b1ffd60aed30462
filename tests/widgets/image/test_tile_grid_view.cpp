#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>

#include "tests/support/test_main.h"
#include "widgets/image/tile_grid_view.h"

using convscope::widgets::Tile;
using convscope::widgets::TileGridView;

namespace {
// The view's layout: 12 px margins around the grid and 12 px between tiles.
constexpr int kMargin = 12;
constexpr int kSpacing = 12;

QVector<Tile> makeTiles(int n, QSize imageSize = QSize(200, 100)) {
    QVector<Tile> tiles;
    for (int i = 0; i < n; ++i) {
        QImage image(imageSize, QImage::Format_RGB32);
        image.fill(QColor::fromHsv((i * 40) % 360, 200, 200));
        tiles.push_back({image, QStringLiteral("Filter %1").arg(i), QStringLiteral("min 0 · max %1").arg(i)});
    }
    return tiles;
}

int columnsOf(const TileGridView& view) {
    int cols = 1;
    while (cols < view.tileCount() && view.tileRect(cols).top() == view.tileRect(0).top()) ++cols;
    return cols;
}
}  // namespace

class TestTileGridView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void columnsForWidth_data();
    void columnsForWidth();
    void tileRectPositions();
    void clickEmitsIndex();
    void keyboardActivates();
    void heightForWidthInScrollArea();
    void tilesArriveOneByOne();
};

void TestTileGridView::columnsForWidth_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("tileWidth");
    QTest::addColumn<int>("columns");
    // columns = max(1, floor((width - 2*margin + spacing) / (tileWidth + spacing)))
    QTest::newRow("three exactly") << 2 * kMargin + 3 * 100 + 2 * kSpacing << 100 << 3;
    QTest::newRow("one pixel short of three") << 2 * kMargin + 3 * 100 + 2 * kSpacing - 1 << 100 << 2;
    QTest::newRow("narrower than a tile") << 60 << 100 << 1;
    QTest::newRow("wide, default-ish tiles") << 1000 << 220 << 4;
}

void TestTileGridView::columnsForWidth() {
    QFETCH(int, width);
    QFETCH(int, tileWidth);
    QFETCH(int, columns);
    TileGridView view;
    view.setTiles(makeTiles(10));
    view.setTileWidth(tileWidth);
    view.resize(width, 800);
    QCOMPARE(columnsOf(view), columns);
    for (int i = 0; i < columns; ++i) {
        QVERIFY(view.tileRect(i).right() < std::max(width, kMargin + tileWidth));
    }
}

void TestTileGridView::tileRectPositions() {
    TileGridView view;
    view.setTileWidth(100);
    view.setTiles(makeTiles(5, QSize(200, 100)));
    view.resize(2 * kMargin + 2 * 100 + kSpacing, 600);  // two columns, no spare width
    const QRect first = view.tileRect(0);
    QCOMPARE(first.topLeft(), QPoint(kMargin, kMargin));
    QCOMPARE(first.size(), QSize(100, 50));  // tile width, height from the 2:1 aspect ratio
    QCOMPARE(view.tileRect(1).topLeft(), QPoint(kMargin + 100 + kSpacing, kMargin));
    const QRect third = view.tileRect(2);
    QCOMPARE(third.left(), kMargin);
    QVERIFY(third.top() > first.bottom() + kSpacing);  // below the first tile and its two text lines
    QCOMPARE(view.tileRect(4).top() - view.tileRect(2).top(), third.top() - first.top());
    QVERIFY(view.tileRect(5).isNull());
    QVERIFY(view.tileRect(-1).isNull());

    // A two-line subtitle on one tile gives every row one more text line, so nothing is cut off and the
    // rows stay aligned.
    const int rowPitch = third.top() - first.top();
    Tile twoLines = view.tile(3);
    twoLines.subtitle = QStringLiteral("min −4628 · max 8391\n|v| scaled to max");
    view.setTile(3, twoLines);
    const int lineHeight = view.fontMetrics().height();
    QCOMPARE(view.tileRect(2).top() - view.tileRect(0).top(), rowPitch + lineHeight);
    QCOMPARE(view.tileRect(4).top() - view.tileRect(2).top(), rowPitch + lineHeight);
}

void TestTileGridView::clickEmitsIndex() {
    TileGridView view;
    view.setTileWidth(100);
    view.setTiles(makeTiles(6));
    view.resize(400, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &TileGridView::tileActivated);
    for (int i : {0, 4, 5, 2}) {
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.tileRect(i).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toInt(), i);
    }
    // The title below the image belongs to the tile too.
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.tileRect(1).bottomLeft() + QPoint(50, 10));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).toInt(), 1);
    // Gaps, margins and a press on one tile released on another activate nothing.
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier,
                      QPoint(view.tileRect(0).right() + kSpacing / 2, view.tileRect(0).center().y()));
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, view.tileRect(0).center());
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, view.tileRect(1).center());
    QCOMPARE(spy.count(), 0);
}

void TestTileGridView::keyboardActivates() {
    TileGridView view;
    view.setTileWidth(100);
    view.setTiles(makeTiles(6));
    view.resize(2 * kMargin + 3 * 100 + 2 * kSpacing, 500);  // three columns
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &TileGridView::tileActivated);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 4);
    QTest::keyClick(&view, Qt::Key_End);
    QTest::keyClick(&view, Qt::Key_Right);  // stays on the last tile
    QTest::keyClick(&view, Qt::Key_Space);
    QCOMPARE(spy.last().at(0).toInt(), 5);
}

void TestTileGridView::heightForWidthInScrollArea() {
    TileGridView view;
    view.setTileWidth(100);
    view.setTiles(makeTiles(7));
    view.resize(2 * kMargin + 2 * 100 + kSpacing, 100);
    const int twoColumns = view.heightForWidth(view.width());
    // Four rows of two: everything up to the last tile's text fits in the height.
    QVERIFY(twoColumns > view.tileRect(6).bottom() + kSpacing);
    const int tileStep = view.tileRect(2).top() - view.tileRect(0).top();
    QCOMPARE(twoColumns, 2 * kMargin + 4 * tileStep - kSpacing);
    QVERIFY(view.heightForWidth(2000) < twoColumns);  // one row of seven
    QCOMPARE(view.heightForWidth(2000), 2 * kMargin + tileStep - kSpacing);
    QVERIFY(view.sizePolicy().hasHeightForWidth());

    auto* grid = new TileGridView;
    grid->setTileWidth(100);
    grid->setTiles(makeTiles(7));
    QScrollArea area;
    area.setWidgetResizable(true);
    area.setWidget(grid);
    area.resize(300, 200);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QTRY_COMPARE(grid->height(), grid->heightForWidth(grid->width()));
    QVERIFY(grid->height() > area.viewport()->height());  // so it scrolls
}

void TestTileGridView::tilesArriveOneByOne() {
    TileGridView view;
    view.resize(500, 400);
    QVector<Tile> pending(3);
    for (int i = 0; i < 3; ++i) pending[i].title = QStringLiteral("Tile %1").arg(i);
    view.setTiles(pending);
    const QImage computing = view.grab().toImage();  // null images show "computing…"
    view.setTile(1, makeTiles(1).first());
    QCOMPARE(view.tile(1).title, QStringLiteral("Filter 0"));
    QVERIFY(!view.tile(1).image.isNull());
    QVERIFY(view.grab().toImage() != computing);
    view.setTile(4, makeTiles(1).first());  // grows the grid
    QCOMPARE(view.tileCount(), 5);
    view.setTile(-1, Tile{});
    QCOMPARE(view.tileCount(), 5);
}

CONVSCOPE_TEST_MAIN(TestTileGridView)
#include "test_tile_grid_view.moc"
