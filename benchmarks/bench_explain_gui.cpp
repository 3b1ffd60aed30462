// How late the GUI's event loop runs while the Explain panel computes (all seven methods and the layer
// strip on its worker thread, occlusion 4×4 at stride 1 among them): a 10 ms timer probe on the GUI thread
// records how far each timeout comes after it was due, while the panel explains test image 0 for each of
// the ten classes in turn. Target: p99 under 16 ms.
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/benchmarks/bench_explain_gui [CHECKPOINT] [DATA_DIR]
// CHECKPOINT defaults to the bundled LeNet-5; a ResNet-18 one comes from
//   convscope-cli train --model resnet18 --epochs 1 --limit-train 256 --limit-test 64 --checkpoint r18.ckpt
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/gui/explain/explain_panel.h"
#include "app/gui/support/asset_paths.h"

using namespace convscope;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString checkpoint = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                        : gui::assetPath(QStringLiteral("models/lenet5_fashion_mnist.ckpt"));
    gui::ExplainPanel panel(nullptr);
    panel.resize(1500, 950);
    panel.show();
    if (argc > 2) panel.setDataDirectory(QString::fromLocal8Bit(argv[2]));
    panel.setCheckpoint(checkpoint);
    panel.selectTestImage(0);

    std::vector<double> lateness;
    QElapsedTimer clock, busy;
    qint64 due = 0;
    double computing = 0.0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    int target = -1;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (due > 0) lateness.push_back(std::max<qint64>(0, now - due) / 1e6);
        due = now + 10'000'000;
        if (panel.isComputing()) return;
        if (panel.isShowingError()) {
            std::fprintf(stderr, "%s\n", qPrintable(panel.message()));
            app.exit(1);
            return;
        }
        if (target >= 0) computing += busy.nsecsElapsed() / 1e9;
        if (++target == 10) {
            app.quit();
            return;
        }
        busy.start();
        panel.setTarget(target);
    });
    clock.start();
    probe.start();
    if (app.exec() != 0 || lateness.empty()) return 1;
    std::sort(lateness.begin(), lateness.end());
    auto at = [&](double q) {
        return lateness[std::min(lateness.size() - 1, std::size_t(q * lateness.size()))];
    };
    std::printf(
        "%s: 10 explanations (7 methods + strip each) in %.1f s; %zu probes: lateness median %.1f ms, p95 "
        "%.1f ms, p99 %.1f ms, max %.1f ms\n",
        qPrintable(checkpoint.section(QLatin1Char('/'), -1)), computing, lateness.size(), at(0.5), at(0.95),
        at(0.99), lateness.back());
    return 0;
}
