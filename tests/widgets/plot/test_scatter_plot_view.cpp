// The scatter plot: points land where the padded axes put them (checked against the range arithmetic done
// here and against the rendered pixels' colours), hovering finds the nearest point within a few pixels and
// shows the provider's thumbnail, the legend lists each class once in its colour, the empty state's text,
// and PNG/SVG export.
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/support/test_main.h"
#include "widgets/plot/scatter_plot_view.h"

using namespace convscope::widgets;

namespace {

QImage rendered(const ScatterPlotView& view) {
    QImage image(view.size(), QImage::Format_RGB32);
    QPainter painter(&image);
    view.render(painter, image.rect());
    return image;
}

// Whether a pixel within `radius` of `at` has (nearly) colour `c`: antialiased edges blend, centres do not.
bool colourNear(const QImage& image, const QPointF& at, const QColor& c, int radius = 1) {
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = at.toPoint() + QPoint(dx, dy);
            if (!image.rect().contains(p)) continue;
            const QColor q = image.pixelColor(p);
            if (std::abs(q.red() - c.red()) + std::abs(q.green() - c.green()) +
                    std::abs(q.blue() - c.blue()) <=
                12)
                return true;
        }
    return false;
}

}  // namespace

class TestScatterPlotView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pointsMapToPaddedAxes() {
        ScatterPlotView view;
        view.resize(520, 380);
        // Corners of [0, 10] × [−2, 2], and a centre point: the range is padded by 5 % of the span each side.
        view.setPoints({{0, -2}, {10, 2}, {5, 0}, {10, -2}}, {0, 1, 2, 3});
        view.setAxisTitles(QStringLiteral("x"), QStringLiteral("y"));
        const QRectF plot = view.plotRect();
        QVERIFY(plot.width() > 200 && plot.height() > 150);
        const auto expected = [&plot](double x, double y) {
            const double x0 = -0.5, x1 = 10.5, y0 = -2.2, y1 = 2.2;
            return QPointF(plot.left() + (x - x0) / (x1 - x0) * plot.width(),
                           plot.bottom() - (y - y0) / (y1 - y0) * plot.height());
        };
        QCOMPARE(view.xAxis().low(), -0.5);
        QCOMPARE(view.xAxis().high(), 10.5);
        for (int i = 0; i < view.count(); ++i) {
            const QPointF e = expected(view.points()[i].x(), view.points()[i].y());
            const QPointF got = view.mapToWidget(i);
            QVERIFY2(std::abs(got.x() - e.x()) < 0.6 && std::abs(got.y() - e.y()) < 0.6,
                     qPrintable(QStringLiteral("point %1 at (%2, %3), expected (%4, %5)")
                                    .arg(i)
                                    .arg(got.x())
                                    .arg(got.y())
                                    .arg(e.x())
                                    .arg(e.y())));
        }
        // The pixels: each point's centre has its class's colour; Tableau 10's first colours.
        QCOMPARE(ScatterPlotView::classColor(0), QColor(31, 119, 180));
        QCOMPARE(ScatterPlotView::classColor(11), ScatterPlotView::classColor(1));
        const QImage image = rendered(view);
        for (int i = 0; i < view.count(); ++i)
            QVERIFY2(colourNear(image, view.mapToWidget(i), ScatterPlotView::classColor(view.classes()[i])),
                     qPrintable(QStringLiteral("point %1").arg(i)));
        // Bottom left and top right: y grows upwards.
        QVERIFY(view.mapToWidget(0).y() > view.mapToWidget(1).y());
        QVERIFY(view.mapToWidget(0).x() < view.mapToWidget(1).x());
    }

    void hoverFindsNearestPoint() {
        ScatterPlotView view;
        view.resize(520, 380);
        view.setPoints({{0, 0}, {1, 0}, {1, 1}, {0.5, 0.5}, {0.02, 0}}, {0, 1, 1, 2, 0});
        view.setClassNames({QStringLiteral("T-shirt"), QStringLiteral("Trouser"), QStringLiteral("Bag")});
        QVector<int> asked;
        view.setThumbnailProvider([&asked](int i) {
            asked << i;
            QImage image(28, 28, QImage::Format_Grayscale8);
            image.fill(uchar(40 * i));
            return image;
        });
        view.setHoverText([](int i) { return QStringLiteral("test image %1").arg(100 + i); });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint target = view.mapToWidget(2).toPoint();
        QCOMPARE(view.nearestPoint(target + QPoint(3, -2)), 2);
        QCOMPARE(view.nearestPoint(target + QPoint(12, 12)), -1);  // beyond the hover radius
        // Between two points a few pixels apart the nearer wins.
        const QPointF a = view.mapToWidget(0), b = view.mapToWidget(4);
        QVERIFY(b.x() - a.x() > 5 && b.x() - a.x() < 10);
        QCOMPARE(view.nearestPoint((a + 0.25 * (b - a)).toPoint()), 0);
        QCOMPARE(view.nearestPoint((a + 0.75 * (b - a)).toPoint()), 4);

        QSignalSpy hovered(&view, &ScatterPlotView::pointHovered);
        QSignalSpy left(&view, &ScatterPlotView::left);
        QTest::mouseMove(&view, target + QPoint(2, 2));
        QTRY_COMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().at(0).toInt(), 2);
        QCOMPARE(view.hoveredIndex(), 2);
        QCOMPARE(asked, QVector<int>{2});
        const QRectF popup = view.popupRect();
        QVERIFY(popup.width() >= 84 && popup.height() >= 84);
        QVERIFY(QRectF(view.rect()).contains(popup));
        // The popup shows on screen (with the thumbnail's grey 80), never in render().
        const QImage screen = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QVERIFY(screen != rendered(view));
        QVERIFY(colourNear(screen, QPointF(popup.center().x(), popup.top() + 40), QColor(80, 80, 80), 2));
        QTest::mouseMove(&view, QPoint(2, 2));
        QTRY_COMPARE(left.count(), 1);
        QCOMPARE(view.hoveredIndex(), -1);
    }

    void legendListsClasses() {
        ScatterPlotView view;
        view.resize(600, 400);
        const QStringList names{QStringLiteral("zero"), QStringLiteral("one"), QStringLiteral("two"),
                                QStringLiteral("three")};
        view.setClassNames(names);
        // Classes 3 and 1 only: the legend lists those two, in order.
        view.setPoints({{0, 0}, {1, 1}, {2, 0}}, {3, 1, 3});
        const QRectF legend = view.legendRect();
        QVERIFY(!legend.isEmpty());
        QVERIFY(legend.left() > view.plotRect().right());
        const QImage image = rendered(view);
        const int rowHeight = view.fontMetrics().height() + 2;
        QVERIFY(legend.height() >= 2 * rowHeight && legend.height() < 3 * rowHeight + 6);
        const double dotX = legend.left() + 5;
        QVERIFY(colourNear(image, QPointF(dotX, legend.top() + 2 + rowHeight / 2.0 - 1),
                           ScatterPlotView::classColor(1), 2));
        QVERIFY(colourNear(image, QPointF(dotX, legend.top() + 2 + 1.5 * rowHeight - 1),
                           ScatterPlotView::classColor(3), 2));
        QCOMPARE(view.className(7), QStringLiteral("class 7"));
    }

    void emptyStateAndExport() {
        ScatterPlotView view;
        view.resize(400, 300);
        view.setEmptyText(QStringLiteral("Train a model first"));
        QCOMPARE(view.count(), 0);
        QVERIFY(view.legendRect().isEmpty());
        QCOMPARE(view.nearestPoint(QPoint(200, 150)), -1);
        // The empty text is painted: the plot's centre holds dark text pixels.
        const QImage empty = rendered(view);
        bool text = false;
        const QRect middle = view.plotRect().toRect().adjusted(20, 40, -20, -40);
        for (int y = middle.top(); y < middle.bottom() && !text; ++y)
            for (int x = middle.left(); x < middle.right() && !text; ++x)
                text = qGray(empty.pixel(x, y)) < 160;
        QVERIFY(text);

        view.setPoints({{0, 0}, {1, 2}, {3, 1}}, {0, 1, 2});
        QTemporaryDir dir;
        QString error;
        QVERIFY2(view.exportImage(dir.filePath("s.png"), &error), qPrintable(error));
        QCOMPARE(QImage(dir.filePath("s.png")).size(), QSize(800, 600));
        QVERIFY2(view.exportImage(dir.filePath("s.svg"), &error), qPrintable(error));
        QVERIFY(QFileInfo(dir.filePath("s.svg")).size() > 500);
        QVERIFY(!view.exportImage(dir.filePath("missing/s.png"), &error));
        QVERIFY(!error.isEmpty());
    }
};

CONVSCOPE_TEST_MAIN(TestScatterPlotView)
#include "test_scatter_plot_view.moc"
