// The Frequency panel driven as a learner would: follow the Filters panel's kernel, choose and edit a kernel
// here (the plots change with every coefficient), compare two kernels, change the transform size, read the
// convolution theorem with and without padding, time both methods, export. Expected values come from a naive
// DFT written here.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <complex>
#include <opencv2/core.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/frequency/response_page.h"
#include "app/gui/frequency/speed_page.h"
#include "app/gui/frequency/theorem_page.h"
#include "core/imaging/kernel_library.h"
#include "tests/support/test_main.h"
#include "widgets/kernel/kernel_grid_editor.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;

namespace {

constexpr double kPi = 3.14159265358979323846;

// |H| at the centred index (row, col) of an N x N response, with the kernel's anchor at the origin.
double naiveMagnitude(const common::Kernel& k, int row, int col, int n) {
    const double fy = double(row - n / 2) / n, fx = double(col - n / 2) / n;
    std::complex<double> s = 0.0;
    for (int i = 0; i < k.rows(); ++i)
        for (int j = 0; j < k.cols(); ++j)
            s += k.at(i, j) *
                 std::polar(1.0, -2 * kPi * (fy * (i - k.anchorRow()) + fx * (j - k.anchorCol())));
    return std::abs(s);
}

}  // namespace

class TestFrequencyPanel : public QObject {
    Q_OBJECT
    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::FrequencyPanel> m_panel;

    bool settle() {
        return QTest::qWaitFor([this] { return !m_panel->isComputing(); }, 20000);
    }
    gui::ResponsePage* page() const { return m_panel->responsePage(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_document = std::make_unique<gui::ImageDocument>();
        cv::Mat image(48, 64, CV_8UC3);
        cv::RNG(3).fill(image, cv::RNG::UNIFORM, 0, 256);
        m_document->setImage(image, {}, QStringLiteral("noise"));
        m_panel = std::make_unique<gui::FrequencyPanel>(m_document.get());
        m_panel->resize(1300, 850);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->setFiltersKernel(imaging::makeKernel("sobel-x"), QStringLiteral("Sobel X"), {});
        QVERIFY(settle());
    }
    void cleanup() {
        m_panel.reset();
        m_document.reset();
    }

    void followsTheFiltersKernel() {
        QVERIFY(m_panel->controls()->followsFilters());
        const gui::ResponseView& a = page()->response(0);
        QCOMPARE(a.title, QStringLiteral("Sobel X"));
        QCOMPARE(a.size, 256);
        const common::Kernel sobel = imaging::makeKernel("sobel-x");
        for (int row : {0, 100, 128, 200})
            for (int col : {5, 128, 192, 255})
                QVERIFY(std::abs(a.magnitude[row * 256 + col] - naiveMagnitude(sobel, row, col, 256)) < 1e-4);
        QVERIFY(a.kind.contains(QStringLiteral("directional at 0°")));
        QVERIFY(page()->summaryLabel(0)->text().contains(QStringLiteral("Sobel X")));
        // The magnitude view shows ln(1 + |H|) by default, the seed's scale.
        QCOMPARE(page()->magnitudeView(0)->rows(), 256);
        QVERIFY(std::abs(page()->magnitudeView(0)->valueAt(128, 192) -
                         std::log1p(naiveMagnitude(sobel, 128, 192, 256))) < 1e-4);
        // A new kernel in the Filters panel shows at once.
        m_panel->setFiltersKernel(imaging::makeKernel("laplacian"), QStringLiteral("Laplacian"), {});
        QVERIFY(settle());
        QCOMPARE(page()->response(0).title, QStringLiteral("Laplacian"));
        QVERIFY(page()->response(0).kind.startsWith(QStringLiteral("high-pass")));
    }

    void editingACoefficientChangesThePlots() {
        gui::FrequencyControls* c = m_panel->controls();
        c->ownButton()->click();
        QVERIFY(c->ownButton()->isChecked());
        c->kernelControls()->selectPreset(QStringLiteral("sobel-x"));
        QVERIFY(settle());
        const QVector<float> before =
            page()->magnitudeView(0)->image().isNull() ? QVector<float>() : page()->response(0).magnitude;
        auto* editor =
            c->kernelControls()->findChild<widgets::KernelGridEditor*>(QStringLiteral("kernelEditor"));
        QVERIFY(editor);
        editor->table()->item(1, 1)->setText(QStringLiteral("4"));  // the centre: a DC term appears
        QVERIFY(settle());
        const common::Kernel edited(3, 3, {-1, 0, 1, -2, 4, 2, -1, 0, 1});
        const gui::ResponseView& a = page()->response(0);
        QVERIFY(a.magnitude != before);
        QCOMPARE(a.dcGain, 4.0);
        QVERIFY(std::abs(a.magnitude[128 * 256 + 128] - 4.0) < 1e-5);
        QVERIFY(std::abs(a.magnitude[60 * 256 + 30] - naiveMagnitude(edited, 60, 30, 256)) < 1e-4);
        QVERIFY(std::abs(page()->magnitudeView(0)->valueAt(128, 128) - std::log1p(4.0)) < 1e-5);
        // The slice plot follows: its A series through f_y = 0 holds the new values.
        const QVector<widgets::PlotSeries>& series = page()->slicePlot()->series();
        QVERIFY(!series.isEmpty());
        QVERIFY(std::abs(series[0].y[128] - std::log1p(4.0)) < 1e-6);
    }

    void comparisonAndTransformOptions() {
        gui::FrequencyControls* c = m_panel->controls();
        QVERIFY(page()->hasResponse(1));  // the seed's Gaussian by default
        QCOMPARE(page()->response(1).dcGain, 1.0);
        QVERIFY(page()->response(1).kind.startsWith(QStringLiteral("low-pass")));
        c->compareCombo()->setCurrentIndex(0);  // nothing
        QVERIFY(settle());
        QVERIFY(!page()->hasResponse(1));
        QCOMPARE(page()->slicePlot()->series().size(), 2);
        c->sizeBox()->setValue(64);
        QVERIFY(settle());
        QCOMPARE(page()->response(0).size, 64);
        QCOMPARE(page()->magnitudeView(0)->rows(), 64);
        c->scaleCombo()->setCurrentIndex(c->scaleCombo()->findData(int(spectral::MagnitudeScale::Decibel)));
        QVERIFY(settle());
        QVERIFY(page()->response(0).scaled[0] <= -100.0f);  // Sobel X is 0 at f_y = −0.5: the dB floor
        QVERIFY(page()->magnitudeView(0)->title().contains(QStringLiteral("magnitude")));
    }

    void kernelLargerThanTheTransformIsExplained() {
        gui::FrequencyControls* c = m_panel->controls();
        c->sizeBox()->setValue(16);
        QVERIFY(settle());
        QVERIFY(
            m_panel->showKernel(common::Kernel(21, 21, std::vector<double>(441, 1.0)), QStringLiteral("big"))
                .isEmpty());
        QVERIFY(settle());
        QVERIFY2(page()->summaryLabel(0)->text().contains(QStringLiteral("does not fit")),
                 qPrintable(page()->summaryLabel(0)->text()));
        QVERIFY(!page()->magnitudeView(0)->isEnabled());
        c->sizeBox()->setValue(32);
        QVERIFY(settle());
        QVERIFY(page()->magnitudeView(0)->isEnabled());
        QCOMPARE(page()->response(0).title, QStringLiteral("big"));
    }

    void convolutionTheoremWithAndWithoutPadding() {
        m_panel->pages()->setCurrentWidget(m_panel->theoremPage());
        QVERIFY(QTest::qWaitFor([this] { return m_panel->theoremPage()->view().rows > 0; }, 20000));
        gui::TheoremPage* t = m_panel->theoremPage();
        QCOMPARE(t->view().rows, 48);
        QCOMPARE(t->view().cols, 64);
        QVERIFY2(t->view().maxDifference < 1e-3, qPrintable(t->differenceLabel()->text()));
        QVERIFY(t->differenceLabel()->text().startsWith(QStringLiteral("Padded")));
        QVERIFY(t->view().transformRows >= 48 + 2);
        t->padBox()->click();
        QVERIFY(QTest::qWaitFor([t] { return t->view().circular; }, 20000));
        QVERIFY(t->view().maxDifference > 1.0);  // the wrap-around at the borders
        QCOMPARE(t->view().transformRows, 48);
        QVERIFY(t->differenceLabel()->text().contains(QStringLiteral("wrapped around")));
    }

    void speedMeasurementRunsAndCancels() {
        gui::SpeedPage* s = m_panel->speedPage();
        m_panel->pages()->setCurrentWidget(s);
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QCOMPARE(s->measureButton()->text(), QStringLiteral("Cancel"));
        QVERIFY(QTest::qWaitFor([s] { return s->result().sizes.size() == 15; }, 60000));
        const gui::SpeedView& v = s->result();
        for (int i = 0; i < v.sizes.size(); ++i) {
            QVERIFY(v.fftMs[i] > 0);
            QVERIFY(v.directMs[i] > 0);  // a 64 x 48 image: every size is measured
        }
        QCOMPARE(s->plot()->series().size(), 4);
        QVERIFY(s->summary()->text().contains(QStringLiteral("64 × 48")));
        // Cancel at once: the measurement stops between runs.
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QTRY_COMPARE(s->measureButton()->text(), QStringLiteral("Measure on this image"));
        QTRY_VERIFY(s->summary()->text().contains(QStringLiteral("cancelled")) ||
                    s->result().sizes.size() == 15);
    }

    void exports() {
        QTemporaryDir dir;
        QVERIFY(page()->exportPlots(dir.filePath("plots.png")).isEmpty());
        const QImage png(dir.filePath("plots.png"));
        QVERIFY(!png.isNull());
        QVERIFY(png.width() >= 800);
        QVERIFY(page()->exportPlots(dir.filePath("plots.svg")).isEmpty());
        QVERIFY(QSvgRenderer(dir.filePath("plots.svg")).isValid());
        QVERIFY(page()->exportCsv(dir.filePath("slices.csv"), false).isEmpty());
        QFile csv(dir.filePath("slices.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 256);  // header and one row per frequency
        QVERIFY(lines.first().contains(QStringLiteral("Sobel X")));
        QVERIFY(page()->exportCsv(dir.filePath("grid.csv"), true).isEmpty());
        QVERIFY(!page()->exportPlots(dir.filePath("missing/plots.png")).isEmpty());
    }
};

CONVSCOPE_TEST_MAIN(TestFrequencyPanel)
#include "test_frequency_panel.moc"
