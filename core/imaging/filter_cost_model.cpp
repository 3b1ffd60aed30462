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

#include "core/common/corrupt_file.h"
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
    const CostCoefficients& k = forChannels(channels);
    return (k.directFixed +
            double(rows) * cols * (k.directPerPixel + k.directPerTap * kernelRows * kernelCols)) *
           1e-6;
}

double FilterCostModel::predictFftMs(int rows, int cols, int channels, int kernelRows, int kernelCols) const {
    const CostCoefficients& k = forChannels(channels);
    return (k.fftFixed +
            double(rows) * cols *
                (k.fftPerPointLog * fftWork(rows, cols, kernelRows, kernelCols) + k.fftPerPixel)) *
           1e-6;
}

FilterMethod FilterCostModel::choose(int rows, int cols, int channels, int kernelRows, int kernelCols) const {
    return predictFftMs(rows, cols, channels, kernelRows, kernelCols) <
                   predictDirectMs(rows, cols, channels, kernelRows, kernelCols)
               ? FilterMethod::Fft
               : FilterMethod::Direct;
}

namespace {

CostCoefficients calibrateFor(int type) {
    CostCoefficients c;
    std::vector<std::vector<double>> directX, fftX;
    std::vector<double> directY, fftY;
    for (const cv::Size size : {cv::Size(512, 384), cv::Size(1536, 1152)}) {
        cv::Mat image(size, type);
        cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(256));
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
        c.directFixed = beta[0];
        c.directPerPixel = beta[1];
        c.directPerTap = beta[2];
    }
    if (leastSquares(fftX, fftY, &beta)) {
        c.fftFixed = beta[0];
        c.fftPerPointLog = beta[1];
        c.fftPerPixel = beta[2];
    }
    // A fit on noisy timings can come out negative; costs are not.
    c.directFixed = std::max(0.0, c.directFixed);
    c.directPerPixel = std::max(0.0, c.directPerPixel);
    c.directPerTap = std::max(1e-3, c.directPerTap);
    c.fftFixed = std::max(0.0, c.fftFixed);
    c.fftPerPointLog = std::max(1e-3, c.fftPerPointLog);
    c.fftPerPixel = std::max(0.0, c.fftPerPixel);
    return c;
}

const char* const kKeys[6] = {"direct_fixed", "direct_per_pixel",  "direct_per_tap",
                              "fft_fixed",    "fft_per_point_log", "fft_per_pixel"};

double* field(CostCoefficients& c, int i) {
    double* fields[6] = {&c.directFixed, &c.directPerPixel, &c.directPerTap,
                         &c.fftFixed,    &c.fftPerPointLog, &c.fftPerPixel};
    return fields[i];
}

}  // namespace

FilterCostModel FilterCostModel::calibrate() {
    FilterCostModel model;
    model.gray = calibrateFor(CV_8UC1);
    model.colour = calibrateFor(CV_8UC3);
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
        out << "# ConvScope filter cost model (nanoseconds); recalibrated when the signature changes\n"
            << "signature = " << machineSignature() << "\n";
        for (const auto& [prefix, coefficients] :
             {std::pair<const char*, CostCoefficients>{"gray_", gray},
              std::pair<const char*, CostCoefficients>{"colour_", colour}}) {
            CostCoefficients c = coefficients;
            for (int i = 0; i < 6; ++i) out << prefix << kKeys[i] << " = " << *field(c, i) << "\n";
        }
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
        for (auto [prefix, c] : {std::pair<const char*, CostCoefficients*>{"gray_", &m.gray},
                                 std::pair<const char*, CostCoefficients*>{"colour_", &m.colour}}) {
            for (int i = 0; i < 6; ++i) {
                const double v = std::stod(values.at(std::string(prefix) + kKeys[i]));
                if (!std::isfinite(v) || v < 0.0) {
                    if (error) *error = path + " holds an invalid coefficient";
                    return false;
                }
                *field(*c, i) = v;
            }
        }
    } catch (const std::exception&) {
        if (error) *error = path + " is incomplete or not a cost model";
        return false;
    }
    m.calibrated = true;
    *this = m;
    return true;
}

namespace {

// The file names a signature, and not this machine's: a sound model of another machine or library version.
bool measuredElsewhere(const std::string& path) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("signature = ", 0) == 0) return line.substr(12) != FilterCostModel::machineSignature();
    return false;
}

}  // namespace

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
    std::string problem;
    if (!path.empty() && model.load(path, &problem)) {
        setActiveCostModel(model);
        return {};
    }
    // A model of another machine is simply measured again; one that cannot be read is set aside first, so
    // that the user keeps it and learns why the filters were calibrated again.
    std::string notice;
    std::error_code ec;
    if (!path.empty() && std::filesystem::exists(path, ec) && !measuredElsewhere(path))
        notice = common::CorruptFile::setAside(path, "The filter cost model", problem).message;
    model = FilterCostModel::calibrate();
    setActiveCostModel(model);
    if (path.empty()) return notice;
    std::filesystem::create_directories(directory, ec);
    std::string error;
    if (ec) return "cannot create " + directory + ": " + ec.message();
    if (!model.save(path, &error)) return error;
    return notice;
}

}  // namespace convscope::imaging
