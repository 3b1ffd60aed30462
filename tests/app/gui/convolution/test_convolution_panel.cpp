// The Convolution panel driven as a learner would: step, seek, change the geometry, switch modes, load worked
// examples, pick an image crop. Expected numbers come from a naive loop written here, not from core/conv.
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <opencv2/core.hpp>

#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_geometry_box.h"
#include "app/gui/convolution/conv_input_box.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "app/gui/filters/kernel_controls.h"
#include "core/conv/conv_trace.h"
#include "core/conv/worked_examples.h"
#include "tests/support/test_main.h"
#include "widgets/board/channel_wiring_view.h"
#include "widgets/board/grid_board_view.h"

using namespace convscope;

namespace {

// Cross-correlation of the 6x6 input 1..36 with Sobel X, no padding: the independent reference.
double seedSobel(int oy, int ox, int stride) {
    const int k[3][3] = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
    double sum = 0;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) sum += (6 * (oy * stride + i) + (ox * stride + j) + 1) * k[i][j];
    return sum;
}

const widgets::GridPlane* planeTitled(const widgets::GridBoardFrame& frame, const QString& prefix) {
    for (const widgets::GridPlane& p : frame.planes)
        if (p.title.startsWith(prefix)) return &p;
    return nullptr;
}

int exampleIndex(const std::string& id) {
    const auto& all = conv::workedExamples();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace

class TestConvolutionPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::ConvolutionPanel> m_panel;

    gui::ConvStepPage* page() const { return m_panel->stepPage(); }
    bool waitForTrace() {
        return QTest::qWaitFor([this] { return !m_panel->isTracing() && page()->trace() != nullptr; }, 10000);
    }
    void click(const char* name) {
        auto* button = page()->findChild<QToolButton*>(QString::fromLatin1(name));
        QVERIFY2(button, name);
        QTest::mouseClick(button, Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_document = std::make_unique<gui::ImageDocument>();
        m_panel = std::make_unique<gui::ConvolutionPanel>(m_document.get());
        m_panel->resize(1300, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QVERIFY(waitForTrace());
    }

    void cleanup() {
        m_panel.reset();
        m_document.reset();
    }

    void defaultIsTheSeedInput() {
        const conv::Volume& in = page()->trace()->input();
        QCOMPARE(in.height, 6);
        QCOMPARE(in.width, 6);
        for (int i = 0; i < 36; ++i) QCOMPARE(in.values[static_cast<size_t>(i)], double(i + 1));
        QCOMPARE(page()->stepCount(), 16);
        QCOMPARE(page()->currentStep(), -1);
        QVERIFY(page()->formulaLabel()->text().contains(QStringLiteral("= 4")));
        QVERIFY(page()->generalFormulaLabel()->text().startsWith(QStringLiteral("floor(")));
        // The seed's kernel is recognised as the library's Sobel X, not shown as an anonymous custom kernel.
        QCOMPARE(m_panel->controls()->kernelControls()->presetName(), QStringLiteral("sobel-x"));
    }

    void stepForwardAndBack() {
        click("convForward");
        QCOMPARE(page()->currentStep(), 0);
        const widgets::GridBoardFrame first = page()->board()->frame();
        QVERIFY2(first.caption.startsWith(QStringLiteral("1·(−1) + 2·0 + 3·1")), qPrintable(first.caption));
        QVERIFY2(first.caption.endsWith(QStringLiteral("= 8")), qPrintable(first.caption));
        const widgets::GridPlane* out = planeTitled(first, QStringLiteral("Output"));
        QVERIFY(out);
        QCOMPARE(out->rows, 4);
        QCOMPARE(out->values[0], seedSobel(0, 0, 1));
        QVERIFY(std::isnan(out->values[1]));  // not computed yet
        QVERIFY(out->flags[0] & widgets::CellCurrent);

        click("convForward");
        click("convForward");
        QCOMPARE(page()->currentStep(), 2);
        out = planeTitled(page()->board()->frame(), QStringLiteral("Output"));
        for (int x = 0; x < 3; ++x) QCOMPARE(out->values[x], seedSobel(0, x, 1));
        QVERIFY(std::isnan(out->values[3]));

        click("convBack");
        QCOMPARE(page()->currentStep(), 1);
        out = planeTitled(page()->board()->frame(), QStringLiteral("Output"));
        QVERIFY(std::isnan(out->values[2]));
        QCOMPARE(page()->seekSlider()->value(), 2);

        page()->seekSlider()->setValue(16);
        QCOMPARE(page()->currentStep(), 15);
        out = planeTitled(page()->board()->frame(), QStringLiteral("Output"));
        for (int i = 0; i < 16; ++i) QCOMPARE(out->values[i], seedSobel(i / 4, i % 4, 1));
    }

    void changingStrideChangesOutputAndFormula() {
        click("convForward");
        QSpinBox* stride = m_panel->controls()->geometryBox()->strideBox();
        stride->setValue(2);
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->stepCount(), 4);  // floor((6 − 3) / 2) + 1 = 2 per axis
        QVERIFY2(page()->formulaLabel()->text().contains(QStringLiteral("/ 2")),
                 qPrintable(page()->formulaLabel()->text()));
        QVERIFY(page()->formulaLabel()->text().contains(QStringLiteral("= 2")));
        page()->setStep(3);
        const widgets::GridPlane* out = planeTitled(page()->board()->frame(), QStringLiteral("Output"));
        QCOMPARE(out->rows, 2);
        QCOMPARE(out->cols, 2);
        for (int i = 0; i < 4; ++i) QCOMPARE(out->values[i], seedSobel(i / 2, i % 2, 2));
    }

    void paddingShowsPaddedCells() {
        m_panel->controls()->geometryBox()->paddingBox()->setValue(1);
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->stepCount(), 36);
        page()->setStep(0);
        const widgets::GridPlane* in = planeTitled(page()->board()->frame(), QStringLiteral("Input"));
        QVERIFY(in);
        QCOMPARE(in->rows, 8);
        QCOMPARE(in->firstRowIndex, -1);
        QVERIFY(in->flags[0] & widgets::CellPadded);
        QVERIFY(in->flags[0] & widgets::CellInWindow);
        QVERIFY(!(in->flags[1 * 8 + 1] & widgets::CellPadded));
        // Top-left output with zero padding: rows −1..1, cols −1..1 of the input.
        const double expected = -0 + 0 - 2 * 0 + 2 * 2 - 0 + 8;  // (−1·0 + 1·0) + (−2·0 + 2·2) + (−1·0 + 1·8)
        QCOMPARE(page()->trace()->step(0).result, expected);
    }

    void playAdvances() {
        page()->setSpeed(60);
        click("convPlay");
        QVERIFY(page()->isPlaying());
        QTRY_VERIFY(page()->currentStep() >= 3);
        click("convPlay");
        QVERIFY(!page()->isPlaying());
    }

    void modesChangeTheOperation() {
        QComboBox* mode = m_panel->controls()->modeCombo();
        mode->setCurrentIndex(mode->findData(QStringLiteral("maxpool")));
        QVERIFY(waitForTrace());
        QTRY_VERIFY(page()->trace()->spec().op == conv::Operation::MaxPool);
        QCOMPARE(page()->stepCount(), 9);
        QCOMPARE(page()->trace()->step(0).result, 8.0);  // max(1, 2, 7, 8)
        QCOMPARE(page()->trace()->step(8).result, 36.0);

        mode->setCurrentIndex(mode->findData(QStringLiteral("transposed")));
        QVERIFY(waitForTrace());
        QTRY_VERIFY(page()->trace()->spec().op == conv::Operation::Transposed);
        QCOMPARE(page()->trace()->output().height, 7);  // (3 − 1)·2 + 3 = 7
        QVERIFY2(page()->generalFormulaLabel()->text().contains(QStringLiteral("output_padding")),
                 qPrintable(page()->generalFormulaLabel()->text()));
        page()->setStep(0);
        QVERIFY(planeTitled(page()->board()->frame(), QStringLiteral("Output c0 (before cropping)")));

        mode->setCurrentIndex(mode->findData(QStringLiteral("grouped")));
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->trace()->spec().groups, 2);
        QVERIFY(page()->wiring()->isVisible());
    }

    void workedExampleAlexNet() {
        const int index = exampleIndex("alexnet-conv1");
        QVERIFY(index >= 0);
        m_panel->controls()->loadExample(index);
        QVERIFY(waitForTrace());
        QTRY_COMPARE(page()->trace()->output().channels, 96);
        QCOMPARE(page()->trace()->output().height, 55);
        QCOMPARE(page()->trace()->output().width, 55);
        page()->setStep(100);
        const widgets::GridBoardFrame frame = page()->board()->frame();
        const widgets::GridPlane* in = planeTitled(frame, QStringLiteral("Input c0"));
        QVERIFY(in);
        QVERIFY2(in->rows <= 40, "big inputs are shown through a viewport");
    }

    void invalidSetupShowsError() {
        m_panel->controls()->inputBox()->heightBox()->setValue(2);
        QTRY_VERIFY(page()->errorLabel()->isVisible());
        QVERIFY(!page()->errorLabel()->text().isEmpty());
        QVERIFY(page()->trace());  // the last valid trace stays
        m_panel->controls()->inputBox()->heightBox()->setValue(6);
        QTRY_VERIFY(!page()->errorLabel()->isVisible());
    }

    void imageCropUsesRealPixels() {
        cv::Mat gray(40, 50, CV_8UC1);
        for (int y = 0; y < gray.rows; ++y)
            for (int x = 0; x < gray.cols; ++x)
                gray.at<uchar>(y, x) = static_cast<uchar>((3 * x + 7 * y) % 256);
        m_document->setImage(gray, QString(), QStringLiteral("ramp"));
        m_panel->controls()->inputBox()->pickImageSpot(QPoint(20, 10));
        QVERIFY(waitForTrace());
        QTRY_VERIFY(page()->trace()->input().at(0, 0, 0) == gray.at<uchar>(7, 17));
        const conv::Volume& in = page()->trace()->input();
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x) QCOMPARE(in.at(0, y, x), double(gray.at<uchar>(7 + y, 17 + x)));
    }
};

CONVSCOPE_TEST_MAIN(TestConvolutionPanel)
#include "test_convolution_panel.moc"
