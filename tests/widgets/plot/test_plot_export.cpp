#include <QFile>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"
#include "widgets/plot/plot_export.h"

using convscope::widgets::HeatmapView;
using convscope::widgets::LinePlotView;
using convscope::widgets::PlotSeries;
using convscope::widgets::saveCsv;
using convscope::widgets::savePlotPng;
using convscope::widgets::savePlotSvg;

namespace {
// A red square in the top-left quarter of whatever rectangle it is given.
void paintSquare(QPainter& painter, const QRect& rect) {
    painter.fillRect(QRect(rect.topLeft(), rect.size() / 2), QColor(255, 0, 0));
}

QStringList readLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}
}  // namespace

class TestPlotExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pngHasDoubleResolution();
    void svgIsValid();
    void widgetsExport();
    void csvRoundTrips();
    void csvIgnoresLocale();
    void csvQuotesHeader();
    void missingFolderFails();
    void unwritableFolderFails();
    void badArgumentsFail();
    void failedSaveKeepsOldFile();
};

void TestPlotExport::pngHasDoubleResolution() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("square.png"));
    QString error;
    QVERIFY2(savePlotPng(path, QSize(200, 120), paintSquare, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), QSize(400, 240));
    QCOMPARE(image.pixel(10, 10), qRgb(255, 0, 0));
    QCOMPARE(image.pixel(190, 110), qRgb(255, 0, 0));      // logical (95, 55): still in the square
    QCOMPARE(image.pixel(210, 130), qRgb(255, 255, 255));  // white background, not transparent
    // Recorded as twice the usual density, so documents place it at 200 × 120.
    const int usual = QImage(1, 1, QImage::Format_RGB32).dotsPerMeterX();
    QVERIFY(std::abs(image.dotsPerMeterX() - 2 * usual) <= usual / 50);
}

void TestPlotExport::svgIsValid() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("square.svg"));
    QString error;
    QVERIFY2(savePlotSvg(path, QSize(300, 200), QStringLiteral("Square & <test>"), paintSquare, &error),
             qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    // The view box is the plot's size in pixels; the physical size says 96 dpi (79.375 mm = 300 px).
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 300, 200));
    QImage image(300, 200, QImage::Format_RGB32);
    image.fill(Qt::black);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QCOMPARE(image.pixel(20, 20), qRgb(255, 0, 0));
    QCOMPARE(image.pixel(250, 150), qRgb(255, 255, 255));
    const QString text = readLines(path).join(QLatin1Char('\n'));
    QVERIFY(text.contains(QStringLiteral("width=\"79.375mm\"")));
    QVERIFY(text.contains(QStringLiteral("<title>Square &amp; &lt;test&gt;</title>")));
}

void TestPlotExport::widgetsExport() {
    QTemporaryDir dir;
    HeatmapView heatmap;
    heatmap.setData(3, 3, {0, 1, 2, 3, 4, 5, 6, 7, 8});
    heatmap.setTitle(QStringLiteral("Magnitude"));
    LinePlotView plot;
    plot.setSeries({PlotSeries{QStringLiteral("a"), {1, 2, 3}, {1, 4, 9}, Qt::red}});
    plot.setLogY(true);
    auto heatmapRender = [&](QPainter& p, const QRect& r) { heatmap.render(p, r); };
    auto plotRender = [&](QPainter& p, const QRect& r) { plot.render(p, r); };
    QString error;
    QVERIFY2(savePlotPng(dir.filePath(QStringLiteral("h.png")), QSize(420, 380), heatmapRender, &error),
             qPrintable(error));
    QVERIFY2(savePlotSvg(dir.filePath(QStringLiteral("h.svg")), QSize(420, 380), QStringLiteral("Magnitude"),
                         heatmapRender, &error),
             qPrintable(error));
    QVERIFY2(savePlotSvg(dir.filePath(QStringLiteral("p.svg")), QSize(480, 300), QStringLiteral("Speed"),
                         plotRender, &error),
             qPrintable(error));
    QCOMPARE(QImage(dir.filePath(QStringLiteral("h.png"))).size(), QSize(840, 760));
    QVERIFY(QSvgRenderer(dir.filePath(QStringLiteral("h.svg"))).isValid());
    QVERIFY(QSvgRenderer(dir.filePath(QStringLiteral("p.svg"))).isValid());
    const QString shots = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (!shots.isEmpty()) {
        savePlotPng(shots + QStringLiteral("/export_heatmap.png"), QSize(420, 380), heatmapRender);
        savePlotSvg(shots + QStringLiteral("/export_heatmap.svg"), QSize(420, 380), {}, heatmapRender);
        savePlotSvg(shots + QStringLiteral("/export_plot.svg"), QSize(480, 300), {}, plotRender);
    }
}

void TestPlotExport::csvRoundTrips() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("speed.csv"));
    const QVector<double> k{1, 3, 5, 7};
    const QVector<double> times{0.1, 1.0 / 3.0, 2.5e-7, 123456789.123456789};
    const QVector<double> shorter{-0.0, std::numeric_limits<double>::quiet_NaN()};
    QString error;
    QVERIFY2(saveCsv(path, {QStringLiteral("k"), QStringLiteral("time"), QStringLiteral("other")},
                     {k, times, shorter}, &error),
             qPrintable(error));
    const QStringList lines = readLines(path);
    QCOMPARE(lines.size(), 6);  // header, four rows, and the empty string after the final newline
    QCOMPARE(lines[0], QStringLiteral("k,time,other"));
    QVERIFY(lines[5].isEmpty());
    for (int r = 0; r < 4; ++r) {
        const QStringList cells = lines[r + 1].split(QLatin1Char(','));
        QCOMPARE(cells.size(), 3);
        QCOMPARE(cells[0].toDouble(), k[r]);
        bool ok = false;
        QCOMPARE(cells[1].toDouble(&ok), times[r]);  // exactly the same double
        QVERIFY(ok);
        if (r >= 2) QVERIFY(cells[2].isEmpty());  // the shorter column leaves its cells empty
    }
    QCOMPARE(lines[1].split(QLatin1Char(','))[2], QStringLiteral("0"));
    QCOMPARE(lines[2].split(QLatin1Char(','))[2], QStringLiteral("nan"));
}

void TestPlotExport::csvIgnoresLocale() {
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("de.csv"));
    const bool saved = saveCsv(path, {QStringLiteral("x")}, {{1234.5, 0.25}});
    QLocale::setDefault(previous);
    QVERIFY(saved);
    QCOMPARE(readLines(path).mid(0, 3),
             QStringList({QStringLiteral("x"), QStringLiteral("1234.5"), QStringLiteral("0.25")}));
}

void TestPlotExport::csvQuotesHeader() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("q.csv"));
    QVERIFY(saveCsv(path, {QStringLiteral("time, ms"), QStringLiteral("say \"hi\"")}, {{1}, {2, 3}}));
    const QStringList lines = readLines(path);
    QCOMPARE(lines[0], QStringLiteral("\"time, ms\",\"say \"\"hi\"\"\""));
    QCOMPARE(lines[1], QStringLiteral("1,2"));
    QCOMPARE(lines[2], QStringLiteral(",3"));
}

void TestPlotExport::missingFolderFails() {
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder"));
    QString error;
    QVERIFY(!savePlotPng(missing + QStringLiteral("/a.png"), QSize(10, 10), paintSquare, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("a.png")));
    error.clear();
    QVERIFY(!savePlotSvg(missing + QStringLiteral("/a.svg"), QSize(10, 10), {}, paintSquare, &error));
    QVERIFY(error.contains(QStringLiteral("does not exist")));
    error.clear();
    QVERIFY(!saveCsv(missing + QStringLiteral("/a.csv"), {QStringLiteral("x")}, {{1}}, &error));
    QVERIFY(error.contains(QStringLiteral("does not exist")));
    // Nothing was created: neither the folder nor any file.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no"))));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).size(), 0);
}

void TestPlotExport::unwritableFolderFails() {
    QTemporaryDir dir;
    const QString locked = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkdir(locked));
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner);
    if (QFileInfo(locked).isWritable()) QSKIP("running as a user who can write anywhere (root)");
    QString error;
    QVERIFY(!saveCsv(locked + QStringLiteral("/a.csv"), {QStringLiteral("x")}, {{1}}, &error));
    QVERIFY2(error.contains(QStringLiteral("permission denied"), Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(QDir(locked).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).size(), 0);
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestPlotExport::badArgumentsFail() {
    QTemporaryDir dir;
    QString error;
    QVERIFY(!savePlotPng(dir.filePath(QStringLiteral("a.png")), QSize(0, 10), paintSquare, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!savePlotPng(dir.filePath(QStringLiteral("a.png")), QSize(10, 10), {}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!saveCsv(QString(), {}, {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!saveCsv(dir.path(), {}, {}, &error));  // a folder, not a file
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("a.png"))));
    QVERIFY(savePlotPng(dir.filePath(QStringLiteral("a.png")), QSize(10, 10), paintSquare));  // no error out
    QVERIFY(saveCsv(dir.filePath(QStringLiteral("empty.csv")), {}, {}));  // nothing to write is fine
    QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("empty.csv"))).size(), 0);
}

void TestPlotExport::failedSaveKeepsOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.csv"));
    QVERIFY(saveCsv(path, {QStringLiteral("old")}, {{1}}));
    QVERIFY(!savePlotPng(path, QSize(0, 0), paintSquare));
    QCOMPARE(readLines(path).first(), QStringLiteral("old"));
    QVERIFY(saveCsv(path, {QStringLiteral("new")}, {{2}}));
    QCOMPARE(readLines(path).first(), QStringLiteral("new"));
}

CONVSCOPE_TEST_MAIN(TestPlotExport)
#include "test_plot_export.moc"
