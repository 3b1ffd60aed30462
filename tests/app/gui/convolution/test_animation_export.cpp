// The animation export end to end: a real trace rendered and written as GIF, AVI and PNG frames through the
// controller on its thread; the files are read back with independent decoders (Qt's GIF reader, OpenCV's
// VideoCapture). Cancelling and destroying mid-run must leave nothing behind; bad requests fail with a
// message.
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <opencv2/videoio.hpp>

#include "app/gui/convolution/animation_export_controller.h"
#include "app/gui/convolution/animation_export_dialog.h"
#include "core/conv/conv_trace.h"
#include "tests/support/test_main.h"

using namespace convscope;
using imaging::AnimationFormat;

namespace {

// The seed's 6x6 input 1..36 and Sobel X: 4x4 outputs = 16 steps, 17 frames with the initial state.
std::shared_ptr<const conv::ConvTrace> smallTrace(int size = 6, int padding = 0) {
    conv::ConvSpec spec;
    spec.padding = conv::Padding::uniform(padding);
    return std::make_shared<const conv::ConvTrace>(
        conv::Volume::sequence(1, size, size),
        conv::FilterBank::fromKernel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}), spec);
}

gui::AnimationExportRequest requestFor(std::shared_ptr<const conv::ConvTrace> trace, AnimationFormat format,
                                       const QString& path, QSize size = {320, 200}) {
    gui::AnimationExportRequest r;
    r.firstStep = -1;
    r.lastStep = trace->stepCount() - 1;
    r.trace = std::move(trace);
    r.format = format;
    r.path = path;
    r.frameSize = size;
    r.framesPerSecond = 4.0;
    return r;
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot);
}

}  // namespace

class TestAnimationExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<gui::AnimationExportRequest>(); }

    void gif() {
        QTemporaryDir dir;
        gui::AnimationExportController controller;
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        QSignalSpy progress(&controller, &gui::AnimationExportController::progress);
        const QString path = dir.filePath(QStringLiteral("conv.gif"));
        controller.start(requestFor(smallTrace(), AnimationFormat::Gif, path));
        QVERIFY(controller.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(!controller.isBusy());
        QCOMPARE(finished.first().first().toStringList(), QStringList{path});
        QCOMPARE(progress.count(), 17);
        QCOMPARE(progress.last().at(0).toInt(), 17);
        QCOMPARE(progress.last().at(1).toInt(), 17);

        QImageReader reader(path);
        QVERIFY2(reader.canRead(), qPrintable(reader.errorString()));
        QVERIFY(reader.supportsAnimation());
        int frames = 0;
        QImage first;
        QImage image;
        while (reader.read(&image)) {
            if (frames == 0) first = image;
            ++frames;
        }
        QCOMPARE(frames, 17);
        QCOMPARE(first.size(), QSize(320, 200));
    }

    void video() {
        QTemporaryDir dir;
        gui::AnimationExportController controller;
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        const QString path = dir.filePath(QStringLiteral("conv.avi"));
        controller.start(requestFor(smallTrace(), AnimationFormat::Video, path));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        cv::VideoCapture capture(path.toStdString());
        QVERIFY(capture.isOpened());
        int frames = 0;
        cv::Mat frame;
        while (capture.read(frame)) {
            QCOMPARE(frame.cols, 320);
            QCOMPARE(frame.rows, 200);
            ++frames;
        }
        QCOMPARE(frames, 17);
    }

    void pngFramesForAStepRange() {
        QTemporaryDir dir;
        gui::AnimationExportController controller;
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        auto request =
            requestFor(smallTrace(), AnimationFormat::PngFrames, dir.filePath(QStringLiteral("f.png")));
        request.firstStep = 3;
        request.lastStep = 10;
        controller.start(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const QStringList written = finished.first().first().toStringList();
        QCOMPARE(written.size(), 8);
        QCOMPARE(filesIn(dir.path()).size(), 8);
        for (const QString& f : written) {
            QVERIFY(f.endsWith(QStringLiteral(".png")));
            QCOMPARE(QImage(f).size(), QSize(320, 200));
        }
        // Consecutive steps differ (the kernel window moves), so no frame was written twice by mistake.
        QVERIFY(QImage(written[0]) != QImage(written[1]));
    }

    void cancelRemovesPartialFiles_data() {
        QTest::addColumn<int>("format");
        QTest::newRow("png") << int(AnimationFormat::PngFrames);
        QTest::newRow("gif") << int(AnimationFormat::Gif);
        QTest::newRow("avi") << int(AnimationFormat::Video);
    }
    void cancelRemovesPartialFiles() {
        QFETCH(int, format);
        QTemporaryDir dir;
        gui::AnimationExportController controller;
        QSignalSpy progress(&controller, &gui::AnimationExportController::progress);
        QSignalSpy cancelled(&controller, &gui::AnimationExportController::cancelled);
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        const auto f = static_cast<AnimationFormat>(format);
        const QString suffix = f == AnimationFormat::Video ? "avi"
                               : f == AnimationFormat::Gif ? "gif"
                                                           : "png";
        // 18x18 → 256 steps of 1600x1000 frames: seconds of work, so the cancel lands mid-run.
        controller.start(requestFor(smallTrace(18), f, dir.filePath("big." + suffix), {1600, 1000}));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 30000);
        controller.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 30000);
        QCOMPARE(finished.count(), 0);
        QVERIFY(progress.last().at(0).toInt() < 257);
        QVERIFY(!controller.isBusy());
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void destroyingTheControllerCancels() {
        QTemporaryDir dir;
        {
            gui::AnimationExportController controller;
            QSignalSpy progress(&controller, &gui::AnimationExportController::progress);
            controller.start(requestFor(smallTrace(18), AnimationFormat::PngFrames, dir.filePath("big.png"),
                                        {1600, 1000}));
            QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 30000);
        }
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void badRequestsFail_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("firstStep");
        QTest::addColumn<int>("lastStep");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing folder") << "/nonexistent-convscope-dir/out.gif" << -1 << 15 << "out.gif";
        QTest::newRow("range past end") << "" << -1 << 16 << "step range";
        QTest::newRow("reversed range") << "" << 5 << 2 << "step range";
        QTest::newRow("empty path") << "-" << -1 << 15 << "file name";
    }
    void badRequestsFail() {
        QFETCH(QString, path);
        QFETCH(int, firstStep);
        QFETCH(int, lastStep);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        if (path.isEmpty()) path = dir.filePath(QStringLiteral("ok.gif"));
        if (path == QLatin1String("-")) path.clear();
        gui::AnimationExportController controller;
        QSignalSpy failed(&controller, &gui::AnimationExportController::failed);
        auto request = requestFor(smallTrace(), AnimationFormat::Gif, path);
        request.firstStep = firstStep;
        request.lastStep = lastStep;
        controller.start(request);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(mentions, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(!controller.isBusy());
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    void secondStartWhileBusyIsRefused() {
        QTemporaryDir dir;
        gui::AnimationExportController controller;
        QSignalSpy failed(&controller, &gui::AnimationExportController::failed);
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        controller.start(
            requestFor(smallTrace(), AnimationFormat::Gif, dir.filePath(QStringLiteral("a.gif"))));
        controller.start(
            requestFor(smallTrace(), AnimationFormat::Gif, dir.filePath(QStringLiteral("b.gif"))));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("already running")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("a.gif")});
    }

    void dialogDefaultsAndEstimate() {
        // 6x6 with padding 1: 36 steps, 37 frames with the initial state; 37 / 4 fps = 9.25 s.
        QTemporaryDir dir;
        const auto trace = smallTrace(6, 1);
        gui::AnimationExportDialog dialog(trace, {}, dir.filePath(QStringLiteral("anim.gif")));
        QCOMPARE(dialog.estimateLabel()->text(), QStringLiteral("37 frames, about 9 s at 4 fps"));
        QVERIFY(dialog.exportButton()->isEnabled());
        gui::AnimationExportRequest r = dialog.request();
        QCOMPARE(r.firstStep, -1);
        QCOMPARE(r.lastStep, 35);
        QCOMPARE(r.framesPerSecond, 4.0);
        QCOMPARE(int(r.format), int(AnimationFormat::Gif));
        QCOMPARE(r.path, dir.filePath(QStringLiteral("anim.gif")));
        QVERIFY(r.frameSize.width() <= 1600 && r.frameSize.height() <= 1000);
        QVERIFY(r.frameSize.width() >= 64 && r.frameSize.height() >= 64);
        QCOMPARE(dialog.lastStepSpin()->maximum(), 36);

        // The range is limited to the trace; 2 … 9 at 2 fps is 8 frames, 4 s.
        dialog.lastStepSpin()->setValue(100);
        QCOMPARE(dialog.lastStepSpin()->value(), 36);
        dialog.firstStepSpin()->setValue(2);
        dialog.lastStepSpin()->setValue(1);  // clamped to the first step, and shown as a number, not "start"
        QCOMPARE(dialog.lastStepSpin()->value(), 2);
        QCOMPARE(dialog.lastStepSpin()->text(), QStringLiteral("2"));
        QCOMPARE(dialog.estimateLabel()->text(), QStringLiteral("1 frame, about 0.3 s at 4 fps"));
        dialog.lastStepSpin()->setValue(9);
        dialog.framesPerSecondSpin()->setValue(2.0);
        QCOMPARE(dialog.estimateLabel()->text(), QStringLiteral("8 frames, about 4 s at 2 fps"));
        r = dialog.request();
        QCOMPARE(r.firstStep, 1);
        QCOMPARE(r.lastStep, 8);
    }

    void dialogPathValidation() {
        QTemporaryDir dir;
        gui::AnimationExportDialog dialog(smallTrace(), {}, dir.filePath(QStringLiteral("anim.gif")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Switching the format follows the extension.
        dialog.formatCombo()->setCurrentIndex(dialog.formatCombo()->findData(int(AnimationFormat::Video)));
        QCOMPARE(dialog.request().path, dir.filePath(QStringLiteral("anim.avi")));
        QVERIFY(dialog.exportButton()->isEnabled());
        // Typing a .png name selects PNG frames.
        dialog.pathEdit()->clear();
        QTest::keyClicks(dialog.pathEdit(), dir.filePath(QStringLiteral("frames.png")));
        QCOMPARE(int(dialog.request().format), int(AnimationFormat::PngFrames));
        QVERIFY(dialog.exportButton()->isEnabled());
        // Empty, missing folder, wrong extension, relative path: Export disabled with a reason.
        const QStringList bad = {QString(), dir.filePath(QStringLiteral("missing/x.gif")),
                                 dir.filePath(QStringLiteral("x.txt")), QStringLiteral("relative.gif"),
                                 dir.path() + "/"};
        for (const QString& path : bad) {
            dialog.pathEdit()->clear();
            QTest::keyClicks(dialog.pathEdit(), path);
            QVERIFY2(!dialog.exportButton()->isEnabled(), qPrintable(path));
            QVERIFY(!dialog.pathHintLabel()->text().isEmpty());
        }
        // No extension: the format's is added (GIF, chosen by the last .gif typed above).
        dialog.pathEdit()->clear();
        QTest::keyClicks(dialog.pathEdit(), dir.filePath(QStringLiteral("plain")));
        QVERIFY(dialog.exportButton()->isEnabled());
        QCOMPARE(int(dialog.request().format), int(AnimationFormat::Gif));
        QCOMPARE(dialog.request().path, dir.filePath(QStringLiteral("plain.gif")));
    }

    void dialogRequestRunsWithProgress() {
        QTemporaryDir dir;
        gui::AnimationExportDialog dialog(smallTrace(), {}, dir.filePath(QStringLiteral("run.gif")));
        dialog.frameWidthSpin()->setValue(200);
        dialog.frameHeightSpin()->setValue(120);
        gui::AnimationExportController controller;
        QSignalSpy finished(&controller, &gui::AnimationExportController::finished);
        QPointer<QProgressDialog> progress =
            gui::AnimationExportDialog::runWithProgress(nullptr, &controller, dialog.request());
        QVERIFY(progress);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QTRY_VERIFY(!progress);  // deleted once the export ended
        QImageReader reader(dir.filePath(QStringLiteral("run.gif")));
        QImage first;
        QVERIFY(reader.read(&first));
        QCOMPARE(first.size(), QSize(200, 120));
    }
};

CONVSCOPE_TEST_MAIN(TestAnimationExport)
#include "test_animation_export.moc"
