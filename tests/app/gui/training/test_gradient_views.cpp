// The Training panel's "Gradients" tab: a tiny run's gradient heatmap grows while it trains (rows: the
// model's convolution and linear weights, counted from the model itself; values: log10 of the norms the panel
// announced), the layer histograms and dead ReLUs fill, and after a restart the stored run's heatmap is read
// back from its folder. RunStore's instruments.jsonl round trip, NaN and histograms included.
#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/training/gradient_heatmap_view.h"
#include "app/gui/training/gradient_views.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "core/nn/models/model_factory.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_view.h"
#include "widgets/plot/line_plot_view.h"

using namespace convscope;

namespace {

gui::GradientViews* gradientsTab(gui::TrainingPanel& panel) {
    QTabWidget* tabs = panel.viewTabs();
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == QStringLiteral("Gradients"))
            return qobject_cast<gui::GradientViews*>(tabs->widget(i));
    return nullptr;
}

gui::InstrumentHistogram histogram(const QString& name, double low, double high, QVector<qint64> counts,
                                   qint64 zeros) {
    gui::InstrumentHistogram h;
    h.parameter = name;
    h.low = low;
    h.high = high;
    h.counts = std::move(counts);
    h.zeros = zeros;
    return h;
}

}  // namespace

class TestGradientViews : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    nn::TrainConfig tiny() const {
        nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "simplecnn";  // ReLU taps: dead shares to show
        c.model.stem = nn::Stem::Small;
        c.epochs = 2;
        c.batchSize = 30;
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.limitTrain = 300;
        c.limitTest = 100;
        c.threads = 1;
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath("data")));
        testing::writeFashionMnistFolder(m_dir.filePath("data"));
    }

    void runStoreRoundTrip() {
        gui::RunRecord run;
        run.id = QStringLiteral("r");
        run.directory = m_dir.filePath("store");
        QVERIFY(QDir().mkpath(run.directory));
        QVERIFY(gui::RunStore::loadInstruments(run.directory).isEmpty());  // no file yet
        QVector<gui::InstrumentFrame> frames;
        for (int k = 0; k < 3; ++k) {
            gui::InstrumentFrame f;
            f.step = 5 * (k + 1);
            f.epoch = 1 + k / 2;
            f.parameters = {QStringLiteral("conv.weight"), QStringLiteral("conv.bias")};
            f.parameterRanks = {4, 1};
            f.gradNorms = {0.125 * (k + 1), 1e-9 / (k + 1)};
            f.updateRatios = {1e-3 * (k + 1), std::numeric_limits<double>::quiet_NaN()};
            f.weightParameters = {QStringLiteral("conv.weight"), QStringLiteral("conv.bias"),
                                  QStringLiteral("frozen.weight")};
            f.weightNorms = {1.5, 0.0, 2.0 + k};
            f.reluTaps = {QStringLiteral("conv")};
            f.deadRelu = {0.25 + 0.1 * k};
            f.weightHistograms = {histogram(QStringLiteral("conv.weight"), -0.75, 0.75, {1, 2, 3 + k, 4}, 0)};
            f.gradHistograms = {histogram(QStringLiteral("conv.weight"), -12, 0, {0, 5, 6, 7 * k}, k)};
            gui::RunStore::appendInstruments(run, f);
            frames.push_back(f);
        }
        const QVector<gui::InstrumentFrame> back = gui::RunStore::loadInstruments(run.directory);
        QCOMPARE(int(back.size()), int(frames.size()));
        for (int k = 0; k < frames.size(); ++k) {
            const gui::InstrumentFrame &a = frames[k], &b = back[k];
            QCOMPARE(b.step, a.step);
            QCOMPARE(b.epoch, a.epoch);
            QCOMPARE(b.parameters, a.parameters);
            QCOMPARE(b.parameterRanks, a.parameterRanks);
            QCOMPARE(b.gradNorms, a.gradNorms);
            QCOMPARE(b.updateRatios[0], a.updateRatios[0]);
            QVERIFY(std::isnan(b.updateRatios[1]));
            QCOMPARE(b.weightParameters, a.weightParameters);
            QCOMPARE(b.weightNorms, a.weightNorms);
            QCOMPARE(b.reluTaps, a.reluTaps);
            QCOMPARE(b.deadRelu, a.deadRelu);
            for (const auto& [x, y] : {std::pair{&a.weightHistograms, &b.weightHistograms},
                                       std::pair{&a.gradHistograms, &b.gradHistograms}}) {
                QCOMPARE(int(y->size()), 1);
                QCOMPARE(y->front().parameter, x->front().parameter);
                QCOMPARE(y->front().low, x->front().low);
                QCOMPARE(y->front().high, x->front().high);
                QCOMPARE(y->front().counts, x->front().counts);
                QCOMPARE(y->front().zeros, x->front().zeros);
            }
        }
    }

    void liveThenStored() {
        std::vector<std::string> layerWeights;  // from the model itself: its parameters of rank ≥ 2
        for (const auto& p : nn::makeModel(tiny().model)->named_parameters())
            if (p.value().dim() >= 2) layerWeights.push_back(p.key());
        QVERIFY(layerWeights.size() >= 3);

        QVector<gui::InstrumentFrame> announced;
        QVector<float> liveValues;
        int liveCols = 0;
        {
            gui::TrainingPanel panel(m_dir.filePath("runs"));
            panel.resize(1400, 900);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            gui::GradientViews* views = gradientsTab(panel);
            QVERIFY(views);
            QCOMPARE(panel.viewTabs()->indexOf(views), 1);  // right after the loss and accuracy
            panel.viewTabs()->setCurrentWidget(views);
            QCOMPARE(views->gradientHeatmap()->heatmap()->cols(), 0);  // says what to do instead
            panel.form()->setDataDirectory(m_dir.filePath("data"));
            panel.form()->setConfig(tiny());
            QObject::connect(&panel, &gui::TrainingPanel::instrumentsAvailable,
                             [&](const gui::InstrumentFrame& f) { announced.push_back(f); });
            panel.start();
            QTRY_VERIFY_WITH_TIMEOUT(views->gradientHeatmap()->heatmap()->cols() >= 1, 60000);
            QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 60000);
            widgets::HeatmapView* h = views->gradientHeatmap()->heatmap();
            QCOMPARE(int(announced.size()), 4);  // 10 batches per epoch, logged every 5th, 2 epochs
            QTRY_COMPARE(h->cols(), int(announced.size()));
            QCOMPARE(h->rows(), int(layerWeights.size()));
            for (int c = 0; c < h->cols(); ++c) {
                const gui::InstrumentFrame& f = announced[c];
                for (int r = 0; r < h->rows(); ++r) {
                    const int i = int(f.parameters.indexOf(QString::fromStdString(layerWeights[r])));
                    QVERIFY(i >= 0);
                    QVERIFY(std::abs(h->valueAt(r, c) - std::log10(f.gradNorms[i])) < 1e-5);
                }
            }
            QVERIFY(h->hoverLabel(0, 0).contains(QString::fromStdString(layerWeights[0])));
            // The other views of the run.
            QTRY_COMPARE(views->layerBox()->count(), int(layerWeights.size()));
            QTRY_COMPARE(views->weightHistogramView()->cols(), int(announced.size()));
            QCOMPARE(views->gradientHistogramView()->cols(), int(announced.size()));
            QCOMPARE(views->weightHistogramView()->rows(),
                     int(announced.front().weightHistograms.front().counts.size()));
            QCOMPARE(views->deadReluView()->rows(), int(announced.back().reluTaps.size()));
            QVERIFY(views->deadReluView()->rows() >= 1);
            QVERIFY(!views->updateRatioPlot()->series().isEmpty());
            // Shares of one column add up to 100 % (gradients: less the exact zeros).
            double sum = 0.0;
            for (int r = 0; r < views->weightHistogramView()->rows(); ++r)
                sum += views->weightHistogramView()->valueAt(r, 0);
            QVERIFY(std::abs(sum - 100.0) < 1e-3);
            // CONVSCOPE_GRAB_DIR=/some/folder saves the tab as a picture, for looking at it.
            if (qEnvironmentVariableIsSet("CONVSCOPE_GRAB_DIR")) {
                const QString dir = qEnvironmentVariable("CONVSCOPE_GRAB_DIR");
                views->grab().save(dir + QStringLiteral("/gradients_tab.png"));
                QTest::mouseMove(h, h->cellRect(1, 2).center().toPoint());
                QTest::mouseMove(views->gradientHistogramView(),
                                 views->gradientHistogramView()->cellRect(4, 1).center().toPoint());
                QTest::mouseMove(h, h->cellRect(1, 2).center().toPoint());
                views->grab().save(dir + QStringLiteral("/gradients_tab_hover.png"));
            }
            liveCols = h->cols();
            for (int r = 0; r < h->rows(); ++r)
                for (int c = 0; c < h->cols(); ++c) liveValues.push_back(float(h->valueAt(r, c)));
        }
        // A restart: the stored run (the newest) is shown from its folder.
        gui::TrainingPanel panel(m_dir.filePath("runs"));
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        gui::GradientViews* views = gradientsTab(panel);
        panel.viewTabs()->setCurrentWidget(views);
        widgets::HeatmapView* h = views->gradientHeatmap()->heatmap();
        QTRY_COMPARE(h->cols(), liveCols);
        QVERIFY(!views->shownRunDirectory().isEmpty());
        int k = 0;
        for (int r = 0; r < h->rows(); ++r)
            for (int c = 0; c < h->cols(); ++c) QVERIFY(std::abs(h->valueAt(r, c) - liveValues[k++]) < 1e-6);
        QCOMPARE(views->weightHistogramView()->cols(), liveCols);
    }
};

CONVSCOPE_TEST_MAIN(TestGradientViews)
#include "test_gradient_views.moc"
