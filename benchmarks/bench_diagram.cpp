// Time to lay out and draw the architecture diagram of a ResNet-152-sized model (516 nodes, 50 bottleneck
// blocks, all expanded): the pure layout, then layout + scene build + one render of a 1200×900 view to a
// QImage, as when a user expands everything. Goal: under 100 ms. Median of 10 runs after one warm-up.
//   bench_diagram            (run with QT_QPA_PLATFORM=offscreen)
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "tests/widgets/diagram/diagram_fixtures.h"
#include "widgets/diagram/architecture_diagram_view.h"
#include "widgets/diagram/diagram_layout.h"

using namespace convscope::widgets;

namespace {

struct Stats {
    double median, min, max;
};

// `prepare` runs untimed before each timed `work`.
Stats timeIt(const std::function<void()>& prepare, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < 11; ++i) {
        prepare();
        QElapsedTimer timer;
        timer.start();
        work();
        const double t = timer.nsecsElapsed() / 1e6;
        if (i > 0) ms.push_back(t);  // the first run warms caches (fonts, glyphs)
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

void row(const char* what, const Stats& s) {
    std::printf("| %s | %.1f | %.1f | %.1f |\n", what, s.median, s.min, s.max);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const DiagramGraph graph = diagram_fixtures::resnet152Like();
    const DiagramFonts fonts(QApplication::font());
    ArchitectureDiagramView view;
    view.resize(1200, 900);
    view.show();
    QApplication::processEvents();
    view.setGraph(graph);
    view.expandAll();
    QImage frame(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    auto render = [&] {
        frame.fill(Qt::white);
        QPainter painter(&frame);
        view.render(&painter, QRectF(), view.viewport()->rect());
    };

    std::printf(
        "ResNet-152-like graph: %d nodes, %d scopes; expanded diagram: %d boxes, %d edges, %d frames\n\n",
        int(graph.nodes.size()), int(graph.scopes.size()), int(view.diagramLayout().boxes.size()),
        int(view.diagramLayout().edges.size()), int(view.diagramLayout().frames.size()));
    std::printf("| step | median ms | min ms | max ms |\n|---|---:|---:|---:|\n");
    row("layout only (layoutDiagram)", timeIt([] {}, [&] { layoutDiagram(graph, {}, fonts); }));
    row("layout + scene (expandAll from collapsed)",
        timeIt([&] { view.collapseAll(); }, [&] { view.expandAll(); }));
    row("render 1200×900 view to QImage", timeIt([] {}, render));
    row("layout + scene + render (the goal: < 100 ms)", timeIt([&] { view.collapseAll(); },
                                                               [&] {
                                                                   view.expandAll();
                                                                   render();
                                                               }));
    view.fitToView();
    row("render whole diagram fitted in the view", timeIt([] {}, render));
    // A check that the renders drew something: the share of pixels that are not white.
    qint64 ink = 0;
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) ink += frame.pixel(x, y) != qRgb(255, 255, 255);
    std::printf("\nview %d×%d, %.1f %% of the fitted render inked\n", frame.width(), frame.height(),
                100.0 * ink / (qint64(frame.width()) * frame.height()));
    return 0;
}
