// The Convolution panel's scenes of capture_screens (the rest are in capture_scenes.cpp).
#include <QCheckBox>
#include <QPoint>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <cstdio>
#include <map>
#include <string>

#include "capture_scenes.h"  // next to this file: the tool is a program, not a library

#include "app/gui/convolution/conv3d_page.h"
#include "app/gui/convolution/conv_controls.h"
#include "app/gui/convolution/conv_input_box.h"
#include "app/gui/convolution/conv_step_page.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/convolution/parameter_sharing_page.h"
#include "app/gui/document/image_document.h"
#include "app/gui/shell/main_window.h"
#include "core/conv/worked_examples.h"

using namespace convscope;

namespace {

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

// The "3-D convolution" page (found by its tab's title: other pages may come before it) at a preset and step.
void conv3d(gui::MainWindow& w, gui::Conv3dPage::Preset preset, double fraction) {
    gui::ConvolutionPanel* p = w.convolutionPanel();
    w.tabs()->setCurrentWidget(p);
    for (int i = 0; i < p->pages()->count(); ++i)
        if (p->pages()->tabText(i) == QStringLiteral("3-D convolution")) p->pages()->setCurrentIndex(i);
    gui::Conv3dPage* page = p->conv3dPage();
    page->loadPreset(preset);
    page->setStep(static_cast<int>(fraction * (page->stepCount() - 1)));
    QTest::qWait(300);
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

}  // namespace

namespace convscope::tools {

void addConvolutionScenes(std::map<std::string, Scene>& m) {
    using gui::ConvMode;
    const std::map<std::string, Scene> conv = {
        {"conv-default", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.45); }},
        {"conv-multichannel", [](gui::MainWindow& w) { convMode(w, ConvMode::MultiChannel, 0.3); }},
        {"conv-depthwise", [](gui::MainWindow& w) { convMode(w, ConvMode::Depthwise, 0.4); }},
        {"conv-pointwise", [](gui::MainWindow& w) { convMode(w, ConvMode::Pointwise, 0.4); }},
        {"conv-grouped", [](gui::MainWindow& w) { convMode(w, ConvMode::Grouped, 0.6); }},
        {"conv-maxpool", [](gui::MainWindow& w) { convMode(w, ConvMode::MaxPool, 0.5); }},
        {"conv-avgpool", [](gui::MainWindow& w) { convMode(w, ConvMode::AvgPool, 0.5); }},
        {"conv-transposed", [](gui::MainWindow& w) { convMode(w, ConvMode::Transposed, 0.5); }},
        {"conv-dilated", [](gui::MainWindow& w) { convMode(w, ConvMode::Dilated, 0.5); }},
        {"conv-nearest", [](gui::MainWindow& w) { convMode(w, ConvMode::Nearest, 0.5); }},
        {"conv-bed-of-nails", [](gui::MainWindow& w) { convMode(w, ConvMode::BedOfNails, 0.5); }},
        {"conv-max-unpool", [](gui::MainWindow& w) { convMode(w, ConvMode::MaxUnpool, 0.7); }},
        {"conv-receptive-field", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.0, 1); }},
        {"conv-parameter-sharing", [](gui::MainWindow& w) { convMode(w, ConvMode::Single, 0.0, 2); }},
        {"conv-3d", [](gui::MainWindow& w) { conv3d(w, gui::Conv3dPage::SequencePreset, 0.4); }},
        // Step 39 of 140: out[1,1,3] = +1, where the square arrives.
        {"conv-3d-video", [](gui::MainWindow& w) { conv3d(w, gui::Conv3dPage::VideoPreset, 0.274); }},
        {"conv-parameter-sharing-bias",
         [](gui::MainWindow& w) {
             convMode(w, ConvMode::Single, 0.0, 2);
             gui::ParameterSharingPage* page = w.convolutionPanel()->parameterSharingPage();
             page->setParameters(3, 64, 64);
             page->batchNormBox()->setChecked(true);
             QTest::qWait(300);
         }},
        {"conv-alexnet", [](gui::MainWindow& w) { example(w, "alexnet-conv1", 0.5); }},
        {"conv-64-channels", [](gui::MainWindow& w) { example(w, "notes-56x56x64-1x1", 0.3); }},
        {"conv-twenty-filters", [](gui::MainWindow& w) { example(w, "notes-6x6x3-twenty", 0.4); }},
        {"conv-shuffle",
         [](gui::MainWindow& w) {
             convMode(w, ConvMode::Grouped, 0.0);
             gui::ConvControls* c = w.convolutionPanel()->controls();
             c->inputBox()->channelsBox()->setValue(6);
             c->outChannelsBox()->setValue(6);
             c->groupsBox()->setValue(3);
             settle(w);
             w.convolutionPanel()->stepPage()->shuffleCheck()->setChecked(true);
             w.convolutionPanel()->stepPage()->setStep(40);
             QTest::qWait(300);
         }},
        {"conv-image",
         [](gui::MainWindow& w) {
             convMode(w, ConvMode::Single, 0.0);
             gui::ConvInputBox* in = w.convolutionPanel()->controls()->inputBox();
             in->pickImageSpot(QPoint(w.document()->width() / 2, w.document()->height() / 3));
             settle(w);
             w.convolutionPanel()->stepPage()->setStep(20);
         }},
    };
    m.insert(conv.begin(), conv.end());
}

}  // namespace convscope::tools
