// The scenes of capture_screens (capture_screens.cpp): each puts a freshly started MainWindow into a known
// state (a panel, a mode, a model described, a run started) before the window is grabbed.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include "capture_scenes.h"  // next to this file: the tool is a program, not a library

#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_input_box.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/document/image_document.h"
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
#include "app/gui/architecture/architecture_details.h"
#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/zoo_table.h"
#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_live_view.h"
#include "app/gui/explain/explain_maps_view.h"
#include "app/gui/explain/explain_overlay_tile.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/imported/import_dialog.h"
#include "app/gui/training/training_charts.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "widgets/diagram/architecture_diagram_view.h"
#endif
#include "core/conv/worked_examples.h"

using namespace convscope;

namespace {

#ifdef CONVSCOPE_HAVE_NN
/// Describes `model` in the Architecture tab, unfolds `scopes` (dotted names), centres the first and
/// selects `select` (a node name, or a scope name when it names one).
void architecture(gui::MainWindow& w, const QString& model, int size, const QStringList& scopes,
                  const QString& select) {
    gui::ArchitecturePanel* p = w.architecturePanel();
    w.tabs()->setCurrentWidget(p);
    gui::ArchitectureRequest r;
    r.model = model;
    r.inputSize = size;
    p->showModel(r);
    if (!QTest::qWaitFor([p, model] { return p->result() && p->result()->request.model == model; }, 60000)) {
        std::fprintf(stderr, "no description of %s\n", qPrintable(model));
        return;
    }
    widgets::ArchitectureDiagramView* view = p->diagram();
    for (const QString& s : scopes) view->setExpanded(s, true);
    const widgets::DiagramGraph& g = p->result()->graph;
    for (const widgets::DiagramNode& n : g.nodes)
        if (n.name == select) {
            view->selectNode(n.id);
            p->details()->showNode(n.id);
        }
    for (const widgets::DiagramScope& s : g.scopes) {
        if (!scopes.isEmpty() && s.name == scopes.first() && s.kind != widgets::DiagramScopeKind::Stage) {
            const QRectF rect = view->scopeRect(s.id);
            view->centerOn(rect.center().x(), rect.top() + view->viewport()->height() / 2.0 - 40);
        }
        if (s.name == select) p->details()->showScope(s.id);
    }
    QTest::qWait(400);
}
#endif

bool settle(gui::MainWindow& w) {
    gui::ConvolutionPanel* p = w.convolutionPanel();
    const bool ok = QTest::qWaitFor([p] { return !p->isTracing() && p->stepPage()->trace(); }, 20000);
    QTest::qWait(300);  // throttled repaints
    return ok;
}

void convMode(gui::MainWindow& w, gui::ConvMode mode, double fraction, int page = 0) {
    gui::ConvolutionPanel* p = w.convolutionPanel();
    w.tabs()->setCurrentWidget(p);
    p->pages()->setCurrentIndex(page);
    p->controls()->selectMode(mode);
    settle(w);
    p->stepPage()->setStep(static_cast<int>(fraction * (p->stepPage()->stepCount() - 1)));
}

void example(gui::MainWindow& w, const std::string& id, double fraction) {
    gui::ConvolutionPanel* p = w.convolutionPanel();
    w.tabs()->setCurrentWidget(p);
    const auto& all = conv::workedExamples();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].id == id) p->controls()->loadExample(static_cast<int>(i));
    settle(w);
    p->stepPage()->setStep(static_cast<int>(fraction * (p->stepPage()->stepCount() - 1)));
}

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
    using gui::ConvMode;
    static const std::map<std::string, Scene> all = {
        {"filters", [](gui::MainWindow& w) { w.tabs()->setCurrentWidget(w.filtersPanel()); }},
        {"conv-default", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.45); }},
        {"conv-multichannel", [](gui::MainWindow& w) { convMode(w, ConvMode::MultiChannel, 0.3); }},
        {"conv-depthwise", [](gui::MainWindow& w) { convMode(w, ConvMode::Depthwise, 0.4); }},
        {"conv-pointwise", [](gui::MainWindow& w) { convMode(w, ConvMode::Pointwise, 0.4); }},
        {"conv-grouped", [](gui::MainWindow& w) { convMode(w, ConvMode::Grouped, 0.6); }},
        {"conv-maxpool", [](gui::MainWindow& w) { convMode(w, ConvMode::MaxPool, 0.5); }},
        {"conv-avgpool", [](gui::MainWindow& w) { convMode(w, ConvMode::AvgPool, 0.5); }},
        {"conv-transposed", [](gui::MainWindow& w) { convMode(w, ConvMode::Transposed, 0.5); }},
        {"conv-dilated", [](gui::MainWindow& w) { convMode(w, ConvMode::Dilated, 0.5); }},
        {"conv-receptive-field", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.0, 1); }},
        {"conv-parameter-sharing", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.0, 2); }},
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
        {"architecture-resnet18",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("resnet18"), 224,
                          {QStringLiteral("layer2.0"), QStringLiteral("layer1.1")},
                          QStringLiteral("layer2.0.conv1"));
         }},
        {"architecture-inception",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("googlenet"), 224, {QStringLiteral("inception3a")},
                          QStringLiteral("inception3a"));
         }},
        {"architecture-mbconv",
         [](gui::MainWindow& w) {
             architecture(w, QStringLiteral("efficientnet_b0"), 224, {QStringLiteral("features.2.0")},
                          QStringLiteral("features.2.0.block.1.0"));
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
#endif
        {"conv-alexnet", [](gui::MainWindow& w) { example(w, "alexnet-conv1", 0.5); }},
        {"conv-image",
         [](gui::MainWindow& w) {
             convMode(w, ConvMode::Single, 0.0);
             gui::ConvInputBox* in = w.convolutionPanel()->controls()->inputBox();
             in->pickImageSpot(QPoint(w.document()->width() / 2, w.document()->height() / 3));
             settle(w);
             w.convolutionPanel()->stepPage()->setStep(20);
         }},
    };
    return all;
}

}  // namespace convscope::tools
