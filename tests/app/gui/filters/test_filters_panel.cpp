#include <QSignalSpy>
// The Filters panel driven as a user would: presets, kernel editing, options, failures and settings.
#include "tests/app/gui/filters/filters_panel_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope::tests;

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
    void failureIsShownInsteadOfAResult();
    void settingsRoundTrip();
    void customKernelRoundTrip();
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
        f.panel.saveState();
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
        f.panel.saveState();
    }
    Fixture g;
    QCOMPARE(child<QComboBox>(g.panel, "presetCombo")->currentData().toString(), QStringLiteral("custom"));
    auto* editor = child<widgets::KernelGridEditor>(g.panel, "kernelEditor");
    QCOMPARE(editor->rows(), 2);
    QCOMPARE(editor->cols(), 3);
    QCOMPARE(editor->values(), values);
}

CONVSCOPE_TEST_MAIN(TestFiltersPanel)
#include "test_filters_panel.moc"
