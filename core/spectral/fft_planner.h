#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace convscope::spectral {

enum class Precision { Single, Double };

/// How hard FFTW looks for a fast plan. Measure times candidate algorithms (seconds for a large 2-D shape the
/// first time, nothing once the shape is in the wisdom); Estimate guesses at once.
enum class PlanRigor { Estimate, Measure };

/// What the planner has done so far in this process (for benchmarks and the About box).
struct PlannerStats {
    int plansCreated = 0;
    int cacheHits = 0;
    double planningSeconds = 0.0;  ///< wall time spent inside FFTW's planner
};

/// The process-wide FFTW planner and plan cache.
///
/// FFTW's planner is not thread-safe, only its execute functions are: every plan is created and destroyed
/// here under one mutex, once per (precision, direction, shape, threads), and kept for the life of the
/// process. Transforms then run the cached plan on the caller's arrays with the new-array execute functions,
/// from any thread, concurrently. Arrays must come from alignedAllocate (fftw_malloc), like the scratch
/// arrays the plans are made on. Plans of more than kMeasureLimit elements are measured only when the wisdom
/// already holds them, else estimated, so that no call blocks for seconds on planning.
class FftPlanner {
public:
    static constexpr std::size_t kMeasureLimit = std::size_t(1) << 22;

    static FftPlanner& instance();

    /// An opaque fftw_plan / fftwf_plan for a real-to-complex (forward) or complex-to-real (inverse)
    /// transform of rows x cols real values. Owned by the planner; valid until forgetAll(). Thread-safe.
    /// Throws std::invalid_argument for non-positive sizes and std::runtime_error when FFTW fails.
    void* plan(Precision precision, bool inverse, int rows, int cols, int threads);

    /// Whether the wisdom (accumulated in this process or loaded) holds a measured plan for this transform,
    /// so that FFTW can plan it at once. Thread-safe.
    bool hasWisdomFor(Precision precision, bool inverse, int rows, int cols, int threads);

    void setRigor(PlanRigor rigor);
    PlanRigor rigor() const;
    /// Shapes larger than this many elements are measured only when the wisdom holds them (kMeasureLimit by
    /// default). Benchmarks raise it to measure a whole large image once.
    void setMeasureLimit(std::size_t elements);

    /// Loads both precisions' wisdom from `directory` (files fftw-wisdom-double.txt and
    /// fftw-wisdom-float.txt); missing files are not an error. Returns false with a reason when a file exists
    /// but cannot be read or parsed; one that is not wisdom is set aside as <name>.corrupt-<time>
    /// (common::CorruptFile), so that the next saveWisdom writes a fresh one.
    bool loadWisdom(const std::string& directory, std::string* error = nullptr);
    /// Writes the wisdom accumulated so far to `directory` (created if needed), each file atomically (a
    /// temporary file renamed over the old one). Returns false with a reason on failure.
    bool saveWisdom(const std::string& directory, std::string* error = nullptr) const;
    /// Destroys every cached plan and forgets all wisdom: the next plans are planned cold (benchmarks).
    /// Callers must make sure that no transform is running.
    void forgetAll();

    PlannerStats stats() const;

    /// $XDG_CACHE_HOME/convscope, else $HOME/.cache/convscope; empty when neither variable is set.
    static std::string defaultCacheDirectory();

    FftPlanner(const FftPlanner&) = delete;
    FftPlanner& operator=(const FftPlanner&) = delete;

private:
    FftPlanner();
    ~FftPlanner();
    void destroyPlans();

    using Key = std::tuple<int, bool, int, int, int>;  // precision, inverse, rows, cols, threads
    mutable std::mutex m_mutex;
    std::map<Key, void*> m_plans;
    PlanRigor m_rigor = PlanRigor::Measure;
    std::size_t m_measureLimit = kMeasureLimit;
    PlannerStats m_stats;
};

}  // namespace convscope::spectral
