// The scenes of capture_screens (capture_screens.cpp): each puts a freshly started MainWindow into a known
// state (a panel, a mode, a model described, a run started) before the window is grabbed.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include "capture_scenes.h"  // next to this file: the tool is a program, not a library

#include "app/gui/document/sample_images.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/frequency/speed_page.h"
#include "app/gui/frequency/theorem_page.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/support/settings_file.h"
#ifdef CONVSCOPE_HAVE_NN
#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/factorisation_box.h"
#include "app/gui/architecture/label_smoothing_box.h"
#include "app/gui/architecture/zoo_table.h"
#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_maps_view.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/equivariance_page.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/imported/import_dialog.h"
#include "app/gui/training/label_smoothing_view.h"
#include "app/gui/training/regularisation_box.h"
#include "app/gui/training/training_charts.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#endif

using namespace convscope;

namespace {

void frequencyPage(gui::MainWindow& w, int page, const char* preset = nullptr) {
    gui::FrequencyPanel* p = w.frequencyPanel();
    w.tabs()->setCurrentWidget(p);
    p->pages()->setCurrentIndex(page);
    if (preset) {
        p->controls()->ownButton()->setChecked(true);
        p->controls()->kernelControls()->selectPreset(QString::fromLatin1(preset));
    }
    if (!QTest::qWaitFor([p] { return !p->isComputing(); }, 20000)) std::fprintf(stderr, "still computing\n");
    QTest::qWait(400);
}

#ifdef CONVSCOPE_HAVE_NN
// A TorchScript model of the tests' (tests/data/torchscript) opened through File > Open Model…'s dialog,
// its diagram described, then `panel` shown for the open photograph.
void imported(gui::MainWindow& w, QWidget* panel) {
    w.openModelFile(QStringLiteral(CONVSCOPE_SOURCE_DIR "/tests/data/torchscript/tiny_net_scripted.pt"));
    if (auto* d = w.findChild<gui::ImportDialog*>()) {
        d->shapeEdit()->setText(QStringLiteral("1x28x28"));
        d->accept();
    }
    gui::ArchitecturePanel* a = w.architecturePanel();
    if (!QTest::qWaitFor([a] { return a->result() && !a->result()->request.file.isEmpty(); }, 60000))
        std::fprintf(stderr, "no description of the imported model\n");
    if (auto* f = qobject_cast<gui::FeatureMapsPanel*>(panel)) {
        f->sourceBox()->setImage(gui::FeatureSourceBox::Image::OpenImage);
        w.tabs()->setCurrentWidget(f);
        if (!QTest::qWaitFor([f] { return !f->isComputing() && !f->frame().isEmpty(); }, 60000))
            std::fprintf(stderr, "no feature maps\n");
        f->selectTap(1);
    } else if (auto* e = qobject_cast<gui::ExplainPanel*>(panel)) {
        e->sourceBox()->setImage(gui::FeatureSourceBox::Image::OpenImage);
        w.tabs()->setCurrentWidget(e);
        if (!QTest::qWaitFor([e] { return !e->isComputing() && !e->frame().isEmpty(); }, 120000))
            std::fprintf(stderr, "no explanation\n");
    }
    QTest::qWait(400);
}

// The quick preset on a subset, so that a screenshot of a run in progress comes within a minute.
void startQuickRun(gui::MainWindow& w, int images, int epochs, const char* model = nullptr) {
    gui::TrainingPanel* t = w.trainingPanel();
    w.tabs()->setCurrentWidget(t);
    nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
    if (model) c.model.name = model;
    c.limitTrain = images;
    c.limitTest = 1000;
    c.epochs = epochs;
    t->form()->setConfig(c);
    t->start();
}
// ResNet-20 (He et al.'s CIFAR network) at 28×28 on a subset, then one of the run's views: the gradients,
// the embedding, or the Architecture diagram coloured by gradient norm.
void startCifarRun(gui::MainWindow& w, const char* model, int images, int epochs) {
    gui::TrainingPanel* t = w.trainingPanel();
    w.tabs()->setCurrentWidget(t);
    nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
    c.model.name = model;
    c.model.inputSize = 28;
    c.input.size = 28;
    c.limitTrain = images;
    c.limitTest = 1000;
    c.epochs = epochs;
    c.logEvery = 2;
    t->form()->setConfig(c);
    t->start();
}

void waitForEpochs(gui::TrainingPanel* t, int epochs) {
    if (!QTest::qWaitFor([t, epochs] { return t->charts()->epochCount() >= epochs; }, 400000))
        std::fprintf(stderr, "the run did not get far enough\n");
}
#endif

}  // namespace

namespace convscope::tools {

const std::map<std::string, Scene>& scenes() {
    static const std::map<std::string, Scene> all = [] {
        std::map<std::string, Scene> m = otherScenes();
        addConvolutionScenes(m);
        addArchitectureScenes(m);
        return m;
    }();
    return all;
}

std::map<std::string, Scene> otherScenes() {
    return {
        {"filters", [](gui::MainWindow& w) { w.tabs()->setCurrentWidget(w.filtersPanel()); }},
        {"frequency-sobel-gaussian", [](gui::MainWindow& w) { frequencyPage(w, 0, "sobel-x"); }},
        {"frequency-gabor", [](gui::MainWindow& w) { frequencyPage(w, 0, "gabor"); }},
        {"frequency-theorem", [](gui::MainWindow& w) { frequencyPage(w, 1, "sobel-x"); }},
        {"frequency-theorem-circular",
         [](gui::MainWindow& w) {
             frequencyPage(w, 1, "box");
             w.frequencyPanel()->theoremPage()->padBox()->setChecked(false);
             frequencyPage(w, 1);
         }},
        {"frequency-speed",
         [](gui::MainWindow& w) {
             frequencyPage(w, 2);
             QTest::mouseClick(w.frequencyPanel()->speedPage()->measureButton(), Qt::LeftButton);
             if (!QTest::qWaitFor([&w] { return w.frequencyPanel()->speedPage()->result().sizes.size() > 0; },
                                  120000))
                 std::fprintf(stderr, "speed measurement did not finish\n");
         }},
#ifdef CONVSCOPE_HAVE_NN
        {"training",
         [](gui::MainWindow& w) {
             startQuickRun(w, 8000, 3);
             gui::TrainingPanel* t = w.trainingPanel();
             if (!QTest::qWaitFor(
                     [t] { return t->charts()->epochCount() >= 2 && t->charts()->batchCount() >= 30; },
                     300000))
                 std::fprintf(stderr, "the run did not get far enough\n");
             QTest::qWait(500);
         }},
        {"training-gradients",
         [](gui::MainWindow& w) {
             startCifarRun(w, "plain20", 3000, 2);
             gui::TrainingPanel* t = w.trainingPanel();
             t->viewTabs()->setCurrentIndex(1);
             waitForEpochs(t, 1);
             QTest::qWait(1500);
         }},
        {"training-embedding",
         [](gui::MainWindow& w) {
             startCifarRun(w, "resnet20", 3000, 2);
             gui::TrainingPanel* t = w.trainingPanel();
             t->viewTabs()->setCurrentIndex(2);
             waitForEpochs(t, 2);
             QTest::qWait(8000);
         }},
        {"architecture-gradients",
         [](gui::MainWindow& w) {
             startCifarRun(w, "plain56", 1500, 1);
             gui::TrainingPanel* t = w.trainingPanel();
             if (!QTest::qWaitFor([t] { return t->charts()->batchCount() >= 4; }, 300000))
                 std::fprintf(stderr, "no batches\n");
             w.tabs()->setCurrentWidget(w.architecturePanel());
             if (auto* box =
                     w.architecturePanel()->findChild<QCheckBox*>(QStringLiteral("diagramGradientColouring")))
                 box->setChecked(true);
             QTest::qWait(3000);
         }},
        {"architecture-zoo",
         [](gui::MainWindow& w) {
             gui::ArchitecturePanel* p = w.architecturePanel();
             w.tabs()->setCurrentWidget(p);
             p->pages()->setCurrentWidget(p->zoo());
             QTest::mouseClick(p->zoo()->measureButton(), Qt::LeftButton);
             if (!QTest::qWaitFor(
                     [p] { return p->zoo()->rowCount() >= 30 && p->zoo()->measureButton()->isEnabled(); },
                     300000))
                 std::fprintf(stderr, "the zoo was not measured\n");
             QTest::qWait(300);
         }},
        {"architecture-costs",
         [](gui::MainWindow& w) {
             gui::ArchitecturePanel* p = w.architecturePanel();
             w.tabs()->setCurrentWidget(p);
             p->pages()->setCurrentWidget(p->costs());
             QTest::qWait(3000);
         }},
        {"architecture-costs-factorisation",
         [](gui::MainWindow& w) {
             gui::ArchitecturePanel* p = w.architecturePanel();
             w.tabs()->setCurrentWidget(p);
             p->pages()->setCurrentWidget(p->costs());
             gui::FactorisationBox* box = p->costs()->factorisation();
             box->kernel()->setCurrentIndex(box->kernel()->findData(7));
             QTest::qWait(3000);
             if (auto* scroll = p->costs()->findChild<QScrollArea*>(QStringLiteral("costScroll")))
                 scroll->ensureWidgetVisible(box, 0, 0);
             QTest::qWait(300);
         }},
        {"architecture-costs-label-smoothing",
         [](gui::MainWindow& w) {
             gui::ArchitecturePanel* p = w.architecturePanel();
             w.tabs()->setCurrentWidget(p);
             p->pages()->setCurrentWidget(p->costs());
             QTest::qWait(3000);
             if (auto* scroll = p->costs()->findChild<QScrollArea*>(QStringLiteral("costScroll")))
                 scroll->ensureWidgetVisible(p->costs()->labelSmoothing(), 0, 0);
             QTest::qWait(300);
         }},
        {"training-label-smoothing",
         [](gui::MainWindow& w) {
             gui::TrainingPanel* t = w.trainingPanel();
             w.tabs()->setCurrentWidget(t);
             t->form()->regularisationBox()->labelSmoothingBox()->setValue(0.1);
             if (auto* view = t->form()->regularisationBox()->labelSmoothingView()) {
                 for (QWidget* up = view->parentWidget(); up; up = up->parentWidget())
                     if (auto* scroll = qobject_cast<QScrollArea*>(up)) scroll->ensureWidgetVisible(view);
             }
             QTest::qWait(500);
         }},
        {"feature-maps",
         [](gui::MainWindow& w) {
             startQuickRun(w, 4000, 1);
             gui::TrainingPanel* t = w.trainingPanel();
             if (!QTest::qWaitFor([t] { return !t->isRunning(); }, 300000))
                 std::fprintf(stderr, "the run did not end\n");
             Q_EMIT t->inspectCheckpoint(t->runs().first().checkpointPath());
             gui::FeatureMapsPanel* f = w.featureMapsPanel();
             if (!QTest::qWaitFor([f] { return !f->isComputing() && !f->frame().isEmpty(); }, 60000))
                 std::fprintf(stderr, "no feature maps\n");
             f->selectTap(1);
             f->selectChannel(3);
             QTest::qWait(500);
         }},
        {"imported", [](gui::MainWindow& w) { imported(w, w.architecturePanel()); }},
        {"imported-features", [](gui::MainWindow& w) { imported(w, w.featureMapsPanel()); }},
        {"imported-explain", [](gui::MainWindow& w) { imported(w, w.explainPanel()); }},
        {"explain",
         [](gui::MainWindow& w) {
             // A first start: the pretrained LeNet-5 of assets/ explains test image 0 (system dataset).
             gui::ExplainPanel* e = w.explainPanel();
             w.tabs()->setCurrentWidget(e);
             if (!QTest::qWaitFor([e] { return !e->isComputing() && !e->frame().isEmpty(); }, 120000))
                 std::fprintf(stderr, "no explanation from the bundled model: %s\n",
                              qPrintable(e->message()));
             // A Grad-CAM cell hovered, so that its terms are listed beside the maps.
             if (gui::ExplainOverlayTile* t = e->mapsView()->tile(0)) {
                 const gui::ExplainMap& cam = e->frame().methods.value(0);
                 const auto peak =
                     std::max_element(cam.values.begin(), cam.values.end()) - cam.values.begin();
                 if (cam.cols > 0)
                     QTest::mouseMove(t, t->cellCenter(int(peak / cam.cols), int(peak % cam.cols)));
             }
             QTest::qWait(500);
         }},
        {"explain-live",
         [](gui::MainWindow& w) {
             // A LeNet-5 trained from scratch while the Explain panel follows it: Grad-CAM and occlusion of
             // the pinned test image, the slider through the run's snapshots.
             gui::ExplainPanel* e = w.explainPanel();
             w.tabs()->setCurrentWidget(e);
             gui::ExplainLiveView* live = e->liveView();
             live->setFollowing(true);
             startQuickRun(w, 8000, 4, "lenet5");
             w.tabs()->setCurrentWidget(e);
             e->pages()->setCurrentWidget(live);
             if (!QTest::qWaitFor([&w] { return !w.trainingPanel()->isRunning(); }, 300000))
                 std::fprintf(stderr, "the run did not end\n");
             if (live->snapshotCount() < 4) std::fprintf(stderr, "too few live snapshots\n");
             QTest::qWait(500);
         }},
        {"explain-errors",
         [](gui::MainWindow& w) {
             // The error page of the pretrained LeNet-5 over the system's test set: first the top losses
             // (which also yields the most-confused pairs), then the gallery of the most-confused pair.
             gui::ExplainPanel* e = w.explainPanel();
             w.tabs()->setCurrentWidget(e);
             gui::ErrorAnalysisView* v = e->errorView();
             e->pages()->setCurrentWidget(v);
             v->showTopLosses();
             const auto done = [v] {
                 return !v->isComputing() && (!v->frame().isEmpty() || v->isShowingError());
             };
             if (!QTest::qWaitFor(done, 180000) || v->frame().pairs.isEmpty()) {
                 std::fprintf(stderr, "no error analysis: %s\n", qPrintable(v->message()));
                 return;
             }
             const gui::ErrorPair top = v->frame().pairs.first();
             v->showCell(top.trueClass, top.predicted);  // computing from here on (its timer is active)
             if (!QTest::qWaitFor(done, 180000))
                 std::fprintf(stderr, "no gallery: %s\n", qPrintable(v->message()));
             QTest::qWait(500);
         }},
        {"feature-maps-first-start",
         [](gui::MainWindow& w) {
             // A first start: the pretrained LeNet-5 of assets/ is open, nothing trained.
             gui::FeatureMapsPanel* f = w.featureMapsPanel();
             w.tabs()->setCurrentWidget(f);
             if (!QTest::qWaitFor([f] { return !f->isComputing() && !f->frame().isEmpty(); }, 60000))
                 std::fprintf(stderr, "no feature maps from the bundled model\n");
             f->selectTap(0);
             f->selectChannel(2);
             QTest::qWait(500);
         }},
        {"feature-maps-equivariance",
         [](gui::MainWindow& w) {
             // The bundled LeNet-5, test image 0 moved by (3, 1): conv1 (stride 1) follows, conv2 (stride 2)
             // cannot move by 1.5 positions.
             gui::FeatureMapsPanel* f = w.featureMapsPanel();
             w.tabs()->setCurrentWidget(f);
             gui::EquivariancePage* page = f->equivariancePage();
             f->viewTabs()->setCurrentWidget(page);
             page->dxSlider()->setValue(3);
             page->dySlider()->setValue(1);
             page->channelSpin()->setValue(2);
             const auto done = [page] { return !page->isComputing() && page->frame().request.dx == 3; };
             if (!QTest::qWaitFor(done, 60000)) std::fprintf(stderr, "no equivariance frame\n");
             if (page->tapTable()->rowCount() > 1) page->tapTable()->selectRow(1);
             QTest::qWait(300);
             if (!QTest::qWaitFor([page] { return !page->isComputing(); }, 60000))
                 std::fprintf(stderr, "no maps of the second tap\n");
             QTest::qWait(500);
         }},
#endif
    };
}

}  // namespace convscope::tools
