// The plan cache and FFTW wisdom: plans made once per shape, wisdom saved and loaded (and a corrupt file
// refused), and transforms from several threads at once, planning new shapes while others execute.
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cmath>
#include <complex>
#include <fstream>
#include <thread>
#include <vector>

#include "core/spectral/aligned_array.h"
#include "core/spectral/fft_planner.h"
#include "core/spectral/real_fft2d.h"
#include "tests/support/test_main.h"

using namespace convscope::spectral;

namespace {

constexpr double kPi = 3.14159265358979323846;

// X[u][v] = Σ x[r][c] e^{−2πi(ur/R + vc/C)}, straight from the definition.
std::complex<double> naiveDft(const std::vector<double>& x, int rows, int cols, int u, int v) {
    std::complex<double> s = 0.0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            s += x[std::size_t(r) * cols + c] *
                 std::polar(1.0, -2.0 * kPi * (double(u) * r / rows + double(v) * c / cols));
    return s;
}

}  // namespace

class TestFftPlanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plansAreCachedPerShape() {
        FftPlanner& p = FftPlanner::instance();
        const PlannerStats before = p.stats();
        void* a = p.plan(Precision::Double, false, 12, 10, 1);
        void* b = p.plan(Precision::Double, false, 12, 10, 1);
        void* c = p.plan(Precision::Double, true, 12, 10, 1);
        void* d = p.plan(Precision::Single, false, 12, 10, 1);
        QCOMPARE(a, b);
        QVERIFY(a != c && a != d);
        const PlannerStats after = p.stats();
        QVERIFY(after.cacheHits >= before.cacheHits + 1);
        QVERIFY(after.plansCreated >= before.plansCreated + 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.plan(Precision::Double, false, 0, 4, 1));
    }

    void forwardAndInverseMatchTheDefinition() {
        const int rows = 6, cols = 7;  // odd last dimension: the half spectrum has 4 columns
        std::vector<double> x(std::size_t(rows) * cols);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.7 * double(i)) + 0.1 * double(i % 5);
        const RealFft2d<double> fft(rows, cols);
        QCOMPARE(fft.spectrumCols(), 4);
        AlignedArray<double> real(x.size());
        std::copy(x.begin(), x.end(), real.data());
        AlignedArray<std::complex<double>> spec(std::size_t(rows) * fft.spectrumCols());
        fft.forward(real.data(), spec.data());
        for (int u = 0; u < rows; ++u)
            for (int v = 0; v < fft.spectrumCols(); ++v)
                QVERIFY(std::abs(spec[std::size_t(u) * fft.spectrumCols() + v] -
                                 naiveDft(x, rows, cols, u, v)) < 1e-12);
        fft.inverse(spec.data(), real.data());
        for (std::size_t i = 0; i < x.size(); ++i) QVERIFY(std::abs(real[i] / (rows * cols) - x[i]) < 1e-12);
    }

    void wisdomRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FftPlanner& p = FftPlanner::instance();
        p.forgetAll();
        p.setRigor(PlanRigor::Measure);
        QVERIFY(!p.hasWisdomFor(Precision::Single, false, 96, 80, 1));
        (void)p.plan(Precision::Single, false, 96, 80, 1);
        (void)p.plan(Precision::Double, true, 40, 36, 1);
        QVERIFY(p.hasWisdomFor(Precision::Single, false, 96, 80, 1));
        std::string error;
        QVERIFY2(p.saveWisdom(dir.path().toStdString(), &error), error.c_str());
        QVERIFY(QFile::exists(dir.filePath("fftw-wisdom-float.txt")));
        QVERIFY(QFile::exists(dir.filePath("fftw-wisdom-double.txt")));
        QVERIFY(!QFile::exists(dir.filePath("fftw-wisdom-float.txt.tmp")));

        p.forgetAll();
        QVERIFY(!p.hasWisdomFor(Precision::Single, false, 96, 80, 1));
        QVERIFY(!p.hasWisdomFor(Precision::Double, true, 40, 36, 1));
        QVERIFY2(p.loadWisdom(dir.path().toStdString(), &error), error.c_str());
        QVERIFY(p.hasWisdomFor(Precision::Single, false, 96, 80, 1));
        QVERIFY(p.hasWisdomFor(Precision::Double, true, 40, 36, 1));
        QVERIFY(!p.hasWisdomFor(Precision::Single, false, 98, 80, 1));  // not a shape that was planned

        // A missing directory is not an error; a corrupt file is, and says which file.
        QVERIFY(p.loadWisdom(dir.filePath("nowhere").toStdString(), &error));
        {
            std::ofstream corrupt(dir.filePath("fftw-wisdom-double.txt").toStdString(), std::ios::trunc);
            corrupt << "this is not wisdom";
        }
        QVERIFY(!p.loadWisdom(dir.path().toStdString(), &error));
        QVERIFY2(error.find("fftw-wisdom-double.txt") != std::string::npos, error.c_str());
        // Saving where a file blocks the directory fails with a reason.
        const QString blocked = dir.filePath("blocked");
        std::ofstream(blocked.toStdString()) << "x";
        QVERIFY(!p.saveWisdom((blocked + "/sub").toStdString(), &error));
        QVERIFY(!error.empty());
    }

    void concurrentTransformsAreCorrect() {
        // Eight threads transform their own arrays of three shapes (one of them planned while the others
        // run) and check the round trip; the planner serialises the planning, execution runs in parallel.
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([t, &failures] {
                const int shapes[3][2] = {{64, 48}, {33, 50}, {20 + t, 18}};
                for (int round = 0; round < 20; ++round) {
                    const int rows = shapes[round % 3][0], cols = shapes[round % 3][1];
                    const RealFft2d<float> fft(rows, cols);
                    AlignedArray<float> real(std::size_t(rows) * cols);
                    std::vector<float> x(real.size());
                    for (std::size_t i = 0; i < x.size(); ++i)
                        x[i] = float((i * 37 + std::size_t(t) * 11) % 101);
                    std::copy(x.begin(), x.end(), real.data());
                    AlignedArray<std::complex<float>> spec(std::size_t(rows) * fft.spectrumCols());
                    fft.forward(real.data(), spec.data());
                    double dc = 0;
                    for (float v : x) dc += v;
                    if (std::abs(spec[0].real() - dc) > 1e-3 * dc) ++failures;
                    fft.inverse(spec.data(), real.data());
                    for (std::size_t i = 0; i < x.size(); ++i)
                        if (std::abs(real[i] / float(rows * cols) - x[i]) > 1e-3f) {
                            ++failures;
                            break;
                        }
                }
            });
        }
        for (std::thread& th : threads) th.join();
        QCOMPARE(failures.load(), 0);
    }

    void fastSizes() {
        QCOMPARE(fastFftSize(1), 1);
        QCOMPARE(fastFftSize(11), 12);
        QCOMPARE(fastFftSize(13), 14);
        QCOMPARE(fastFftSize(97), 98);
        QCOMPARE(fastFftSize(1000), 1000);
        QCOMPARE(fastFftSize(1021), 1024);
        QCOMPARE(fftThreadsFor(1000), 1);
    }

    void defaultCacheDirectoryFollowsXdg() {
        const QByteArray old = qgetenv("XDG_CACHE_HOME");
        qputenv("XDG_CACHE_HOME", "/tmp/xdg-test");
        QCOMPARE(FftPlanner::defaultCacheDirectory(), std::string("/tmp/xdg-test/convscope"));
        qunsetenv("XDG_CACHE_HOME");
        QVERIFY(FftPlanner::defaultCacheDirectory().find("/.cache/convscope") != std::string::npos);
        if (!old.isEmpty()) qputenv("XDG_CACHE_HOME", old);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFftPlanner)
#include "test_fft_planner.moc"
