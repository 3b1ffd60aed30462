// Long work survives leaving (issue 17): training, explaining and measuring are started in the main window,
// then the user switches panels, opens another image or closes the window. Each piece of work is either kept
// (it goes on and its result arrives) or cancelled (it stops and says so), never both; a training run closed
// mid-way leaves a complete, loadable record and checkpoint and no temporary files; no Qt warning that
// indicates a bug appears; the window's threads stop with it.

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <memory>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/zoo_table.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
#include "app/gui/explain/explain_controller.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/frequency/speed_page.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_charts.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "core/nn/models/model_factory.h"
#include "core/nn/train/checkpoint.h"
#include "tests/app/gui/monkey/qt_warning_guard.h"
#include "tests/app/gui/shell/main_window_fixture.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::tests;

class TestLeavingWork : public QObject, public MainWindowFixture {
    Q_OBJECT
    std::unique_ptr<QtWarningGuard> m_warnings;
    QString m_data;
    QString m_checkpoint;  ///< the first test's run, for the Explain panel

    std::unique_ptr<gui::MainWindow> openWindow() {
        auto w = makeWindow(m_samples);
        w->resize(1280, 860);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
        w->openFile(m_rgb);
        if (!QTest::qWaitFor([&] { return w->document()->sourcePath() == m_rgb; }, 30000)) return nullptr;
        return w;
    }

    /// Visits every panel and comes back to `home`.
    static void visitEveryPanel(gui::MainWindow& w, QWidget* home) {
        for (int i = 0; i < w.tabs()->count(); ++i) {
            w.tabs()->setCurrentIndex(i);
            QTest::qWait(20);
        }
        w.tabs()->setCurrentWidget(home);
    }

    static QStringList temporaryFiles(const QString& dir) {
        QStringList found;
        for (QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String(".tmp")) || path.contains(QLatin1String(".tmp.")) ||
                QFileInfo(path).fileName().startsWith(QLatin1String(".")))
                found << path;
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const QString error = writeFiles();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_data = m_dir.filePath(QStringLiteral("fashion"));
        QVERIFY(QDir().mkpath(m_data));
        testing::writeFashionMnistFolder(m_data);
        m_warnings = std::make_unique<QtWarningGuard>();
    }

    void init() { reset(); }

    void cleanup() {
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join('\n')));
        QVERIFY2(m_warnings->bugs().isEmpty(), qPrintable(m_warnings->bugs().join('\n')));
    }

    void cleanupTestCase() { m_warnings.reset(); }

    void trainingIsKeptAcrossPanelsAndImagesAndStopsCleanlyWithTheWindow() {
        const QString runsDirectory = gui::RunStore::defaultDirectory();
        QString runDirectory;
        {
            auto w = openWindow();
            QVERIFY(w);
            gui::TrainingPanel* t = w->trainingPanel();
            w->tabs()->setCurrentWidget(t);
            gui::TrainingForm* f = t->form();
            f->setDataDirectory(m_data);
            nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
            c.model.name = "lenet5";
            c.model.stem = nn::Stem::Small;
            c.epochs = 500;  // far more than the test waits for: the window closes mid-run
            c.batchSize = 30;
            c.learningRate = 0.003;
            c.limitTrain = 300;
            c.limitTest = 100;
            c.threads = 1;
            f->setConfig(c);
            t->start();
            QVERIFY(t->isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(t->charts()->epochCount() >= 1, 120000);  // a checkpoint is on disk
            QCOMPARE(t->runs().size(), 1);
            runDirectory = t->runs().first().directory;

            // Leaving the panel and opening another image keep the run: it goes on, and no second run starts.
            visitEveryPanel(*w, w->explainPanel());
            QVERIFY(t->isRunning());
            w->openFile(m_gray);
            QTRY_COMPARE_WITH_TIMEOUT(w->document()->sourcePath(), m_gray, 30000);
            const int batches = t->charts()->batchCount();
            QTRY_VERIFY_WITH_TIMEOUT(t->charts()->batchCount() > batches, 60000);
            QVERIFY(t->isRunning());
            QCOMPARE(gui::RunStore::list(runsDirectory).size(), 1);

            // Closing the window stops it.
            QVERIFY(w->close());
            QTRY_VERIFY_WITH_TIMEOUT(!t->isRunning(), 60000);
        }  // the window goes; its training thread with it

        const QVector<gui::RunRecord> runs = gui::RunStore::list(runsDirectory);
        QCOMPARE(runs.size(), 1);
        const gui::RunRecord run = gui::RunStore::load(runDirectory);
        QCOMPARE(run.status, QStringLiteral("stopped"));
        QVERIFY(!run.epochs.isEmpty());
        QVERIFY(!run.batches.isEmpty());
        // The checkpoint is complete: its state reads, its weights load into the model it names, and it
        // holds the epochs the record lists as done.
        m_checkpoint = run.checkpointPath();
        QVERIFY(QFile::exists(m_checkpoint));
        const nn::CheckpointState state = nn::readCheckpointState(m_checkpoint.toStdString());
        QCOMPARE(state.config.model.name, std::string("lenet5"));
        QCOMPARE(state.epochsDone, int(run.epochs.size()));
        QCOMPARE(int(state.history.size()), state.epochsDone);
        nn::Classifier model = nn::makeModel(state.config.model);
        nn::loadCheckpoint(m_checkpoint.toStdString(), *model, nullptr, state.config.model);
        const QStringList leftovers = temporaryFiles(runsDirectory);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join('\n')));
    }

    void explainingIsKeptWhenLeavingAndFollowsTheNewestImage() {
        QVERIFY2(!m_checkpoint.isEmpty(), "needs the run of the training test");
        auto w = openWindow();
        QVERIFY(w);
        gui::ExplainPanel* e = w->explainPanel();
        auto* controller = e->findChild<gui::ExplainController*>();
        QVERIFY(controller);
        QSignalSpy ready(controller, &gui::ExplainController::ready);
        e->setDataDirectory(m_data);
        e->sourceBox()->setImage(gui::FeatureSourceBox::Image::OpenImage);
        e->setCheckpoint(m_checkpoint);
        // Leaving the panel before its request went out (it waits a moment for more edits): a hidden panel
        // does not explain, but the request is kept for when it is shown again.
        w->tabs()->setCurrentWidget(e);
        QVERIFY(e->isComputing());
        w->tabs()->setCurrentWidget(w->filtersPanel());
        QTest::qWait(1000);
        QCOMPARE(ready.count(), 0);
        w->tabs()->setCurrentWidget(e);
        // Leaving the panel once the explanation runs keeps it: it arrives while another panel shows.
        QTRY_VERIFY_WITH_TIMEOUT(e->message().startsWith(QStringLiteral("Explaining")), 30000);
        w->tabs()->setCurrentWidget(w->filtersPanel());
        QTRY_VERIFY_WITH_TIMEOUT(!e->isComputing(), 120000);
        QVERIFY2(!e->isShowingError(), qPrintable(e->message()));
        QCOMPARE(ready.count(), 1);
        QVERIFY2(e->frame().source.contains(QStringLiteral("photo.png")), qPrintable(e->frame().source));
        QVERIFY(!e->isShowingError());

        // Two images opened one after the other while explaining: the first explanation is cancelled (its
        // result never shows), the newest is kept.
        w->tabs()->setCurrentWidget(e);
        ready.clear();
        w->openFile(m_gray);
        QTRY_COMPARE_WITH_TIMEOUT(w->document()->sourcePath(), m_gray, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(e->message().startsWith(QStringLiteral("Explaining")), 30000);
        w->openFile(m_rgb);
        QTRY_COMPARE_WITH_TIMEOUT(w->document()->sourcePath(), m_rgb, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!e->isComputing() &&
                                     !e->frame().source.contains(QStringLiteral("gray.png")) &&
                                     e->frame().source.contains(QStringLiteral("photo.png")),
                                 120000);
        QTest::qWait(500);  // a late result of the cancelled request would show now
        QVERIFY2(e->frame().source.contains(QStringLiteral("photo.png")), qPrintable(e->frame().source));
        for (const QList<QVariant>& signal : std::as_const(ready))
            QVERIFY(
                !qvariant_cast<gui::ExplainFrame>(signal.at(0)).source.contains(QStringLiteral("gray.png")));

        // Closing the window mid-explanation cancels it; the window goes without waiting for the rest.
        w->openFile(m_gray);
        QTRY_VERIFY_WITH_TIMEOUT(e->message().startsWith(QStringLiteral("Explaining")), 30000);
        QVERIFY(w->close());
        w.reset();
    }

    void zooMeasurementIsKeptAcrossPanelsAndStopsWithTheWindow() {
        auto w = openWindow();
        QVERIFY(w);
        gui::ArchitecturePanel* a = w->architecturePanel();
        w->tabs()->setCurrentWidget(a);
        for (int i = 0; i < a->pages()->count(); ++i)
            if (a->pages()->tabText(i) == QStringLiteral("Model zoo")) a->pages()->setCurrentIndex(i);
        gui::ZooTable* zoo = a->zoo();
        zoo->sizeCombo()->setCurrentIndex(zoo->sizeCombo()->findData(224));
        QTest::mouseClick(zoo->measureButton(), Qt::LeftButton);
        QVERIFY(zoo->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(zoo->rowCount() >= 1, 120000);

        // Another panel: the measurement goes on (rows keep coming) and is not reported as stopped.
        w->tabs()->setCurrentWidget(w->convolutionPanel());
        const int rows = zoo->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(zoo->rowCount() > rows || !zoo->isBusy(), 120000);
        qInfo("zoo rows: %d when leaving, %d later", rows, zoo->rowCount());
        QVERIFY2(!zoo->statusLabel()->text().contains(QStringLiteral("stopped")),
                 qPrintable(zoo->statusLabel()->text()));

        // Closing the window mid-measurement: the window goes (its runner cancels and joins), no crash.
        if (!zoo->isBusy()) {
            QTest::mouseClick(zoo->measureButton(), Qt::LeftButton);
            QVERIFY(zoo->isBusy());
        }
        QVERIFY(w->close());
        w.reset();
    }

    void speedMeasurementIsKeptOrCancelledNeverBoth() {
        auto w = openWindow();
        QVERIFY(w);
        gui::FrequencyPanel* f = w->frequencyPanel();
        gui::SpeedPage* s = f->speedPage();
        w->tabs()->setCurrentWidget(f);
        f->pages()->setCurrentWidget(s);
        const QString idle = s->measureButton()->text();

        // Another panel while measuring: kept, the result for the image it started on arrives.
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QVERIFY(s->measureButton()->text() != idle);
        w->tabs()->setCurrentWidget(w->filtersPanel());
        QTRY_COMPARE_WITH_TIMEOUT(s->measureButton()->text(), idle, 120000);
        QCOMPARE(s->result().sizes.size(), 15);
        QVERIFY2(s->summary()->text().contains(QStringLiteral("40 × 30")), qPrintable(s->summary()->text()));
        QVERIFY(!s->summary()->text().contains(QStringLiteral("cancelled")));

        // Another image while measuring: either the measurement of the first image completes (and says
        // which image it measured) or it is cancelled (and shows no new result): never both.
        w->tabs()->setCurrentWidget(f);
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QVERIFY(s->measureButton()->text() != idle);
        w->openFile(m_gray);
        QTRY_COMPARE_WITH_TIMEOUT(w->document()->sourcePath(), m_gray, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(s->measureButton()->text(), idle, 120000);
        const QString summary = s->summary()->text();
        const bool cancelled = summary.contains(QStringLiteral("cancelled"));
        const bool measured = summary.contains(QStringLiteral("40 × 30")) && s->result().sizes.size() == 15;
        QVERIFY2(cancelled != measured, qPrintable(summary));
        qInfo("another image while measuring: %s", cancelled ? "cancelled" : "kept");

        // Closing the window mid-measurement.
        QTest::mouseClick(s->measureButton(), Qt::LeftButton);
        QVERIFY(s->measureButton()->text() != idle);
        QVERIFY(w->close());
        w.reset();
    }
};

CONVSCOPE_TEST_MAIN(TestLeavingWork)
#include "test_leaving_work.moc"
