// GUI-thread time per animation frame of the Convolution panel: building the frame from the trace and
// repainting the board synchronously, as ConvStepPage::showFrame does on every step. Target: under 16 ms per
// frame.
//   bench_conv_frame            (run under xvfb-run or QT_QPA_PLATFORM=offscreen)
#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "app/gui/convolution/conv_lab_setup.h"
#include "app/gui/convolution/conv_step_page.h"
#include "core/conv/conv_trace.h"

using namespace convscope;

namespace {

struct Case {
    const char* name;
    gui::ConvLabSetup setup;
};

gui::ConvLabSetup sized(gui::ConvMode mode, int side) {
    gui::ConvLabSetup s = gui::ConvLabSetup::defaultsFor(mode);
    s.height = s.width = side;
    return s;
}

gui::ConvLabSetup upsampled(gui::ConvMode mode, int side) {
    gui::ConvLabSetup s = sized(mode, side);
    s.source = gui::ConvInputSource::Random;
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    gui::ConvStepPage page;
    page.resize(1200, 760);
    page.show();
    QApplication::processEvents();

    gui::ConvLabSetup padded32 = sized(gui::ConvMode::Single, 32);
    padded32.padding = conv::Padding::uniform(1);
    // The course notes' 56×56×64 → thirty-two 1×1 filters and AlexNet's POOL1 on 96 channels: more than four
    // input channels, so every frame also draws the strip of channel tiles.
    gui::ConvLabSetup pointwise64 = sized(gui::ConvMode::MultiChannel, 56);
    pointwise64.channels = 64;
    pointwise64.outChannels = 32;
    pointwise64.kernel = common::Kernel(1, 1, {1.0});
    pointwise64.fill = gui::ConvWeightFill::RandomIntegers;
    pointwise64.source = gui::ConvInputSource::Random;
    gui::ConvLabSetup pool96 = sized(gui::ConvMode::MaxPool, 55);
    pool96.channels = pool96.outChannels = 96;
    pool96.poolSize = 3;
    pool96.stride = {2, 2};
    pool96.source = gui::ConvInputSource::Random;
    const std::vector<Case> cases = {
        {"6x6 single channel (default)", gui::ConvLabSetup::defaultsFor(gui::ConvMode::Single)},
        {"32x32 single channel, pad 1", padded32},
        {"3x32x32 multi-channel, 2 filters", sized(gui::ConvMode::MultiChannel, 32)},
        {"32x32 dilated d=2", sized(gui::ConvMode::Dilated, 32)},
        {"32x32 transposed s=2", sized(gui::ConvMode::Transposed, 32)},
        {"64x56x56, 32 1x1 filters (channel tiles)", pointwise64},
        {"96x55x55 max pool 3x3/2 (AlexNet POOL1)", pool96},
        {"16x16 nearest x2", upsampled(gui::ConvMode::Nearest, 16)},
        {"32x32 max unpooling x2 (arrows)", upsampled(gui::ConvMode::MaxUnpool, 32)},
    };
    std::printf(
        "| case | steps in the trace | frames timed | median ms | 95th pct ms | max ms |\n"
        "|---|---:|---:|---:|---:|---:|\n");
    for (const Case& c : cases) {
        gui::ConvProblem p = gui::buildConvProblem(c.setup);
        auto trace = std::make_shared<const conv::ConvTrace>(p.input, p.weights, p.spec);
        page.setTrace(trace, QString());
        const int steps = std::min(trace->stepCount(), 400);
        std::vector<double> ms;
        for (int i = 0; i < steps; ++i) {
            page.setStep(i);
            ms.push_back(page.lastFrameMs());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("| %s | %d | %d | %.2f | %.2f | %.2f |\n", c.name, trace->stepCount(), steps,
                    ms[ms.size() / 2], ms[static_cast<size_t>(ms.size() * 0.95)], ms.back());
        page.setStep(-1);
    }
    return 0;
}
