#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/gui/filter_view_stack.h"
#include "app/gui/filters_panel.h"
#include "app/gui/image_document.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"
#include "widgets/image_view.h"
#include "widgets/kernel_grid_editor.h"
#include "widgets/pixel_inspector_view.h"
#include "widgets/tile_grid_view.h"

using convscope::common::Kernel;
using convscope::gui::FiltersPanel;
using convscope::gui::ImageDocument;
namespace imaging = convscope::imaging;
namespace widgets = convscope::widgets;

namespace {

// 64x48 colour image with structure in every channel: ramps, a bright square and a diagonal edge.
cv::Mat testImage(int width = 64, int height = 48) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uchar* p = image.ptr<uchar>(y) + 3 * x;
            p[0] = static_cast<uchar>((x * 4) % 256);
            p[1] = static_cast<uchar>((x > 20 && x < 40 && y > 10 && y < 30) ? 230 : 30 + y);
            p[2] = static_cast<uchar>(x + y > 60 ? 200 : 15);
        }
    }
    return image;
}

// What the panel must show: the engine's two separate steps, not the fused path the panel uses.
cv::Mat expectedDisplay(const cv::Mat& image, const Kernel& kernel, const imaging::FilterOptions& options,
                        const imaging::DisplayOptions& display, cv::Mat* valuesOut = nullptr) {
    const cv::Mat values = imaging::filterImage(image, kernel, options);
    double lo = 0, hi = 0;
    cv::minMaxLoc(values.reshape(1), &lo, &hi);
    cv::Mat out;
    imaging::renderDisplay(values, imaging::ValueRange{lo, hi}, display, out);
    if (valuesOut) *valuesOut = values;
    return out;
}

// The views get RGB32 (B, G, R, 0xff in memory); the engine's pictures are Grayscale8 or BGR888.
bool samePixels(const QImage& image, const cv::Mat& mat) {
    if (image.isNull() || image.width() != mat.cols || image.height() != mat.rows) return false;
    const int channels = mat.channels();
    for (int y = 0; y < mat.rows; ++y) {
        const uchar* expected = mat.ptr(y);
        if (image.format() == QImage::Format_RGB32) {
            const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < mat.cols; ++x) {
                const uchar* e = expected + x * channels;
                const QRgb p = line[x];
                const bool same = channels == 1 ? qRed(p) == e[0] && qGreen(p) == e[0] && qBlue(p) == e[0]
                                                : qBlue(p) == e[0] && qGreen(p) == e[1] && qRed(p) == e[2];
                if (!same) return false;
            }
        } else {
            const bool formatFits = channels == 1 ? image.format() == QImage::Format_Grayscale8
                                                  : image.format() == QImage::Format_BGR888;
            if (!formatFits ||
                std::memcmp(image.constScanLine(y), expected, static_cast<size_t>(mat.cols * channels)) != 0)
                return false;
        }
    }
    return true;
}

template <typename T>
T* child(QWidget& panel, const char* name) {
    T* w = panel.findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no child %s", name);
    return w;
}

void clearSettings() {
    QSettings(QSettings::IniFormat, QSettings::UserScope, "ConvScope", "ConvScope").clear();
}

}  // namespace

class TestFiltersPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { clearSettings(); }

    void interactiveChildrenHaveNames();
    void presetShowsEngineResult();
    void editingCoefficientSwitchesToCustom();
    void optionsChangeTheResult();
    void divergingNeedsSingleChannel();
    void hoverInspectsPixel();
    void zoomFollowsVisibleView();
    void allFiltersGridHasOneTilePerPreset();
    void exportsFloatValuesAndPicture();
    void exportOfLargeImageIsFullResolution();
    void previewResultStaysAlignedWithOriginal();
    void failureIsShownInsteadOfAResult();
    void settingsRoundTrip();
    void customKernelRoundTrip();

private:
    struct Fixture {
        ImageDocument document;
        FiltersPanel panel{&document};
        Fixture() {
            panel.resize(1400, 800);
            panel.show();
        }
    };
    static void selectPreset(FiltersPanel& panel, const char* name) {
        auto* combo = child<QComboBox>(panel, "presetCombo");
        const int index = combo->findData(QString::fromLatin1(name));
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
    }
};

void TestFiltersPanel::interactiveChildrenHaveNames() {
    Fixture f;
    for (const char* name :
         {"presetCombo",    "presetDescription", "kernelEditor", "loadKernelButton", "saveKernelButton",
          "correlateRadio", "convolveRadio",     "borderCombo",  "colourRadio",      "grayscaleRadio",
          "clipRadio",      "absRadio",          "offsetRadio",  "divergingRadio",   "stretchCheck",
          "rangeLabel",     "originalView",      "resultView",   "splitView",        "tileGrid",
          "pixelInspector", "filtersSplitter",   "colorBar"}) {
        QVERIFY2(f.panel.findChild<QWidget*>(QString::fromLatin1(name)), name);
    }
    // Every preset and "Custom" are offered.
    auto* combo = child<QComboBox>(f.panel, "presetCombo");
    for (const imaging::PresetInfo& info : imaging::kernelPresets())
        QVERIFY(combo->findText(QString::fromStdString(info.title)) >= 0);
    QVERIFY(combo->findData(QStringLiteral("custom")) >= 0);
}

void TestFiltersPanel::presetShowsEngineResult() {
    Fixture f;
    QSignalSpy available(&f.panel, &FiltersPanel::resultAvailabilityChanged);
    QSignalSpy status(&f.panel, &FiltersPanel::statusMessage);
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "sobel-x");
    auto* clip = child<QAbstractButton>(f.panel, "clipRadio");
    clip->click();
    const cv::Mat expected = expectedDisplay(image, imaging::makeKernel("sobel-x"), {}, {});
    auto* result = child<widgets::ImageView>(f.panel, "resultView");
    QTRY_VERIFY(samePixels(result->image(), expected));
    QVERIFY(f.panel.hasResult());
    QVERIFY(!available.isEmpty() && available.last().at(0).toBool());
    QVERIFY(samePixels(f.panel.displayedResult(), expected));
    QTRY_VERIFY(!status.isEmpty());
    QVERIFY2(status.last().at(0).toString().startsWith(QStringLiteral("Sobel X · 64×48 · ")),
             qPrintable(status.last().at(0).toString()));
    // The true range of the values, with real minus signs.
    cv::Mat values = imaging::filterImage(image, imaging::makeKernel("sobel-x"), {});
    double lo = 0, hi = 0;
    cv::minMaxLoc(values.reshape(1), &lo, &hi);
    QVERIFY(lo < 0);
    const QString range = child<QLabel>(f.panel, "rangeLabel")->text();
    QVERIFY2(range.contains(QStringLiteral("\u2212%1 … %2").arg(-lo).arg(hi)), qPrintable(range));
}

void TestFiltersPanel::editingCoefficientSwitchesToCustom() {
    Fixture f;
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "sobel-x");
    child<QAbstractButton>(f.panel, "clipRadio")->click();
    auto* result = child<widgets::ImageView>(f.panel, "resultView");
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, imaging::makeKernel("sobel-x"), {}, {})));

    auto* editor = child<widgets::KernelGridEditor>(f.panel, "kernelEditor");
    QCOMPARE(editor->rows(), 3);
    QCOMPARE(editor->values(), QVector<double>({-1, 0, 1, -2, 0, 2, -1, 0, 1}));
    QTableWidgetItem* centre = editor->table()->item(1, 1);
    QVERIFY(centre);
    centre->setText(QStringLiteral("5"));
    auto* combo = child<QComboBox>(f.panel, "presetCombo");
    QCOMPARE(combo->currentData().toString(), QStringLiteral("custom"));
    const Kernel edited(3, 3, {-1, 0, 1, -2, 5, 2, -1, 0, 1});
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, edited, {}, {})));
    // The edited kernel stays in the grid.
    QCOMPARE(editor->values(), QVector<double>(edited.values().begin(), edited.values().end()));
}

void TestFiltersPanel::optionsChangeTheResult() {
    Fixture f;
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "emboss");
    auto* border = child<QComboBox>(f.panel, "borderCombo");
    border->setCurrentIndex(border->findData(QStringLiteral("zero")));
    child<QAbstractButton>(f.panel, "convolveRadio")->click();
    child<QAbstractButton>(f.panel, "offsetRadio")->click();
    imaging::FilterOptions options;
    options.border = imaging::BorderMode::Zero;
    options.mode = imaging::CorrelationMode::Convolve;
    imaging::DisplayOptions display;
    display.mode = imaging::SignedDisplay::Offset;
    auto* result = child<widgets::ImageView>(f.panel, "resultView");
    const Kernel emboss = imaging::makeKernel("emboss");
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, emboss, options, display)));
    // Offset needs explaining: the colour bar is shown.
    QVERIFY(child<QWidget>(f.panel, "colorBar")->isVisible());

    child<QAbstractButton>(f.panel, "grayscaleRadio")->click();
    child<QAbstractButton>(f.panel, "stretchCheck")->click();
    options.grayscale = true;
    display.stretch = true;
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, emboss, options, display)));
    QCOMPARE(f.panel.displayedResult().format(), QImage::Format_Grayscale8);

    border->setCurrentIndex(border->findData(QStringLiteral("wrap")));
    child<QAbstractButton>(f.panel, "absRadio")->click();
    options.border = imaging::BorderMode::Wrap;
    display.mode = imaging::SignedDisplay::Absolute;
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, emboss, options, display)));

    // Clip without stretch maps value to grey one to one: no colour bar.
    child<QAbstractButton>(f.panel, "clipRadio")->click();
    child<QAbstractButton>(f.panel, "stretchCheck")->click();
    display = {};
    QTRY_VERIFY(samePixels(result->image(), expectedDisplay(image, emboss, options, display)));
    QVERIFY(!child<QWidget>(f.panel, "colorBar")->isVisible());
}

void TestFiltersPanel::divergingNeedsSingleChannel() {
    Fixture f;
    const cv::Mat image = testImage();
    f.document.setImage(image, {}, QStringLiteral("test"));
    selectPreset(f.panel, "sobel-x");
    auto* diverging = child<QAbstractButton>(f.panel, "divergingRadio");
    child<QAbstractButton>(f.panel, "colourRadio")->click();
    QVERIFY(!diverging->isEnabled());
    QVERIFY(!diverging->toolTip().isEmpty());
    // Disabled, it says why and how to get it: in the tooltip and, for those who never hover, in its text.
    QVERIFY2(diverging->toolTip().startsWith(QStringLiteral("Available in grayscale mode")),
             qPrintable(diverging->toolTip()));
    QCOMPARE(diverging->text(), QStringLiteral("Diverging colormap (grayscale only)"));

    child<QAbstractButton>(f.panel, "grayscaleRadio")->click();
    QVERIFY(diverging->isEnabled());
    QCOMPARE(diverging->text(), QStringLiteral("Diverging colormap"));
    diverging->click();
    imaging::FilterOptions options;
    options.grayscale = true;
    imaging::DisplayOptions display;
    display.mode = imaging::SignedDisplay::Diverging;
    auto* result = child<widgets::ImageView>(f.panel, "resultView");
    QTRY_VERIFY(samePixels(result->image(),
                           expectedDisplay(image, imaging::makeKernel("sobel-x"), options, display)));
    QVERIFY(child<QWidget>(f.panel, "colorBar")->isVisible());

    // Back to colour: diverging cannot stay selected, the closest honest choice (offset) replaces it.
    child<QAbstractButton>(f.panel, "colourRadio")->click();
    QVERIFY(!diverging->isChecked());
    QVERIFY(child<QAbstractButton>(f.panel, "offsetRadio")->isChecked());
    display.mode = imaging::SignedDisplay::Offset;
    QTRY_VERIFY(
        samePixels(result->image(), expectedDisplay(image, imaging::makeKernel("sobel-x"), {}, display)));
}

void TestFiltersPanel::hoverInspectsPixel() {
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

void TestFiltersPanel::zoomFollowsVisibleView() {
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

void TestFiltersPanel::allFiltersGridHasOneTilePerPreset() {
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

void TestFiltersPanel::exportsFloatValuesAndPicture() {
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

void TestFiltersPanel::exportOfLargeImageIsFullResolution() {
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

void TestFiltersPanel::previewResultStaysAlignedWithOriginal() {
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

void TestFiltersPanel::failureIsShownInsteadOfAResult() {
    Fixture f;
    QSignalSpy available(&f.panel, &FiltersPanel::resultAvailabilityChanged);
    f.document.setImage(testImage(), {}, QStringLiteral("good"));
    QTRY_VERIFY(f.panel.hasResult());
    // A 16-bit image is not something the engine filters: the worker reports it, the panel says so.
    f.document.setImage(cv::Mat(12, 10, CV_16UC1, cv::Scalar(1000)), {}, QStringLiteral("16-bit"));
    auto* error = child<QLabel>(f.panel, "errorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QStringLiteral("Filtering failed: ")), qPrintable(error->text()));
    QVERIFY(!f.panel.hasResult());
    QVERIFY(!available.isEmpty() && !available.last().at(0).toBool());
    QVERIFY(child<widgets::ImageView>(f.panel, "resultView")->image().isNull());
    QVERIFY(!f.panel.exportResult(QDir::temp().filePath(QStringLiteral("never.png"))).isEmpty());
    // A good image afterwards works again and clears the message.
    f.document.setImage(testImage(), {}, QStringLiteral("good again"));
    QTRY_VERIFY(f.panel.hasResult());
    QVERIFY(!error->isVisible());
}

void TestFiltersPanel::settingsRoundTrip() {
    {
        Fixture f;
        selectPreset(f.panel, "gaussian");
        auto* size = child<QDoubleSpinBox>(f.panel, "sizeSpin");
        size->setValue(9);
        auto* sigma = child<QDoubleSpinBox>(f.panel, "sigmaSpin");
        sigma->setValue(2.5);
        child<QAbstractButton>(f.panel, "convolveRadio")->click();
        auto* border = child<QComboBox>(f.panel, "borderCombo");
        border->setCurrentIndex(border->findData(QStringLiteral("replicate")));
        child<QAbstractButton>(f.panel, "grayscaleRadio")->click();
        child<QAbstractButton>(f.panel, "divergingRadio")->click();
        child<QAbstractButton>(f.panel, "stretchCheck")->click();
        f.panel.setViewMode(FiltersPanel::ViewMode::Split);
        f.panel.saveSettings();
    }
    Fixture g;
    QCOMPARE(child<QComboBox>(g.panel, "presetCombo")->currentData().toString(), QStringLiteral("gaussian"));
    QCOMPARE(child<QDoubleSpinBox>(g.panel, "sizeSpin")->value(), 9.0);
    QCOMPARE(child<QDoubleSpinBox>(g.panel, "sigmaSpin")->value(), 2.5);
    QCOMPARE(child<widgets::KernelGridEditor>(g.panel, "kernelEditor")->rows(), 9);
    QVERIFY(child<QAbstractButton>(g.panel, "convolveRadio")->isChecked());
    QCOMPARE(child<QComboBox>(g.panel, "borderCombo")->currentData().toString(), QStringLiteral("replicate"));
    QVERIFY(child<QAbstractButton>(g.panel, "grayscaleRadio")->isChecked());
    QVERIFY(child<QAbstractButton>(g.panel, "divergingRadio")->isChecked());
    QVERIFY(child<QAbstractButton>(g.panel, "stretchCheck")->isChecked());
    QCOMPARE(g.panel.viewMode(), FiltersPanel::ViewMode::Split);
}

void TestFiltersPanel::customKernelRoundTrip() {
    const QVector<double> values = {0.5, -1, 0.25, 2, 0, -3};
    {
        Fixture f;
        auto* editor = child<widgets::KernelGridEditor>(f.panel, "kernelEditor");
        editor->resizeKernel(2, 3);
        for (int i = 0; i < values.size(); ++i)
            editor->table()->item(i / 3, i % 3)->setText(QString::number(values[i]));
        QCOMPARE(child<QComboBox>(f.panel, "presetCombo")->currentData().toString(),
                 QStringLiteral("custom"));
        f.panel.saveSettings();
    }
    Fixture g;
    QCOMPARE(child<QComboBox>(g.panel, "presetCombo")->currentData().toString(), QStringLiteral("custom"));
    auto* editor = child<widgets::KernelGridEditor>(g.panel, "kernelEditor");
    QCOMPARE(editor->rows(), 2);
    QCOMPARE(editor->cols(), 3);
    QCOMPARE(editor->values(), values);
}

QTEST_MAIN(TestFiltersPanel)
#include "test_filters_panel.moc"
