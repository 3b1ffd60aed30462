// How much the Filters panel's path costs on top of the filtering itself.
//
// (a) a bare cv::filter2D to CV_32F with the reflect-101 border: the floor for any float filter result;
// (b) gui::computeFilterFrame, the very function the panel's worker calls: QImage allocation, wrapping it as
//     the engine's display target, filtering, true range and rendering to 8 bits (imaging::filterForDisplay).
// (c) imaging::filterForDisplay alone, for reference: (b) - (c) is what the panel adds (allocating the
//     QImages and the RGB32 copy the views draw, made on the worker rather than the GUI thread).
// On a 4000x3000 picture with structure and noise, for 3x3, 7x7 and 15x15 kernels. Prints a markdown table.
//
// Usage: bench_filter_pipeline [runs]   (default 9 timed runs after one warm-up; the median is reported)

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/filters/filter_pipeline.h"
#include "app/gui/filters/image_buffer_pool.h"
#include "core/imaging/filter_cost_model.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"
#include "core/spectral/fft_planner.h"

namespace {

using Clock = std::chrono::steady_clock;

// A 4000x3000 BGR picture: smooth gradients, a zone plate, sharp-edged rectangles, and Gaussian noise, so the
// filters meet the mix of flat areas, edges and texture a photograph has.
cv::Mat makeImage() {
    const int w = 4000, h = 3000;
    cv::Mat image(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y) {
        auto* p = image.ptr<cv::Vec3b>(y);
        for (int x = 0; x < w; ++x) {
            const double dx = x - w / 2.0, dy = y - h / 2.0;
            const double zone = 127.5 + 100.0 * std::cos((dx * dx + dy * dy) * 2e-5);
            const bool block = ((x / 250) + (y / 250)) % 2 == 0;
            p[x] = cv::Vec3b(cv::saturate_cast<uchar>(zone), cv::saturate_cast<uchar>(255.0 * x / w),
                             cv::saturate_cast<uchar>(block ? 200 : 40 + 150.0 * y / h));
        }
    }
    cv::Mat noise(image.size(), CV_16SC3);
    cv::RNG(42).fill(noise, cv::RNG::NORMAL, 0, 12);
    cv::Mat noisy;
    cv::add(image, noise, noisy, cv::noArray(), CV_8UC3);
    return noisy;
}

double medianMs(int runs, const std::function<void()>& job) {
    job();  // warm-up: page faults of first allocations, thread pool start, caches
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        job();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::string cpuModel() {
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly)) return "unknown";
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith("model name")) return line.mid(line.indexOf(':') + 1).trimmed().toStdString();
    }
    return "unknown";
}

struct Case {
    const char* kernelName;
    convscope::common::Kernel kernel;
};

struct Mode {
    const char* name;
    convscope::imaging::SignedDisplay display;
    bool stretch;
    bool gray;
};

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(7, std::atoi(argv[1])) : 9;
    namespace imaging = convscope::imaging;

    // The direct-or-FFT choice as the application makes it: the cost model calibrated on this machine (loaded
    // from the user's cache, or measured now and saved there).
    (void)imaging::loadOrCalibrateCostModel(convscope::spectral::FftPlanner::defaultCacheDirectory());
    const cv::Mat bgr = makeImage();
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);

    const std::vector<Case> cases = {
        {"3x3 Sobel X", imaging::makeKernel("sobel-x")},
        {"7x7 Gaussian σ 1.5", imaging::makeKernel("gaussian", {{"size", 7}, {"sigma", 1.5}})},
        {"15x15 Gaussian σ 3", imaging::makeKernel("gaussian", {{"size", 15}, {"sigma", 3}})},
    };
    // Clip and absolute render while filtering (one pass); diverging and stretch need the range of the
    // whole result first (two passes), and diverging needs one channel, so those run on the grey picture.
    const std::vector<Mode> modes = {
        {"clip", imaging::SignedDisplay::Clip, false, false},
        {"abs", imaging::SignedDisplay::Absolute, false, false},
        {"diverging", imaging::SignedDisplay::Diverging, false, true},
        {"clip + stretch", imaging::SignedDisplay::Clip, true, true},
    };

    std::printf("Machine: %s, %u hardware threads, cv::getNumThreads() = %d, OpenCV %s\n", cpuModel().c_str(),
                std::thread::hardware_concurrency(), cv::getNumThreads(), CV_VERSION);
    std::printf("Image: 4000x3000 (12 MP), median of %d runs after one warm-up\n\n", runs);
    std::printf(
        "| kernel | input | display | (a) cv::filter2D → CV_32F, ms | (b) panel path, ms | b/a "
        "| of which engine (filterForDisplay), ms |\n");
    std::printf("|---|---|---|---:|---:|---:|---:|\n");

    convscope::gui::ImageBufferPool pool;
    for (const Case& c : cases) {
        const auto& v = c.kernel.values();
        cv::Mat kernel(c.kernel.rows(), c.kernel.cols(), CV_64F, const_cast<double*>(v.data()));
        cv::Mat kernel32;
        kernel.convertTo(kernel32, CV_32F);
        const cv::Point anchor(c.kernel.anchorCol(), c.kernel.anchorRow());
        for (const Mode& m : modes) {
            const cv::Mat& src = m.gray ? gray : bgr;
            // dst is kept between runs, as a loop calling filter2D would keep it: OpenCV then reuses its
            // memory, and the floor does not include first-touch page faults.
            cv::Mat dst;
            const double bare = medianMs(
                runs, [&] { cv::filter2D(src, dst, CV_32F, kernel32, anchor, 0, cv::BORDER_REFLECT_101); });
            imaging::FilterOptions options;  // correlation, reflect-101, colour per channel
            imaging::DisplayOptions display;
            display.mode = m.display;
            display.stretch = m.stretch;
            const double panel = medianMs(runs, [&] {
                // With the worker's buffer pool: a frame's pictures go back to it once released, as the
                // previous frame's do in the panel.
                const convscope::gui::FilterFrame frame =
                    convscope::gui::computeFilterFrame(src, c.kernel, options, display, {}, &pool);
                if (frame.view.isNull()) std::abort();
            });
            const double engine = medianMs(runs, [&] {
                const imaging::FilterOutput out = imaging::filterForDisplay(src, c.kernel, options, display);
                if (out.display.empty()) std::abort();
            });
            std::printf("| %s | %s | %s | %.1f | %.1f | %.2f | %.1f |\n", c.kernelName,
                        m.gray ? "gray" : "BGR", m.name, bare, panel, panel / bare, engine);
            std::fflush(stdout);
        }
    }
    return 0;
}
