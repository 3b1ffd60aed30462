#include <cmath>
#include <stdexcept>

#include <QTest>
#include <opencv2/core.hpp>

#include "core/imaging/filter_engine.h"
#include "core/imaging/kernel_library.h"
#include "core/imaging/pixel_inspection.h"
#include "tests/core/imaging/naive_reference.h"
#include "tests/support/test_main.h"

using convscope::common::Kernel;
using convscope::testing::randomImage;
using convscope::testing::randomKernel;
using namespace convscope::imaging;

Q_DECLARE_METATYPE(BorderMode)
Q_DECLARE_METATYPE(CorrelationMode)
Q_DECLARE_METATYPE(Kernel)

class TestPixelInspection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sumEqualsTheFilteredValue_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("gray");
        QTest::addColumn<BorderMode>("border");
        QTest::addColumn<CorrelationMode>("mode");
        const std::vector<std::pair<const char*, Kernel>> kernels = {
            {"3x3", randomKernel(3, 3, 1)},
            {"4x6", randomKernel(4, 6, 2)},
            {"2x2", randomKernel(2, 2, 3)},
            {"9x9", randomKernel(9, 9, 4)},  // larger than the 7x6 image, on the DFT path of the engine
            {"sobel-x", makeKernel("sobel-x")}};
        for (const auto& [name, k] : kernels) {
            for (BorderMode b : allBorderModes()) {
                for (CorrelationMode m : {CorrelationMode::Correlate, CorrelationMode::Convolve}) {
                    for (int variant = 0; variant < 3; ++variant) {
                        const char* what = variant == 0   ? "colour"
                                           : variant == 1 ? "gray option"
                                                          : "gray image";
                        const QByteArray tag = QByteArray(name) + " " + toString(b).c_str() + " " +
                                               toString(m).c_str() + " " + what;
                        QTest::newRow(tag.constData())
                            << k << (variant == 2 ? CV_8UC1 : CV_8UC3) << (variant == 1) << b << m;
                    }
                }
            }
        }
    }
    // Every pixel, including all border pixels, every channel.
    void sumEqualsTheFilteredValue() {
        QFETCH(Kernel, kernel);
        QFETCH(int, type);
        QFETCH(bool, gray);
        QFETCH(BorderMode, border);
        QFETCH(CorrelationMode, mode);
        const cv::Mat src = randomImage(6, 7, type, 17);
        const FilterOptions options{mode, border, gray};
        const cv::Mat values = filterImage(src, kernel, options);
        double scale = 0;
        for (double v : kernel.values()) scale += std::abs(v) * 255;
        for (int y = 0; y < values.rows; ++y) {
            for (int x = 0; x < values.cols; ++x) {
                for (int ch = 0; ch < values.channels(); ++ch) {
                    const PixelInspection p = inspectPixel(src, kernel, options, x, y, ch);
                    const double expected = values.ptr<float>(y)[x * values.channels() + ch];
                    QVERIFY2(
                        std::abs(p.sum - expected) <= 2e-6 * scale + 1e-5,
                        qPrintable(
                            QString("(%1,%2,%3): %4 vs %5").arg(x).arg(y).arg(ch).arg(p.sum).arg(expected)));
                }
            }
        }
    }

    // Correlation at (0, 0) with a 3x3 kernel reads (-1..1, -1..1): the upper-left five positions are
    // outside.
    void positionsAndBorderRule() {
        cv::Mat src(4, 5, CV_8UC1);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 5; ++x) src.at<uchar>(y, x) = static_cast<uchar>(10 * y + x);
        const Kernel k(3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});

        const PixelInspection zero =
            inspectPixel(src, k, {CorrelationMode::Correlate, BorderMode::Zero, false}, 0, 0);
        QCOMPARE(zero.rows, 3);
        QCOMPARE(zero.cols, 3);
        QCOMPARE(zero.x, 0);
        QCOMPARE(zero.y, 0);
        const std::vector<bool> outside = {true, true, true, true, false, false, true, false, false};
        QCOMPARE(zero.outside, outside);
        QCOMPARE(zero.sourceX, (std::vector<int>{-1, -1, -1, -1, 0, 1, -1, 0, 1}));
        QCOMPARE(zero.sourceY, (std::vector<int>{-1, -1, -1, -1, 0, 0, -1, 1, 1}));
        QCOMPARE(zero.inputs, (std::vector<double>{0, 0, 0, 0, 0, 1, 0, 10, 11}));
        QCOMPARE(zero.weights, k.values());
        QCOMPARE(zero.sum, 5.0 * 0 + 6.0 * 1 + 8.0 * 10 + 9.0 * 11);

        // gfedcb|abcdefgh: index -1 reads 1.
        const PixelInspection reflect =
            inspectPixel(src, k, {CorrelationMode::Correlate, BorderMode::Reflect101, false}, 0, 0);
        QCOMPARE(reflect.sourceX, (std::vector<int>{1, 0, 1, 1, 0, 1, 1, 0, 1}));
        QCOMPARE(reflect.sourceY, (std::vector<int>{1, 1, 1, 0, 0, 0, 1, 1, 1}));
        QCOMPARE(reflect.outside, outside);

        const PixelInspection replicate =
            inspectPixel(src, k, {CorrelationMode::Correlate, BorderMode::Replicate, false}, 4, 3);
        QCOMPARE(replicate.sourceX, (std::vector<int>{3, 4, 4, 3, 4, 4, 3, 4, 4}));
        QCOMPARE(replicate.sourceY, (std::vector<int>{2, 2, 2, 3, 3, 3, 3, 3, 3}));

        const PixelInspection wrap =
            inspectPixel(src, k, {CorrelationMode::Correlate, BorderMode::Wrap, false}, 4, 0);
        QCOMPARE(wrap.sourceX, (std::vector<int>{3, 4, 0, 3, 4, 0, 3, 4, 0}));
        QCOMPARE(wrap.sourceY, (std::vector<int>{3, 3, 3, 0, 0, 0, 1, 1, 1}));
        for (size_t i = 0; i < 9; ++i) {
            QCOMPARE(wrap.inputs[i], double(src.at<uchar>(wrap.sourceY[i], wrap.sourceX[i])));
            QCOMPARE(wrap.products[i], wrap.inputs[i] * wrap.weights[i]);
        }
    }

    // For convolution the weights are the flipped kernel, exactly as multiplied.
    void convolutionShowsTheFlippedKernel() {
        const cv::Mat src = randomImage(5, 5, CV_8UC3, 2);
        const Kernel k = randomKernel(2, 3, 9);
        const PixelInspection p =
            inspectPixel(src, k, {CorrelationMode::Convolve, BorderMode::Reflect101, false}, 2, 2, 1);
        QCOMPARE(p.weights, k.flipped().values());
        QCOMPARE(p.channel, 1);
        // Flipped 2x3 kernel has its anchor at (1, 1): positions x-1..x+1, y-1..y.
        QCOMPARE(p.sourceX, (std::vector<int>{1, 2, 3, 1, 2, 3}));
        QCOMPARE(p.sourceY, (std::vector<int>{1, 1, 1, 2, 2, 2}));
        for (size_t i = 0; i < 6; ++i)
            QCOMPARE(p.inputs[i], double(src.at<cv::Vec3b>(p.sourceY[i], p.sourceX[i])[1]));
    }

    void kernelLargerThanTheImageReflectsRepeatedly() {
        const cv::Mat src = randomImage(2, 3, CV_8UC1, 5);
        const Kernel k = Kernel::zeros(1, 11);
        const PixelInspection p =
            inspectPixel(src, k, {CorrelationMode::Correlate, BorderMode::Reflect101, false}, 0, 0);
        // abc extends as ...b a b c b | a b c | b a b... : -5..5 -> 1 0 1 2 1 | 0 1 2 | 1 0 1
        QCOMPARE(p.sourceX, (std::vector<int>{1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1}));
        const cv::Mat one = randomImage(1, 1, CV_8UC1, 5);
        const PixelInspection single =
            inspectPixel(one, k, {CorrelationMode::Correlate, BorderMode::Reflect101, false}, 0, 0);
        for (int sx : single.sourceX) QCOMPARE(sx, 0);
    }

    void outOfRangeRequestsThrow() {
        const cv::Mat src = randomImage(4, 5, CV_8UC3, 1);
        const Kernel k;
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inspectPixel(src, k, {}, 5, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inspectPixel(src, k, {}, 0, 4));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inspectPixel(src, k, {}, -1, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inspectPixel(src, k, {}, 0, 0, 3));
        FilterOptions gray;
        gray.grayscale = true;
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inspectPixel(src, k, gray, 0, 0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inspectPixel(cv::Mat(), k, {}, 0, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inspectPixel(cv::Mat(2, 2, CV_16UC1), k, {}, 0, 0));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestPixelInspection)
#include "test_pixel_inspection.moc"
