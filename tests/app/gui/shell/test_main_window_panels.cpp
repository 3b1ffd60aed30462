// The main window's menus, toolbar and status bar acting on its panels: actions and shortcuts, the Filters
// panel's view modes, zoom and cursor read-outs, export and copy on the current panel, the Frequency panel
// following the Filters kernel, and worker threads that start only when a panel needs them.
#include <QActionGroup>
#include <QHash>
#include <QImage>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/shell/recent_files_menu.h"
#include "app/gui/shell/sample_menu.h"
#include "app/gui/support/job_runner.h"
#include "core/imaging/kernel_library.h"
#include "tests/app/gui/shell/main_window_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

class TestMainWindowPanels : public QObject, protected convscope::tests::MainWindowFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString problem = writeFiles();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init() { reset(); }

    void menusHaveActionsAndShortcuts() {
        auto w = makeWindow();
        QStringList menus;
        for (QAction* action : w->menuBar()->actions()) menus.append(action->text());
#ifdef CONVSCOPE_HAVE_NN
        QCOMPARE(menus, QStringList({"&File", "&Edit", "&View", "&Tools", "&Help"}));  // Tools: LibTorch's
#else
        QCOMPARE(menus, QStringList({"&File", "&Edit", "&View", "&Help"}));
#endif
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
};

CONVSCOPE_TEST_MAIN(TestMainWindowPanels)
#include "test_main_window_panels.moc"
