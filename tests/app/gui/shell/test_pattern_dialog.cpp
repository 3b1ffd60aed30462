#include <QAbstractSpinBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <algorithm>

#include "app/gui/shell/pattern_dialog.h"
#include "tests/support/test_main.h"

using convscope::gui::PatternDialog;
using convscope::imaging::PatternKind;
using convscope::imaging::PatternParams;

class TestPatternDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gratingPreviewAndPattern() {
        PatternParams params;
        params.width = 16;
        params.height = 4;
        params.frequency = 0.25;
        params.angleDegrees = 0;
        PatternDialog dialog(PatternKind::Grating, params);
        dialog.updatePreview();
        QVERIFY(!dialog.preview().isNull());
        QCOMPARE(dialog.preview().size(), QSize(16, 4));  // small patterns are shown 1:1
        const cv::Mat grating = dialog.pattern();
        QCOMPARE(grating.cols, 16);
        QCOMPARE(grating.rows, 4);
        QCOMPARE(grating.type(), CV_8UC1);
        // 0.25 cycles/px along x: period 4 px, constant down each column.
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x + 4 < 16; ++x) QCOMPARE(grating.at<uchar>(y, x), grating.at<uchar>(y, x + 4));
        for (int x = 0; x < 16; ++x) QCOMPARE(grating.at<uchar>(3, x), grating.at<uchar>(0, x));
        int lo = 255, hi = 0;
        for (int x = 0; x < 4; ++x) {
            lo = std::min<int>(lo, grating.at<uchar>(0, x));
            hi = std::max<int>(hi, grating.at<uchar>(0, x));
        }
        QVERIFY2(hi - lo > 100, "one period of the grating should span most of the grey range");
        QCOMPARE(dialog.params().frequency, 0.25);
    }

    void largePatternPreviewIsScaledToFit() {
        PatternParams params;
        params.width = 1024;
        params.height = 512;
        PatternDialog dialog(PatternKind::Checkerboard, params);
        dialog.updatePreview();
        QCOMPARE(dialog.preview().size(), QSize(256, 128));
        QCOMPARE(dialog.pattern().cols, 1024);
    }

    void previewFollowsEditedParameters() {
        PatternParams params;
        params.width = 64;
        params.height = 64;
        PatternDialog dialog(PatternKind::Checkerboard, params);
        dialog.updatePreview();
        auto* width = dialog.findChildren<QSpinBox*>().at(0);
        width->setValue(32);
        QTRY_COMPARE(dialog.preview().size(), QSize(32, 64));  // after the typing delay
        QCOMPARE(dialog.params().width, 32);
    }

    void onlyRelevantParametersAreShown_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("visible");
        QTest::newRow("zone plate") << int(PatternKind::ZonePlate) << 3;       // + max frequency
        QTest::newRow("checkerboard") << int(PatternKind::Checkerboard) << 3;  // + cell size
        QTest::newRow("step edges") << int(PatternKind::StepEdges) << 3;       // + levels
        QTest::newRow("grating") << int(PatternKind::Grating) << 4;            // + frequency, angle
        QTest::newRow("impulse") << int(PatternKind::Impulse) << 2;            // width, height only
        QTest::newRow("noise") << int(PatternKind::WhiteNoise) << 3;           // + seed
    }

    void onlyRelevantParametersAreShown() {
        QFETCH(int, kind);
        QFETCH(int, visible);
        PatternDialog dialog(static_cast<PatternKind>(kind), PatternParams{});
        dialog.show();
        int shown = 0;
        for (const QAbstractSpinBox* box : dialog.findChildren<QAbstractSpinBox*>())
            shown += box->isVisible();
        QCOMPARE(shown, visible);
    }

    void tooLargeToPreviewStillOpens() {
        PatternParams params;
        params.width = 8192;
        params.height = 4096;
        PatternDialog dialog(PatternKind::Impulse, params);
        dialog.updatePreview();
        QVERIFY(dialog.preview().isNull());
        QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open)->isEnabled());
    }

    void displayNameStatesParameters() {
        PatternParams params;
        params.width = 300;
        params.height = 200;
        params.frequency = 0.25;
        params.angleDegrees = 45;
        const QString grating = PatternDialog::displayName(PatternKind::Grating, params);
        QVERIFY2(
            grating.contains("300 × 200") && grating.contains("0.25 cycles/px") && grating.contains("45°"),
            qPrintable(grating));
        params.cellSize = 12;
        QVERIFY(PatternDialog::displayName(PatternKind::Checkerboard, params).contains("12 px"));
    }
};

CONVSCOPE_TEST_MAIN(TestPatternDialog)
#include "test_pattern_dialog.moc"
