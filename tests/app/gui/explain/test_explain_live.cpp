// Attention forming during training: the Explain panel's live view on its own (snapshots, the slider that
// follows the newest or stays where the learner put it, thinning, a new run) and wired in the main window
// to a run of the Training panel on a small IDX folder.
#include <QCheckBox>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_maps_view.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/explain/explain_terms_view.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::gui;

namespace {

ExplainFrame snapshot(qint64 step) {
    ExplainFrame f;
    f.step = step;
    f.source = QStringLiteral("test image 0 (T-shirt/top)");
    f.predicted = 0;
    f.trueLabel = 0;
    f.probabilities = {0.75f, 0.25f};
    f.classNames = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser")};
    for (const char* method : {"gradcam", "occlusion"}) {
        ExplainMap m;
        m.method = QString::fromLatin1(method);
        m.title = m.method;
        m.rows = m.cols = 2;
        m.values = {1, 2, 3, float(step)};
        m.overlay = QImage(56, 56, QImage::Format_RGB888);
        m.overlay.fill(QColor(int(step % 256), 0, 0));
        f.methods.push_back(m);
    }
    return f;
}

}  // namespace

class TestExplainLive : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sliderFollowsTheNewestUnlessMovedBack() {
        ExplainLiveView view;
        QSignalSpy follow(&view, &ExplainLiveView::followChanged);
        view.followBox()->click();
        QCOMPARE(follow.count(), 1);
        QCOMPARE(follow.first().first().toBool(), true);
        view.setLiveAvailable(true);
        for (int i = 1; i <= 5; ++i) view.addSnapshot(snapshot(i * 10));
        QCOMPARE(view.snapshotCount(), 5);
        QCOMPARE(view.currentSnapshot()->step, 50);
        QCOMPARE(view.gradCamTile()->picture().pixelColor(0, 0).red(), 50);
        view.slider()->setValue(1);  // the learner goes back …
        QCOMPARE(view.currentSnapshot()->step, 20);
        view.addSnapshot(snapshot(60));  // … and stays there while new snapshots arrive
        QCOMPARE(view.currentSnapshot()->step, 20);
        QCOMPARE(view.slider()->maximum(), 5);
        view.slider()->setValue(5);
        view.addSnapshot(snapshot(70));  // at the right end it follows again
        QCOMPARE(view.currentSnapshot()->step, 70);
        QCOMPARE(view.occlusionTile()->picture().pixelColor(0, 0).red(), 70);
        // A new run starts a new series.
        view.setLiveAvailable(false);
        view.setLiveAvailable(true);
        QCOMPARE(view.snapshotCount(), 0);
    }

    void longRunsAreThinnedNotTruncated() {
        ExplainLiveView view;
        view.setLiveAvailable(true);
        const int n = ExplainLiveView::kMaxSnapshots * 3;
        for (int i = 0; i < n; ++i) view.addSnapshot(snapshot(i));
        QVERIFY(view.snapshotCount() <= ExplainLiveView::kMaxSnapshots);
        QCOMPARE(view.currentSnapshot()->step, qint64(n - 1));  // the newest
        view.slider()->setValue(0);
        QCOMPARE(view.currentSnapshot()->step, qint64(0));  // and still the run's start
    }

    void followsTheRunBeingTrained() {
        QTemporaryDir dir;
        convscope::testing::writeFashionMnistFolder(dir.path(), 300, 50);
        MainWindow w(dir.filePath("no-samples"));
        w.setErrorReporter([](const QString&, const QString& message) { QFAIL(qPrintable(message)); });
        TrainingPanel* training = w.trainingPanel();
        training->form()->setDataDirectory(dir.path());
        nn::TrainConfig c = TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "lenet5";
        c.epochs = 50;  // longer than the test waits: it stops the run once snapshots came
        c.batchSize = 30;
        c.limitTrain = 300;
        c.limitTest = 50;
        c.threads = 1;
        training->form()->setConfig(c);
        ExplainLiveView* live = w.explainPanel()->liveView();
        live->followBox()->click();  // before the run: it is explained from its start
        QSignalSpy snapshots(training, &TrainingPanel::explanationAvailable);
        training->start();
        QTRY_VERIFY_WITH_TIMEOUT(live->snapshotCount() >= 2, 60000);
        training->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!training->isRunning(), 30000);
        QVERIFY(snapshots.count() >= 2);
        const ExplainFrame* f = live->currentSnapshot();
        QVERIFY(f);
        QVERIFY(f->step >= 0);
        QCOMPARE(f->methods.size(), 2);
        QCOMPARE(f->methods[0].method, QString("gradcam"));
        QCOMPARE(f->methods[0].layer, QString("conv2"));
        QCOMPARE(f->methods[1].method, QString("occlusion"));
        QCOMPARE(f->methods[1].rows, 28);
        QVERIFY(!live->gradCamTile()->picture().isNull());
        // Snapshots are in training order.
        const qint64 newest = f->step;
        live->slider()->setValue(0);
        QVERIFY(live->currentSnapshot()->step <= newest);
        // Unticking stops the extra passes for the next run.
        live->followBox()->click();
        QSignalSpy none(training, &TrainingPanel::explanationAvailable);
        training->form()->setConfig([&] {
            nn::TrainConfig once = c;
            once.epochs = 1;
            return once;
        }());
        training->start();
        QTRY_VERIFY_WITH_TIMEOUT(!training->isRunning(), 60000);
        QCOMPARE(none.count(), 0);
    }

    void aChannelOfACellOpensInFeatureMaps() {
        QTemporaryDir dir;
        convscope::testing::writeFashionMnistFolder(dir.path(), 20, 20);
        MainWindow w(dir.filePath("no-samples"));
        w.setErrorReporter([](const QString&, const QString& message) { QFAIL(qPrintable(message)); });
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplainPanel* explain = w.explainPanel();
        explain->setDataDirectory(dir.path());
        explain->selectTestImage(3);
        w.tabs()->setCurrentWidget(explain);
        QTRY_VERIFY_WITH_TIMEOUT(!explain->isComputing() && !explain->frame().isEmpty() &&
                                     explain->frame().source.contains(QStringLiteral("test image 3")),
                                 120000);
        QVERIFY(!explain->checkpoint().isEmpty());  // the bundled model on a first start
        ExplainOverlayTile* gradCam = explain->mapsView()->tile(0);
        QTest::mouseMove(gradCam, gradCam->cellCenter(4, 5));
        ExplainTermsView* terms = explain->termsView();
        QTRY_VERIFY(terms->hasCell() && terms->row() == 4 && terms->col() == 5);
        const int channel = terms->terms().first().channel;
        QTreeWidgetItem* first = terms->list()->topLevelItem(0);
        QTest::mouseClick(terms->list()->viewport(), Qt::LeftButton, {},
                          terms->list()->visualItemRect(first).center());
        FeatureMapsPanel* maps = w.featureMapsPanel();
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(maps));
        QTRY_VERIFY_WITH_TIMEOUT(!maps->isComputing() && !maps->frame().taps.isEmpty(), 120000);
        QCOMPARE(maps->checkpoint(), explain->checkpoint());
        QCOMPARE(maps->sourceBox()->testIndex(), 3);
        QCOMPARE(maps->frame().taps.value(maps->selectedTap()).name, QString("conv2"));
        QCOMPARE(maps->selectedChannel(), channel);
    }
};

CONVSCOPE_TEST_MAIN(TestExplainLive)
#include "test_explain_live.moc"
