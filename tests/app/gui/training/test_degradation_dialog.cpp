// The degradation experiment's window driven as a learner would: the default form (the paper's four
// networks), the chart's smoothing and shared colour scale against hand-computed values, a tiny experiment
// started with Start whose curves, test errors and heatmaps must show what the engine reported, Stop, and
// Tools ▸ Degradation Experiment. Data: a small Fashion-MNIST-format folder written by the test. With
// CONVSCOPE_DEGRADATION_SCREENSHOT=DIR set, screenshot() runs the real experiment on Debian's Fashion-MNIST
// (CONVSCOPE_DEGRADATION_IMAGES training images, default the preset's) and saves DIR/degradation.png.
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/shell/main_window.h"
#include "app/gui/training/degradation_chart.h"
#include "app/gui/training/degradation_experiment_dialog.h"
#include "app/gui/training/gradient_heatmap_view.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;
using gui::DegradationExperimentDialog;

namespace {

gui::InstrumentFrame frame(qint64 step, const QVector<double>& norms) {
    gui::InstrumentFrame f;
    f.step = step;
    f.epoch = 1;
    f.parameters = {QStringLiteral("conv1.weight"), QStringLiteral("bn1.weight"),
                    QStringLiteral("fc.weight")};
    f.parameterRanks = {4, 1, 2};
    f.gradNorms = norms;
    return f;
}

}  // namespace

class TestDegradationDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // ResNet-20 and its plain twin on 128 of the test's images in batches of 16: seconds per run.
    void tiny(DegradationExperimentDialog& d, int epochs) {
        d.setDataDirectory(m_dir.filePath("data"));
        d.setModels({QStringLiteral("plain20"), QStringLiteral("resnet20")});
        d.setThreads(1);
        d.setLimitTest(20);
        d.setBatchSize(16);
        d.imagesBox()->setValue(128);
        d.epochsBox()->setValue(epochs);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"), 200, 60);
    }

    void defaultForm() {
        DegradationExperimentDialog d;
        QVERIFY(!d.isModal());
        const gui::DegradationRequest r = d.request();
        QCOMPARE(r.models, (QStringList{"plain20", "plain56", "resnet20", "resnet56"}));
        QCOMPARE(r.epochs, 3);
        QCOMPARE(r.limitTrain, qint64(2500));
        QCOMPARE(r.seed, quint64(1));
        QCOMPARE(r.device, QStringLiteral("cpu"));
        QCOMPARE(r.batchSize, 0);  // the paper's 128
        QCOMPARE(d.chart()->heatmapCount(), 4);
        QCOMPARE(d.chart()->heatmap(1)->heatmap()->title(), QStringLiteral("plain56"));
        // The window says how long the preset takes here and what it shows.
        QVERIFY(d.timingLabel()->text().contains("about 5 minutes"));
        QVERIFY(d.timingLabel()->text().contains("ResNet-56 ends below ResNet-20"));
        QVERIFY(d.timingLabel()->text().contains("Plain-56"));
    }

    void chartSmoothsAndSharesOneScale() {
        gui::DegradationChart chart;
        chart.reset({QStringLiteral("plain20"), QStringLiteral("resnet56")});
        chart.addRun({0, QStringLiteral("plain20"), 20, false, 269434, 128, 8});
        chart.addRun({1, QStringLiteral("resnet56"), 56, true, 852730, 128, 8});
        chart.addLoss(0, 1, 2.0);
        chart.addLoss(0, 2, 1.0);
        chart.addLoss(0, 3, 1.0);
        chart.addLoss(1, 1, 3.0);
        chart.addEpoch(0, 1, 0.25);
        // Gradient norms 10⁻³ … 10 over both runs; batch norm's parameters are not rows and do not count.
        chart.addFrame(0, frame(1, {1e-3, 1e-9, 0.1}));
        chart.addFrame(1, frame(1, {10.0, 1e3, 1.0}));
        QTRY_COMPARE(chart.lossPlot()->series().size(), 2);
        const widgets::PlotSeries plain = chart.lossPlot()->series()[0];
        QCOMPARE(plain.name, QStringLiteral("plain20"));
        QVERIFY(plain.dashed);
        QCOMPARE(plain.x, (QVector<double>{1, 2, 3}));
        const double k = gui::DegradationChart::kSmoothing;
        const double second = k * 2.0 + (1 - k) * 1.0;
        QCOMPARE(plain.y, (QVector<double>{2.0, second, k * second + (1 - k) * 1.0}));
        const widgets::PlotSeries res = chart.lossPlot()->series()[1];
        QVERIFY(!res.dashed);
        QVERIFY(res.color != plain.color);  // one colour per depth
        QCOMPARE(res.color, gui::DegradationChart::colorForDepth(56));
        QCOMPARE(chart.errorPlot()->series().size(), 1);
        QCOMPARE(chart.errorPlot()->series()[0].y, (QVector<double>{25.0}));
        QCOMPARE(chart.log10Low(), -3.0);
        QCOMPARE(chart.log10High(), 1.0);
        for (int i = 0; i < 2; ++i) {
            const widgets::HeatmapView* h = chart.heatmap(i)->heatmap();
            QVERIFY(!h->isAutoRange());
            QCOMPARE(h->rangeLow(), -3.0);
            QCOMPARE(h->rangeHigh(), 1.0);
        }
        QCOMPARE(chart.heatmap(1)->heatmap()->title(), QStringLiteral("resnet56"));
        QVERIFY(chart.heatmap(1)->toolTip().contains("852,730 parameters"));
        // A norm between half-decades widens the shared scale to the next one: 10^1.2 → up to 10^1.5.
        chart.addFrame(1, frame(2, {std::pow(10.0, 1.2), 1.0, 1.0}));
        QTRY_COMPARE(chart.heatmap(0)->heatmap()->rangeHigh(), 1.5);
        QCOMPARE(chart.heatmap(0)->heatmap()->rangeLow(), -3.0);
    }

    void runShowsWhatTheEngineReported() {
        DegradationExperimentDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        tiny(d, 2);
        QSignalSpy done(&d, &DegradationExperimentDialog::finished);
        QTest::mouseClick(d.startButton(), Qt::LeftButton);
        QVERIFY(d.isRunning());
        QVERIFY(!d.startButton()->isEnabled());
        QVERIFY(!d.epochsBox()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 300000);
        QCOMPARE(done.count(), 1);
        const gui::DegradationOutcome& o = d.outcome();
        QVERIFY2(o.status == QStringLiteral("finished"), qPrintable(o.message));
        QVERIFY(d.progressBar()->format().startsWith("Finished"));
        QCOMPARE(o.runs.size(), 2);
        QCOMPARE(o.runs[0].info.parameters, o.runs[1].info.parameters);
        QCOMPARE(o.runs[0].info.trainImages, qint64(128));

        gui::DegradationChart* chart = d.chart();
        QTRY_COMPARE(chart->lossPlot()->series().size(), 2);
        for (int i = 0; i < 2; ++i) {
            const widgets::PlotSeries loss = chart->lossPlot()->series()[i];
            QCOMPARE(loss.name, o.runs[i].info.model);
            QCOMPARE(loss.dashed, !o.runs[i].info.residual);
            // 8 batches per epoch, twice, every second one logged.
            QCOMPARE(loss.x, (QVector<double>{2, 4, 6, 8, 10, 12, 14, 16}));
            const widgets::PlotSeries error = chart->errorPlot()->series()[i];
            QCOMPARE(error.x, (QVector<double>{1, 2}));
            QCOMPARE(error.y.last(), 100.0 * o.runs[i].finalTestError);
            // One heatmap column per logged step, one row per convolution and the classifier.
            const widgets::HeatmapView* h = chart->heatmap(i)->heatmap();
            QTRY_COMPARE(h->cols(), 8);
            QCOMPARE(h->rows(), 20);
            QCOMPARE(h->rangeLow(), chart->heatmap(0)->heatmap()->rangeLow());
            QCOMPARE(h->rangeHigh(), chart->heatmap(0)->heatmap()->rangeHigh());
        }
        QCOMPARE(chart->lossPlot()->series()[0].color, chart->lossPlot()->series()[1].color);
        QVERIFY(chart->summaryLabel()->text().contains("plain20"));
        QCOMPARE(chart->summaryLabel()->text(), o.summary);
    }

    void stopCancels() {
        DegradationExperimentDialog d;
        tiny(d, 200);
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(!d.chart()->lossPlot()->series().isEmpty(), 120000);
        QTest::mouseClick(d.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 60000);
        QCOMPARE(d.outcome().status, QStringLiteral("stopped"));
        QVERIFY(d.startButton()->isEnabled());
        QVERIFY(d.progressBar()->format().startsWith("Stopped"));
        QVERIFY(!d.chart()->lossPlot()->series().isEmpty());  // what was drawn stays
    }

    void menuOpensTheWindow() {
        QTemporaryDir noSamples;
        gui::MainWindow w(noSamples.filePath(QStringLiteral("none")));
        auto* tools = w.menuBar()->findChild<QMenu*>(QStringLiteral("toolsMenu"));
        QVERIFY(tools);
        auto* action = w.findChild<QAction*>(QStringLiteral("degradationExperimentAction"));
        QVERIFY(action);
        QVERIFY(tools->actions().contains(action));
        action->trigger();
        auto* d = w.findChild<DegradationExperimentDialog*>();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        d->close();
        action->trigger();  // the same window again, not a second one
        QCOMPARE(w.findChildren<DegradationExperimentDialog*>().size(), 1);
    }

    void screenshot() {
        const QByteArray dir = qgetenv("CONVSCOPE_DEGRADATION_SCREENSHOT");
        if (dir.isEmpty())
            QSKIP("Set CONVSCOPE_DEGRADATION_SCREENSHOT=DIR to run the experiment and save its window.");
        DegradationExperimentDialog d;
        if (const QByteArray images = qgetenv("CONVSCOPE_DEGRADATION_IMAGES"); !images.isEmpty())
            d.imagesBox()->setValue(images.toInt());
        if (const QByteArray epochs = qgetenv("CONVSCOPE_DEGRADATION_EPOCHS"); !epochs.isEmpty())
            d.epochsBox()->setValue(epochs.toInt());
        d.resize(1360, 860);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.start());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), 1800000);
        QVERIFY2(d.outcome().status == QStringLiteral("finished"), qPrintable(d.outcome().message));
        QTest::qWait(500);
        QVERIFY(d.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/degradation.png")));
    }
};

CONVSCOPE_TEST_MAIN(TestDegradationDialog)
#include "test_degradation_dialog.moc"
