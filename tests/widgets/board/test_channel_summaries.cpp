// Many input channels on the board: the summary strip (a tile per channel, hit tests, tooltips, clicks, the
// cells above still in place) and the channel wiring's shuffle column. Frames and permutations are written
// here with plain loops, independently of the widgets.
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "tests/support/test_main.h"
#include "tests/widgets/board/grid_board_fixtures.h"
#include "widgets/board/channel_summary_painter.h"
#include "widgets/board/channel_wiring_view.h"
#include "widgets/board/grid_board_layout.h"
#include "widgets/board/grid_board_painter.h"
#include "widgets/board/grid_board_view.h"

using namespace convscope::widgets;
using namespace convscope::widgets::testing;

namespace {

// `channels` tiles of 56×56 planes: channel c holds the constant c (so thumbnails differ by channel), the
// first two drawn as cells, the first eight read by the step.
ChannelSummaryStrip strip(int channels) {
    ChannelSummaryStrip s;
    s.title = QStringLiteral("All %1 input channels").arg(channels);
    s.low = 0;
    s.high = channels - 1;
    for (int c = 0; c < channels; ++c) {
        ChannelSummaryTile t;
        t.channel = c;
        t.mean = t.min = t.max = c;
        t.thumbRows = t.thumbCols = 24;
        t.thumb.fill(c, 24 * 24);
        t.inStep = c < 8;
        t.active = c < 2;
        if (t.inStep) t.stepSum = 10.0 * c;
        s.tiles << t;
    }
    return s;
}

QImage render(const GridBoardFrame& frame, const QSize& size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    GridBoardPainter::paint(painter, image.rect(), frame);
    return image;
}

// ShuffleNet's permutation written from its definition: position j·g + k holds channel k·(C/g) + j.
QVector<int> shuffleOrder(int channels, int groups) {
    QVector<int> p(channels);
    const int per = channels / groups;
    for (int k = 0; k < groups; ++k)
        for (int j = 0; j < per; ++j) p[j * groups + k] = k * per + j;
    return p;
}

}  // namespace

class TestChannelSummaries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sixtyFourChannelsDrawTiles() {
        GridBoardFrame frame = seedFrame(1, 1);
        frame.channels = strip(64);
        const QSize size(1100, 800);
        const QImage image = render(frame, size);
        QRect board;
        const QRect stripRect =
            ChannelSummaryPainter::split(QRect(QPoint(0, 0), size), frame.channels, &board);
        QVERIFY(!stripRect.isEmpty());
        QVERIFY(board.bottom() < stripRect.top());
        QVERIFY(stripRect.height() <= size.height() / 2);
        // Every tile is drawn, inside the strip, apart from the others, with the colour of its channel: the
        // constant channels 0 and 63 are the two ends of the ramp.
        QSet<QRgb> centres;
        for (int i = 0; i < 64; ++i) {
            const QRect r = ChannelSummaryPainter::tileRect(stripRect, frame.channels, i);
            QVERIFY2(stripRect.contains(r), qPrintable(QStringLiteral("tile %1").arg(i)));
            QVERIFY(r.width() >= ChannelSummaryPainter::kMinTile);
            QCOMPARE(ChannelSummaryPainter::tileAt(stripRect, frame.channels, r.center()), i);
            centres.insert(image.pixel(r.center() + QPoint(0, -r.height() / 4)));
        }
        QVERIFY2(centres.size() > 30, "the tiles' thumbnails differ by channel");
        // The planes are still cells, laid out above the strip.
        const QRect cell = GridBoardPainter::cellRect(QRect(QPoint(0, 0), size), frame, 0, 0, 0);
        QVERIFY(!cell.isNull());
        QVERIFY(cell.bottom() < stripRect.top());
        int plane = -1, row = -1, col = -1;
        QVERIFY(
            GridBoardPainter::cellAt(QRect(QPoint(0, 0), size), frame, cell.center(), &plane, &row, &col));
        QCOMPARE(plane, 0);
        QCOMPARE(row, 0);
        QCOMPARE(col, 0);
    }

    void fewChannelsKeepTheBoardAsItWas() {
        GridBoardFrame frame = seedFrame(1, 1);
        const QRect rect(0, 0, 900, 600);
        QRect board;
        QVERIFY(ChannelSummaryPainter::split(rect, frame.channels, &board).isNull());
        QCOMPARE(board, rect);
        // Same cells as without the strip member at all: a frame with an empty strip lays out identically.
        const QRect before = GridBoardPainter::cellRect(rect, frame, 0, 2, 3);
        frame.channels.title = QStringLiteral("ignored without tiles");
        QCOMPARE(GridBoardPainter::cellRect(rect, frame, 0, 2, 3), before);
        QVERIFY(before.width() >= GridBoardLayout::kNumberCell);
    }

    void viewTooltipAndClick() {
        GridBoardView view;
        GridBoardFrame frame = seedFrame(0, 0);
        frame.channels = strip(64);
        view.resize(1000, 760);
        view.setFrame(frame);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect stripRect = ChannelSummaryPainter::split(view.rect(), frame.channels, nullptr);
        const QRect tile = ChannelSummaryPainter::tileRect(stripRect, frame.channels, 5);
        QCOMPARE(view.channelTileAt(tile.center()), 5);
        const QString tip = view.toolTipAt(tile.center());
        QVERIFY2(tip.startsWith(QStringLiteral("Input channel 5: mean 5, min 5, max 5")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Σ products this step = 50")), qPrintable(tip));
        const QString other =
            view.toolTipAt(ChannelSummaryPainter::tileRect(stripRect, frame.channels, 40).center());
        QVERIFY2(other.contains(QStringLiteral("not read by this step")), qPrintable(other));
        QSignalSpy clicked(&view, &GridBoardView::channelClicked);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, tile.center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 5);
        // A cell still answers as a cell.
        const QRect cell = GridBoardPainter::cellRect(view.rect(), frame, 0, 1, 1);
        QVERIFY(view.toolTipAt(cell.center()).startsWith(QStringLiteral("Input (padded) row 0, col 0")));
        QCOMPARE(view.channelTileAt(cell.center()), -1);
    }

    void shuffleColumnFollowsThePermutation() {
        ChannelWiringView view;
        ChannelWiring w;
        w.inChannels = 6;
        w.outChannels = 6;
        w.groups = 3;
        w.shuffle = shuffleOrder(6, 3);
        view.setWiring(w);
        QVERIFY(view.problem().isEmpty());
        QVERIFY(view.drawsShuffle());
        view.resize(620, 420);
        const QImage image = view.grab().toImage();
        // Shuffled position i shows output channel order[i] in its group's colour: positions 0, 1, 2 hold one
        // channel of each group, so their boxes are coloured apart.
        QSet<QRgb> firstThree;
        for (int i = 0; i < 3; ++i) {
            const QRectF box = view.shuffledBox(i);
            QVERIFY(!box.isEmpty());
            const QColor edge = image.pixelColor(box.toRect().topLeft() + QPoint(box.width() / 2, 1));
            QVERIFY2(edge.rgb() != QColor(Qt::white).rgb(), "box outline drawn");
            firstThree.insert(image.pixel(box.toRect().topLeft() + QPoint(3, int(box.height() / 2))));
        }
        QCOMPARE(firstThree.size(), 3);
        // Positions 0 and 3 come from the same group (channels 0 and 1): same fill.
        const QRectF b0 = view.shuffledBox(0), b3 = view.shuffledBox(3);
        QCOMPARE(image.pixel(b0.toRect().topLeft() + QPoint(3, int(b0.height() / 2))),
                 image.pixel(b3.toRect().topLeft() + QPoint(3, int(b3.height() / 2))));

        // Not a permutation of the outputs: a sentence instead of a drawing.
        w.shuffle = {0, 1, 1, 2, 3, 4};
        view.setWiring(w);
        QVERIFY(!view.problem().isEmpty());
        QVERIFY(!view.drawsShuffle());
        // No shuffle asked for: two columns, no shuffled boxes.
        w.shuffle.clear();
        view.setWiring(w);
        view.grab();
        QVERIFY(!view.drawsShuffle());
        QVERIFY(view.shuffledBox(0).isNull());
    }
};

CONVSCOPE_TEST_MAIN(TestChannelSummaries)
#include "test_channel_summaries.moc"
