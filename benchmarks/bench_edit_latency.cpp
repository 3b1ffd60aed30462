// From a kernel edit to the repainted result, in a real FiltersPanel showing a 12-megapixel image.
//
// A coefficient is edited through the KernelGridEditor's table exactly as typing would (QTableWidgetItem::
// setText), then the clock runs until the result view has painted the preview (computed on a reduced copy)
// and, later, the full-resolution result. "Painted" is the end of the first paint event of the result view
// after FiltersPanel::resultShown. Two scenarios: isolated edits (each waits for the full result), and rapid
// edits every 40 ms, like dragging a slider, where the preview has to keep up.
//
// Usage: bench_edit_latency [edits]   (default 15). Works offscreen (QT_QPA_PLATFORM=offscreen) and on X.

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>

#include "app/gui/document/image_document.h"
#include "app/gui/filters/filters_panel.h"
#include "widgets/image/image_view.h"
#include "widgets/kernel/kernel_grid_editor.h"

namespace {

using convscope::gui::FiltersPanel;

// Reports the end of the first paint of the watched widget after arm(): a zero timer queued from the paint
// event fires once that event (the painting) has been processed.
class PaintProbe : public QObject {
public:
    explicit PaintProbe(QElapsedTimer* clock) : m_clock(clock) {}
    void arm() {
        m_armed = true;
        m_paintedAt = -1;
    }
    qint64 paintedAt() const { return m_paintedAt; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && m_armed) {
            m_armed = false;
            QTimer::singleShot(0, this, [this] { m_paintedAt = m_clock->nsecsElapsed(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer* m_clock;
    bool m_armed = false;
    qint64 m_paintedAt = -1;
};

bool waitFor(const std::function<bool()>& condition, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

cv::Mat makeImage() {
    cv::Mat image(3000, 4000, CV_8UC3);
    for (int y = 0; y < image.rows; ++y) {
        auto* p = image.ptr<cv::Vec3b>(y);
        for (int x = 0; x < image.cols; ++x)
            p[x] = cv::Vec3b(static_cast<uchar>(x / 16), static_cast<uchar>(y / 12),
                             static_cast<uchar>(((x / 200 + y / 200) % 2) ? 220 : 30));
    }
    cv::Mat noise(image.size(), CV_16SC3);
    cv::RNG(7).fill(noise, cv::RNG::NORMAL, 0, 10);
    cv::Mat noisy;
    cv::add(image, noise, noisy, cv::noArray(), CV_8UC3);
    return noisy;
}

struct Stats {
    double median = 0, max = 0;
};

Stats stats(std::vector<double> v) {
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.back()};
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // The panel restores its options from the settings: start from the defaults, without touching the user's.
    QStandardPaths::setTestModeEnabled(true);
    QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("ConvScope"),
              QStringLiteral("ConvScope"))
        .clear();
    const int edits = argc > 1 ? std::max(3, std::atoi(argv[1])) : 15;

    convscope::gui::ImageDocument document;
    FiltersPanel panel(&document);
    panel.resize(1500, 900);
    panel.show();
    auto* view = panel.findChild<convscope::widgets::ImageView*>(QStringLiteral("resultView"));
    auto* editor = panel.findChild<convscope::widgets::KernelGridEditor*>(QStringLiteral("kernelEditor"));
    if (!view || !editor) {
        std::fprintf(stderr, "the panel has no resultView or kernelEditor\n");
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    PaintProbe probe(&clock);
    view->installEventFilter(&probe);

    bool previewShown = false, fullShown = false;
    QObject::connect(&panel, &FiltersPanel::resultShown, &panel, [&](bool preview) {
        (preview ? previewShown : fullShown) = true;
        probe.arm();
    });

    document.setImage(makeImage(), {}, QStringLiteral("bench"));
    if (!waitFor([&] { return fullShown; }, 60000)) {
        std::fprintf(stderr, "no initial result\n");
        return 1;
    }
    waitFor([&] { return probe.paintedAt() >= 0; }, 2000);

    std::vector<double> previewMs, fullMs;
    for (int i = 0; i < edits; ++i) {
        previewShown = fullShown = false;
        const qint64 start = clock.nsecsElapsed();
        editor->table()->item(1, 1)->setText(QString::number(1 + (i % 5)));
        if (!waitFor([&] { return previewShown && probe.paintedAt() >= 0; }, 10000)) {
            std::fprintf(stderr, "edit %d: no preview\n", i);
            return 1;
        }
        previewMs.push_back((probe.paintedAt() - start) / 1e6);
        if (!waitFor([&] { return fullShown && probe.paintedAt() >= 0; }, 60000)) {
            std::fprintf(stderr, "edit %d: no full result\n", i);
            return 1;
        }
        fullMs.push_back((probe.paintedAt() - start) / 1e6);
    }

    // Rapid edits: one every 40 ms for 3 s, as a slider drag produces them. A preview shown belongs to the
    // newest edit at the time it arrives (older results are dropped), so its latency counts from that edit.
    std::vector<double> rapidMs;
    int rapidEdits = 0;
    qint64 lastEdit = 0;
    bool waitingPaint = false;
    QObject::connect(&panel, &FiltersPanel::resultShown, &panel, [&](bool preview) {
        waitingPaint = preview;  // a full result arriving in between is not a preview latency
    });
    QTimer editTimer;
    editTimer.setInterval(40);
    QObject::connect(&editTimer, &QTimer::timeout, &panel, [&] {
        ++rapidEdits;
        lastEdit = clock.nsecsElapsed();
        editor->table()->item(0, 0)->setText(QString::number(-1.0 - 0.01 * rapidEdits));
    });
    qint64 editAtShow = 0;
    QObject::connect(&panel, &FiltersPanel::resultShown, &panel, [&](bool preview) {
        if (preview) editAtShow = lastEdit;
    });
    editTimer.start();
    QElapsedTimer rapid;
    rapid.start();
    while (rapid.elapsed() < 3000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (waitingPaint && probe.paintedAt() >= 0) {
            rapidMs.push_back((probe.paintedAt() - editAtShow) / 1e6);
            waitingPaint = false;
        }
    }
    editTimer.stop();

    const Stats p = stats(previewMs), f = stats(fullMs), r = stats(rapidMs);
    std::printf("Machine: %u hardware threads, cv::getNumThreads() = %d, platform %s\n",
                std::thread::hardware_concurrency(), cv::getNumThreads(),
                qPrintable(QGuiApplication::platformName()));
    std::printf(
        "Image: 4000x3000 BGR (12 MP); preview on a copy reduced to 1024 px; kernel 3x3; "
        "view %dx%d\n\n",
        view->width(), view->height());
    std::printf("| from a coefficient edit to … | edits | median ms | max ms |\n|---|---:|---:|---:|\n");
    std::printf("| preview painted (isolated edits) | %zu | %.0f | %.0f |\n", previewMs.size(), p.median,
                p.max);
    std::printf("| full resolution painted (isolated edits) | %zu | %.0f | %.0f |\n", fullMs.size(), f.median,
                f.max);
    std::printf("| preview painted, rapid edits every 40 ms | %zu shown of %d | %.0f | %.0f |\n",
                rapidMs.size(), rapidEdits, r.median, r.max);
    return 0;
}
