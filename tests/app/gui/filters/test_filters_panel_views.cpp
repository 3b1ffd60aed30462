#include <QSignalSpy>
// The Filters panel's views driven as a user would: hover and the pixel inspector, zoom, the all-filters
// grid, preview alignment and export.
#include "tests/app/gui/filters/filters_panel_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope::tests;

class TestFiltersPanelViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { clearSettings(); }

    void hoverInspectsPixel();
    void zoomFollowsVisibleView();
    void allFiltersGridHasOneTilePerPreset();
    void exportsFloatValuesAndPicture();
    void exportOfLargeImageIsFullResolution();
    void previewResultStaysAlignedWithOriginal();
};

void TestFiltersPanelViews::hoverInspectsPixel() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
    QSignalSpy cursor(&f.panel, &FiltersPanel::cursorInfoChanged);
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "sobel-x");
    child<QAbstractButton>(f.panel, "clipRadio")->click();
    cv::Mat values;
    const cv::Mat expected = expectedDisplay(image, imaging::makeKernel("sobel-x"), {}, {}, &values);
    auto* result = child<widgets::ImageView>(f.panel, "resultView");
    QTRY_VERIFY(samePixels(result->image(), expected));

    // Before any hovering the inspector explains the centre pixel, and its title says so.
    auto* inspector = child<widgets::PixelInspectorView>(f.panel, "pixelInspector");
    auto* inspectorBox = child<QGroupBox>(f.panel, "inspectorGroup");
    QVERIFY(inspector->hasData());
    QCOMPARE(inspector->data().x, image.cols / 2);
    QCOMPARE(inspector->data().y, image.rows / 2);
    QCOMPARE(inspector->data().sum,
             static_cast<double>(values.ptr<float>(image.rows / 2)[3 * (image.cols / 2) + 1]));
    QVERIFY2(inspectorBox->title().contains(QStringLiteral("centre pixel")),
             qPrintable(inspectorBox->title()));

    const QPoint pixel(21, 12);
    const QPoint at = result->imageToWidget(QPointF(pixel.x() + 0.5, pixel.y() + 0.5)).toPoint();
    QTest::mouseMove(result, at);
    QTRY_VERIFY(inspector->hasData());
    QTRY_COMPARE(inspector->data().x, pixel.x());
    QCOMPARE(inspectorBox->title(), QStringLiteral("Pixel inspector"));
    const widgets::PixelInspectorData& data = inspector->data();
    QCOMPARE(data.x, pixel.x());
    QCOMPARE(data.y, pixel.y());
    QCOMPARE(data.rows, 3);
    QCOMPARE(data.cols, 3);
    QCOMPARE(data.channel, QStringLiteral("G"));  // the default channel of colour results
    const float green = values.ptr<float>(pixel.y())[3 * pixel.x() + 1];
    QCOMPARE(data.sum, static_cast<double>(green));
    QCOMPARE(data.weights, QVector<double>({-1, 0, 1, -2, 0, 2, -1, 0, 1}));
    // The kernel footprint is outlined on the views; the status text names the pixel and both values.
    QTRY_VERIFY(!cursor.isEmpty());
    const QString text = cursor.last().at(0).toString();
    QVERIFY2(text.startsWith(QStringLiteral("x 21  y 12 · in R ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(" · out R ")), qPrintable(text));

    // Another channel: the same pixel's red sum.
    child<QAbstractButton>(f.panel, "inspectRedButton")->click();
    QCOMPARE(inspector->data().channel, QStringLiteral("R"));
    QCOMPARE(inspector->data().sum, static_cast<double>(values.ptr<float>(pixel.y())[3 * pixel.x() + 2]));

    // Grayscale: one channel, and the sum is the grey result's value.
    child<QAbstractButton>(f.panel, "grayscaleRadio")->click();
    imaging::FilterOptions gray;
    gray.grayscale = true;
    const cv::Mat grayValues = imaging::filterImage(image, imaging::makeKernel("sobel-x"), gray);
    QCOMPARE(inspector->data().channel, QStringLiteral("Gray"));
    QCOMPARE(inspector->data().sum, static_cast<double>(grayValues.ptr<float>(pixel.y())[pixel.x()]));
    QTRY_VERIFY(cursor.last().at(0).toString().endsWith(QStringLiteral(" · out %1")
                                                            .arg(grayValues.ptr<float>(pixel.y())[pixel.x()])
                                                            .replace('-', QChar(0x2212))));
}

void TestFiltersPanelViews::zoomFollowsVisibleView() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
    QSignalSpy zooms(&f.panel, &FiltersPanel::zoomChanged);
    f.document.setImage(testImage(), {}, QStringLiteral("test"));
    auto* original = child<widgets::ImageView>(f.panel, "originalView");
    auto* split = child<widgets::ImageView>(f.panel, "splitView");
    QTRY_VERIFY(!zooms.isEmpty());
    QCOMPARE(zooms.last().at(0).toDouble(), original->zoom());

    // The split view is fitted to a wider area than the half-width original: another zoom, and the
    // status bar must get that one, on the switch and on its own changes.
    f.panel.setViewMode(FiltersPanel::ViewMode::Split);
    QTRY_COMPARE(zooms.last().at(0).toDouble(), split->zoom());
    QVERIFY(split->zoom() != original->zoom());
    split->zoomOut();
    QCOMPARE(zooms.last().at(0).toDouble(), split->zoom());
    // Resizing refits a fitted view: the new zoom is announced too.
    split->zoomToFit();
    f.panel.resize(1000, 700);
    QTRY_COMPARE(zooms.last().at(0).toDouble(), split->zoom());

    f.panel.setViewMode(FiltersPanel::ViewMode::SideBySide);
    QTRY_COMPARE(zooms.last().at(0).toDouble(), original->zoom());
    // The grid has no zoom factor: nothing is announced for it, and the hidden views stay silent.
    const int before = zooms.count();
    f.panel.setViewMode(FiltersPanel::ViewMode::AllFilters);
    split->zoomIn();
    QCOMPARE(zooms.count(), before);
}

void TestFiltersPanelViews::allFiltersGridHasOneTilePerPreset() {
    Fixture f;
    QSignalSpy modes(&f.panel, &FiltersPanel::viewModeChanged);
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    f.panel.setViewMode(FiltersPanel::ViewMode::AllFilters);
    QCOMPARE(f.panel.viewMode(), FiltersPanel::ViewMode::AllFilters);
    QCOMPARE(modes.count(), 1);
    auto* grid = child<widgets::TileGridView>(f.panel, "tileGrid");
    const auto& presets = imaging::kernelPresets();
    QCOMPARE(grid->tileCount(), static_cast<int>(presets.size()));
    QTRY_VERIFY([&] {
        for (int i = 0; i < grid->tileCount(); ++i)
            if (grid->tile(i).image.isNull()) return false;
        return true;
    }());
    for (int i = 0; i < grid->tileCount(); ++i) {
        QCOMPARE(grid->tile(i).title, QString::fromStdString(presets[static_cast<size_t>(i)].title));
        QVERIFY2(grid->tile(i).subtitle.startsWith(QStringLiteral("min ")),
                 qPrintable(grid->tile(i).subtitle));
        QCOMPARE(grid->tile(i).image.size(), QSize(64, 48));  // already smaller than 512: not reduced
    }
    // Every tile is stretched to its own range whatever the panel's display options (here the default,
    // clip without stretch): |v| up to max|v| for signed results, min..max for non-negative ones. The
    // subtitle and the caption say so.
    const auto indexOf = [&](const char* name) {
        return static_cast<int>(
            std::find_if(presets.begin(), presets.end(), [name](const auto& p) { return p.name == name; }) -
            presets.begin());
    };
    const int sobel = indexOf("sobel-x");
    const int box = indexOf("box");
    QVERIFY(samePixels(grid->tile(sobel).image, expectedDisplay(image, imaging::makeKernel("sobel-x"), {},
                                                                {imaging::SignedDisplay::Absolute, true})));
    QVERIFY(samePixels(grid->tile(box).image, expectedDisplay(image, imaging::makeKernel("box"), {},
                                                              {imaging::SignedDisplay::Clip, true})));
    QVERIFY2(grid->tile(sobel).subtitle.endsWith(QStringLiteral("\n|v| scaled to max")),
             qPrintable(grid->tile(sobel).subtitle));
    QVERIFY2(grid->tile(box).subtitle.endsWith(QStringLiteral("\nmin…max scaled to 0…255")),
             qPrintable(grid->tile(box).subtitle));
    QVERIFY(child<QLabel>(f.panel, "tilesCaption")->isVisible());
    QVERIFY(child<QLabel>(f.panel, "tilesCaption")->text().contains(QStringLiteral("scaled individually")));

    // Clicking a tile picks that preset and goes back to side by side.
    const int laplacian = static_cast<int>(
        std::find_if(presets.begin(), presets.end(), [](const auto& p) { return p.name == "laplacian"; }) -
        presets.begin());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(laplacian).center());
    QCOMPARE(child<QComboBox>(f.panel, "presetCombo")->currentData().toString(), QStringLiteral("laplacian"));
    QCOMPARE(f.panel.viewMode(), FiltersPanel::ViewMode::SideBySide);
}

void TestFiltersPanelViews::exportsFloatValuesAndPicture() {
    Fixture f;
    QTemporaryDir dir;
    QVERIFY(!f.panel.exportResult(dir.filePath("none.tiff")).isEmpty());  // no image yet
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "edge-detection");
    child<QAbstractButton>(f.panel, "absRadio")->click();
    imaging::DisplayOptions display;
    display.mode = imaging::SignedDisplay::Absolute;
    cv::Mat values;
    const cv::Mat expected =
        expectedDisplay(image, imaging::makeKernel("edge-detection"), {}, display, &values);
    QTRY_VERIFY(samePixels(child<widgets::ImageView>(f.panel, "resultView")->image(), expected));

    const QString tiff = dir.filePath("result.tiff");
    QCOMPARE(f.panel.exportResult(tiff), QString());
    const cv::Mat floats = cv::imread(tiff.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(floats.type(), CV_32FC3);
    QCOMPARE(cv::norm(floats, values, cv::NORM_INF), 0.0);

    const QString png = dir.filePath("result.png");
    QCOMPARE(f.panel.exportResult(png), QString());
    const cv::Mat picture = cv::imread(png.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(picture.type(), CV_8UC3);
    QCOMPARE(cv::norm(picture, expected, cv::NORM_INF), 0.0);

    QVERIFY(!f.panel.exportResult(dir.filePath("missing/dir/result.png")).isEmpty());
    QVERIFY(!f.panel.exportResult(dir.filePath("result.unknownformat")).isEmpty());
    QVERIFY(!f.panel.exportResult(QString()).isEmpty());
}

void TestFiltersPanelViews::exportOfLargeImageIsFullResolution() {
    Fixture f;
    cv::Mat image(1200, 1600, CV_8UC1);  // 1.9 MP: previews come first
    cv::RNG(9).fill(image, cv::RNG::UNIFORM, 0, 256);
    f.document.setImage(image, {}, QStringLiteral("large"));
    // Immediately, before the worker can have finished: the export computes the full result itself.
    QTemporaryDir dir;
    const QString tiff = dir.filePath("large.tif");
    QCOMPARE(f.panel.exportResult(tiff), QString());
    const cv::Mat floats = cv::imread(tiff.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(floats.cols, 1600);
    QCOMPARE(floats.rows, 1200);
    const Kernel k =
        imaging::makeKernel(child<QComboBox>(f.panel, "presetCombo")->currentData().toString().toStdString());
    QCOMPARE(cv::norm(floats, imaging::filterImage(image, k, {}), cv::NORM_INF), 0.0);
}

void TestFiltersPanelViews::previewResultStaysAlignedWithOriginal() {
    // A preview computed on a copy reduced 4x is shown at its own resolution: it must cover the same screen
    // area as the original, and hovering it must report image pixels, not preview pixels.
    convscope::gui::FilterViewStack stack;
    stack.resize(1600, 700);
    stack.show();
    QVERIFY(QTest::qWaitForWindowExposed(&stack));
    QImage original(400, 200, QImage::Format_RGB32);
    original.fill(Qt::darkGreen);
    QImage preview(100, 50, QImage::Format_RGB32);
    preview.fill(Qt::gray);
    stack.setOriginal(original);
    stack.setResult(preview, QStringLiteral("Result · preview"), QSize(400, 200));
    widgets::ImageView* left = stack.originalView();
    widgets::ImageView* right = stack.resultView();
    QCOMPARE(left->size(), right->size());
    const QPointF imagePoint(123.5, 77.5);
    QVERIFY((left->imageToWidget(imagePoint) - right->imageToWidget(imagePoint / 4)).manhattanLength() < 0.5);

    QSignalSpy hovered(&stack, &convscope::gui::FilterViewStack::hoveredPixel);
    QTest::mouseMove(right, right->imageToWidget(imagePoint / 4).toPoint());
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toPoint(), QPoint(123, 77));

    // Zooming the original zooms the preview by the same screen factor, around the same place.
    left->zoomIn();
    QCOMPARE(right->zoom(), left->zoom() * 4);
    QVERIFY((left->imageToWidget(imagePoint) - right->imageToWidget(imagePoint / 4)).manhattanLength() < 0.5);
    // And the other way round, panning the result.
    QTest::mousePress(right, Qt::LeftButton, {}, QPoint(400, 300));
    QTest::mouseMove(right, QPoint(460, 330));
    QTest::mouseRelease(right, Qt::LeftButton, {}, QPoint(460, 330));
    QVERIFY((left->imageToWidget(imagePoint) - right->imageToWidget(imagePoint / 4)).manhattanLength() < 0.5);

    // The full result replaces the preview and the two views share one scale again.
    stack.setResult(original, QStringLiteral("Result"), QSize(400, 200));
    QCOMPARE(right->zoom(), left->zoom());
    QCOMPARE(right->center(), left->center());
    const QPoint at(300, 200);
    const QPointF expected = left->widgetToImage(QPointF(at));
    QTest::mouseMove(right, at);
    QTRY_COMPARE(hovered.last().at(0).toPoint(),
                 QPoint(int(std::floor(expected.x())), int(std::floor(expected.y()))));
}

CONVSCOPE_TEST_MAIN(TestFiltersPanelViews)
#include "test_filters_panel_views.moc"
