// UnpoolArrowPainter through GridBoardPainter: max unpooling's arrows from the input cell of a maximum to
// the same cell of the output are drawn between exactly those cells, the current one in the accent colour
// and earlier ones faint; arrows to cells that are not drawn are skipped.
#include <QImage>
#include <QPainter>
#include <QTest>
#include <cmath>

#include "tests/support/test_main.h"
#include "widgets/board/grid_board_layout.h"
#include "widgets/board/grid_board_painter.h"
#include "widgets/board/grid_board_view.h"
#include "widgets/board/grid_plane_painter.h"
#include "widgets/board/unpool_arrow_painter.h"

using namespace convscope::widgets;

namespace {

GridPlane plane(const QString& title, int rows, int cols, int layoutRow) {
    GridPlane p;
    p.title = title;
    p.rows = rows;
    p.cols = cols;
    p.layoutRow = layoutRow;
    for (int i = 0; i < rows * cols; ++i) {
        p.values << i;
        p.flags << CellNone;
    }
    return p;
}

// Input 4x4 → Pooled 2x2 above Output 4x4: max unpooling's layout.
GridBoardFrame unpoolFrame(bool withArrows) {
    GridBoardFrame frame;
    GridPlane in = plane(QStringLiteral("Input"), 4, 4, 0);
    in.operatorAfter = QStringLiteral("max →");
    frame.planes << in << plane(QStringLiteral("Pooled"), 2, 2, 0)
                 << plane(QStringLiteral("Output"), 4, 4, 1);
    if (withArrows) {
        frame.arrows << GridArrow{0, 0, 1, 2, 0, 1, false};  // an earlier step: faint
        frame.arrows << GridArrow{0, 3, 2, 2, 3, 2, true};   // the current step
        frame.arrows << GridArrow{0, 9, 9, 2, 9, 9, false};  // not drawn: outside the planes
    }
    return frame;
}

QImage render(const GridBoardFrame& frame, const QSize& size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    GridBoardPainter::paint(painter, image.rect(), frame);
    return image;
}

bool isAccent(QRgb c) {
    const QColor a = GridPlanePainter::kAccent;
    return std::abs(qRed(c) - a.red()) < 30 && std::abs(qGreen(c) - a.green()) < 30 &&
           std::abs(qBlue(c) - a.blue()) < 30;
}

bool isGrey(QRgb c) {
    return qRed(c) < 235 && std::abs(qRed(c) - qGreen(c)) < 12 && std::abs(qGreen(c) - qBlue(c)) < 12;
}

// Pixels strictly between the bottom of the `from` cell and the top of the `to` cell, within the cells'
// columns (the arrow bends a little sideways).
QRect gap(const QRect& from, const QRect& to) {
    const int left = std::min(from.left(), to.left()) - from.width() / 2;
    const int right = std::max(from.right(), to.right()) + from.width() / 2;
    return QRect(QPoint(left, from.bottom() + 2), QPoint(right, to.top() - 2));
}

int count(const QImage& image, const QRect& rect, bool (*test)(QRgb)) {
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (test(image.pixel(x, y))) ++n;
    return n;
}

}  // namespace

class TestUnpoolArrows : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void arrowsRunBetweenTheirCells() {
        const QSize size(700, 700);
        const QImage with = render(unpoolFrame(true), size);
        if (!qEnvironmentVariableIsEmpty("CONVSCOPE_SHOT_DIR"))
            with.save(qEnvironmentVariable("CONVSCOPE_SHOT_DIR") + QStringLiteral("/unpool_arrows.png"));
        const QImage without = render(unpoolFrame(false), size);
        const GridBoardFrame frame = unpoolFrame(true);
        const QRect fromCurrent = GridBoardPainter::cellRect(QRect(QPoint(), size), frame, 0, 3, 2);
        const QRect toCurrent = GridBoardPainter::cellRect(QRect(QPoint(), size), frame, 2, 3, 2);
        const QRect fromFaint = GridBoardPainter::cellRect(QRect(QPoint(), size), frame, 0, 0, 1);
        const QRect toFaint = GridBoardPainter::cellRect(QRect(QPoint(), size), frame, 2, 0, 1);
        QVERIFY(!fromCurrent.isNull() && !toCurrent.isNull());
        QVERIFY2(toCurrent.top() > fromCurrent.bottom(), "the output row lies under the input row");

        const QRect current = gap(fromCurrent, toCurrent);
        QVERIFY2(count(with, current, isAccent) > current.height(),
                 qPrintable(QStringLiteral("%1 accent pixels").arg(count(with, current, isAccent))));
        QCOMPARE(count(without, current, isAccent), 0);
        // The faint arrow: grey, never the accent, seen in the white gap between the input's last row and the
        // output (it starts under the input's row 0, so it crosses the input's cells first).
        const QRect inputBottom = GridBoardPainter::cellRect(QRect(QPoint(), size), frame, 0, 3, 1);
        const QRect faint = gap(inputBottom, toFaint);
        QVERIFY(faint.height() > 4);
        QVERIFY2(count(with, faint, isGrey) > count(without, faint, isGrey) + faint.height() / 2,
                 qPrintable(QStringLiteral("%1 vs %2 grey pixels")
                                .arg(count(with, faint, isGrey))
                                .arg(count(without, faint, isGrey))));
        GridBoardFrame faintOnly = unpoolFrame(true);
        faintOnly.arrows.removeAt(1);
        const QImage faintImage = render(faintOnly, size);
        QVERIFY(count(faintImage, faint, isGrey) > count(without, faint, isGrey) + faint.height() / 2);
        QCOMPARE(count(faintImage, QRect(QPoint(), size), isAccent), 0);
    }

    void arrowLineEndsInsideTheCells() {
        const GridBoardFrame frame = unpoolFrame(true);
        const GridBoardLayout layout = GridBoardLayout::compute(QRect(0, 0, 700, 700), frame);
        const QLineF line = UnpoolArrowPainter::arrowLine(layout, frame, frame.arrows[1]);
        QVERIFY(!line.isNull());
        const QRect from = layout.planes[0].grid;
        const QRect to = layout.planes[2].grid;
        const QPointF fromCentre(from.x() + 2.5 * layout.cell, from.y() + 3.5 * layout.cell);
        const QPointF toCentre(to.x() + 2.5 * layout.cell, to.y() + 3.5 * layout.cell);
        QVERIFY(QLineF(line.p1(), fromCentre).length() < layout.cell / 2.0);
        QVERIFY(QLineF(line.p2(), toCentre).length() < layout.cell / 2.0);
        QVERIFY(UnpoolArrowPainter::arrowLine(layout, frame, frame.arrows[2]).isNull());
        QVERIFY(UnpoolArrowPainter::arrowLine(layout, frame, GridArrow{7, 0, 0, 2, 0, 0, true}).isNull());
    }

    void viewRendersArrows() {
        GridBoardView view;
        view.resize(600, 600);
        view.setFrame(unpoolFrame(true));
        const QImage image = view.render();
        QVERIFY(count(image, image.rect(), isAccent) > 0);
        QCOMPARE(view.frame().arrows.size(), 3);
    }
};

CONVSCOPE_TEST_MAIN(TestUnpoolArrows)
#include "test_unpool_arrows.moc"
