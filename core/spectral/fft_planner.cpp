#include "core/spectral/fft_planner.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/common/corrupt_file.h"
#include "core/spectral/aligned_array.h"
#include "core/spectral/fftw_api.h"

namespace convscope::spectral {

namespace {

using detail::Fftw;

const char* wisdomFileName(Precision p) {
    return p == Precision::Double ? "fftw-wisdom-double.txt" : "fftw-wisdom-float.txt";
}

// Plans on scratch arrays (FFTW_MEASURE overwrites them); the plan then runs on any array of the same
// alignment through the new-array execute functions.
template <typename T>
void* makePlan(bool inverse, int rows, int cols, unsigned flags) {
    using Complex = typename Fftw<T>::Complex;
    const std::size_t real = std::size_t(rows) * cols;
    const std::size_t complex = std::size_t(rows) * (cols / 2 + 1);
    AlignedArray<T> r(real);
    AlignedArray<std::complex<T>> c(complex);
    auto* cp = reinterpret_cast<Complex*>(c.data());
    typename Fftw<T>::Plan plan = inverse ? Fftw<T>::planC2r(rows, cols, cp, r.data(), flags)
                                          : Fftw<T>::planR2c(rows, cols, r.data(), cp, flags);
    return static_cast<void*>(plan);
}

template <typename T>
void destroyPlan(void* plan) {
    Fftw<T>::destroy(static_cast<typename Fftw<T>::Plan>(plan));
}

template <typename T>
void* planWithPolicy(bool inverse, int rows, int cols, int threads, PlanRigor rigor,
                     std::size_t measureLimit) {
    Fftw<T>::planWithThreads(threads);
    const std::size_t elements = std::size_t(rows) * cols;
    if (rigor == PlanRigor::Measure && elements > measureLimit) {
        // Large shapes: measured plans only from wisdom (instant), otherwise an estimate rather than seconds
        // of measuring on the caller's time.
        if (void* p = makePlan<T>(inverse, rows, cols, FFTW_MEASURE | FFTW_WISDOM_ONLY)) return p;
        return makePlan<T>(inverse, rows, cols, FFTW_ESTIMATE);
    }
    return makePlan<T>(inverse, rows, cols, rigor == PlanRigor::Measure ? FFTW_MEASURE : FFTW_ESTIMATE);
}

template <typename T>
bool loadOne(const std::filesystem::path& file, std::string* error) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return true;
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
        if (error) *error = "cannot read " + file.string();
        return false;
    }
    if (!Fftw<T>::importWisdom(text.str().c_str())) {
        // Damaged (or another program's): kept for the user under another name; the plans are measured
        // again and saveWisdom writes a fresh file.
        const common::CorruptFile::Outcome aside =
            common::CorruptFile::setAside(file.string(), "The FFTW wisdom file", "it is not FFTW wisdom");
        if (error) *error = aside.message;
        return false;
    }
    return true;
}

template <typename T>
bool saveOne(const std::filesystem::path& file, std::string* error) {
    char* text = Fftw<T>::exportWisdom();
    if (!text) {
        if (error) *error = "FFTW could not export its wisdom";
        return false;
    }
    const std::string wisdom(text);
    std::free(text);
    const std::filesystem::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << wisdom;
        out.flush();
        if (!out) {
            if (error) *error = "cannot write " + temporary.string();
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        if (error) *error = "cannot replace " + file.string() + ": " + ec.message();
        std::filesystem::remove(temporary, ec);
        return false;
    }
    return true;
}

}  // namespace

FftPlanner& FftPlanner::instance() {
    static FftPlanner planner;
    return planner;
}

FftPlanner::FftPlanner() {
    Fftw<double>::initThreads();
    Fftw<float>::initThreads();
}

FftPlanner::~FftPlanner() {
    destroyPlans();
}

void FftPlanner::destroyPlans() {
    for (auto& [key, plan] : m_plans) {
        if (std::get<0>(key) == int(Precision::Double))
            destroyPlan<double>(plan);
        else
            destroyPlan<float>(plan);
    }
    m_plans.clear();
}

void* FftPlanner::plan(Precision precision, bool inverse, int rows, int cols, int threads) {
    if (rows < 1 || cols < 1) {
        throw std::invalid_argument("an FFT needs at least one row and one column (got " +
                                    std::to_string(rows) + "x" + std::to_string(cols) + ")");
    }
    threads = std::max(1, threads);
    const Key key{int(precision), inverse, rows, cols, threads};
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (auto it = m_plans.find(key); it != m_plans.end()) {
        ++m_stats.cacheHits;
        return it->second;
    }
    const auto start = std::chrono::steady_clock::now();
    void* p = precision == Precision::Double
                  ? planWithPolicy<double>(inverse, rows, cols, threads, m_rigor, m_measureLimit)
                  : planWithPolicy<float>(inverse, rows, cols, threads, m_rigor, m_measureLimit);
    m_stats.planningSeconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!p) {
        throw std::runtime_error("FFTW could not plan a " + std::to_string(rows) + "x" +
                                 std::to_string(cols) + " transform");
    }
    ++m_stats.plansCreated;
    m_plans.emplace(key, p);
    return p;
}

bool FftPlanner::hasWisdomFor(Precision precision, bool inverse, int rows, int cols, int threads) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const unsigned flags = FFTW_MEASURE | FFTW_WISDOM_ONLY;
    if (precision == Precision::Double) {
        Fftw<double>::planWithThreads(std::max(1, threads));
        void* p = makePlan<double>(inverse, rows, cols, flags);
        if (p) destroyPlan<double>(p);
        return p != nullptr;
    }
    Fftw<float>::planWithThreads(std::max(1, threads));
    void* p = makePlan<float>(inverse, rows, cols, flags);
    if (p) destroyPlan<float>(p);
    return p != nullptr;
}

void FftPlanner::setRigor(PlanRigor rigor) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_rigor = rigor;
}

void FftPlanner::setMeasureLimit(std::size_t elements) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_measureLimit = elements;
}

PlanRigor FftPlanner::rigor() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_rigor;
}

bool FftPlanner::loadWisdom(const std::string& directory, std::string* error) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const std::filesystem::path dir(directory);
    std::string first, second;
    const bool d = loadOne<double>(dir / wisdomFileName(Precision::Double), &first);
    const bool f = loadOne<float>(dir / wisdomFileName(Precision::Single), &second);
    if (error) *error = !d ? first : (!f ? second : std::string());
    return d && f;
}

bool FftPlanner::saveWisdom(const std::string& directory, std::string* error) const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const std::filesystem::path dir(directory);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        if (error) *error = "cannot create " + dir.string() + ": " + ec.message();
        return false;
    }
    return saveOne<double>(dir / wisdomFileName(Precision::Double), error) &&
           saveOne<float>(dir / wisdomFileName(Precision::Single), error);
}

void FftPlanner::forgetAll() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    destroyPlans();
    Fftw<double>::forgetWisdom();
    Fftw<float>::forgetWisdom();
}

PlannerStats FftPlanner::stats() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

std::string FftPlanner::defaultCacheDirectory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/convscope";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/convscope";
    return {};
}

}  // namespace convscope::spectral
