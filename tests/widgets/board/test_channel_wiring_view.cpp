#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QSet>
#include <QTest>

#include "tests/support/test_main.h"
#include "widgets/board/channel_wiring_view.h"

using convscope::widgets::ChannelWiring;
using convscope::widgets::ChannelWiringView;

namespace {
ChannelWiring wiring(int in, int out, int groups, bool oneToOne = false, int highlight = -1) {
    ChannelWiring w;
    w.inChannels = in;
    w.outChannels = out;
    w.groups = groups;
    w.oneToOne = oneToOne;
    w.highlightOut = highlight;
    return w;
}

void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

int colorCount(const QImage& image) {
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colors.insert(image.pixel(x, y));
    return colors.size();
}

// Saturated pixels (the group colours of edges and boxes), binned by hue in 30° steps.
QSet<int> hueBins(const QImage& image) {
    QSet<int> bins;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.hsvSaturation() > 120 && c.value() > 100) bins.insert(c.hsvHue() / 30);
        }
    return bins;
}
}  // namespace

class TestChannelWiringView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void edgeCount_data();
    void edgeCount();
    void groupsAreColouredApart();
    void rendersLargeCounts_data();
    void rendersLargeCounts();
    void badWiringShowsMessage();
};

void TestChannelWiringView::edgeCount_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<int>("groups");
    QTest::addColumn<bool>("oneToOne");
    QTest::addColumn<int>("edges");
    // Every output channel of a group reads every input channel of that group: (in / groups) · out.
    QTest::newRow("standard 3→8") << 3 << 8 << 1 << false << 24;
    QTest::newRow("groups 2, 4→4") << 4 << 4 << 2 << false << 8;
    QTest::newRow("groups 4, 8→16") << 8 << 16 << 4 << false << 32;
    QTest::newRow("depthwise 32") << 32 << 32 << 32 << false << 32;
    QTest::newRow("depthwise ×2, 32→64") << 32 << 64 << 32 << false << 64;
    QTest::newRow("pointwise 64→128") << 64 << 128 << 1 << false << 8192;
    QTest::newRow("one-to-one 16 (pooling)") << 16 << 16 << 1 << true << 16;
    QTest::newRow("single channel") << 1 << 1 << 1 << false << 1;
    QTest::newRow("groups do not divide") << 4 << 6 << 4 << false << 0;
    QTest::newRow("groups 0") << 4 << 4 << 0 << false << 0;
    QTest::newRow("no inputs") << 0 << 4 << 1 << false << 0;
    QTest::newRow("one-to-one mismatch") << 3 << 4 << 1 << true << 0;
}

void TestChannelWiringView::edgeCount() {
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(int, groups);
    QFETCH(bool, oneToOne);
    QFETCH(int, edges);
    ChannelWiringView view;
    view.setWiring(wiring(in, out, groups, oneToOne));
    QCOMPARE(view.edgeCount(), edges);
    QCOMPARE(view.problem().isEmpty(), edges > 0);
}

void TestChannelWiringView::groupsAreColouredApart() {
    ChannelWiringView view;
    ChannelWiring w = wiring(4, 4, 2, false, 0);
    w.caption = QStringLiteral("groups = 2: each filter sees 2 of 4 input channels · 4·(2·3·3) weights");
    view.setWiring(w);
    view.resize(view.sizeHint());
    const QImage grouped = view.grab().toImage();
    saveShot(grouped, QStringLiteral("channel_wiring_4_4_g2.png"));
    view.setWiring(wiring(4, 4, 1, false, 0));
    const QImage single = view.grab().toImage();
    saveShot(single, QStringLiteral("channel_wiring_4_4_g1.png"));
    // Two groups bring a second hue; one group draws in one.
    QVERIFY2(hueBins(grouped).size() > hueBins(single).size(),
             qPrintable(QStringLiteral("%1 vs %2").arg(hueBins(grouped).size()).arg(hueBins(single).size())));
}

void TestChannelWiringView::rendersLargeCounts_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("highlight");
    QTest::newRow("512→512") << 512 << 512 << 1 << 300;
    QTest::newRow("depthwise 512") << 512 << 512 << 512 << 7;
    QTest::newRow("groups 32, 256→512") << 256 << 512 << 32 << 511;
    QTest::newRow("3→64 no highlight") << 3 << 64 << 1 << -1;
    QTest::newRow("highlight out of range") << 8 << 8 << 2 << 99;
}

void TestChannelWiringView::rendersLargeCounts() {
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(int, groups);
    QFETCH(int, highlight);
    ChannelWiringView view;
    ChannelWiring w = wiring(in, out, groups, false, highlight);
    w.caption = QStringLiteral("%1 → %2 channels, groups = %3").arg(in).arg(out).arg(groups);
    view.setWiring(w);
    view.resize(480, 520);
    QElapsedTimer timer;
    timer.start();
    const QImage image = view.grab().toImage();
    qInfo("%d→%d groups %d: painted in %lld ms", in, out, groups, timer.elapsed());
    saveShot(image, QStringLiteral("channel_wiring_%1_%2_g%3.png").arg(in).arg(out).arg(groups));
    QVERIFY(colorCount(image) > 10);
    QCOMPARE(view.edgeCount(), in / groups * out);
}

void TestChannelWiringView::badWiringShowsMessage() {
    ChannelWiringView view;
    view.setWiring(wiring(4, 6, 4));
    QVERIFY(view.problem().contains(QStringLiteral("groups = 4")));
    view.resize(400, 300);
    const QImage image = view.grab().toImage();
    QVERIFY(colorCount(image) > 2);  // the message is drawn
    view.setWiring(wiring(-3, 2000000, 1));
    QVERIFY(!view.problem().isEmpty());
    QVERIFY(!view.grab().toImage().isNull());
}

CONVSCOPE_TEST_MAIN(TestChannelWiringView)
#include "test_channel_wiring_view.moc"
