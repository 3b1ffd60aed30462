// How late the GUI's event loop runs while the Training panel trains: a 10 ms timer probe on the GUI thread
// records how far each timeout comes after it was due, during a run of the quick preset on a subset of
// Fashion-MNIST. Target: p99 under 50 ms.
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/benchmarks/bench_training_gui [train images] [threads]
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"

using namespace convscope;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int images = argc > 1 ? std::atoi(argv[1]) : 6000;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 0;
    const QString runs = QDir::tempPath() + QStringLiteral("/convscope-bench-runs");
    QDir(runs).removeRecursively();
    gui::TrainingPanel panel(runs);
    panel.resize(1400, 900);
    panel.show();
    // The live feature maps are drawn too, as in the application (about one frame a second).
    gui::FeatureMapsPanel maps(nullptr);
    maps.resize(1400, 900);
    maps.show();
    QObject::connect(&panel, &gui::TrainingPanel::featuresAvailable, &maps,
                     &gui::FeatureMapsPanel::showLiveFrame);
    QObject::connect(&panel, &gui::TrainingPanel::liveChanged, &maps,
                     &gui::FeatureMapsPanel::setLiveAvailable);
    int frames = 0;
    QObject::connect(&panel, &gui::TrainingPanel::featuresAvailable, [&frames] { ++frames; });
    nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
    c.limitTrain = images;
    c.limitTest = 1000;
    c.threads = threads;
    panel.form()->setConfig(c);

    std::vector<double> lateness;
    QElapsedTimer clock;
    qint64 due = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (due > 0) lateness.push_back(std::max<qint64>(0, now - due) / 1e6);
        due = now + 10'000'000;
    });
    QObject::connect(&panel, &gui::TrainingPanel::liveChanged, [&](bool live) {
        if (!live) app.quit();
    });
    clock.start();
    probe.start();
    panel.start();
    app.exec();
    std::sort(lateness.begin(), lateness.end());
    if (lateness.empty()) return 1;
    auto at = [&](double q) {
        return lateness[std::min(lateness.size() - 1, std::size_t(q * lateness.size()))];
    };
    std::printf(
        "%zu probes over %.1f s of training, %d live feature frames: lateness median %.1f ms, p95 %.1f ms, "
        "p99 %.1f ms, max %.1f ms\n",
        lateness.size(), clock.elapsed() / 1000.0, frames, at(0.5), at(0.95), at(0.99), lateness.back());
    QDir(runs).removeRecursively();
    return 0;
}
