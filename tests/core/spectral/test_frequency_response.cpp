// Kernel frequency responses against numpy.fft (fixtures made by tests/data/spectral/make_fixtures.py) and
// against a naive DFT written here, at sizes from 16 to 1024, odd and even.
#include <QTest>
#include <cmath>
#include <complex>

#include "core/imaging/kernel_library.h"
#include "core/spectral/frequency_response.h"
#include "tests/core/spectral/spectral_fixtures.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::spectral;

namespace {

constexpr double kPi = 3.14159265358979323846;

// H(f) = Σ k(i, j) e^{−2πi (f_y (i − ar) + f_x (j − ac))}: the definition, one frequency at a time.
std::complex<double> naiveResponse(const common::Kernel& k, double fy, double fx, bool anchored) {
    std::complex<double> sum = 0.0;
    const int ar = anchored ? k.anchorRow() : 0, ac = anchored ? k.anchorCol() : 0;
    for (int i = 0; i < k.rows(); ++i)
        for (int j = 0; j < k.cols(); ++j)
            sum += k.at(i, j) * std::polar(1.0, -2.0 * kPi * (fy * (i - ar) + fx * (j - ac)));
    return sum;
}

double angleDistance(double a, double b) {
    const double d = std::fmod(std::abs(a - b), 2.0 * kPi);
    return std::min(d, 2.0 * kPi - d);
}

}  // namespace

class TestFrequencyResponse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesNumpy_data() {
        QTest::addColumn<int>("index");
        const auto all = spectral::testing::responseFixtures();
        QVERIFY(all.size() >= 8);
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto& f = all[i];
            QTest::newRow((f.name + " " + f.origin + " " + f.of + " " + std::to_string(f.size)).c_str())
                << int(i);
        }
    }
    void matchesNumpy() {
        QFETCH(int, index);
        const spectral::testing::ResponseFixture f =
            spectral::testing::responseFixtures()[std::size_t(index)];
        const common::Kernel kernel(f.rows, f.cols, f.kernel);
        ResponseOptions o;
        o.size = f.size;
        o.origin = f.origin == "corner" ? KernelOrigin::Corner : KernelOrigin::Anchor;
        o.of = f.of == "correlation" ? ResponseOf::Correlation : ResponseOf::Convolution;
        const FrequencyResponse r = frequencyResponse(kernel, o);
        QCOMPARE(r.size, f.size);
        QCOMPARE(r.magnitude.size(), f.magnitude.size());
        double peak = 0.0;
        for (double m : f.magnitude) peak = std::max(peak, m);
        for (std::size_t i = 0; i < f.magnitude.size(); ++i) {
            QVERIFY2(
                std::abs(r.magnitude[i] - f.magnitude[i]) <= 1e-12 * std::max(1.0, peak),
                qPrintable(QString("magnitude %1: %2 vs %3").arg(i).arg(r.magnitude[i]).arg(f.magnitude[i])));
            // The phase of (numerically) zero is meaningless: compare it where the magnitude is real.
            if (f.magnitude[i] > 1e-9 * peak)
                QVERIFY2(angleDistance(r.phase[i], f.phase[i]) <= 1e-9,
                         qPrintable(QString("phase %1: %2 vs %3").arg(i).arg(r.phase[i]).arg(f.phase[i])));
        }
        QCOMPARE(r.peakGain, peak);
    }

    void matchesNaiveDftAtLargeSizes_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("size");
        QTest::newRow("sobel-x 256") << "sobel-x" << 256;
        QTest::newRow("gaussian 255 (odd)") << "gaussian" << 255;
        QTest::newRow("gabor 1024") << "gabor" << 1024;
        QTest::newRow("emboss 100") << "emboss" << 100;
        QTest::newRow("box 16 (smallest)") << "box" << 16;
    }
    void matchesNaiveDftAtLargeSizes() {
        QFETCH(QString, preset);
        QFETCH(int, size);
        const common::Kernel k = imaging::makeKernel(preset.toStdString());
        for (KernelOrigin origin : {KernelOrigin::Anchor, KernelOrigin::Corner}) {
            const FrequencyResponse r = frequencyResponse(k, {size, origin, ResponseOf::Convolution});
            const double tolerance = 1e-10 * std::max(1.0, r.peakGain);
            // A spread of rows and columns, the DC row and column and both edges.
            for (int row : {0, 1, size / 3, size / 2, size / 2 + 1, size - 1})
                for (int col : {0, 2, size / 4, size / 2, size - 2, size - 1}) {
                    const std::complex<double> h = naiveResponse(k, FrequencyResponse::frequencyOf(row, size),
                                                                 FrequencyResponse::frequencyOf(col, size),
                                                                 origin == KernelOrigin::Anchor);
                    QVERIFY(std::abs(r.magnitudeAt(row, col) - std::abs(h)) <= tolerance);
                    if (std::abs(h) > 1e-8 * r.peakGain)
                        QVERIFY(angleDistance(r.phaseAt(row, col), std::arg(h)) <= 1e-8);
                }
        }
    }

    void centreIsDcAndEdgesAreNyquist() {
        QCOMPARE(FrequencyResponse::frequencyOf(128, 256), 0.0);
        QCOMPARE(FrequencyResponse::frequencyOf(0, 256), -0.5);
        QCOMPARE(FrequencyResponse::frequencyOf(255, 256), 0.5 - 1.0 / 256);
        QCOMPARE(FrequencyResponse::frequencyOf(8, 17), 0.0);  // odd: DC at index 8
        const common::Kernel g = imaging::makeKernel("gaussian");
        const FrequencyResponse r = frequencyResponse(g);
        QCOMPARE(r.magnitudeAt(128, 128), std::abs(g.sum()));
        QVERIFY(std::abs(r.dcGain - g.sum()) < 1e-15);
        QCOMPARE(r.peakFx, 0.0);
        QCOMPARE(r.peakFy, 0.0);
        const std::vector<double> h = r.horizontalSlice(), v = r.verticalSlice();
        QCOMPARE(int(h.size()), 256);
        QCOMPARE(h[128], r.magnitudeAt(128, 128));
        QCOMPARE(h[3], r.magnitudeAt(128, 3));
        QCOMPARE(v[3], r.magnitudeAt(3, 128));
    }

    void antisymmetricKernelHasQuarterTurnPhase() {
        // Sobel X is odd about its centre: with the anchor at the origin its response is purely imaginary.
        const FrequencyResponse r = frequencyResponse(imaging::makeKernel("sobel-x"), {64});
        for (int row = 0; row < 64; row += 7)
            for (int col = 0; col < 64; col += 5) {
                if (r.magnitudeAt(row, col) < 1e-9) continue;
                QVERIFY(std::abs(std::abs(r.phaseAt(row, col)) - kPi / 2) < 1e-9);
            }
    }

    void correlationNegatesThePhase() {
        const common::Kernel k(2, 3, {1.0, -2.0, 0.5, 3.0, 0.25, -1.0});
        const FrequencyResponse conv =
            frequencyResponse(k, {32, KernelOrigin::Anchor, ResponseOf::Convolution});
        const FrequencyResponse corr =
            frequencyResponse(k, {32, KernelOrigin::Anchor, ResponseOf::Correlation});
        for (std::size_t i = 0; i < conv.magnitude.size(); ++i) {
            QVERIFY(std::abs(conv.magnitude[i] - corr.magnitude[i]) < 1e-12);
            if (conv.magnitude[i] > 1e-9) QVERIFY(angleDistance(conv.phase[i], -corr.phase[i]) < 1e-9);
        }
    }

    void scales() {
        QCOMPARE(scaleValue(0.0, MagnitudeScale::Decibel), kDecibelFloor);
        QCOMPARE(scaleValue(1e-9, MagnitudeScale::Decibel), kDecibelFloor);
        QVERIFY(std::abs(scaleValue(10.0, MagnitudeScale::Decibel) - 20.0) < 1e-12);
        QVERIFY(std::abs(scaleValue(std::exp(1.0) - 1.0, MagnitudeScale::Log1p) - 1.0) < 1e-12);
        QCOMPARE(scaleValue(3.5, MagnitudeScale::Linear), 3.5);
        const FrequencyResponse r = frequencyResponse(imaging::makeKernel("box"), {16});
        const std::vector<double> db = scaledMagnitude(r, MagnitudeScale::Decibel);
        for (std::size_t i = 0; i < db.size(); ++i)
            QCOMPARE(db[i], scaleValue(r.magnitude[i], MagnitudeScale::Decibel));
        QVERIFY(parseMagnitudeScale("db") == MagnitudeScale::Decibel);
        QCOMPARE(toString(MagnitudeScale::Log1p), std::string("log"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseMagnitudeScale("loud"));
    }

    void badInput() {
        const common::Kernel k = imaging::makeKernel("sobel-x");
        for (int size : {0, 15, 1025, -4}) {
            try {
                (void)frequencyResponse(k, {size});
                QFAIL("accepted a bad size");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find("16 to 1024") != std::string::npos, e.what());
            }
        }
        const common::Kernel big(17, 3, std::vector<double>(51, 1.0));
        try {
            (void)frequencyResponse(big, {16});
            QFAIL("accepted a kernel larger than the transform");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("does not fit") != std::string::npos, e.what());
        }
        QCOMPARE(frequencyResponse(big, {17}).size, 17);  // exactly fits
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFrequencyResponse)
#include "test_frequency_response.moc"
