// The "3-D convolution" page of the Convolution panel driven as a learner would: open the tab, step with the
// transport buttons, seek, play, load the short-video preset, make an impossible kernel. Expected numbers
// come from naive loops written here, not from core/conv.
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <memory>

#include "app/gui/convolution/conv3d_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "core/conv/conv3d_trace.h"
#include "tests/support/test_main.h"
#include "widgets/board/volume_stack_view.h"

using namespace convscope;

namespace {

// The all-ones 3x3x3 kernel on the sequence 1..D*H*W at output (z, y, x): the sum of the window's values.
double onesWindowSum(int h, int w, int z, int y, int x) {
    double sum = 0;
    for (int dz = 0; dz < 3; ++dz)
        for (int dy = 0; dy < 3; ++dy)
            for (int dx = 0; dx < 3; ++dx) sum += ((z + dz) * h + (y + dy)) * w + (x + dx) + 1;
    return sum;
}

}  // namespace

class TestConv3dPage : public QObject {
    Q_OBJECT

    std::unique_ptr<gui::ImageDocument> m_document;
    std::unique_ptr<gui::ConvolutionPanel> m_panel;

    gui::Conv3dPage* page() const { return m_panel->conv3dPage(); }
    void click(const char* name) {
        auto* button = page()->findChild<QToolButton*>(QString::fromLatin1(name));
        QVERIFY2(button, name);
        QVERIFY2(button->isEnabled(), name);
        QTest::mouseClick(button, Qt::LeftButton);
    }
    QString arithmetic() const { return page()->arithmeticLabel()->text(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_document = std::make_unique<gui::ImageDocument>();
        m_panel = std::make_unique<gui::ConvolutionPanel>(m_document.get());
        m_panel->resize(1400, 850);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        // Open the tab as a learner does: a click on its title.
        QTabBar* bar = m_panel->pages()->tabBar();
        int tab = -1;
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabText(i) == QStringLiteral("3-D convolution")) tab = i;
        QVERIFY(tab >= 0);
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tab).center());
        QTRY_VERIFY(page()->isVisible());
        QTRY_VERIFY(page()->board()->isVisible());
    }

    void cleanup() {
        m_panel.reset();
        m_document.reset();
    }

    void stepsThroughTheSequence() {
        // The default: 1..48 as 3 planes of 4x4, an all-ones 3x3x3 kernel → 1x2x2, four steps.
        QCOMPARE(page()->stepCount(), 4);
        QCOMPARE(page()->currentStep(), -1);
        QVERIFY(arithmetic().startsWith(QStringLiteral("Start")));
        QVERIFY(!page()->board()->hasKernelBox());
        QCOMPARE(page()->board()->stack(widgets::VolumeStackView::Input).depth, 3);
        QCOMPARE(page()->board()->planeLabel(widgets::VolumeStackView::Input, 2), QStringLiteral("d=2"));

        click("c3dForward");
        QTRY_COMPARE(page()->currentStep(), 0);
        QVERIFY2(arithmetic().startsWith(QStringLiteral("out[d=0, y=0, x=0] = 1·1 + 2·1 + 3·1 + 5·1")),
                 qPrintable(arithmetic()));
        QVERIFY(arithmetic().endsWith(QStringLiteral(" = %1").arg(onesWindowSum(4, 4, 0, 0, 0))));
        // The box covers all three planes; 27 input cells are marked, one output cell.
        QVERIFY(page()->board()->hasKernelBox());
        QCOMPARE(page()->board()->stack(widgets::VolumeStackView::Input).marked.size(), 27);
        QCOMPARE(page()->board()->stack(widgets::VolumeStackView::Output).marked, QVector<int>({0}));

        click("c3dForward");
        click("c3dForward");
        click("c3dForward");
        QTRY_COMPARE(page()->currentStep(), 3);
        QVERIFY(arithmetic().startsWith(QStringLiteral("out[d=0, y=1, x=1] =")));
        QVERIFY(arithmetic().endsWith(QStringLiteral(" = %1").arg(onesWindowSum(4, 4, 0, 1, 1))));
        auto* forward = page()->findChild<QToolButton*>(QStringLiteral("c3dForward"));
        QVERIFY(!forward->isEnabled());  // the last step

        click("c3dBack");
        QTRY_COMPARE(page()->currentStep(), 2);
        click("c3dFirst");
        QTRY_COMPARE(page()->currentStep(), -1);
        page()->seekSlider()->setValue(2);  // as dragging the slider to the second step
        QTRY_COMPARE(page()->currentStep(), 1);
        QVERIFY(arithmetic().startsWith(QStringLiteral("out[d=0, y=0, x=1] =")));
        click("c3dLast");
        QTRY_COMPARE(page()->currentStep(), 3);
    }

    void shortVideoShowsMotion() {
        auto* preset = page()->findChild<QComboBox*>(QStringLiteral("c3dPreset"));
        QVERIFY(preset);
        preset->setFocus();
        QTest::keyClick(preset, Qt::Key_Down);  // the second entry: the short video
        QTRY_COMPARE(preset->currentIndex(), 1);
        QTRY_COMPARE(page()->findChild<QComboBox*>(QStringLiteral("c3dKernel"))->currentIndex(), 1);
        const auto trace = page()->trace();
        QVERIFY(trace);
        // Six 4x7 frames of a 2x2 square at rows 1–2 moving one column per frame, a 2x1x1 frame difference.
        const conv::Volume3d& in = trace->input();
        QCOMPARE(in.depth, 6);
        for (int f = 0; f < 6; ++f)
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 7; ++x) {
                    const bool square = y >= 1 && y <= 2 && x >= std::min(f, 5) && x <= std::min(f, 5) + 1;
                    QCOMPARE(in.at(0, f, y, x), square ? 1.0 : 0.0);
                }
        const conv::Volume3d& out = trace->output();
        QCOMPARE(out.depth, 5);
        for (int t = 0; t < 5; ++t)
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 7; ++x)
                    QCOMPARE(out.at(0, t, y, x), in.at(0, t + 1, y, x) - in.at(0, t, y, x));
        QVERIFY(
            page()->findChild<QLabel*>(QStringLiteral("c3dNote"))->text().contains(QStringLiteral("motion")));

        // Jump to the step where frame 0→1 meets the square's trailing edge, as a seek would.
        page()->seekSlider()->setValue(trace->stepIndexOf(0, 0, 1, 0) + 1);
        QTRY_VERIFY(arithmetic().startsWith(QStringLiteral("out[d=0, y=1, x=0] = 1·(−1) + 0·1 = −1")));

        // Play runs on by itself; a second click pauses.
        click("c3dFirst");
        click("c3dPlay");
        QTRY_VERIFY(page()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(page()->currentStep() >= 1, 10000);
        click("c3dPlay");
        QTRY_VERIFY(!page()->isPlaying());
    }

    void impossibleKernelIsOneSentence() {
        auto* kernelDepth = page()->findChild<QSpinBox*>(QStringLiteral("c3dKernelDepth"));
        kernelDepth->setValue(4);  // deeper than the 3 planes
        QTRY_VERIFY(page()->errorLabel()->isVisible());
        QCOMPARE(page()->errorLabel()->text(),
                 QStringLiteral("The kernel spans 4 pixels, more than the padded input depth of 3."));
        QVERIFY(!page()->board()->isEnabled());
        page()->findChild<QSpinBox*>(QStringLiteral("c3dPadDepth"))->setValue(1);
        QTRY_VERIFY(!page()->errorLabel()->isVisible());
        QCOMPARE(page()->stepCount(), 2 * 2 * 2);  // depth floor((3 + 2 − 4) / 1) + 1 = 2
        QCOMPARE(page()->board()->planeLabel(widgets::VolumeStackView::Input, 0), QStringLiteral("pad"));
    }
};

CONVSCOPE_TEST_MAIN(TestConv3dPage)
#include "test_conv3d_page.moc"
