// FFT filtering (overlap-save tiles) and the whole-image convolution theorem against the spatial definition,
// computed here with plain loops in double precision: every border, both modes, kernels odd and even, larger
// than the image, images spanning many tiles; and the image spectrum against numpy.
#include <QTest>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "core/spectral/convolution_theorem.h"
#include "core/spectral/fft_convolution.h"
#include "core/spectral/image_spectrum.h"
#include "tests/core/spectral/spectral_fixtures.h"
#include "tests/support/naive_filter.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::spectral;

Q_DECLARE_METATYPE(convscope::spectral::Border)

namespace {

// The shared reference (tests/support/naive_filter.h) on spectral's types.
std::vector<double> naiveFilter(const std::vector<double>& img, int rows, int cols,
                                const common::Kernel& kernel, bool convolve, Border border) {
    const naive::Border b = border == Border::Zero        ? naive::Border::Zero
                            : border == Border::Replicate ? naive::Border::Replicate
                            : border == Border::Wrap      ? naive::Border::Wrap
                                                          : naive::Border::Reflect101;
    return naive::filterPlane(img, rows, cols, naive::Kernel{kernel.rows(), kernel.cols(), kernel.values()},
                              convolve, b);
}

std::vector<std::uint8_t> randomBytes(int count, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> d(0, 255);
    std::vector<std::uint8_t> v(std::size_t(std::max(0, count)));
    for (auto& x : v) x = std::uint8_t(d(rng));
    return v;
}

common::Kernel randomKernel(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    std::vector<double> v(std::size_t(rows) * cols);
    for (double& x : v) x = d(rng);
    return common::Kernel(rows, cols, v);
}

double absSum(const common::Kernel& k) {
    double s = 0.0;
    for (double v : k.values()) s += std::abs(v);
    return s;
}

const Border kBorders[] = {Border::Zero, Border::Reflect101, Border::Replicate, Border::Wrap};

}  // namespace

class TestFftConvolution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void equalsTheSpatialDefinition_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("kernelRows");
        QTest::addColumn<int>("kernelCols");
        QTest::addColumn<bool>("convolve");
        QTest::addColumn<Border>("border");
        struct Shape {
            const char* name;
            int rows, cols, kr, kc;
        };
        const Shape shapes[] = {
            {"3x3 on 20x17", 20, 17, 3, 3},
            {"4x6 even on 11x13", 11, 13, 4, 6},
            {"1x7 on 9x10", 9, 10, 1, 7},
            {"9x9 on 5x4 (larger)", 5, 4, 9, 9},
            {"3x3 on 1x1", 1, 1, 3, 3},
            {"5x5 on 1 column", 9, 1, 5, 5},
            {"15x15 on 600x70 (tiles)", 600, 70, 15, 15},
            {"31x8 on 40x700 (tiles)", 40, 700, 31, 8},
            {"2x2 on 300x300 (tiles)", 300, 300, 2, 2},
        };
        for (const Shape& s : shapes)
            for (Border b : kBorders)
                for (bool convolve : {false, true}) {
                    const QByteArray tag =
                        QByteArray(s.name) + (convolve ? " convolve " : " correlate ") + toString(b).c_str();
                    QTest::newRow(tag.constData()) << s.rows << s.cols << s.kr << s.kc << convolve << b;
                }
    }
    void equalsTheSpatialDefinition() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, kernelRows);
        QFETCH(int, kernelCols);
        QFETCH(bool, convolve);
        QFETCH(Border, border);
        const std::vector<std::uint8_t> bytes = randomBytes(rows * cols, unsigned(rows * 31 + cols));
        const common::Kernel kernel =
            randomKernel(kernelRows, kernelCols, unsigned(kernelRows * 7 + kernelCols));
        const std::vector<double> img(bytes.begin(), bytes.end());
        const std::vector<double> expected = naiveFilter(img, rows, cols, kernel, convolve, border);
        const double tolerance = 2e-6 * 255.0 * absSum(kernel) + 1e-4;

        FftFilterOptions o;
        o.convolve = convolve;
        o.border = border;
        std::vector<float> out(std::size_t(rows) * cols, -1e9f);
        fftFilter(PlaneView<const std::uint8_t>::dense(bytes.data(), rows, cols), kernel, o,
                  PlaneView<float>::dense(out.data(), rows, cols));
        for (std::size_t i = 0; i < out.size(); ++i)
            QVERIFY2(std::abs(out[i] - expected[i]) <= tolerance,
                     qPrintable(QString("pixel %1: %2 vs %3").arg(i).arg(out[i]).arg(expected[i])));

        // The float input path, strided as one channel of an interleaved image, writing strided output.
        std::vector<float> interleaved(std::size_t(rows) * cols * 3, 7.0f);
        for (std::size_t i = 0; i < img.size(); ++i) interleaved[i * 3 + 1] = float(img[i]);
        std::vector<float> strided(std::size_t(rows) * cols * 2, -5.0f);
        fftFilter(PlaneView<const float>{interleaved.data() + 1, rows, cols, std::ptrdiff_t(cols) * 3, 3},
                  kernel, o, PlaneView<float>{strided.data() + 1, rows, cols, std::ptrdiff_t(cols) * 2, 2});
        for (std::size_t i = 0; i < img.size(); ++i) {
            QVERIFY(std::abs(strided[i * 2 + 1] - expected[i]) <= tolerance);
            QCOMPARE(strided[i * 2], -5.0f);  // the other channel is untouched
        }

        // The whole-image convolution theorem (one double-precision transform) gives the same result.
        const TheoremStages s = convolutionTheorem(
            PlaneView<const float>{interleaved.data() + 1, rows, cols, std::ptrdiff_t(cols) * 3, 3}, kernel,
            o, false);
        QCOMPARE(s.result.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::abs(s.result[i] - expected[i]) <= 1e-6 * 255 * absSum(kernel) + 1e-6);
        QVERIFY(s.transformRows >= rows + kernelRows - 1);
        QVERIFY(s.transformCols >= cols + kernelCols - 1);
    }

    void circularProductIsTheWrapBorder() {
        // Without padding the spectra multiply into the periodic result: the wrap border's, not the zero
        // one's.
        const int rows = 23, cols = 30;
        const std::vector<std::uint8_t> bytes = randomBytes(rows * cols, 5);
        const std::vector<float> img(bytes.begin(), bytes.end());
        const std::vector<double> imgd(bytes.begin(), bytes.end());
        const common::Kernel kernel = randomKernel(5, 4, 11);
        for (bool convolve : {false, true}) {
            FftFilterOptions o;
            o.convolve = convolve;
            o.border = Border::Zero;
            const TheoremStages s =
                convolutionTheorem(PlaneView<const float>::dense(img.data(), rows, cols), kernel, o, true);
            QVERIFY(s.circular);
            QCOMPARE(s.transformRows, rows);
            QCOMPARE(s.transformCols, cols);
            const std::vector<double> wrapped = naiveFilter(imgd, rows, cols, kernel, convolve, Border::Wrap);
            const std::vector<double> zero = naiveFilter(imgd, rows, cols, kernel, convolve, Border::Zero);
            double differsFromZero = 0.0;
            for (std::size_t i = 0; i < wrapped.size(); ++i) {
                QVERIFY(std::abs(s.result[i] - wrapped[i]) < 1e-6 * 255 * absSum(kernel));
                differsFromZero = std::max(differsFromZero, std::abs(s.result[i] - zero[i]));
            }
            QVERIFY(differsFromZero > 1.0);  // the wrap-around artefact is real
            // Interior pixels (the kernel never reaches the border) agree with the zero-padded result.
            QVERIFY(std::abs(s.result[std::size_t(10) * cols + 15] - zero[std::size_t(10) * cols + 15]) <
                    1e-3);
        }
    }

    void theoremStagesAreConsistent() {
        const int rows = 16, cols = 20;
        std::vector<float> img(std::size_t(rows) * cols, 0.0f);
        img[std::size_t(5) * cols + 7] = 1.0f;  // an impulse: the product spectrum is the kernel's response
        const common::Kernel kernel = randomKernel(3, 3, 2);
        const TheoremStages s = convolutionTheorem(PlaneView<const float>::dense(img.data(), rows, cols),
                                                   kernel, FftFilterOptions{false, Border::Zero}, false);
        const std::size_t n = std::size_t(s.transformRows) * s.transformCols;
        QCOMPARE(s.imageSpectrum.size(), n);
        QCOMPARE(s.kernelResponse.size(), n);
        QCOMPARE(s.productSpectrum.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
            QVERIFY(std::abs(s.imageSpectrum[i] - std::log(2.0f)) < 1e-6);  // |F| = 1 everywhere
            QVERIFY(std::abs(s.productSpectrum[i] - std::log1p(s.kernelResponse[i])) < 1e-5);
        }
        // DC of the response is the kernel's sum.
        QVERIFY(
            std::abs(
                s.kernelResponse[std::size_t(s.transformRows / 2) * s.transformCols + s.transformCols / 2] -
                std::abs(kernel.sum())) < 1e-6);
    }

    void tilingArithmetic() {
        const FftTiling t = fftTiling(3000, 4000, 15, 15);
        QCOMPARE(t.validRows, t.tileRows - 14);
        QCOMPARE(t.validCols, t.tileCols - 14);
        QVERIFY(t.tilesDown * t.validRows >= 3000);
        QVERIFY((t.tilesDown - 1) * t.validRows < 3000);
        QVERIFY(t.tilesAcross * t.validCols >= 4000);
        QCOMPARE(t.tileCols % 2, 0);
        const FftTiling small = fftTiling(5, 4, 9, 9);  // a tile never exceeds what the padded image needs
        QCOMPARE(small.tilesDown, 1);
        QCOMPARE(small.tilesAcross, 1);
        QVERIFY(small.tileRows >= 13 && small.tileRows <= 16);
    }

    void cancellationStopsBetweenTiles() {
        const int rows = 2000, cols = 600;
        std::vector<float> img(std::size_t(rows) * cols, 1.0f), out(img.size());
        common::JobControl control;
        int progressCalls = 0;
        control.onProgress = [&](int, int) { ++progressCalls; };
        control.isCancelled = [&] { return progressCalls >= 2; };
        QVERIFY_THROWS_EXCEPTION(
            common::Cancelled,
            fftFilter(PlaneView<const float>::dense(img.data(), rows, cols), randomKernel(9, 9, 1),
                      FftFilterOptions{false, Border::Reflect101, 1},
                      PlaneView<float>::dense(out.data(), rows, cols), control));
        QVERIFY(progressCalls >= 2);
    }

    void badPlanes() {
        std::vector<float> img(12, 0.0f), out(12);
        const common::Kernel k = randomKernel(3, 3, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fftFilter(PlaneView<const float>{}, k, {},
                                                                  PlaneView<float>::dense(out.data(), 3, 4)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 fftFilter(PlaneView<const float>::dense(img.data(), 3, 4), k, {},
                                           PlaneView<float>::dense(out.data(), 4, 3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, logMagnitudeSpectrum(PlaneView<const float>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 convolutionTheorem(PlaneView<const float>{}, k, {}, false));
    }

    void imageSpectrumMatchesNumpy() {
        const auto all = spectral::testing::spectrumFixtures();
        QCOMPARE(int(all.size()), 4);
        for (const spectral::testing::SpectrumFixture& f : all) {
            const std::vector<float> img(f.image.begin(), f.image.end());
            SpectrumOptions o;
            o.hann = f.hann;
            const std::vector<float> s =
                logMagnitudeSpectrum(PlaneView<const float>::dense(img.data(), f.rows, f.cols), o);
            QCOMPARE(s.size(), f.logmag.size());
            for (std::size_t i = 0; i < s.size(); ++i)
                QVERIFY2(std::abs(s[i] - f.logmag[i]) < 2e-5 * std::max(1.0, f.logmag[i]),
                         qPrintable(QString("%1 hann=%2 at %3: %4 vs %5")
                                        .arg(f.name.c_str())
                                        .arg(f.hann)
                                        .arg(i)
                                        .arg(s[i])
                                        .arg(f.logmag[i])));
        }
        const std::vector<double> w = hannWindow(5);
        QCOMPARE(w.front(), 0.0);
        QCOMPARE(w[2], 1.0);
        QCOMPARE(hannWindow(1).front(), 1.0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFftConvolution)
#include "test_fft_convolution.moc"
