#include "core/imaging/filter_cost_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "core/imaging/filter_engine.h"
#include "core/spectral/fft_convolution.h"
#include "core/spectral/library_info.h"

namespace convscope::imaging {

namespace {

constexpr const char* kFileName = "filter-cost-model.txt";

std::mutex& modelMutex() {
    static std::mutex m;
    return m;
}

FilterCostModel& modelStorage() {
    static FilterCostModel model;
    return model;
}

double pixelsOf(int rows, int cols, int channels) {
    return double(rows) * cols * channels;
}

// The transform work per output pixel: transformed points per pixel (the overlap-save overhead) times log2 of
// the tile's size.
double fftWork(int rows, int cols, int kernelRows, int kernelCols) {
    const spectral::FftTiling t = spectral::fftTiling(rows, cols, kernelRows, kernelCols);
    const double points = double(t.tileRows) * t.tileCols;
    const double overhead = points * t.tilesDown * t.tilesAcross / (double(rows) * cols);
    return overhead * std::log2(points);
}

double medianMs(const std::function<void()>& work, int runs) {
    work();  // warm-up: plans, buffers, page faults
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// Least squares y ≈ Σ β_j x_j over the rows of `x` (normal equations, Gaussian elimination with pivoting).
// Returns false when the features are (nearly) dependent.
bool leastSquares(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                  std::vector<double>* beta) {
    const std::size_t n = x.front().size();
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (std::size_t r = 0; r < y.size(); ++r)
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) a[i][j] += x[r][i] * x[r][j];
            a[i][n] += x[r][i] * y[r];
        }
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t pivot = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
        if (std::abs(a[pivot][c]) < 1e-12 * (1.0 + std::abs(a[c][c]))) return false;
        std::swap(a[c], a[pivot]);
        for (std::size_t r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (std::size_t j = c; j <= n; ++j) a[r][j] -= f * a[c][j];
        }
    }
    beta->assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) (*beta)[i] = a[i][n] / a[i][i];
    return true;
}

}  // namespace

double FilterCostModel::predictDirectMs(int rows, int cols, int channels, int kernelRows,
                                        int kernelCols) const {
    return (directFixed +
            pixelsOf(rows, cols, channels) * (directPerPixel + directPerTap * kernelRows * kernelCols)) *
           1e-6;
}

double FilterCostModel::predictFftMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const {
    return (fftFixed + pixelsOf(rows, cols, channels) *
                           (fftPerPointLog * fftWork(rows, cols, kernelRows, kernelCols) + fftPerPixel)) *
           1e-6;
}

FilterMethod FilterCostModel::choose(int rows, int cols, int channels, int kernelRows, int kernelCols) const {
    return predictFftMs(rows, cols, channels, kernelRows, kernelCols) <
                   predictDirectMs(rows, cols, channels, kernelRows, kernelCols)
               ? FilterMethod::Fft
               : FilterMethod::Direct;
}

FilterCostModel FilterCostModel::calibrate() {
    FilterCostModel model;
    std::vector<std::vector<double>> directX, fftX;
    std::vector<double> directY, fftY;
    for (const cv::Size size : {cv::Size(512, 384), cv::Size(2048, 1536)}) {
        cv::Mat image(size, CV_8UC1);
        cv::randu(image, 0, 256);
        const double pixels = double(image.rows) * image.cols;
        FilterOptions options;
        options.method = FilterMethod::Direct;
        for (int k : {1, 3, 5, 7, 9}) {
            const common::Kernel kernel(k, k, std::vector<double>(std::size_t(k) * k, 1.0 / (k * k)));
            directX.push_back({1.0, pixels, pixels * k * k});
            directY.push_back(1e6 * medianMs([&] { (void)filterImage(image, kernel, options); }, 3));
        }
        options.method = FilterMethod::Fft;
        for (int k : {3, 9, 21, 45}) {
            const common::Kernel kernel(k, k, std::vector<double>(std::size_t(k) * k, 1.0 / (k * k)));
            fftX.push_back({1.0, pixels * fftWork(image.rows, image.cols, k, k), pixels});
            fftY.push_back(1e6 * medianMs([&] { (void)filterImage(image, kernel, options); }, 3));
        }
    }
    std::vector<double> beta;
    if (leastSquares(directX, directY, &beta)) {
        model.directFixed = beta[0];
        model.directPerPixel = beta[1];
        model.directPerTap = beta[2];
    }
    if (leastSquares(fftX, fftY, &beta)) {
        model.fftFixed = beta[0];
        model.fftPerPointLog = beta[1];
        model.fftPerPixel = beta[2];
    }
    // A fit on noisy timings can come out negative; costs are not.
    model.directFixed = std::max(0.0, model.directFixed);
    model.directPerPixel = std::max(0.0, model.directPerPixel);
    model.directPerTap = std::max(1e-3, model.directPerTap);
    model.fftFixed = std::max(0.0, model.fftFixed);
    model.fftPerPointLog = std::max(1e-3, model.fftPerPointLog);
    model.fftPerPixel = std::max(0.0, model.fftPerPixel);
    model.calibrated = true;
    return model;
}

std::string FilterCostModel::machineSignature() {
    std::ostringstream s;
    s << "threads=" << std::thread::hardware_concurrency() << " opencv=" << CV_VERSION
      << " fftw=" << spectral::fftwVersion();
    return s.str();
}

bool FilterCostModel::save(const std::string& path, std::string* error) const {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out.precision(17);
        out << "# ConvScope filter cost model (nanoseconds per pixel); recalibrated when the signature "
               "changes\n"
            << "signature = " << machineSignature() << "\n"
            << "direct_fixed = " << directFixed << "\n"
            << "direct_per_pixel = " << directPerPixel << "\n"
            << "direct_per_tap = " << directPerTap << "\n"
            << "fft_fixed = " << fftFixed << "\n"
            << "fft_per_point_log = " << fftPerPointLog << "\n"
            << "fft_per_pixel = " << fftPerPixel << "\n";
        out.flush();
        if (!out) {
            if (error) *error = "cannot write " + temporary;
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        if (error) *error = "cannot replace " + path + ": " + ec.message();
        std::filesystem::remove(temporary, ec);
        return false;
    }
    return true;
}

bool FilterCostModel::load(const std::string& path, std::string* error) {
    std::ifstream in(path);
    if (!in) {
        if (error) *error = "cannot read " + path;
        return false;
    }
    std::map<std::string, std::string> values;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto eq = line.find(" = ");
        if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 3);
    }
    if (values["signature"] != machineSignature()) {
        if (error) *error = path + " was measured on another machine or library version";
        return false;
    }
    FilterCostModel m;
    try {
        m.directFixed = std::stod(values.at("direct_fixed"));
        m.directPerPixel = std::stod(values.at("direct_per_pixel"));
        m.directPerTap = std::stod(values.at("direct_per_tap"));
        m.fftFixed = std::stod(values.at("fft_fixed"));
        m.fftPerPointLog = std::stod(values.at("fft_per_point_log"));
        m.fftPerPixel = std::stod(values.at("fft_per_pixel"));
    } catch (const std::exception&) {
        if (error) *error = path + " is incomplete or not a cost model";
        return false;
    }
    for (double v :
         {m.directFixed, m.directPerPixel, m.directPerTap, m.fftFixed, m.fftPerPointLog, m.fftPerPixel}) {
        if (!std::isfinite(v) || v < 0.0) {
            if (error) *error = path + " holds an invalid coefficient";
            return false;
        }
    }
    m.calibrated = true;
    *this = m;
    return true;
}

FilterCostModel activeCostModel() {
    const std::lock_guard<std::mutex> lock(modelMutex());
    return modelStorage();
}

void setActiveCostModel(const FilterCostModel& model) {
    const std::lock_guard<std::mutex> lock(modelMutex());
    modelStorage() = model;
}

std::string loadOrCalibrateCostModel(const std::string& directory) {
    FilterCostModel model;
    const std::string path = directory.empty() ? std::string() : directory + "/" + kFileName;
    if (!path.empty() && model.load(path)) {
        setActiveCostModel(model);
        return {};
    }
    model = FilterCostModel::calibrate();
    setActiveCostModel(model);
    if (path.empty()) return {};
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    std::string error;
    if (ec) return "cannot create " + directory + ": " + ec.message();
    if (!model.save(path, &error)) return error;
    return {};
}

}  // namespace convscope::imaging
