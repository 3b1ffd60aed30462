#include <QActionGroup>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <memory>

#include <opencv2/core/version.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/shell/about_dialog.h"
#include "app/gui/shell/app_settings.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/shell/recent_files_menu.h"
#include "app/gui/shell/sample_menu.h"
#include "app/gui/support/job_runner.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/kernel_library.h"
#include "core/imaging/test_patterns.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

namespace {

const QString kSystemSamples = QStringLiteral("/usr/share/doc/opencv-doc/examples/data");

QString writeImage(const QString& path, int width, int height, bool gray, const char* format = "PNG") {
    QImage image(width, height, gray ? QImage::Format_Grayscale8 : QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, gray ? (x * 7 + y) % 256 : qRgb(x % 256, y % 256, (x + y) % 256));
    return image.save(path, format) ? path : QString();
}

QAction* findAction(QMenu* menu, const QString& textPart) {
    for (QAction* action : menu->actions())
        if (action->text().contains(textPart)) return action;
    return nullptr;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_rgb = writeImage(m_dir.filePath("photo.png"), 40, 30, false);
        m_gray = writeImage(m_dir.filePath("gray.png"), 24, 16, true);
        QVERIFY(!m_rgb.isEmpty() && !m_gray.isEmpty());
        m_corrupt = m_dir.filePath("broken.png");
        QFile corrupt(m_corrupt);
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("\x89PNG\r\n\x1a\n but then garbage");
        corrupt.close();
        // A sample folder of our own, so the tests do not depend on opencv-doc being installed.
        QVERIFY(QDir(m_dir.path()).mkpath("samples"));
        m_samples = m_dir.filePath("samples");
        QVERIFY(!writeImage(m_samples + "/zebra.png", 8, 8, true).isEmpty());
        QVERIFY(!writeImage(m_samples + "/apple.jpg", 8, 8, false, "JPG").isEmpty());
        QVERIFY(!writeImage(m_samples + "/building.jpg", 20, 10, false, "JPG").isEmpty());
        QFile notes(m_samples + "/notes.txt");
        QVERIFY(notes.open(QIODevice::WriteOnly));
        m_emptySamples = m_dir.filePath("no-samples-here");
    }

    void init() {
        QSettings(QSettings::IniFormat, QSettings::UserScope, "ConvScope", "ConvScope").clear();
        m_errors.clear();
    }

    void openFileUpdatesDocumentTitleAndStatus_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("sizeText");
        QTest::newRow("rgb") << m_rgb << 40 << 30 << QString("40 × 30 · RGB");
        QTest::newRow("gray") << m_gray << 24 << 16 << QString("24 × 16 · gray");
    }

    void openFileUpdatesDocumentTitleAndStatus() {
        QFETCH(QString, path);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QString, sizeText);
        auto w = makeWindow();
        w->openFile(path);
        QVERIFY(w->statusBar()->currentMessage().startsWith("Opening " + QFileInfo(path).fileName()));
        QTRY_COMPARE(w->document()->sourcePath(), path);
        QCOMPARE(w->document()->width(), width);
        QCOMPARE(w->document()->height(), height);
        QCOMPARE(w->windowTitle(), QFileInfo(path).fileName() + " — ConvScope");
        QCOMPARE(w->findChild<QLabel*>("imageSizeLabel")->text(), sizeText);
        QVERIFY(findAction(w->recentFilesMenu(), QFileInfo(path).fileName()));
        QCOMPARE(AppSettings().recentFiles().value(0), path);
        QCOMPARE(AppSettings().lastImage(), path);
        QCOMPARE(AppSettings().lastDirectory(), m_dir.path());
        QVERIFY(m_errors.isEmpty());
    }

    void recentEntryReopensFile() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        w->openFile(m_gray);
        QTRY_COMPARE(w->document()->sourcePath(), m_gray);
        QCOMPARE(w->recentFilesMenu()->files(), QStringList({m_gray, m_rgb}));
        QAction* entry = findAction(w->recentFilesMenu(), "photo.png");
        QVERIFY(entry);
        entry->trigger();
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        QCOMPARE(w->recentFilesMenu()->files(), QStringList({m_rgb, m_gray}));
    }

    void recentMissingFileIsRemovedWithMessage() {
        const QString missing = m_dir.filePath("gone.png");
        AppSettings().setRecentFiles({missing, m_rgb});
        auto w = makeWindow();
        QAction* entry = findAction(w->recentFilesMenu(), "gone.png");
        QVERIFY(entry);
        entry->trigger();
        QTRY_COMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().contains(missing));
        QCOMPARE(w->recentFilesMenu()->files(), QStringList({m_rgb}));
        QVERIFY(!findAction(w->recentFilesMenu(), "gone.png"));
    }

    void clearRecentEmptiesTheList() {
        AppSettings().setRecentFiles({m_rgb, m_gray});
        auto w = makeWindow();
        QAction* clear = w->recentFilesMenu()->findChild<QAction*>("clearRecentAction");
        QVERIFY(clear && clear->isEnabled());
        clear->trigger();
        QTRY_VERIFY(AppSettings().recentFiles().isEmpty());
        QVERIFY(!findAction(w->recentFilesMenu(), "photo.png"));
    }

    void corruptFileShowsErrorAndKeepsImage() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        const cv::Mat before = w->document()->pixels();
        w->openFile(m_corrupt);
        QTRY_COMPARE(m_errors.size(), 1);
        std::string expected;
        try {
            convscope::imaging::loadImage(m_corrupt.toStdString());
        } catch (const convscope::imaging::ImageLoadError& e) {
            expected = e.what();
        }
        QVERIFY(!expected.empty());
        QVERIFY2(m_errors.first().contains(QString::fromStdString(expected)), qPrintable(m_errors.first()));
        QVERIFY(w->statusBar()->currentMessage().contains("Could not open broken.png"));
        QCOMPARE(w->document()->sourcePath(), m_rgb);
        QVERIFY(w->document()->pixels().data == before.data);
        QCOMPARE(w->windowTitle(), QString("photo.png — ConvScope"));
        QCOMPARE(w->recentFilesMenu()->files(), QStringList({m_rgb}));
    }

    void startWithoutImageReopensLastImage() {
        AppSettings().setLastImage(m_gray);
        auto w = makeWindow(m_samples);
        w->startWith(QString());
        QTRY_COMPARE(w->document()->sourcePath(), m_gray);
    }

    void startWithoutImageFallsBackToTextbookPhoto() {
        AppSettings().setLastImage(m_dir.filePath("deleted-since.png"));
        auto w = makeWindow(m_samples);
        w->startWith(QString());
        QTRY_COMPARE(w->document()->sourcePath(), m_samples + "/building.jpg");
        QVERIFY(m_errors.isEmpty());
    }

    void startWithoutAnythingGeneratesZonePlate() {
        auto w = makeWindow(m_emptySamples);
        w->startWith(QString());
        QTRY_VERIFY(!w->document()->isEmpty());
        QVERIFY(w->document()->sourcePath().isEmpty());
        QVERIFY(w->document()->displayName().startsWith("Zone plate"));
        QCOMPARE(w->document()->channels(), 1);
    }

    void startWithBadImageShowsErrorAndFallback() {
        AppSettings().setLastImage(m_rgb);
        auto w = makeWindow(m_samples);
        w->startWith(m_corrupt);
        QTRY_COMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().contains("broken.png"));
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        QVERIFY(w->statusBar()->currentMessage().contains("Could not open broken.png"));
        QVERIFY(w->statusBar()->currentMessage().contains("photo.png"));
    }

    void dropOfImageOpensIt() {
        auto w = makeWindow();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_dir.filePath("notes.md")), QUrl::fromLocalFile(m_gray)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(w->document()->sourcePath(), m_gray);
    }

    void dropOfTextFileIsRejected() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_samples + "/notes.txt")});
        // Accepted on entry so that the drop can explain why the file is refused.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &drop);
        QVERIFY(!drop.isAccepted());
        QVERIFY2(w->statusBar()->currentMessage().contains("Cannot open notes.txt"),
                 qPrintable(w->statusBar()->currentMessage()));
        QTest::qWait(200);
        QCOMPARE(w->document()->sourcePath(), m_rgb);
        QVERIFY(m_errors.isEmpty());
    }

    void menusHaveActionsAndShortcuts() {
        auto w = makeWindow();
        QStringList menus;
        for (QAction* action : w->menuBar()->actions()) menus.append(action->text());
        QCOMPARE(menus, QStringList({"&File", "&Edit", "&View", "&Help"}));
        const MainActions& a = w->actions();
        QCOMPARE(a.open->shortcut(), QKeySequence("Ctrl+O"));
        QVERIFY(a.quit->shortcuts().contains(QKeySequence("Ctrl+Q")));
        QVERIFY(a.exportResult->shortcuts().contains(QKeySequence("Ctrl+S")));
        QVERIFY(a.copyResult->shortcuts().contains(QKeySequence("Ctrl+C")));
        QVERIFY(!a.zoomIn->shortcuts().isEmpty());
        QVERIFY(a.zoomIn->shortcuts().contains(QKeySequence("Ctrl+=")));
        QVERIFY(!a.zoomOut->shortcuts().isEmpty());
        QCOMPARE(a.zoomToFit->shortcut(), QKeySequence("Ctrl+0"));
        QCOMPARE(a.actualSize->shortcut(), QKeySequence("Ctrl+1"));
        QCOMPARE(w->filtersPanel()->viewModeAction(FiltersPanel::ViewMode::SideBySide)->shortcut(),
                 QKeySequence("Ctrl+2"));
        // No key may trigger two actions (Qt would then trigger neither).
        QHash<QKeySequence, QString> owners;
        for (QAction* action : w->findChildren<QAction*>()) {
            for (const QKeySequence& key : action->shortcuts()) {
                QVERIFY2(
                    !owners.contains(key) || owners.value(key) == action->objectName(),
                    qPrintable(key.toString() + " on " + owners.value(key) + " and " + action->objectName()));
                owners.insert(key, action->objectName());
            }
        }
        QMenu* file = w->menuBar()->actions().at(0)->menu();
        QVERIFY(file->actions().contains(a.open));
        QVERIFY(file->actions().contains(w->recentFilesMenu()->menuAction()));
        QVERIFY(file->actions().contains(w->sampleMenu()->menuAction()));
        QVERIFY(file->actions().contains(a.exportResult));
        QVERIFY(file->actions().contains(a.quit));
        const QList<QAction*> modes = w->filtersPanel()->viewActions();
        QCOMPARE(modes.size(), 3);
        QVERIFY(modes.first()->actionGroup() && modes.first()->actionGroup()->isExclusive());
        QMenu* viewMenu = w->menuBar()->actions().at(2)->menu();
        for (QAction* mode : modes) QVERIFY(viewMenu->actions().contains(mode));
        QVERIFY(w->findChild<QToolBar*>("mainToolBar"));
        QVERIFY(w->tabs()->count() >= 3);  // Training and Feature maps follow when LibTorch is built in
        QCOMPARE(w->tabs()->tabText(0), QString("Filters"));
        QCOMPARE(w->tabs()->tabText(1), QString("Convolution"));
        QCOMPARE(w->tabs()->tabText(2), QString("Frequency"));
        for (int i = 0; i < w->tabs()->count(); ++i) QVERIFY(!w->tabs()->widget(i)->objectName().isEmpty());
    }

    void viewModeActionsFollowPanel() {
        auto w = makeWindow();
        FiltersPanel* f = w->filtersPanel();
        QAction* split = f->viewModeAction(FiltersPanel::ViewMode::Split);
        split->trigger();
        QCOMPARE(f->viewMode(), FiltersPanel::ViewMode::Split);
        QVERIFY(split->isChecked());
        f->setViewMode(FiltersPanel::ViewMode::AllFilters);
        QVERIFY(f->viewModeAction(FiltersPanel::ViewMode::AllFilters)->isChecked());
        QVERIFY(!split->isChecked());
        f->viewModeAction(FiltersPanel::ViewMode::SideBySide)->trigger();
        QCOMPARE(w->filtersPanel()->viewMode(), FiltersPanel::ViewMode::SideBySide);
    }

    void geometryAndStateRestored() {
        {
            auto w = makeWindow();
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            w->resize(1043, 657);  // above the minimum that the Convolution panel needs (about 930 x 500)
            w->findChild<QToolBar*>("mainToolBar")->hide();
            QTRY_COMPARE(w->size(), QSize(1043, 657));
            w->close();
        }
        QVERIFY(!AppSettings().windowGeometry().isEmpty());
        QVERIFY(!AppSettings().windowState().isEmpty());
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QCOMPARE(w->size(), QSize(1043, 657));
        QVERIFY(!w->findChild<QToolBar*>("mainToolBar")->isVisible());
        QCOMPARE(w->tabs()->currentIndex(), 0);
    }

    void outOfRangePanelIndexIsClamped() {
        AppSettings().setCurrentPanel(7);
        auto w = makeWindow();
        QCOMPARE(w->tabs()->currentIndex(), w->tabs()->count() - 1);
    }

    void aboutDialogNamesLibraryVersions() {
        AboutDialog dialog;
        QCOMPARE(dialog.objectName(), QString("aboutDialog"));
        const QLabel* text = dialog.findChild<QLabel*>("aboutText");
        QVERIFY(text);
        QVERIFY(text->textInteractionFlags() & Qt::TextSelectableByMouse);
        for (const QString& expected : {QString(CV_VERSION), QString("FFTW"), QString("LibTorch"),
                                        QString("ConvScope"), QString(qVersion())})
            QVERIFY2(text->text().contains(expected), qPrintable(expected));
        QVERIFY(text->text().contains("fftw-3"));
        const QString report = AboutDialog::versionReport();
        QVERIFY(report.contains(QString("OpenCV: ") + CV_VERSION));
        QVERIFY(report.contains("LibTorch: "));

        auto w = makeWindow();
        w->actions().about->trigger();
        QTRY_VERIFY(w->findChild<AboutDialog*>("aboutDialog"));
    }

    void sampleMenuListsPatternsThenPhotographs() {
        SampleMenu menu(m_samples);
        QStringList patternTitles;
        for (const auto& info : convscope::imaging::patternList())
            patternTitles.append(QString::fromStdString(info.title) + "…");
        QStringList texts;
        for (QAction* action : menu.actions())
            if (!action->isSeparator() && !action->menu()) texts.append(action->text());
        QCOMPARE(texts.mid(0, patternTitles.size()), patternTitles);
        QCOMPARE(texts.value(patternTitles.size()), QString("building.jpg (textbook example)"));
        QMenu* more = menu.findChild<QMenu*>("moreSamplesMenu");
        QVERIFY(more);
        QStringList others;
        for (QAction* action : more->actions()) others.append(action->text());
        QCOMPARE(others, QStringList({"apple.jpg", "zebra.png"}));

        SampleMenu none(m_emptySamples);
        QVERIFY(!none.findChild<QAction*>("sampleImage_building.jpg"));
    }

    void systemSampleMenuHasTextbookPhoto() {
        if (!QFile::exists(kSystemSamples + "/building.jpg")) QSKIP("opencv-doc is not installed");
        auto w = makeWindow(kSystemSamples);
        QAction* building = w->sampleMenu()->findChild<QAction*>("sampleImage_building.jpg");
        QVERIFY(building);
        QVERIFY(building->text().contains("textbook"));
        building->trigger();
        QTRY_COMPARE(w->document()->sourcePath(), kSystemSamples + "/building.jpg");
        QCOMPARE(w->findChild<QLabel*>("imageSizeLabel")->text(), QString("868 × 600 · RGB"));
    }

    void samplePhotoActionOpensIt() {
        auto w = makeWindow(m_samples);
        QAction* apple = w->sampleMenu()->findChild<QAction*>("sampleImage_apple.jpg");
        QVERIFY(apple);
        apple->trigger();
        QTRY_COMPARE(w->document()->sourcePath(), m_samples + "/apple.jpg");
        QVERIFY(w->sampleMenu()->findChild<QAction*>("samplePattern_zone-plate"));
        // The Fashion-MNIST images that ship in assets/ open as any sample does.
        QAction* boot = w->sampleMenu()->findChild<QAction*>("sampleAsset_test_0_ankle_boot.png");
        QVERIFY(boot);
        QCOMPARE(boot->text(), QStringLiteral("Ankle boot (test image 0)"));
        boot->trigger();
        QTRY_COMPARE(w->document()->width(), 28);
        QCOMPARE(w->document()->channels(), 1);
    }

    void statusBarShowsCursorAndZoom() {
        auto w = makeWindow();
        auto* cursor = w->findChild<QLabel*>("cursorInfoLabel");
        auto* zoom = w->findChild<QLabel*>("zoomLabel");
        QVERIFY(cursor && zoom);
        Q_EMIT w->filtersPanel()->cursorInfoChanged("x 3  y 4 · in 17 · out 2.5");
        QCOMPARE(cursor->text(), QString("x 3  y 4 · in 17 · out 2.5"));
        QVERIFY(!cursor->isHidden());
        Q_EMIT w->filtersPanel()->cursorInfoChanged(QString());
        QVERIFY(cursor->isHidden());
        Q_EMIT w->filtersPanel()->zoomChanged(0.25);
        QCOMPARE(zoom->text(), QString("Zoom 25 %"));
        Q_EMIT w->filtersPanel()->zoomChanged(0.125);
        QCOMPARE(zoom->text(), QString("Zoom 12.5 %"));
        Q_EMIT w->filtersPanel()->zoomChanged(16.0);
        QCOMPARE(zoom->text(), QString("Zoom 1600 %"));
        // The all-filters grid has no zoom factor: the field goes away there and comes back after.
        QVERIFY(!zoom->isHidden());
        w->filtersPanel()->setViewMode(FiltersPanel::ViewMode::AllFilters);
        QVERIFY(zoom->isHidden());
        w->filtersPanel()->setViewMode(FiltersPanel::ViewMode::Split);
        QVERIFY(!zoom->isHidden());
        Q_EMIT w->filtersPanel()->statusMessage("Filtered in 5 ms", 0);
        QCOMPARE(w->statusBar()->currentMessage(), QString("Filtered in 5 ms"));
    }

    void exportFailureIsReported() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        QVERIFY(!w->exportResultTo(m_dir.filePath("no/such/folder/result.png")));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().contains("result.png"));
    }

    void exportWritesResultOncePanelHasOne() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_COMPARE(w->document()->sourcePath(), m_rgb);
        QTRY_VERIFY(w->filtersPanel()->hasResult());
        QTRY_VERIFY(w->actions().exportResult->isEnabled());
        const QString out = m_dir.filePath("exported.png");
        QVERIFY(w->exportResultTo(out));
        QCOMPARE(QImage(out).size(), QSize(40, 30));
        QVERIFY(m_errors.isEmpty());
    }

    void frequencyPanelFollowsTheFiltersKernel() {
        auto w = makeWindow();
        auto* kernel = w->filtersPanel()->findChild<KernelControls*>();
        QVERIFY(kernel);
        kernel->selectPreset(QStringLiteral("laplacian"));
        QCOMPARE(w->frequencyPanel()->controls()->titleA(), QStringLiteral("Laplacian"));
        QVERIFY(w->frequencyPanel()->controls()->kernelA() == convscope::imaging::makeKernel("laplacian"));
        kernel->selectPreset(QStringLiteral("emboss"));
        QCOMPARE(w->frequencyPanel()->controls()->titleA(), QStringLiteral("Emboss"));
    }

    void threadsStartWhenFirstNeeded() {
        auto w = makeWindow();
        const QList<JobRunner*> runners = w->findChildren<JobRunner*>();
        auto started = [&runners] {
            QStringList names;
            for (const JobRunner* r : runners)
                if (r->isStarted()) names << r->threadName();
            names.sort();
            return names;
        };
        // Every panel's work has a runner, and none has a thread before it is needed.
        QVERIFY2(runners.size() >= 7, qPrintable(QString::number(runners.size())));
        QVERIFY2(started().isEmpty(), qPrintable(started().join(QStringLiteral(", "))));
        // Opening an image needs the loader and the Filters panel (and, later, the cost model's calibration);
        // the panels not shown start nothing.
        w->openFile(m_rgb);
        QTRY_VERIFY(w->filtersPanel()->hasResult());
        for (const QString& name : started())
            QVERIFY2(QStringList({"image loader", "filters", "spectral cache"}).contains(name),
                     qPrintable(name));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->tabs()->setCurrentWidget(w->frequencyPanel());
        QTRY_VERIFY(started().contains(QStringLiteral("frequency")));
    }

    void filtersActionsFollowTheCurrentTab() {
        auto w = makeWindow();
        w->openFile(m_rgb);
        QTRY_VERIFY(w->filtersPanel()->hasResult());
        QTRY_VERIFY(w->actions().exportResult->isEnabled());
        w->tabs()->setCurrentIndex(1);  // Convolution: its own transport and export
        QVERIFY(!w->actions().exportResult->isEnabled());
        QVERIFY(!w->actions().copyResult->isEnabled());
        QAction* split = w->filtersPanel()->viewModeAction(FiltersPanel::ViewMode::Split);
        QVERIFY(!w->actions().zoomIn->isEnabled());
        QVERIFY(!split->isEnabled());
        w->tabs()->setCurrentIndex(0);
        QVERIFY(w->actions().exportResult->isEnabled());
        QVERIFY(w->actions().zoomIn->isEnabled());
        QVERIFY(split->isEnabled());
    }

private:
    std::unique_ptr<MainWindow> makeWindow(const QString& samples = QString()) {
        auto w = std::make_unique<MainWindow>(samples.isEmpty() ? m_emptySamples : samples);
        w->setErrorReporter([this](const QString& title, const QString& message) {
            m_errors.append(title + ": " + message);
        });
        return w;
    }

    QTemporaryDir m_dir;
    QString m_rgb;
    QString m_gray;
    QString m_corrupt;
    QString m_samples;
    QString m_emptySamples;
    QStringList m_errors;
};

CONVSCOPE_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
