// outputShape() and outputShapeArithmetic(): whole-layer shapes for every operation, every validation error
// as the sentence a learner reads, and the worked examples checked against the seeds' stated outputs.
#include <iterator>
#include <string>

#include <QTest>

#include "core/conv/output_size.h"
#include "core/conv/worked_examples.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

namespace {

Volume shape(int c, int h, int w) {
    return Volume(c, h, w);
}

}  // namespace

class TestOutputShape : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outputShapes() {
        // 6x6x3 with twenty 3x3x3 filters -> 4x4x20 (004 notes).
        Volume out = outputShape(shape(3, 6, 6), FilterBank(20, 3, 3, 3), ConvSpec{});
        QCOMPARE(out.shapeText(), std::string("20x4x4"));
        QVERIFY(out.values.empty());
        // Depthwise: groups = channels, one input channel per group.
        ConvSpec depthwise;
        depthwise.groups = 4;
        depthwise.padding = Padding::uniform(1);
        QCOMPARE(outputShape(shape(4, 5, 7), FilterBank(8, 1, 3, 3), depthwise).shapeText(),
                 std::string("8x5x7"));
        // Rectangular kernel, per-axis stride and asymmetric padding.
        ConvSpec rect;
        rect.stride = {2, 1};
        rect.padding = {0, 1, 2, 0};
        QCOMPARE(outputShape(shape(1, 7, 5), FilterBank(1, 1, 3, 2), rect).shapeText(), std::string("1x3x6"));
        // Pooling keeps channels and ignores the weights entirely.
        ConvSpec pool;
        pool.op = Operation::MaxPool;
        pool.poolKernel = {3, 3};
        pool.stride = {2, 2};
        QCOMPARE(outputShape(shape(96, 55, 55), FilterBank{}, pool).shapeText(), std::string("96x27x27"));
        pool.dilation = {2, 1};
        pool.padding = Padding::uniform(1);
        QCOMPARE(outputShape(shape(2, 9, 9), FilterBank{}, pool).shapeText(), std::string("2x4x5"));
        // Transposed: weights C_in x C_out/groups x kH x kW, so 4 -> 2 groups x 3 = 6 output channels.
        ConvSpec transposed;
        transposed.op = Operation::Transposed;
        transposed.groups = 2;
        transposed.stride = {2, 2};
        transposed.padding = Padding::uniform(1);
        transposed.outputPadding = {1, 0};
        QCOMPARE(outputShape(shape(4, 3, 3), FilterBank(4, 3, 3, 3), transposed).shapeText(),
                 std::string("6x6x5"));
        // Reflect needs p < n, circular allows p = n.
        ConvSpec circular;
        circular.paddingMode = PaddingMode::Circular;
        circular.padding = Padding::uniform(3);
        QCOMPARE(outputShape(shape(1, 3, 3), FilterBank(1, 1, 3, 3), circular).shapeText(),
                 std::string("1x7x7"));
        ConvSpec reflect;
        reflect.paddingMode = PaddingMode::Reflect;
        reflect.padding = Padding::uniform(2);
        QCOMPARE(outputShape(shape(1, 3, 3), FilterBank(1, 1, 3, 3), reflect).shapeText(),
                 std::string("1x5x5"));
    }

    void shapeArithmetic() {
        ConvSpec spec;
        spec.padding = {1, 1, 0, 2};
        QCOMPARE(QString::fromStdString(outputShapeArithmetic(shape(1, 6, 6), FilterBank(1, 1, 3, 3), spec)),
                 QStringLiteral("H: floor((6 + 2·1 − 1·(3 − 1) − 1) / 1) + 1 = 6; "
                                "W: floor((6 + (0 + 2) − 1·(3 − 1) − 1) / 1) + 1 = 6"));
        ConvSpec transposed;
        transposed.op = Operation::Transposed;
        transposed.stride = {2, 2};
        QCOMPARE(
            QString::fromStdString(outputShapeArithmetic(shape(1, 2, 3), FilterBank(1, 1, 2, 2), transposed)),
            QStringLiteral(
                "H: (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4; W: (3 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 6"));
    }

    void shapeErrors_data() {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        ConvSpec conv;
        QTest::newRow("groups do not divide input") << errorOf([&] {
            ConvSpec s;
            s.groups = 3;
            outputShape(shape(4, 6, 6), FilterBank(3, 1, 3, 3), s);
        }) << "Groups (3) must divide the input channels (4).";
        QTest::newRow("groups do not divide output") << errorOf([&] {
            ConvSpec s;
            s.groups = 2;
            outputShape(shape(4, 6, 6), FilterBank(3, 2, 3, 3), s);
        }) << "Groups (2) must divide the output channels (3).";
        QTest::newRow("groups 0") << errorOf([&] {
            ConvSpec s;
            s.groups = 0;
            outputShape(shape(4, 6, 6), FilterBank(3, 2, 3, 3), s);
        }) << "Groups must be at least 1 (got 0).";
        QTest::newRow("weights expect other channels")
            << errorOf([&] { outputShape(shape(3, 6, 6), FilterBank(2, 2, 3, 3), conv); })
            << "The weights expect 2 input channels per group but the input has 3 channels with groups 1.";
        QTest::newRow("bias length") << errorOf([&] {
            FilterBank w(2, 1, 3, 3);
            w.bias = {1, 2, 3};
            outputShape(shape(1, 6, 6), w, conv);
        }) << "The bias has 3 values but there are 2 output channels.";
        QTest::newRow("weights size") << errorOf([&] {
            FilterBank w(2, 1, 3, 3);
            w.weights.pop_back();
            outputShape(shape(1, 6, 6), w, conv);
        }) << "The filter bank holds 17 weights but its shape 2x1x3x3 needs 18.";
        QTest::newRow("empty filter bank")
            << errorOf([&] { outputShape(shape(1, 6, 6), FilterBank{}, conv); })
            << "The filter bank is empty (0x0x0x0); it needs at least one 1x1 filter.";
        QTest::newRow("empty input")
            << errorOf([&] { outputShape(Volume{}, FilterBank(1, 1, 1, 1), conv); })
            << "The input is empty (0x0x0); it needs at least one channel, one row and "
               "one column.";
        QTest::newRow("reflect p = n") << errorOf([&] {
            ConvSpec s;
            s.paddingMode = PaddingMode::Reflect;
            s.padding = {0, 0, 3, 0};
            outputShape(shape(1, 6, 3), FilterBank(1, 1, 3, 3), s);
        }) << "Reflect padding (3 on the left) must be smaller than the input width (3).";
        QTest::newRow("circular p > n") << errorOf([&] {
            ConvSpec s;
            s.paddingMode = PaddingMode::Circular;
            s.padding = {0, 4, 0, 0};
            outputShape(shape(1, 3, 6), FilterBank(1, 1, 3, 3), s);
        }) << "Circular padding (4 at the bottom) must not exceed the input height (3).";
        QTest::newRow("pool padding over half the window")
            << errorOf([&] {
                   ConvSpec s;
                   s.op = Operation::MaxPool;
                   s.poolKernel = {3, 3};
                   s.padding = Padding::uniform(2);
                   outputShape(shape(1, 6, 6), FilterBank{}, s);
               })
            << "Pooling padding (2 at the top) must be at most half the window height (3 / 2 = 1), as in "
               "PyTorch.";
        QTest::newRow("avg pool dilation") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::AvgPool;
            s.dilation = {1, 2};
            outputShape(shape(1, 6, 6), FilterBank{}, s);
        }) << "Average pooling has no dilation (got 1x2); use dilation 1.";
        QTest::newRow("pool with reflect") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::AvgPool;
            s.paddingMode = PaddingMode::Reflect;
            outputShape(shape(1, 6, 6), FilterBank{}, s);
        })
                                           << "Pooling pads only with zeros (−∞ for max pooling); set the "
                                              "padding mode to zeros (got reflect).";
        QTest::newRow("pool window 0") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::MaxPool;
            s.poolKernel = {0, 2};
            outputShape(shape(1, 6, 6), FilterBank{}, s);
        }) << "The pooling window must be at least 1x1 (got 0x2).";
        QTest::newRow("pool window too large") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::MaxPool;
            s.poolKernel = {2, 7};
            outputShape(shape(1, 6, 6), FilterBank{}, s);
        }) << "The kernel spans 7 pixels, more than the padded input width of 6.";
        QTest::newRow("transposed weights first dimension") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            outputShape(shape(3, 4, 4), FilterBank(4, 1, 3, 3), s);
        }) << "The transposed weights expect 4 input channels (their first dimension) but the input has 3.";
        QTest::newRow("transposed groups") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            s.groups = 2;
            outputShape(shape(3, 4, 4), FilterBank(3, 1, 3, 3), s);
        }) << "Groups (2) must divide the input channels (3).";
        QTest::newRow("transposed bias") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            s.groups = 2;
            FilterBank w(4, 3, 3, 3);
            w.bias = {0, 0, 0};
            outputShape(shape(4, 4, 4), w, s);
        }) << "The bias has 3 values but there are 6 output channels.";
        QTest::newRow("transposed reflect") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            s.paddingMode = PaddingMode::Reflect;
            outputShape(shape(1, 4, 4), FilterBank(1, 1, 3, 3), s);
        }) << "Transposed convolution supports only zero padding, as in PyTorch (got reflect).";
        QTest::newRow("transposed output padding") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            s.stride = {2, 2};
            s.outputPadding = {0, 2};
            outputShape(shape(1, 4, 4), FilterBank(1, 1, 3, 3), s);
        }) << "Output padding (2) along the width must be smaller than the stride (2) or the dilation (1).";
        QTest::newRow("negative padding in spec") << errorOf([&] {
            ConvSpec s;
            s.padding = {0, 0, -1, 0};
            outputShape(shape(1, 4, 4), FilterBank(1, 1, 3, 3), s);
        }) << "Padding must not be negative (got −1 on the left).";
        QTest::newRow("output beyond int") << errorOf([&] {
            ConvSpec s;
            s.op = Operation::Transposed;
            s.stride = {50000, 50000};
            outputShape(shape(1, 2, 2), FilterBank(1, 1, 1, 1), s);
        }) << "The output would have 2500100001 values (1x50001x50001), more than this program can hold.";
    }
    void shapeErrors() {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(message, expected);
    }

    void workedExamplesMatchTheSeeds() {
        struct Expected {
            const char* id;
            Operation op;
            int inChannels, inputSize, kernel, stride, pad, channels, size;
        };
        // The seeds' statements, in the panel's menu order.
        const Expected expected[] = {
            {"seed-6x6-conv", Operation::Convolution, 1, 6, 3, 1, 1, 2, 6},
            {"seed-6x6-maxpool", Operation::MaxPool, 1, 6, 2, 2, 0, 1, 3},
            {"7x7-3x3", Operation::Convolution, 1, 7, 3, 1, 0, 1, 5},
            {"7x7-3x3-stride2", Operation::Convolution, 1, 7, 3, 2, 0, 1, 3},
            {"cs231n-32x32x3", Operation::Convolution, 3, 32, 5, 1, 2, 10, 32},
            {"notes-6x6x3-twenty", Operation::Convolution, 3, 6, 3, 1, 0, 20, 4},
            {"notes-56x56x64-1x1", Operation::Convolution, 64, 56, 1, 1, 0, 32, 56},
            {"alexnet-conv1", Operation::Convolution, 3, 227, 11, 4, 0, 96, 55},
            {"alexnet-pool1", Operation::MaxPool, 96, 55, 3, 2, 0, 96, 27},
        };
        const auto& examples = workedExamples();
        QCOMPARE(examples.size(), std::size(expected));
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const WorkedExample& e = examples[i];
            const Expected& x = expected[i];
            const QByteArray where = QByteArray("example ") + x.id;
            QVERIFY2(e.id == x.id, where.constData());
            QVERIFY2(e.spec.op == x.op, where.constData());
            QVERIFY2(e.inChannels == x.inChannels && e.inputSize == x.inputSize && e.kernel == x.kernel,
                     where.constData());
            QVERIFY2(e.spec.stride == (Pair2{x.stride, x.stride}), where.constData());
            QVERIFY2(e.spec.padding == Padding::uniform(x.pad), where.constData());
            QVERIFY2(e.expectedChannels == x.channels && e.expectedSize == x.size, where.constData());
            QVERIFY2(!e.title.empty() && e.source.find(".txt") != std::string::npos, where.constData());
            // The engine agrees with the seed's stated output.
            FilterBank w;
            if (e.spec.op == Operation::Convolution) {
                w = FilterBank(e.outChannels, e.inChannels, e.kernel, e.kernel);
            } else {
                QVERIFY2(e.spec.poolKernel == (Pair2{x.kernel, x.kernel}), where.constData());
            }
            const Volume out = outputShape(Volume(e.inChannels, e.inputSize, e.inputSize), w, e.spec);
            QVERIFY2(out.channels == x.channels && out.height == x.size && out.width == x.size,
                     (where + " gives " + QByteArray::fromStdString(out.shapeText())).constData());
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestOutputShape)
#include "test_output_shape.moc"
