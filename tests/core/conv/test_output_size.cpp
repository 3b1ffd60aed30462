// convOutputSize and transposedOutputSize: the seeds' worked examples, edge cases, the arithmetic text and
// every error. Expected sizes are the seeds' stated answers or hand-computed literals; messages are the
// sentences a learner sees.
#include <string>

#include <QTest>

#include "core/conv/output_size.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

class TestOutputSize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedExamples_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("pad");
        QTest::addColumn<int>("expected");
        // 002 slides: "(32+2*2-5)/1+1 = 32", "(227-11)/4+1 = 55", "(55-3)/2+1 = 27" and the AlexNet table.
        QTest::newRow("cs231n 32x32x3, 5x5 s1 p2") << 32 << 5 << 1 << 2 << 32;
        QTest::newRow("AlexNet CONV1") << 227 << 11 << 4 << 0 << 55;
        QTest::newRow("AlexNet POOL1") << 55 << 3 << 2 << 0 << 27;
        QTest::newRow("AlexNet CONV2") << 27 << 5 << 1 << 2 << 27;
        QTest::newRow("AlexNet POOL2") << 27 << 3 << 2 << 0 << 13;
        QTest::newRow("AlexNet CONV3") << 13 << 3 << 1 << 1 << 13;
        QTest::newRow("AlexNet POOL3") << 13 << 3 << 2 << 0 << 6;
        // 004 notes: "1 + (7+0-3)/1 = 5"; stride 2 on the same example.
        QTest::newRow("7x7 3x3 s1") << 7 << 3 << 1 << 0 << 5;
        QTest::newRow("7x7 3x3 s2") << 7 << 3 << 2 << 0 << 3;
        // 000 textbook: SimpleConv2d(padding=1) keeps 6x6; SimpleMaxPool2d(2) halves it; 6x6x3 -> 4x4 with
        // 3x3.
        QTest::newRow("6x6 3x3 pad 1") << 6 << 3 << 1 << 1 << 6;
        QTest::newRow("6x6 2x2 pool s2") << 6 << 2 << 2 << 0 << 3;
        QTest::newRow("6x6 3x3 -> 4x4") << 6 << 3 << 1 << 0 << 4;
        // 004 pointwise: 56x56x64 -> 56x56x32 with 1x1.
        QTest::newRow("1x1 pointwise") << 56 << 1 << 1 << 0 << 56;
    }
    void seedExamples() {
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, stride);
        QFETCH(int, pad);
        QFETCH(int, expected);
        QCOMPARE(convOutputSize(n, k, stride, pad, pad, 1).size, expected);
    }

    void edgeCases_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padBefore");
        QTest::addColumn<int>("padAfter");
        QTest::addColumn<int>("dilation");
        QTest::addColumn<int>("expected");
        QTest::newRow("k = n") << 5 << 5 << 1 << 0 << 0 << 1 << 1;
        QTest::newRow("k = n, large stride") << 5 << 5 << 7 << 0 << 0 << 1 << 1;
        QTest::newRow("k = n + 2p") << 3 << 5 << 1 << 1 << 1 << 1 << 1;
        QTest::newRow("floor drops the remainder") << 8 << 3 << 2 << 0 << 0 << 1 << 3;
        QTest::newRow("stride larger than input") << 4 << 1 << 10 << 0 << 0 << 1 << 1;
        QTest::newRow("dilation 2 spans 5") << 7 << 3 << 1 << 0 << 0 << 2 << 3;
        QTest::newRow("dilation 3 spans n") << 7 << 3 << 1 << 0 << 0 << 3 << 1;
        QTest::newRow("dilation with padding") << 7 << 3 << 1 << 2 << 2 << 2 << 7;
        QTest::newRow("asymmetric 0 + 2") << 6 << 3 << 1 << 0 << 2 << 1 << 6;
        QTest::newRow("asymmetric 1 + 0, stride 2") << 6 << 2 << 2 << 1 << 0 << 1 << 3;
        QTest::newRow("1x1 input") << 1 << 1 << 1 << 0 << 0 << 1 << 1;
    }
    void edgeCases() {
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, stride);
        QFETCH(int, padBefore);
        QFETCH(int, padAfter);
        QFETCH(int, dilation);
        QFETCH(int, expected);
        QCOMPARE(convOutputSize(n, k, stride, padBefore, padAfter, dilation).size, expected);
    }

    void arithmeticText() {
        QCOMPARE(QString::fromStdString(convOutputSize(6, 3, 1, 1, 1, 1).arithmetic),
                 QStringLiteral("floor((6 + 2·1 − 1·(3 − 1) − 1) / 1) + 1 = 6"));
        QCOMPARE(QString::fromStdString(convOutputSize(227, 11, 4, 0, 0, 1).arithmetic),
                 QStringLiteral("floor((227 + 2·0 − 1·(11 − 1) − 1) / 4) + 1 = 55"));
        QCOMPARE(QString::fromStdString(convOutputSize(6, 3, 1, 0, 2, 2).arithmetic),
                 QStringLiteral("floor((6 + (0 + 2) − 2·(3 − 1) − 1) / 1) + 1 = 4"));
        QCOMPARE(QString::fromStdString(transposedOutputSize(4, 4, 2, 1, 1, 1, 0).arithmetic),
                 QStringLiteral("(4 − 1)·2 − 2·1 + 1·(4 − 1) + 0 + 1 = 8"));
        QCOMPARE(QString::fromStdString(transposedOutputSize(3, 3, 2, 0, 1, 1, 1).arithmetic),
                 QStringLiteral("(3 − 1)·2 − (0 + 1) + 1·(3 − 1) + 1 + 1 = 7"));
    }

    void transposedSizes_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padBefore");
        QTest::addColumn<int>("padAfter");
        QTest::addColumn<int>("dilation");
        QTest::addColumn<int>("outputPadding");
        QTest::addColumn<int>("expected");
        QTest::newRow("DCGAN doubling k4 s2 p1") << 4 << 4 << 2 << 1 << 1 << 1 << 0 << 8;
        QTest::newRow("k3 s2 p1") << 2 << 3 << 2 << 1 << 1 << 1 << 0 << 3;
        QTest::newRow("k3 s2 p1 + output padding 1") << 2 << 3 << 2 << 1 << 1 << 1 << 1 << 4;
        QTest::newRow("stride 1 undoes a valid conv") << 5 << 3 << 1 << 0 << 0 << 1 << 0 << 7;
        QTest::newRow("dilation 2") << 3 << 3 << 1 << 0 << 0 << 2 << 0 << 7;
        QTest::newRow("output padding < dilation") << 3 << 3 << 1 << 0 << 0 << 2 << 1 << 8;
        QTest::newRow("asymmetric crop") << 3 << 3 << 2 << 0 << 1 << 1 << 1 << 7;
        QTest::newRow("1x1 kernel stride 3") << 2 << 1 << 3 << 0 << 0 << 1 << 2 << 6;
    }
    void transposedSizes() {
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, stride);
        QFETCH(int, padBefore);
        QFETCH(int, padAfter);
        QFETCH(int, dilation);
        QFETCH(int, outputPadding);
        QFETCH(int, expected);
        QCOMPARE(transposedOutputSize(n, k, stride, padBefore, padAfter, dilation, outputPadding).size,
                 expected);
    }

    void sizeErrors_data() {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        const auto conv = [](int n, int k, int s, int pb, int pa, int d) {
            return errorOf([=] { convOutputSize(n, k, s, pb, pa, d, "height"); });
        };
        const auto tconv = [](int n, int k, int s, int pb, int pa, int d, int op, const char* axis) {
            return errorOf([=] { transposedOutputSize(n, k, s, pb, pa, d, op, axis); });
        };
        QTest::newRow("stride 0") << conv(6, 3, 0, 0, 0, 1)
                                  << "Stride along the height must be at least 1 (got 0).";
        QTest::newRow("stride 0 no axis")
            << errorOf([] { convOutputSize(6, 3, 0, 0, 0, 1); }) << "Stride must be at least 1 (got 0).";
        QTest::newRow("dilation 0") << conv(6, 3, 1, 0, 0, 0)
                                    << "Dilation along the height must be at least 1 (got 0).";
        QTest::newRow("empty input") << conv(0, 3, 1, 0, 0, 1)
                                     << "The input height must be at least 1 pixel (got 0).";
        QTest::newRow("kernel 0") << conv(6, 0, 1, 0, 0, 1)
                                  << "The kernel height must be at least 1 (got 0).";
        QTest::newRow("negative padding")
            << conv(6, 3, 1, -1, 0, 1) << "Padding must not be negative (got −1 at the top).";
        QTest::newRow("negative padding after") << errorOf([] { convOutputSize(6, 3, 1, 0, -2, 1, "width"); })
                                                << "Padding must not be negative (got −2 on the right).";
        QTest::newRow("dilated kernel too large")
            << conv(4, 3, 1, 0, 0, 2)
            << "The dilated kernel spans 5 pixels, more than the padded input height of 4.";
        QTest::newRow("kernel too large")
            << errorOf([] { convOutputSize(3, 7, 1, 1, 1, 1, "width"); })
            << "The kernel spans 7 pixels, more than the padded input width of 5.";
        QTest::newRow("output padding too large")
            << tconv(3, 3, 2, 0, 0, 1, 2, "")
            << "Output padding (2) must be smaller than the stride (2) or the dilation (1).";
        QTest::newRow("output padding with axis")
            << tconv(3, 3, 1, 0, 0, 1, 1, "width")
            << "Output padding (1) along the width must be smaller than the stride (1) or the dilation (1).";
        QTest::newRow("negative output padding")
            << tconv(3, 3, 2, 0, 0, 1, -1, "height")
            << "Output padding along the height must not be negative (got −1).";
        QTest::newRow("transposed stride 0")
            << tconv(3, 3, 0, 0, 0, 1, 0, "height") << "Stride along the height must be at least 1 (got 0).";
        QTest::newRow("transposed cropped away") << tconv(1, 1, 1, 1, 1, 1, 0, "height")
                                                 << "The transposed output height would be −1: the padding "
                                                    "(1 + 1) crops away the whole 1-pixel output.";
        QTest::newRow("padded input beyond int")
            << conv(10, 3, 1, 2000000000, 2000000000, 1)
            << "The padded input height would be 4000000010 pixels, more than this program can hold.";
    }
    void sizeErrors() {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(message, expected);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestOutputSize)
#include "test_output_size.moc"
