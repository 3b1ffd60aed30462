// The Training panel driven as a user would: choose a tiny custom run, Start, watch the charts, the test
// images and the confusion matrix fill, Pause and Resume, Stop; every run is kept on disk and listed again by
// a new panel (an application restart), and ticked runs overlay the charts. Data: a small
// Fashion-MNIST-format folder written by the test.
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/training/run_store.h"
#include "app/gui/training/training_charts.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/image/tile_grid_view.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;

class TestTrainingPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void tinyRun(gui::TrainingPanel& panel, int epochs) {
        gui::TrainingForm* f = panel.form();
        f->setDataDirectory(m_dir.filePath("data"));
        nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "lenet5";
        c.model.stem = nn::Stem::Small;
        c.epochs = epochs;
        c.batchSize = 30;
        c.learningRate = 0.003;
        c.limitTrain = 300;
        c.limitTest = 100;
        c.threads = 1;
        f->setConfig(c);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"));
    }

    void presets() {
        gui::TrainingPanel panel(m_dir.filePath("presets"));
        const nn::TrainConfig seed = gui::TrainingForm::preset(QStringLiteral("seed"));
        QCOMPARE(seed.input.size, 224);
        QCOMPARE(seed.optimizer, std::string("sgd"));
        QCOMPARE(seed.momentum, 0.9);
        QCOMPARE(seed.device, std::string("cuda"));
        QVERIFY(seed.input.augment);
        panel.form()->selectPreset(QStringLiteral("seed"));
        QCOMPARE(panel.form()->config().toText(), seed.toText());
        panel.form()->epochsBox()->setValue(3);  // an edit leaves the preset
        QCOMPARE(panel.form()->presetCombo()->currentData().toString(), QStringLiteral("custom"));
        panel.form()->config().validate();  // the edited settings are still valid
    }

    void trainAndWatch() {
        gui::TrainingPanel panel(m_dir.filePath("runs"));
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        tinyRun(panel, 2);
        QSignalSpy live(&panel, &gui::TrainingPanel::liveChanged);
        QSignalSpy frames(&panel, &gui::TrainingPanel::featuresAvailable);
        QTest::mouseClick(panel.startButton(), Qt::LeftButton);
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.stopButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
        QCOMPARE(panel.charts()->epochCount(), 2);
        QVERIFY(panel.charts()->batchCount() >= 4);  // 10 batches an epoch, logged every 5
        // The charts redraw from a throttling timer: wait for it rather than assume it has fired.
        QTRY_VERIFY(!panel.charts()->lossPlot()->series().isEmpty());
        QTRY_COMPARE(panel.charts()->accuracyPlot()->series().size(), 2);
        QCOMPARE(panel.samplesView()->tileCount(), 32);
        QCOMPARE(panel.confusionView()->rows(), 10);
        // Each row of the confusion matrix is a share of its class: rows sum to 1.
        for (int r = 0; r < 10; ++r) {
            double sum = 0;
            for (int c = 0; c < 10; ++c) sum += panel.confusionView()->valueAt(r, c);
            QVERIFY(std::abs(sum - 1.0) < 1e-4);
        }
        QVERIFY(panel.progressBar()->format().contains("finished"));
        QVERIFY(live.count() >= 2);  // on, then off
        QVERIFY(frames.count() >= 1);
        QCOMPARE(panel.runs().size(), 1);
        QCOMPARE(panel.runs().first().status, QStringLiteral("finished"));
        QCOMPARE(panel.runs().first().epochs.size(), 2);
        QVERIFY(QFile::exists(panel.runs().first().checkpointPath()));
        // A click on a cell of the confusion matrix asks for its test images, with the run's checkpoint.
        QSignalSpy cells(&panel, &gui::TrainingPanel::confusionCellActivated);
        QSignalSpy status(&panel, &gui::TrainingPanel::statusMessage);
        widgets::HeatmapView* confusion = panel.confusionView();
        QTest::mouseClick(confusion, Qt::LeftButton, {}, confusion->cellRect(3, 5).center().toPoint());
        QCOMPARE(cells.count(), 1);
        QCOMPARE(cells.first().at(0).toString(), panel.runs().first().checkpointPath());
        QCOMPARE(cells.first().at(1).toString(), m_dir.filePath("data"));
        QCOMPARE(cells.first().at(2).toInt(), 3);
        QCOMPARE(cells.first().at(3).toInt(), 5);
        // Without its checkpoint (the run's folder lost) the click says so instead.
        const QString checkpoint = panel.runs().first().checkpointPath();
        QVERIFY(QFile::rename(checkpoint, checkpoint + ".away"));
        const int statusBefore = int(status.count());
        QTest::mouseClick(confusion, Qt::LeftButton, {}, confusion->cellRect(1, 1).center().toPoint());
        QCOMPARE(cells.count(), 1);
        QCOMPARE(int(status.count()), statusBefore + 1);
        QVERIFY(status.last().at(0).toString().contains("checkpoint"));
        QVERIFY(QFile::rename(checkpoint + ".away", checkpoint));
    }

    void pauseResumeStop() {
        gui::TrainingPanel panel(m_dir.filePath("runs"));
        tinyRun(panel, 50);
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(panel.charts()->batchCount() >= 1, 30000);
        QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
        QCOMPARE(panel.pauseButton()->text(), QStringLiteral("Resume"));
        // The batch running when the pause came may still report; after that the count stands still.
        int paused = panel.charts()->batchCount();
        for (int settled = 0, tries = 0; settled < 3 && tries < 100; ++tries) {
            QTest::qWait(200);
            const int now = panel.charts()->batchCount();
            settled = now == paused ? settled + 1 : 0;
            paused = now;
        }
        QTest::qWait(500);
        QCOMPARE(panel.charts()->batchCount(), paused);
        QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel.charts()->batchCount() > paused + 1, 30000);
        QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        QCOMPARE(panel.runs().first().status, QStringLiteral("stopped"));
    }

    void closingStopsTheRun() {
        QElapsedTimer clock;
        {
            gui::TrainingPanel panel(m_dir.filePath("closing"));
            tinyRun(panel, 200);
            panel.start();
            QTRY_VERIFY_WITH_TIMEOUT(panel.charts()->batchCount() >= 1, 30000);
            clock.start();
        }  // the window closes during training: the run stops within a batch and the panel waits for it
        qInfo("closing took %lld ms", static_cast<long long>(clock.elapsed()));
        const QVector<gui::RunRecord> runs = gui::RunStore::list(m_dir.filePath("closing"));
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().status, QStringLiteral("stopped"));
    }

    void runsSurviveARestartAndOverlay() {
        gui::TrainingPanel panel(m_dir.filePath("runs"));  // a new panel: the application started again
        QCOMPARE(panel.runs().size(), 2);
        QCOMPARE(panel.runList()->count(), 2);
        const gui::RunRecord& finished = panel.runs().last();  // newest first: the finished run is older
        QCOMPARE(finished.status, QStringLiteral("finished"));
        QVERIFY(!finished.batches.isEmpty());
        panel.runList()->item(1)->setCheckState(Qt::Checked);
        QTRY_VERIFY(!panel.charts()->accuracyPlot()->series().isEmpty());
        QVERIFY(panel.charts()->accuracyPlot()->series().first().name.contains(finished.title));
        // "Feature maps" on a finished run asks for its checkpoint.
        QSignalSpy inspect(&panel, &gui::TrainingPanel::inspectCheckpoint);
        panel.runList()->setCurrentRow(1);
        QPushButton* featureMaps = nullptr;
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Feature maps")) featureMaps = b;
        QVERIFY(featureMaps && featureMaps->isEnabled());
        featureMaps->click();
        QCOMPARE(inspect.count(), 1);
        QCOMPARE(inspect.first().first().toString(), finished.checkpointPath());
    }

    void badSettingsAndData() {
        gui::TrainingPanel panel(m_dir.filePath("bad"));
        tinyRun(panel, 1);
        panel.form()->setDataDirectory(m_dir.filePath("nowhere"));
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        QVERIFY2(panel.statusLabel()->text().contains("sudo apt install dataset-fashion-mnist"),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.runs().isEmpty());  // nothing half-made on disk
    }

    void smoothing() {
        const QVector<double> s = gui::TrainingCharts::smoothed({1.0, 0.0, 0.0}, 0.5);
        QCOMPARE(s, (QVector<double>{1.0, 0.5, 0.25}));
    }
};

CONVSCOPE_TEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
