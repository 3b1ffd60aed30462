// The frequency domain's speed goals, side by side in one run on a 12-megapixel image (4000 x 3000 grey):
//  1. FFT filtering (spectral::fftFilter, overlap-save) against a bare cv::filter2D to CV_32F, kernels 5 …
//  63;
//     also the engine's direct summation and what FilterMethod::Automatic picks, against the faster path.
//  2. One FFTW r2c transform of the whole image against cv::dft (CCS) on the same float image.
//  3. FFTW planning (FFTW_MEASURE) cold against planning with the wisdom saved by the first.
// The cost model is calibrated first, on this machine. Prints markdown tables for docs/benchmarks.md.
//
// Usage: bench_fft [runs]   (default 5 timed runs after a warm-up; the median is reported)

#include <algorithm>
#include <chrono>
#include <complex>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/imaging/filter_cost_model.h"
#include "core/imaging/filter_engine.h"
#include "core/spectral/aligned_array.h"
#include "core/spectral/fft_planner.h"
#include "core/spectral/real_fft2d.h"

using namespace convscope;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(int runs, const std::function<void()>& job) {
    job();
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        job();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

cv::Mat makeImage() {
    cv::Mat image(3000, 4000, CV_8UC1);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x) {
            const double dx = x - 2000.0, dy = y - 1500.0;
            image.at<uchar>(y, x) =
                cv::saturate_cast<uchar>(127.5 + 100.0 * std::cos((dx * dx + dy * dy) * 2e-5) +
                                         (((x / 250) + (y / 250)) % 2 ? 20 : -20));
        }
    cv::Mat noise(image.size(), CV_16SC1);
    cv::RNG(42).fill(noise, cv::RNG::NORMAL, 0, 12);
    cv::Mat noisy;
    cv::add(image, noise, noisy, cv::noArray(), CV_8UC1);
    return noisy;
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const cv::Mat image = makeImage();
    std::printf("Machine: %u hardware threads, OpenCV %s (%d threads).\n\n",
                std::thread::hardware_concurrency(), CV_VERSION, cv::getNumThreads());

    const auto calibrationStart = Clock::now();
    const imaging::FilterCostModel model = imaging::FilterCostModel::calibrate();
    imaging::setActiveCostModel(model);
    std::printf(
        "Cost model calibrated in %.2f s.\n\n| image | direct t0 ms | a ns/px | b ns/px/tap | FFT t1 ms | c "
        "ns x work | "
        "d ns/px |\n|---|---:|---:|---:|---:|---:|---:|\n",
        std::chrono::duration<double>(Clock::now() - calibrationStart).count());
    for (const auto& [name, c] : {std::pair<const char*, imaging::CostCoefficients>{"grey", model.gray},
                                  std::pair<const char*, imaging::CostCoefficients>{"colour", model.colour}})
        std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name, c.directFixed * 1e-6,
                    c.directPerPixel, c.directPerTap, c.fftFixed * 1e-6, c.fftPerPointLog, c.fftPerPixel);
    std::printf("\n");

    // 1. Filtering.
    cv::Mat colourImage;
    cv::merge(std::vector<cv::Mat>{image, 255 - image, image / 2 + 64}, colourImage);
    for (const cv::Mat& input : {image, colourImage}) {
        std::printf("### FFT filtering vs cv::filter2D, 4000 x 3000 %s, reflect-101, median of %d\n\n",
                    input.channels() == 1 ? "grey" : "colour (BGR)", runs);
        std::printf(
            "| k | (a) cv::filter2D ms | (b) FFT ms | b/a | (c) direct ms | automatic picks | picked / "
            "faster of "
            "b, c |\n");
        std::printf("|---:|---:|---:|---:|---:|---|---:|\n");
        cv::Mat bare;
        for (int k : {3, 5, 7, 9, 11, 15, 21, 31, 45, 63}) {
            const common::Kernel kernel(k, k, std::vector<double>(std::size_t(k) * k, 1.0 / (k * k)));
            cv::Mat kf(k, k, CV_32F, cv::Scalar(1.0 / (k * k)));
            const double a = medianMs(runs, [&] {
                cv::filter2D(input, bare, CV_32F, kf, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
            });
            // (b) and (c) are the engine's two paths as the application runs them (imaging::filterImage).
            imaging::FilterOptions o;
            o.method = imaging::FilterMethod::Fft;
            const double b = medianMs(runs, [&] { (void)imaging::filterImage(input, kernel, o); });
            o.method = imaging::FilterMethod::Direct;
            // Direct summation from 31 x 31 on takes seconds a run: one run there.
            const double c =
                medianMs(k >= 31 ? 1 : runs, [&] { (void)imaging::filterImage(input, kernel, o); });
            o.method = imaging::FilterMethod::Automatic;
            const bool fft = imaging::resolveFilterMethod(input, kernel, o) == imaging::FilterMethod::Fft;
            std::printf("| %d | %.1f | %.1f | %.2f | %.1f | %s | %.2f |\n", k, a, b, b / a, c,
                        fft ? "FFT" : "direct", (fft ? b : c) / std::min(b, c));
            std::fflush(stdout);
        }
        std::printf("\n");
    }

    // 2. One transform of the whole image: FFTW with an estimated plan (what a first run gets), then with a
    // measured one (what the wisdom gives every later run), against cv::dft. The r2c transform is out of
    // place and leaves its input alone, so the input is copied in once.
    std::printf("\n### One r2c transform of the 4000 x 3000 image (float), median of %d\n\n", runs);
    cv::Mat floatImage;
    image.convertTo(floatImage, CV_32F);
    spectral::AlignedArray<float> real(std::size_t(image.rows) * image.cols);
    std::copy(floatImage.ptr<float>(), floatImage.ptr<float>() + real.size(), real.data());
    const int threads = spectral::fftThreadsFor(static_cast<long long>(real.size()));
    spectral::AlignedArray<std::complex<float>> spectrum(std::size_t(image.rows) * (image.cols / 2 + 1));
    const spectral::RealFft2d<float> estimated(image.rows, image.cols, threads);
    const double fftwEstimated = medianMs(runs, [&] { estimated.forward(real.data(), spectrum.data()); });
    spectral::FftPlanner& planner = spectral::FftPlanner::instance();
    planner.forgetAll();
    planner.setMeasureLimit(real.size());
    double before = planner.stats().planningSeconds;
    const spectral::RealFft2d<float> measured(image.rows, image.cols, threads);
    const double measuring = planner.stats().planningSeconds - before;
    planner.setMeasureLimit(spectral::FftPlanner::kMeasureLimit);
    const double fftwMeasured = medianMs(runs, [&] { measured.forward(real.data(), spectrum.data()); });
    cv::Mat ccs;
    const double cvdft = medianMs(runs, [&] { cv::dft(floatImage, ccs, 0); });
    std::printf("| transform | ms | / cv::dft |\n|---|---:|---:|\n");
    std::printf("| FFTW r2c, %d threads, estimated plan | %.1f | %.2f |\n", threads, fftwEstimated,
                fftwEstimated / cvdft);
    std::printf("| FFTW r2c, %d threads, measured plan (planning took %.1f s once) | %.1f | %.2f |\n",
                threads, measuring, fftwMeasured, fftwMeasured / cvdft);
    std::printf("| cv::dft, CCS packed | %.1f | 1.00 |\n", cvdft);

    // 3. Planning, cold and from wisdom, for the shapes the panel uses.
    std::printf(
        "\n### FFTW_MEASURE planning, cold vs with wisdom\n\n| shapes | cold s | with wisdom s "
        "|\n|---|---:|---:|\n");
    const std::string dir = (std::filesystem::temp_directory_path() / "convscope-bench-wisdom").string();
    planner.forgetAll();
    planner.setRigor(spectral::PlanRigor::Measure);
    auto planAll = [&] {
        for (int n : {256, 288, 320, 512, 1024})
            for (bool inverse : {false, true})
                (void)planner.plan(spectral::Precision::Single, inverse, n, n, 1);
        for (int n : {256, 625, 875}) (void)planner.plan(spectral::Precision::Double, false, n, n, 1);
    };
    before = planner.stats().planningSeconds;
    planAll();
    const double cold = planner.stats().planningSeconds - before;
    planner.saveWisdom(dir);
    planner.forgetAll();
    planner.loadWisdom(dir);
    before = planner.stats().planningSeconds;
    planAll();
    const double warm = planner.stats().planningSeconds - before;
    std::printf("| 13 plans: float 256² … 1024², both directions; double 256², 625², 875² | %.2f | %.4f |\n",
                cold, warm);
    std::filesystem::remove_all(dir);
    return 0;
}
