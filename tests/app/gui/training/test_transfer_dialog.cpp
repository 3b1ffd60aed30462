// The transfer-learning experiment's window driven as a learner would: the default form (five classes each
// side, 10, 50 and 200 images per class), a tiny experiment started with Start whose chart and table must
// show exactly the curves and accuracies the engine reported, the pretraining reused by the next experiment,
// Stop, and closing or destroying the window mid-run. Data: a small Fashion-MNIST-format folder written by
// the test. With CONVSCOPE_TRANSFER_SCREENSHOT=DIR set, screenshot() also runs the real default experiment
// on Debian's Fashion-MNIST and saves the window as DIR/transfer_experiment.png.
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/gui/shell/main_window.h"
#include "app/gui/training/transfer_chart.h"
#include "app/gui/training/transfer_experiment_dialog.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;
using gui::TransferExperimentDialog;

class TestTransferDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // LeNet-5 on the test's 300 images: every run takes a fraction of a second.
    void tiny(TransferExperimentDialog& d, const QString& output, int epochs, const QString& counts) {
        d.setDataDirectory(m_dir.filePath("data"));
        d.setOutputDirectory(m_dir.filePath(output));
        nn::ModelConfig m;
        m.name = "lenet5";
        d.setModel(m);
        d.setThreads(1);
        d.countsEdit()->setText(counts);
        d.epochsBox()->setValue(epochs);
    }

    static bool checked(const TransferExperimentDialog& d, int row, int column) {
        return d.classTable()->item(row, column)->checkState() == Qt::Checked;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"));
    }

    void defaultForm() {
        TransferExperimentDialog d;
        QVERIFY(!d.isModal());
        QCOMPARE(d.classTable()->rowCount(), 10);
        QVERIFY(d.classTable()->item(0, 0)->text().contains("T-shirt/top"));
        QVERIFY(d.classTable()->item(9, 0)->text().contains("Ankle boot"));
        const std::optional<gui::TransferRequest> r = d.request();
        QVERIFY(r);
        QCOMPARE(r->pretrainClasses, (QVector<int>{0, 1, 2, 3, 4}));
        QCOMPARE(r->targetClasses, (QVector<int>{5, 6, 7, 8, 9}));
        QCOMPARE(r->perClass, (QVector<qint64>{10, 50, 200}));
        QCOMPARE(r->epochs, 15);
        QCOMPARE(r->freeze, QStringLiteral("none"));
        QCOMPARE(r->device, QStringLiteral("cpu"));
        QVERIFY(!r->model);  // the engine's ResNet-18
        // The checkpoints go into the application's data folder.
        QCOMPARE(r->outputDirectory, TransferExperimentDialog::defaultOutputDirectory());
        QVERIFY(r->outputDirectory.startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
        // A class is on one side at most: ticking it for later learning takes it out of the pretraining.
        d.classTable()->item(0, 2)->setCheckState(Qt::Checked);
        QVERIFY(!checked(d, 0, 1));
        QCOMPARE(d.request()->pretrainClasses, (QVector<int>{1, 2, 3, 4}));
        QCOMPARE(d.request()->targetClasses, (QVector<int>{0, 5, 6, 7, 8, 9}));
        d.freezeCombo()->setCurrentIndex(d.freezeCombo()->findData(QStringLiteral("backbone")));
        QCOMPARE(d.request()->freeze, QStringLiteral("backbone"));
    }

    void badForm() {
        TransferExperimentDialog d;
        QCOMPARE(TransferExperimentDialog::parseCounts(QStringLiteral(" 2; 4,4  8")),
                 (QVector<qint64>{2, 4, 8}));
        QVERIFY(!TransferExperimentDialog::parseCounts(QStringLiteral("10, 0")));
        QVERIFY(!TransferExperimentDialog::parseCounts(QStringLiteral("ten")));
        QVERIFY(!TransferExperimentDialog::parseCounts(QString()));
        d.countsEdit()->setText(QStringLiteral("10, -5"));
        QVERIFY(!d.start());
        QVERIFY(!d.isRunning());
        QVERIFY(d.statusLabel()->text().contains("whole numbers"));
        d.countsEdit()->setText(QStringLiteral("10"));
        for (int c = 1; c < 5; ++c) d.classTable()->item(c, 1)->setCheckState(Qt::Unchecked);
        QVERIFY(!d.start());
        QVERIFY(d.statusLabel()->text().contains("two classes"));
    }

    void runShowsWhatTheEngineReported() {
        TransferExperimentDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        gui::TransferChart* chart = d.chart();
        // Empty: the chart says what to do.
        QVERIFY(chart->plot()->series().isEmpty());
        QVERIFY(chart->emptyLabel()->isVisible());
        QVERIFY(chart->emptyLabel()->text().contains("Press Start"));
        tiny(d, QStringLiteral("out"), 2, QStringLiteral("2, 4"));
        QSignalSpy done(&d, &TransferExperimentDialog::finished);
        QTest::mouseClick(d.startButton(), Qt::LeftButton);
        QVERIFY(d.isRunning());
        QVERIFY(!d.startButton()->isEnabled());
        QVERIFY(d.stopButton()->isEnabled());
        QVERIFY(!d.countsEdit()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 180000);
        QCOMPARE(done.count(), 1);
        const gui::TransferOutcome& o = d.outcome();
        QVERIFY2(o.status == QStringLiteral("finished"), qPrintable(o.message));
        QVERIFY(d.progressBar()->format().startsWith("Finished"));
        QCOMPARE(d.progressBar()->value(), d.progressBar()->maximum());
        QCOMPARE(o.runs.size(), 4);  // per count: fine-tuned, then from scratch
        QCOMPARE(o.pretrainClassNames.first(), QStringLiteral("T-shirt/top"));
        QCOMPARE(o.targetClassNames.first(), QStringLiteral("Sandal"));
        QVERIFY(!o.pretrain.reused);

        // Two series per count, with the points the engine reported, in percent.
        QTRY_COMPARE(chart->plot()->series().size(), 4);
        QVERIFY(!chart->emptyLabel()->isVisible());
        const QVector<widgets::PlotSeries> series = chart->plot()->series();
        for (const gui::TransferCurve& run : o.runs) {
            QCOMPARE(run.epochs, (QVector<int>{1, 2}));
            const QString name = QStringLiteral("%1 per class · %2")
                                     .arg(run.perClass)
                                     .arg(run.pretrained ? "fine-tuned" : "from scratch");
            const auto s = std::find_if(series.begin(), series.end(),
                                        [&](const widgets::PlotSeries& p) { return p.name == name; });
            QVERIFY2(s != series.end(), qPrintable(name));
            QCOMPARE(s->dashed, !run.pretrained);
            QCOMPARE(s->x, (QVector<double>{1.0, 2.0}));
            QCOMPARE(s->y.size(), 2);
            for (int i = 0; i < 2; ++i) QCOMPARE(s->y[i], 100.0 * run.testAccuracy[i]);
            QCOMPARE(run.finalTestAccuracy, run.testAccuracy.last());
            // One colour per count.
            QCOMPARE(s->color, gui::TransferChart::colorFor(run.perClass == 2 ? 0 : 1));
        }
        QVERIFY(series[0].color != series[2].color);

        // The table: per count, fine-tuned, from scratch and their difference, as the engine measured them.
        QTableWidget* t = chart->table();
        QCOMPARE(t->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const gui::TransferCurve& tuned = o.runs[2 * row];
            const gui::TransferCurve& scratch = o.runs[2 * row + 1];
            QVERIFY(tuned.pretrained && !scratch.pretrained);
            QCOMPARE(t->item(row, 0)->text(), QString::number(tuned.perClass));
            QCOMPARE(t->item(row, 1)->data(Qt::UserRole).toDouble(), 100.0 * tuned.finalTestAccuracy);
            QCOMPARE(t->item(row, 2)->data(Qt::UserRole).toDouble(), 100.0 * scratch.finalTestAccuracy);
            QCOMPARE(t->item(row, 3)->data(Qt::UserRole).toDouble(),
                     100.0 * (tuned.finalTestAccuracy - scratch.finalTestAccuracy));
            QCOMPARE(t->item(row, 1)->text(),
                     QStringLiteral("%1 %").arg(100.0 * tuned.finalTestAccuracy, 0, 'f', 1));
        }
        QVERIFY(chart->summaryLabel()->text().contains("T-shirt/top"));

        // The checkpoints are in the output folder; the next experiment reuses the pretraining.
        for (const char* name :
             {"pretrain.ckpt", "finetune-2.ckpt", "scratch-2.ckpt", "finetune-4.ckpt", "scratch-4.ckpt"})
            QVERIFY2(QFileInfo::exists(m_dir.filePath(QStringLiteral("out/") + name)), name);
        d.countsEdit()->setText(QStringLiteral("3"));
        d.epochsBox()->setValue(1);
        QVERIFY(d.start());
        QVERIFY(chart->plot()->series().isEmpty());  // a new experiment starts a new chart
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 180000);
        QVERIFY2(d.outcome().status == QStringLiteral("finished"), qPrintable(d.outcome().message));
        QVERIFY(d.outcome().pretrain.reused);
        QCOMPARE(d.outcome().pretrain.finalTestAccuracy, o.pretrain.finalTestAccuracy);
        QTRY_COMPARE(chart->plot()->series().size(), 2);
        QCOMPARE(chart->table()->rowCount(), 1);

        if (const QByteArray dir = qgetenv("CONVSCOPE_TRANSFER_SCREENSHOT"); !dir.isEmpty()) {
            d.resize(1180, 760);
            QVERIFY(d.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/transfer_tiny.png")));
        }
    }

    void stopCancels() {
        TransferExperimentDialog d;
        tiny(d, QStringLiteral("stop"), 200, QStringLiteral("20"));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(d.chart()->curveCount() >= 1, 120000);  // past the pretraining
        QTest::mouseClick(d.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 60000);
        QCOMPARE(d.outcome().status, QStringLiteral("stopped"));
        QVERIFY(d.startButton()->isEnabled());
        QVERIFY(!d.stopButton()->isEnabled());
        QVERIFY(d.progressBar()->format().startsWith("Stopped"));
        QVERIFY(d.chart()->curveCount() >= 1);  // what was drawn stays
        QVERIFY(!QFileInfo::exists(m_dir.filePath("stop/scratch-20.ckpt")));
    }

    void closingStopsTheExperiment() {
        TransferExperimentDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        tiny(d, QStringLiteral("close"), 200, QStringLiteral("20"));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(d.progressBar()->value() > 0, 120000);
        d.close();
        QVERIFY(!d.isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 60000);
        QCOMPARE(d.outcome().status, QStringLiteral("stopped"));
        // Escape (reject) stops it too.
        d.show();
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(d.progressBar()->value() > 0, 120000);
        QTest::keyClick(&d, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 60000);
        QCOMPARE(d.outcome().status, QStringLiteral("stopped"));
    }

    void destroyingDuringARunIsSafe() {
        auto d = std::make_unique<TransferExperimentDialog>();
        d->show();
        tiny(*d, QStringLiteral("destroy"), 200, QStringLiteral("20"));
        QVERIFY(d->start());
        QTRY_VERIFY_WITH_TIMEOUT(d->chart()->curveCount() >= 1, 120000);
        d.reset();  // the running batch ends, the thread stops; no report reaches the destroyed window
        QTest::qWait(50);
    }

    void missingDataSaysSo() {
        TransferExperimentDialog d;
        tiny(d, QStringLiteral("nodata"), 1, QStringLiteral("2"));
        d.setDataDirectory(m_dir.filePath("nowhere"));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 60000);
        QCOMPARE(d.outcome().status, QStringLiteral("failed"));
        QVERIFY(d.progressBar()->format().startsWith("Failed"));
        QVERIFY2(d.statusLabel()->text().contains("dataset-fashion-mnist"),
                 qPrintable(d.statusLabel()->text()));
        QVERIFY(d.startButton()->isEnabled());
        // The right folder afterwards works: nothing half-loaded was kept.
        d.setDataDirectory(m_dir.filePath("data"));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 120000);
        QVERIFY2(d.outcome().status == QStringLiteral("finished"), qPrintable(d.outcome().message));
    }

    void menuOpensTheWindow() {
        QTemporaryDir noSamples;
        gui::MainWindow w(noSamples.filePath(QStringLiteral("none")));
        auto* tools = w.menuBar()->findChild<QMenu*>(QStringLiteral("toolsMenu"));
        QVERIFY(tools);
        auto* action = w.findChild<QAction*>(QStringLiteral("transferExperimentAction"));
        QVERIFY(action);
        QVERIFY(tools->actions().contains(action));
        QVERIFY(!w.findChild<TransferExperimentDialog*>());
        action->trigger();
        auto* d = w.findChild<TransferExperimentDialog*>();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QVERIFY(!d->isModal());
        d->close();
        action->trigger();  // the same window again, not a second one
        QCOMPARE(w.findChildren<TransferExperimentDialog*>().size(), 1);
        QVERIFY(d->isVisible());
    }

    void screenshot() {
        const QByteArray dir = qgetenv("CONVSCOPE_TRANSFER_SCREENSHOT");
        if (dir.isEmpty() || qEnvironmentVariableIsSet("CONVSCOPE_TRANSFER_SKIP_REAL"))
            QSKIP("Set CONVSCOPE_TRANSFER_SCREENSHOT=DIR to run the default experiment and save its window.");
        TransferExperimentDialog d;
        d.setOutputDirectory(QString::fromLocal8Bit(dir) + QStringLiteral("/checkpoints"));
        d.resize(1180, 760);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 1800000);
        QVERIFY2(d.outcome().status == QStringLiteral("finished"), qPrintable(d.outcome().message));
        QTest::qWait(300);
        QVERIFY(d.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/transfer_experiment.png")));
    }
};

CONVSCOPE_TEST_MAIN(TestTransferDialog)
#include "test_transfer_dialog.moc"
