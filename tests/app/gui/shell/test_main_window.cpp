// The main window: opening files (the loader, recent files, start-up fallbacks, drops), samples, geometry
// and the About dialog. Its menus, toolbar and status bar acting on the panels: test_main_window_panels.
#include <QActionGroup>
#include <QDir>
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
#include "app/gui/support/asset_paths.h"
#include "app/gui/support/job_runner.h"
#include "core/imaging/image_loader.h"
#include "core/imaging/kernel_library.h"
#include "core/imaging/test_patterns.h"
#include "tests/app/gui/shell/main_window_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;
using convscope::tests::findAction;
using convscope::tests::writeImage;

namespace {

const QString kSystemSamples = QStringLiteral("/usr/share/doc/opencv-doc/examples/data");

}  // namespace

namespace {

// The panels' minimum sizes and, in each, the widest low widget with its minimum: what to shrink when the
// window's minimum grows.
QString widestPanels(MainWindow& w) {
    QString out = QStringLiteral("window %1 x %2;").arg(w.width()).arg(w.height());
    for (int i = 0; i < w.tabs()->count(); ++i) {
        QWidget* panel = w.tabs()->widget(i);
        const QSize min = panel->minimumSizeHint();
        out += QStringLiteral(" %1 %2 x %3").arg(w.tabs()->tabText(i)).arg(min.width()).arg(min.height());
        QWidget* widest = nullptr;
        for (QWidget* c : panel->findChildren<QWidget*>()) {
            if (c->minimumSizeHint().width() < 300 || c->minimumSizeHint().height() > 60) continue;
            if (!widest || c->minimumSizeHint().width() > widest->minimumSizeHint().width()) widest = c;
        }
        if (widest)
            out += QStringLiteral(" (widest low widget %1 '%2' %3)")
                       .arg(QString::fromLatin1(widest->metaObject()->className()), widest->objectName())
                       .arg(widest->minimumSizeHint().width());
        out += QLatin1Char(';');
    }
    return out;
}

}  // namespace

class TestMainWindow : public QObject, protected convscope::tests::MainWindowFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString problem = writeFiles();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init() { reset(); }

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

    void geometryAndStateRestored() {
        {
            auto w = makeWindow();
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            w->resize(1043, 657);  // above the minimum that the Convolution panel needs (about 930 x 500)
            w->findChild<QToolBar*>("mainToolBar")->hide();
            // Every panel must fit a 1043 x 657 window (a laptop's screen with room to spare); when one
            // does not, say which and what inside it is widest.
            QTRY_VERIFY2(w->size() == QSize(1043, 657), qPrintable(widestPanels(*w)));
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
        // The bundled Fashion-MNIST images (one per class) come between the patterns and the photographs.
        const QStringList bundled = QDir(assetPath(QStringLiteral("images/fashion_mnist")))
                                        .entryList({QStringLiteral("*.png")}, QDir::Files);
        QVERIFY(!bundled.isEmpty());
        QCOMPARE(texts.value(patternTitles.size()), QString("Ankle boot (test image 0)"));
        QCOMPARE(texts.value(patternTitles.size() + bundled.size()),
                 QString("building.jpg (textbook example)"));
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
};

CONVSCOPE_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
