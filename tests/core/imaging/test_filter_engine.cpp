#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

#include <QTest>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/colormap.h"
#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"
#include "tests/core/imaging/naive_reference.h"
#include "tests/support/test_main.h"

using convscope::common::Kernel;
using convscope::testing::absSum;
using convscope::testing::naiveFilter;
using convscope::testing::randomImage;
using convscope::testing::randomKernel;
using namespace convscope::imaging;
namespace common = convscope::common;

Q_DECLARE_METATYPE(BorderMode)
Q_DECLARE_METATYPE(CorrelationMode)
Q_DECLARE_METATYPE(SignedDisplay)
Q_DECLARE_METATYPE(Kernel)

namespace {

// Float accumulation (and the DFT for large kernels) against double loops.
void compareToNaive(const cv::Mat& src, const Kernel& k, const FilterOptions& o, const char* what) {
    const cv::Mat actual = filterImage(src, k, o);
    const cv::Mat expected = naiveFilter(src, k, o);
    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(actual.channels(), expected.channels());
    QCOMPARE(actual.depth(), CV_32F);
    cv::Mat actual64;
    actual.convertTo(actual64, CV_64F);
    const double error = cv::norm(actual64, expected, cv::NORM_INF);
    const double tolerance = 2e-5 * 255.0 * absSum(k) + 1e-4;
    QVERIFY2(error <= tolerance, qPrintable(QString("%1 [%2 %3 %4]: max error %5 > %6")
                                                .arg(what)
                                                .arg(QString::fromStdString(toString(o.mode)))
                                                .arg(QString::fromStdString(toString(o.border)))
                                                .arg(o.grayscale || src.channels() == 1 ? "gray" : "colour")
                                                .arg(error)
                                                .arg(tolerance)));
}

void addOptionRows(const char* name, const Kernel& k, int rows, int cols, int type) {
    for (BorderMode b : allBorderModes()) {
        for (CorrelationMode m : {CorrelationMode::Correlate, CorrelationMode::Convolve}) {
            const QByteArray tag = QByteArray(name) + " " + toString(m).c_str() + " " + toString(b).c_str();
            QTest::newRow(tag.constData()) << k << rows << cols << type << m << b;
        }
    }
}

uchar roundedByte(double x) {
    if (!(x > 0)) return 0;
    return static_cast<uchar>(std::round(std::min(x, 255.0)));  // std::round: half away from zero
}

}  // namespace

class TestFilterEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsMatchTheDefinition_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<BorderMode>("border");
        QTest::addColumn<CorrelationMode>("mode");
        for (const PresetInfo& p : kernelPresets())
            for (BorderMode b : allBorderModes())
                for (CorrelationMode m : {CorrelationMode::Correlate, CorrelationMode::Convolve})
                    QTest::newRow((p.name + " " + toString(m) + " " + toString(b)).c_str())
                        << QString::fromStdString(p.name) << b << m;
    }
    // Every preset with its defaults (gabor is 21x21, larger than the 13x11 image) on colour and gray input.
    void presetsMatchTheDefinition() {
        QFETCH(QString, preset);
        QFETCH(BorderMode, border);
        QFETCH(CorrelationMode, mode);
        const Kernel k = makeKernel(preset.toStdString());
        const cv::Mat colour = randomImage(11, 13, CV_8UC3, 7);
        for (bool gray : {false, true}) {
            compareToNaive(colour, k, FilterOptions{mode, border, gray}, qPrintable(preset));
        }
        compareToNaive(randomImage(11, 13, CV_8UC1, 8), k, FilterOptions{mode, border, false},
                       qPrintable(preset));
    }

    void shapesMatchTheDefinition_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("type");
        QTest::addColumn<CorrelationMode>("mode");
        QTest::addColumn<BorderMode>("border");
        addOptionRows("1x1", randomKernel(1, 1, 1), 6, 5, CV_8UC3);
        addOptionRows("2x2", randomKernel(2, 2, 2), 11, 13, CV_8UC3);
        addOptionRows("4x6", randomKernel(4, 6, 3), 11, 13, CV_8UC1);
        addOptionRows("3x5", randomKernel(3, 5, 4), 13, 11, CV_8UC3);
        addOptionRows("1x7 row", randomKernel(1, 7, 5), 9, 10, CV_8UC1);
        addOptionRows("8x1 column", randomKernel(8, 1, 6), 9, 10, CV_8UC3);
        addOptionRows("9x9 on 5x4", randomKernel(9, 9, 7), 4, 5, CV_8UC3);
        addOptionRows("7x7 on 5x4", randomKernel(7, 7, 8), 4, 5, CV_8UC1);
        addOptionRows("3x3 on 1x1", randomKernel(3, 3, 9), 1, 1, CV_8UC3);
        addOptionRows("5x5 on 1 column", randomKernel(5, 5, 10), 9, 1, CV_8UC3);
        addOptionRows("4x4 on 1 row", randomKernel(4, 4, 11), 1, 9, CV_8UC1);
        addOptionRows("11x11 on 1 row", randomKernel(11, 11, 12), 1, 7, CV_8UC1);
        addOptionRows("12x10 even large", randomKernel(12, 10, 13), 17, 19, CV_8UC3);
        // Many bands of the direct and of the DFT paths, and several DFT tiles across.
        addOptionRows("3x3 tall", randomKernel(3, 3, 14), 300, 7, CV_8UC3);
        addOptionRows("15x15 tall", randomKernel(15, 15, 15), 1000, 20, CV_8UC3);
        addOptionRows("31x31 tall", randomKernel(31, 31, 16), 900, 12, CV_8UC1);
        addOptionRows("15x15 wide", randomKernel(15, 15, 17), 40, 600, CV_8UC1);
    }
    void shapesMatchTheDefinition() {
        QFETCH(Kernel, kernel);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, type);
        QFETCH(CorrelationMode, mode);
        QFETCH(BorderMode, border);
        // Both methods, whatever the cost model would choose: direct summation and the FFT path.
        for (FilterMethod method : {FilterMethod::Direct, FilterMethod::Fft}) {
            FilterOptions o{mode, border, false};
            o.method = method;
            compareToNaive(randomImage(rows, cols, type, 99), kernel, o,
                           method == FilterMethod::Fft ? "kernel (fft)" : "kernel (direct)");
        }
    }

    // Convolving an impulse draws the kernel with its anchor on the impulse; correlating draws it flipped.
    void impulseResponse_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::newRow("3x3") << randomKernel(3, 3, 21);
        QTest::newRow("4x6") << randomKernel(4, 6, 22);
        QTest::newRow("2x2") << randomKernel(2, 2, 23);
        QTest::newRow("11x9") << randomKernel(11, 9, 24);
        QTest::newRow("sobel-x") << makeKernel("sobel-x");
    }
    void impulseResponse() {
        QFETCH(Kernel, kernel);
        const int cy = 10, cx = 12;
        cv::Mat impulse = cv::Mat::zeros(21, 25, CV_8UC1);
        impulse.at<uchar>(cy, cx) = 1;
        for (CorrelationMode mode : {CorrelationMode::Convolve, CorrelationMode::Correlate}) {
            const cv::Mat out = filterImage(impulse, kernel, FilterOptions{mode, BorderMode::Zero, false});
            for (int y = 0; y < out.rows; ++y) {
                for (int x = 0; x < out.cols; ++x) {
                    int i = 0, j = 0;
                    if (mode == CorrelationMode::Convolve) {
                        i = y - cy + kernel.anchorRow();
                        j = x - cx + kernel.anchorCol();
                    } else {
                        i = cy - y + kernel.anchorRow();
                        j = cx - x + kernel.anchorCol();
                    }
                    const bool inside = i >= 0 && i < kernel.rows() && j >= 0 && j < kernel.cols();
                    const float expected = inside ? static_cast<float>(kernel.at(i, j)) : 0.0f;
                    QVERIFY2(std::abs(out.at<float>(y, x) - expected) < 1e-6f,
                             qPrintable(QString("(%1,%2) %3 vs %4")
                                            .arg(x)
                                            .arg(y)
                                            .arg(out.at<float>(y, x))
                                            .arg(expected)));
                }
            }
        }
    }

    void outputTypes() {
        const Kernel k = makeKernel("sharpen");
        QCOMPARE(filterImage(randomImage(4, 5, CV_8UC1, 1), k, {}).type(), CV_32FC1);
        QCOMPARE(filterImage(randomImage(4, 5, CV_8UC3, 1), k, {}).type(), CV_32FC3);
        FilterOptions gray;
        gray.grayscale = true;
        QCOMPARE(filterImage(randomImage(4, 5, CV_8UC3, 1), k, gray).type(), CV_32FC1);
        // Identity keeps the input's units (0..255, no rescaling).
        const cv::Mat src = randomImage(6, 7, CV_8UC3, 3);
        cv::Mat src32;
        src.convertTo(src32, CV_32F);
        QCOMPARE(cv::norm(filterImage(src, makeKernel("identity"), {}), src32, cv::NORM_INF), 0.0);
    }

    // Grayscale is BT.601 luminance: within rounding of 0.299 R + 0.587 G + 0.114 B.
    void grayscaleIsLuminance() {
        const cv::Mat src = randomImage(8, 9, CV_8UC3, 5);
        FilterOptions gray;
        gray.grayscale = true;
        const cv::Mat out = filterImage(src, Kernel(), gray);
        for (int y = 0; y < src.rows; ++y) {
            for (int x = 0; x < src.cols; ++x) {
                const cv::Vec3b p = src.at<cv::Vec3b>(y, x);
                const double luma = 0.299 * p[2] + 0.587 * p[1] + 0.114 * p[0];
                QVERIFY(std::abs(out.at<float>(y, x) - luma) <= 0.51);
            }
        }
    }

    // A region of a bigger image is filtered as an image of its own: the border rule, not the neighbours.
    void regionOfInterestIsIsolated() {
        const cv::Mat big = randomImage(40, 50, CV_8UC3, 31);
        const cv::Mat roi = big(cv::Rect(7, 9, 20, 15));
        for (const Kernel& k : {makeKernel("box", {{"size", 5}}), randomKernel(13, 13, 3)}) {
            for (BorderMode b : allBorderModes()) {
                const FilterOptions o{CorrelationMode::Correlate, b, false};
                QCOMPARE(cv::norm(filterImage(roi, k, o), filterImage(roi.clone(), k, o), cv::NORM_INF), 0.0);
            }
        }
    }

    void invalidInputsThrow() {
        const Kernel k;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, filterImage(cv::Mat(), k, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 filterImage(cv::Mat(3, 3, CV_16UC1, cv::Scalar(0)), k, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 filterImage(cv::Mat(3, 3, CV_8UC4, cv::Scalar(0)), k, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 filterImage(cv::Mat(3, 3, CV_32FC1, cv::Scalar(0)), k, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, filterForDisplay(cv::Mat(), k, {}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 filterForDisplay(cv::Mat(3, 3, CV_8UC2, cv::Scalar(0)), k, {}, {}));
        // Diverging shows one channel only.
        DisplayOptions diverging;
        diverging.mode = SignedDisplay::Diverging;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 filterForDisplay(randomImage(3, 3, CV_8UC3, 1), k, {}, diverging));
        cv::Mat out;
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            renderDisplay(cv::Mat(2, 2, CV_32FC3, cv::Scalar::all(0)), {}, diverging, out));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 renderDisplay(cv::Mat(2, 2, CV_8UC1, cv::Scalar(0)), {}, {}, out));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderDisplay(cv::Mat(), {}, {}, out));
    }

    void renderDisplayMatchesTheDocumentedMapping_data() {
        QTest::addColumn<SignedDisplay>("mode");
        QTest::addColumn<bool>("stretch");
        for (SignedDisplay m :
             {SignedDisplay::Clip, SignedDisplay::Absolute, SignedDisplay::Offset, SignedDisplay::Diverging})
            for (bool s : {false, true})
                QTest::newRow((toString(m) + (s ? " stretch" : "")).c_str()) << m << s;
    }
    void renderDisplayMatchesTheDocumentedMapping() {
        QFETCH(SignedDisplay, mode);
        QFETCH(bool, stretch);
        const int cn = mode == SignedDisplay::Diverging ? 1 : 3;
        cv::Mat values(23, 37, CV_32FC(cn));
        cv::RNG rng(4);
        rng.fill(values, cv::RNG::UNIFORM, -400.0, 300.0);
        // Exact halves, to pin down the rounding.
        float* first = values.ptr<float>(0);
        const float halves[] = {0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 254.5f, 255.5f, -255.0f, 0.0f, 1.0f, -1.0f};
        std::copy(std::begin(halves), std::end(halves), first);
        double lo = 0, hi = 0;
        cv::minMaxIdx(values.reshape(1), &lo, &hi);
        cv::Mat out;
        renderDisplay(values, {lo, hi}, DisplayOptions{mode, stretch}, out);
        QCOMPARE(out.size(), values.size());
        QCOMPARE(out.type(), mode == SignedDisplay::Diverging ? CV_8UC3 : CV_8UC(cn));
        const double s = std::max(std::abs(lo), std::abs(hi));
        const auto& table = common::colormapTable(common::Colormap::CoolWarm);
        int offByOne = 0;
        for (int y = 0; y < values.rows; ++y) {
            for (int i = 0; i < values.cols * cn; ++i) {
                const double v = values.ptr<float>(y)[i];
                double x = 0;
                switch (mode) {
                    case SignedDisplay::Clip:
                        x = stretch ? 255.0 * (v - lo) / (hi - lo) : v;
                        break;
                    case SignedDisplay::Absolute:
                        x = stretch ? 255.0 * std::abs(v) / s : std::abs(v);
                        break;
                    case SignedDisplay::Offset:
                    case SignedDisplay::Diverging:
                        x = stretch || mode == SignedDisplay::Diverging ? 127.5 + 127.5 * v / s : 128 + v / 2;
                        break;
                }
                const uchar expected = roundedByte(x);
                if (mode == SignedDisplay::Diverging) {
                    const common::Rgb c = table[roundedByte(x)];
                    const uchar* o = out.ptr<uchar>(y) + 3 * i;
                    const common::Rgb got{o[2], o[1], o[0]};
                    if (got.r != c.r || got.g != c.g || got.b != c.b) {
                        const common::Rgb n1 = table[std::min(255, expected + 1)],
                                          n0 = table[std::max(0, expected - 1)];
                        const bool neighbour = (got.r == n1.r && got.g == n1.g && got.b == n1.b) ||
                                               (got.r == n0.r && got.g == n0.g && got.b == n0.b);
                        QVERIFY2(neighbour, qPrintable(QString("diverging at v=%1").arg(v)));
                        ++offByOne;
                    }
                } else {
                    const int got = out.ptr<uchar>(y)[i];
                    // Without stretch every step is exact; a stretched value may round the other way
                    // when it lands within a rounding error of a half.
                    if (got != expected) {
                        QVERIFY2(
                            stretch && std::abs(got - expected) == 1,
                            qPrintable(QString("v=%1: got %2, expected %3").arg(v).arg(got).arg(expected)));
                        ++offByOne;
                    }
                }
            }
        }
        QVERIFY(offByOne <= 2);
        if (mode == SignedDisplay::Clip && !stretch) {
            const uchar expectedFirst[] = {1, 2, 3, 0, 0, 255, 255, 0, 0, 1, 0};
            for (int i = 0; i < 11; ++i) QCOMPARE(int(out.ptr<uchar>(0)[i]), int(expectedFirst[i]));
        }
        if (mode == SignedDisplay::Offset && !stretch) {
            // 128 + v/2: 0.5 -> 128.25 -> 128, 1.5 -> 128.75 -> 129, -1 -> 127.5 -> 128, 1 -> 128.5 -> 129.
            QCOMPARE(int(out.ptr<uchar>(0)[0]), 128);
            QCOMPARE(int(out.ptr<uchar>(0)[1]), 129);
            QCOMPARE(int(out.ptr<uchar>(0)[10]), 128);
            QCOMPARE(int(out.ptr<uchar>(0)[9]), 129);
        }
    }

    void constantResultsDoNotDivideByZero() {
        const cv::Mat seven(4, 5, CV_32FC1, cv::Scalar(7.0f));
        const cv::Mat zeros(4, 5, CV_32FC1, cv::Scalar(0.0f));
        cv::Mat out;
        renderDisplay(seven, {7, 7}, DisplayOptions{SignedDisplay::Clip, true}, out);
        QCOMPARE(cv::countNonZero(out), 0);
        renderDisplay(zeros, {0, 0}, DisplayOptions{SignedDisplay::Absolute, true}, out);
        QCOMPARE(cv::countNonZero(out), 0);
        renderDisplay(zeros, {0, 0}, DisplayOptions{SignedDisplay::Offset, true}, out);
        QCOMPARE(cv::countNonZero(out != 128), 0);
        renderDisplay(zeros, {0, 0}, DisplayOptions{SignedDisplay::Diverging, false}, out);
        const common::Rgb mid = common::colormapTable(common::Colormap::CoolWarm)[128];
        QCOMPARE(out.at<cv::Vec3b>(2, 3), cv::Vec3b(mid.b, mid.g, mid.r));
    }

    // Like a QImage whose rows are padded: the caller's buffer is written in place, padding untouched.
    void renderDisplayWritesIntoAPreallocatedBuffer() {
        const cv::Mat values = filterImage(randomImage(9, 10, CV_8UC3, 2), makeKernel("sobel-x"), {});
        const int step = 10 * 3 + 13;
        std::vector<uchar> buffer(static_cast<size_t>(step * 9), 0xAB);
        cv::Mat target(9, 10, CV_8UC3, buffer.data(), step);
        cv::Mat fresh;
        const DisplayOptions display{SignedDisplay::Absolute, false};
        renderDisplay(values, {}, display, fresh);
        renderDisplay(values, {}, display, target);
        QCOMPARE(static_cast<void*>(target.data), static_cast<void*>(buffer.data()));
        QCOMPARE(target.step[0], size_t(step));
        QCOMPARE(cv::norm(target, fresh, cv::NORM_INF), 0.0);
        for (int y = 0; y < 9; ++y)
            for (int i = 30; i < step; ++i) QCOMPARE(int(buffer[size_t(y * step + i)]), 0xAB);
        // A target of the wrong size or type is replaced.
        cv::Mat wrong(3, 3, CV_8UC1);
        renderDisplay(values, {}, display, wrong);
        QCOMPARE(wrong.size(), values.size());
        QCOMPARE(wrong.type(), CV_8UC3);
    }

    void filterForDisplayEqualsFilterImageThenRender_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<bool>("gray");
        QTest::addColumn<BorderMode>("border");
        QTest::newRow("sobel-x colour") << makeKernel("sobel-x") << false << BorderMode::Reflect101;
        QTest::newRow("sobel-x gray") << makeKernel("sobel-x") << true << BorderMode::Zero;
        QTest::newRow("gabor gray wrap") << makeKernel("gabor") << true << BorderMode::Wrap;
        QTest::newRow("random 15x15 colour") << randomKernel(15, 15, 5) << false << BorderMode::Replicate;
        QTest::newRow("random 4x6 colour wrap") << randomKernel(4, 6, 6) << false << BorderMode::Wrap;
    }
    void filterForDisplayEqualsFilterImageThenRender() {
        QFETCH(Kernel, kernel);
        QFETCH(bool, gray);
        QFETCH(BorderMode, border);
        const cv::Mat src = randomImage(1100, 23, CV_8UC3, 12);  // many bands on both paths
        const FilterOptions options{CorrelationMode::Convolve, border, gray};
        const cv::Mat values = filterImage(src, kernel, options);
        double lo = 0, hi = 0;
        cv::minMaxIdx(values.reshape(1), &lo, &hi);
        for (SignedDisplay m : {SignedDisplay::Clip, SignedDisplay::Absolute, SignedDisplay::Offset,
                                SignedDisplay::Diverging}) {
            if (m == SignedDisplay::Diverging && !gray) continue;
            for (bool stretch : {false, true}) {
                const DisplayOptions display{m, stretch};
                const FilterOutput out = filterForDisplay(src, kernel, options, display);
                QCOMPARE(cv::norm(out.values, values, cv::NORM_INF), 0.0);
                QCOMPARE(out.range.min, lo);
                QCOMPARE(out.range.max, hi);
                cv::Mat expected;
                renderDisplay(values, {lo, hi}, display, expected);
                QCOMPARE(out.display.type(), expected.type());
                QCOMPARE(cv::norm(out.display, expected, cv::NORM_INF), 0.0);
            }
        }
    }

    void filterForDisplayUsesTheCallersBuffer() {
        const cv::Mat src = randomImage(70, 30, CV_8UC3, 12);
        const int step = 30 * 3 + 2;
        std::vector<uchar> buffer(static_cast<size_t>(step * 70));
        cv::Mat target(70, 30, CV_8UC3, buffer.data(), step);
        const FilterOutput out = filterForDisplay(src, makeKernel("emboss"), {}, {}, {}, &target);
        QCOMPARE(static_cast<void*>(out.display.data), static_cast<void*>(buffer.data()));
        QCOMPARE(static_cast<void*>(target.data), static_cast<void*>(buffer.data()));
        cv::Mat expected;
        renderDisplay(filterImage(src, makeKernel("emboss"), {}), out.range, {}, expected);
        QCOMPARE(cv::norm(target, expected, cv::NORM_INF), 0.0);
    }

    // The range is the true minimum and maximum over every pixel and channel.
    void rangeIsTheTrueMinimumAndMaximum() {
        const cv::Mat src = randomImage(200, 17, CV_8UC3, 44);
        const FilterOutput out = filterForDisplay(src, makeKernel("edge-detection"), {}, {});
        double lo = 1e300, hi = -1e300;
        for (int y = 0; y < out.values.rows; ++y) {
            for (int i = 0; i < out.values.cols * 3; ++i) {
                lo = std::min(lo, double(out.values.ptr<float>(y)[i]));
                hi = std::max(hi, double(out.values.ptr<float>(y)[i]));
            }
        }
        QCOMPARE(out.range.min, lo);
        QCOMPARE(out.range.max, hi);
        QVERIFY(lo < -100 && hi > 100);
    }

    void resultsDoNotShareMemoryWithEachOther() {
        const cv::Mat src = randomImage(400, 900, CV_8UC3, 3);  // large enough to be recycled
        FilterOutput first = filterForDisplay(src, makeKernel("box"), {}, {});
        const cv::Mat firstCopy = first.values.clone();
        const FilterOutput second = filterForDisplay(src, makeKernel("sharpen"), {}, {});
        QVERIFY(first.values.data != second.values.data);
        QVERIFY(first.display.data != second.display.data);
        QCOMPARE(cv::norm(first.values, firstCopy, cv::NORM_INF), 0.0);
    }

    void cancellationThrows() {
        const cv::Mat src = randomImage(2000, 40, CV_8UC3, 3);
        common::JobControl always;
        always.isCancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(common::Cancelled, filterForDisplay(src, makeKernel("box"), {}, {}, always));
        // Cancelled once the work has started (or even after it finished): the result is never returned.
        std::atomic<int> calls{0};
        common::JobControl later;
        later.isCancelled = [&calls] { return ++calls > 1; };
        QVERIFY_THROWS_EXCEPTION(common::Cancelled, filterForDisplay(src, randomKernel(15, 15, 1), {},
                                                                     {SignedDisplay::Offset, true}, later));
        QVERIFY(calls >= 2);
        // A control that never cancels changes nothing.
        common::JobControl never;
        never.isCancelled = [] { return false; };
        const FilterOutput out = filterForDisplay(src, makeKernel("box"), {}, {}, never);
        QCOMPARE(cv::norm(out.values, filterImage(src, makeKernel("box"), {}), cv::NORM_INF), 0.0);
    }

    void callbacksRunOnTheCallingThread() {
        const cv::Mat src = randomImage(3000, 64, CV_8UC3, 3);
        const std::thread::id caller = std::this_thread::get_id();
        std::atomic<bool> elsewhere{false};
        common::JobControl control;
        control.isCancelled = [&] {
            if (std::this_thread::get_id() != caller) elsewhere = true;
            return false;
        };
        control.onProgress = [&](int, int) {
            if (std::this_thread::get_id() != caller) elsewhere = true;
        };
        filterForDisplay(src, randomKernel(9, 9, 4), {}, {SignedDisplay::Absolute, true}, control);
        QVERIFY(!elsewhere);
    }

    void displayTargetOfTheWrongTypeIsReplaced() {
        cv::Mat target(5, 5, CV_8UC3);
        const uchar* old = target.data;
        const FilterOutput out =
            filterForDisplay(randomImage(5, 5, CV_8UC1, 1), Kernel(), {}, {}, {}, &target);
        QCOMPARE(out.display.type(), CV_8UC1);
        QCOMPARE(target.type(), CV_8UC1);
        QVERIFY(target.data != old);
    }

    void progressIsReported() {
        const cv::Mat src = randomImage(2000, 40, CV_8UC1, 3);
        std::vector<std::pair<int, int>> reports;
        common::JobControl control;
        control.onProgress = [&reports](int done, int total) { reports.emplace_back(done, total); };
        filterForDisplay(src, makeKernel("sharpen"), {}, DisplayOptions{SignedDisplay::Clip, true}, control);
        QVERIFY(reports.size() >= 2);
        for (size_t i = 1; i < reports.size(); ++i) {
            QVERIFY(reports[i].first > reports[i - 1].first);
            QCOMPARE(reports[i].second, reports[0].second);
        }
        QCOMPARE(reports.back().first, reports.back().second);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFilterEngine)
#include "test_filter_engine.moc"
