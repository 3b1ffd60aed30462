#include <QTest>

#include "tests/support/test_main.h"
#include "widgets/image/pixel_inspector_view.h"

using convscope::widgets::PixelInspectorData;
using convscope::widgets::PixelInspectorView;

namespace {
const QString kMinus(QChar(0x2212));

// A rows x cols neighbourhood with the given inputs and weights; products and sum computed here.
PixelInspectorData makeData(int rows, int cols, const QVector<double>& inputs,
                            const QVector<double>& weights) {
    PixelInspectorData d;
    d.x = 12;
    d.y = 7;
    d.channel = QStringLiteral("Gray");
    d.rows = rows;
    d.cols = cols;
    d.inputs = inputs;
    d.weights = weights;
    d.outside = QVector<bool>(rows * cols, false);
    d.sum = 0.0;
    for (int i = 0; i < rows * cols; ++i) {
        d.products << inputs[i] * weights[i];
        d.sum += inputs[i] * weights[i];
    }
    d.borderName = QStringLiteral("reflect-101");
    d.modeName = QStringLiteral("correlation");
    return d;
}

bool isUniform(const QImage& image) {
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != first) return false;
    return true;
}

int countColor(const QImage& image, QRgb color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) n += image.pixel(x, y) == color;
    return n;
}
}  // namespace

class TestPixelInspectorView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formulaText_data();
    void formulaText();
    void grabRendersAllSizes_data();
    void grabRendersAllSizes();
    void tintsUseCoolWarmEnds();
    void clearShowsMessage();
    void inconsistentDataIsPadded();
    void sizeHintsStayReasonable();
};

void TestPixelInspectorView::formulaText_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<QVector<double>>("inputs");
    QTest::addColumn<QVector<double>>("weights");
    QTest::addColumn<QString>("expected");
    // Sobel X over a ramp: -12 + 18 - 20 + 60 - 11 + 31 = 66.
    QTest::newRow("sobel 3x3") << 3 << 3 << QVector<double>{12, 15, 18, 10, 20, 30, 11, 21, 31}
                               << QVector<double>{-1, 0, 1, -2, 0, 2, -1, 0, 1}
                               << QStringLiteral(
                                      "Σ = 12·(−1) + 15·0 + 18·1 + 10·(−2) + 20·0 + 30·2 + 11·(−1) + "
                                      "21·0 + 31·1 = 66.0");
    // 100*0.25 + 50*0.075 = 28.75
    QTest::newRow("fractions 1x2") << 1 << 2 << QVector<double>{100, 50} << QVector<double>{0.25, 0.075}
                                   << QStringLiteral("Σ = 100·0.25 + 50·0.075 = 28.75");
    // -3.5*2 = -7
    QTest::newRow("negative input 1x1")
        << 1 << 1 << QVector<double>{-3.5} << QVector<double>{2}
        << (QStringLiteral("Σ = (") + kMinus + QStringLiteral("3.5)·2 = ") + kMinus + QStringLiteral("7.0"));
    // Terms keep 4 significant digits, the output value 6: 10/9 = 1.111111...
    QTest::newRow("ninth 1x1") << 1 << 1 << QVector<double>{10} << QVector<double>{1.0 / 9.0}
                               << QStringLiteral("Σ = 10·0.1111 = 1.11111");
    // 45 + 22.5 + 11.25 = 78.75
    QTest::newRow("halving 1x3") << 1 << 3 << QVector<double>{90, 90, 90} << QVector<double>{0.5, 0.25, 0.125}
                                 << QStringLiteral("Σ = 90·0.5 + 90·0.25 + 90·0.125 = 78.75");
}

void TestPixelInspectorView::formulaText() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(QVector<double>, inputs);
    QFETCH(QVector<double>, weights);
    QFETCH(QString, expected);
    PixelInspectorView view;
    view.setData(makeData(rows, cols, inputs, weights));
    QVERIFY(view.hasData());
    QCOMPARE(view.formulaText(), expected);
}

void TestPixelInspectorView::grabRendersAllSizes_data() {
    QTest::addColumn<int>("side");
    QTest::addColumn<QSize>("widgetSize");
    QTest::newRow("1x1") << 1 << QSize(460, 200);
    QTest::newRow("3x3") << 3 << QSize(460, 260);
    QTest::newRow("3x3 cramped") << 3 << QSize(120, 60);
    QTest::newRow("31x31") << 31 << QSize(700, 400);
    QTest::newRow("31x31 small") << 31 << QSize(200, 120);
}

void TestPixelInspectorView::grabRendersAllSizes() {
    QFETCH(int, side);
    QFETCH(QSize, widgetSize);
    QVector<double> inputs;
    QVector<double> weights;
    for (int i = 0; i < side * side; ++i) {
        inputs << (i * 37) % 256;
        weights << ((i % 5) - 2) * 0.0123;
    }
    PixelInspectorData data = makeData(side, side, inputs, weights);
    for (int c = 0; c < side; ++c) data.outside[c] = true;  // top row outside the image
    PixelInspectorView view;
    view.resize(widgetSize);
    view.setData(data);
    const QImage grab = view.grab().toImage();
    QCOMPARE(grab.size(), widgetSize);
    QVERIFY(!isUniform(grab));
    QVERIFY(view.formulaText().startsWith(QStringLiteral("Σ = ")));
    QCOMPARE(view.formulaText().count(QStringLiteral("·")), side * side);
}

void TestPixelInspectorView::tintsUseCoolWarmEnds() {
    PixelInspectorView view;
    view.resize(500, 260);
    view.setData(makeData(1, 3, {10, 10, 10}, {-1, 0, 1}));
    const QImage grab = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    // Weights -1 and +1 are the ends of the CoolWarm map (Moreland's published end colours); so are the
    // products -10 and +10 relative to their own max |v|.
    QVERIFY(countColor(grab, qRgb(59, 76, 192)) > 2 * 100);
    QVERIFY(countColor(grab, qRgb(180, 4, 38)) > 2 * 100);
}

void TestPixelInspectorView::clearShowsMessage() {
    PixelInspectorView view;
    view.resize(400, 200);
    view.setData(makeData(1, 1, {5}, {2}));
    view.clear(QStringLiteral("Hover over the result to inspect a pixel"));
    QVERIFY(!view.hasData());
    QVERIFY(view.formulaText().isEmpty());
    QCOMPARE(view.data().rows, 0);
    const QImage withMessage = view.grab().toImage();
    view.clear(QString());
    const QImage empty = view.grab().toImage();
    QVERIFY(isUniform(empty));
    QVERIFY(!isUniform(withMessage));
}

void TestPixelInspectorView::inconsistentDataIsPadded() {
    PixelInspectorView view;
    view.resize(400, 200);
    PixelInspectorData data = makeData(1, 2, {1, 2}, {3, 4});
    data.rows = 3;
    data.cols = 3;  // arrays say 1x2
    view.setData(data);
    QVERIFY(view.hasData());
    QCOMPARE(view.data().inputs.size(), 9);
    QCOMPARE(view.formulaText().count(QStringLiteral("·")), 9);
    view.grab();
    data.rows = 0;
    view.setData(data);
    QVERIFY(!view.hasData());
    view.grab();
}

void TestPixelInspectorView::sizeHintsStayReasonable() {
    PixelInspectorView view;
    QVector<double> many(31 * 31, 123.456);
    view.setData(makeData(31, 31, many, many));
    QVERIFY(view.sizeHint().width() <= 960);
    QVERIFY(view.sizeHint().height() <= 720);
    QVERIFY(view.minimumSizeHint().width() <= view.sizeHint().width());
    view.setData(makeData(3, 3, QVector<double>(9, 1), QVector<double>(9, 1)));
    const QFontMetrics fm = view.fontMetrics();
    // Room for the three titles side by side, so none of them is clipped at the minimum size.
    QVERIFY(view.minimumSizeHint().width() >
            fm.horizontalAdvance(QStringLiteral("Kernel (as applied)Products")));
}

CONVSCOPE_TEST_MAIN(TestPixelInspectorView)
#include "test_pixel_inspector_view.moc"
