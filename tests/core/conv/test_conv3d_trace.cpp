// Conv3dTrace against PyTorch's conv3d (conv3d_fixture.json, written by make_conv3d_fixture.py next to it):
// every output element and the taps of a few steps for several shapes, strides, paddings, dilations and
// channel counts; then the step bookkeeping, the arithmetic text, the presets and the validation sentences.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "core/conv/conv3d_examples.h"
#include "core/conv/conv3d_trace.h"
#include "tests/core/conv/conv_error_text.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::conv::testing::errorOf;

namespace {

std::vector<double> numbers(const QJsonValue& value) {
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toDouble());
    return out;
}

std::vector<int> integers(const QJsonValue& value) {
    std::vector<int> out;
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toInt());
    return out;
}

Triple triple(const QJsonValue& value) {
    const std::vector<int> v = integers(value);
    return {v.at(0), v.at(1), v.at(2)};
}

QJsonArray fixtureCases() {
    QFile file(QStringLiteral(CONV3D_FIXTURE));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", CONV3D_FIXTURE);
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

Conv3dTrace traceOf(const QJsonObject& c) {
    const std::vector<int> in = integers(c["input_shape"]);
    const std::vector<int> w = integers(c["weight_shape"]);
    FilterBank3d bank(w.at(0), w.at(1), w.at(2), w.at(3), w.at(4));
    bank.weights = numbers(c["weights"]);
    if (!c["bias"].isNull()) bank.bias = numbers(c["bias"]);
    Conv3dSpec spec;
    spec.stride = triple(c["stride"]);
    spec.padding = triple(c["padding"]);
    spec.dilation = triple(c["dilation"]);
    return Conv3dTrace(Volume3d(in.at(0), in.at(1), in.at(2), in.at(3), numbers(c["input"])), bank, spec);
}

Conv3dTrace small(Conv3dSpec spec = {}, std::vector<double> bias = {}) {
    FilterBank3d bank = FilterBank3d::fromKernel(2, 2, 2, std::vector<double>(8, 1.0));
    bank.bias = std::move(bias);
    return Conv3dTrace(Volume3d::sequence(1, 3, 3, 3), bank, spec);
}

}  // namespace

class TestConv3dTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTorch_data() {
        QTest::addColumn<QJsonObject>("fixture");
        const QJsonArray cases = fixtureCases();
        QVERIFY(cases.size() >= 6);
        for (const QJsonValue& c : cases)
            QTest::newRow(qPrintable(c.toObject()["name"].toString())) << c.toObject();
    }

    void matchesTorch() {
        QFETCH(QJsonObject, fixture);
        const Conv3dTrace trace = traceOf(fixture);
        const std::vector<int> shape = integers(fixture["output_shape"]);
        const Volume3d& out = trace.output();
        QCOMPARE(std::vector<int>({out.channels, out.depth, out.height, out.width}), shape);
        const std::vector<double> expected = numbers(fixture["output"]);
        QCOMPARE(out.values.size(), expected.size());
        QCOMPARE(trace.stepCount(), static_cast<int>(expected.size()));
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QVERIFY2(
                std::abs(out.values[i] - expected[i]) < 1e-9,
                qPrintable(
                    QStringLiteral("output %1: %2 vs torch %3").arg(i).arg(out.values[i]).arg(expected[i])));
        }
        for (const QJsonValue& sv : fixture["steps"].toArray()) {
            const QJsonObject s = sv.toObject();
            const Conv3dStep step = trace.step(s["index"].toInt());
            const std::vector<int> where = integers(s["output_index"]);
            QCOMPARE(std::vector<int>({step.channel, step.z, step.y, step.x}), where);
            QCOMPARE(trace.stepIndexOf(where[0], where[1], where[2], where[3]), s["index"].toInt());
            QVERIFY(std::abs(step.result - s["result"].toDouble()) < 1e-9);
            const QJsonArray taps = s["taps"].toArray();
            QCOMPARE(step.taps.size(), static_cast<std::size_t>(taps.size()));
            for (int t = 0; t < taps.size(); ++t) {
                const QJsonArray e = taps[t].toArray();
                const Tap3d& tap = step.taps[static_cast<std::size_t>(t)];
                QCOMPARE(std::vector<int>(
                             {tap.channel, tap.z, tap.y, tap.x, tap.kernelZ, tap.kernelY, tap.kernelX}),
                         std::vector<int>({e[0].toInt(), e[1].toInt(), e[2].toInt(), e[3].toInt(),
                                           e[4].toInt(), e[5].toInt(), e[6].toInt()}));
                QCOMPARE(tap.padded, e[7].toBool());
                QCOMPARE(tap.value, e[8].toDouble());
                QCOMPARE(tap.weight, e[9].toDouble());
                QCOMPARE(tap.product, tap.value * tap.weight);
            }
        }
    }

    void stepsReplayTheOutput() {
        Conv3dSpec spec;
        spec.padding = {1, 0, 1};
        spec.stride = {2, 1, 2};
        const Conv3dTrace trace = small(spec, {0.5});
        // Output: depth floor((3+2−2)/2)+1 = 2, height 2, width floor((3+2−2)/2)+1 = 2.
        QCOMPARE(QString::fromStdString(trace.output().shapeText()), QStringLiteral("1x2x2x2"));
        for (int i = 0; i < trace.stepCount(); ++i) {
            const Conv3dStep s = trace.step(i);
            double sum = 0;
            for (const Tap3d& t : s.taps) sum += t.product;
            QCOMPARE(s.sum, sum);
            QCOMPARE(s.result, s.sum + 0.5);
            QCOMPARE(trace.output().values[static_cast<std::size_t>(i)], s.result);
        }
        const Volume3d half = trace.partialOutput(3);
        QCOMPARE(half.values[2], trace.output().values[2]);
        QVERIFY(std::isnan(half.values[3]));
        QVERIFY(std::isnan(trace.partialOutput(0).values[0]));
        QCOMPARE(trace.partialOutput(trace.stepCount()).values, trace.output().values);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, trace.step(trace.stepCount()));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, trace.partialOutput(-1));
        QCOMPARE(trace.stepIndexOf(0, 2, 0, 0), -1);

        const Volume3d padded = trace.paddedInput();
        QCOMPARE(QString::fromStdString(padded.shapeText()), QStringLiteral("1x5x3x5"));
        QCOMPARE(padded.at(0, 0, 1, 1), 0.0);                           // a padding plane
        QCOMPARE(padded.at(0, 1, 0, 1), trace.input().at(0, 0, 0, 0));  // input (0,0,0)
        QCOMPARE(padded.at(0, 3, 2, 3), trace.input().at(0, 2, 2, 2));
    }

    void arithmeticText() {
        const Conv3dTrace trace = small();
        // Input 1..27 (3x3x3); the first window holds 1,2,4,5 then 10,11,13,14: 60.
        const Conv3dStep first = trace.step(0);
        QCOMPARE(first.result, 60.0);
        QCOMPARE(QString::fromStdString(trace.arithmetic(first)),
                 QStringLiteral("1·1 + 2·1 + 4·1 + 5·1 + 10·1 + 11·1 + 13·1 + 14·1 = 60"));
        QCOMPARE(QString::fromStdString(trace.arithmetic(first, 2)), QStringLiteral("1·1 + 2·1 + … = 60"));
        const Conv3dTrace biased = small({}, {-2});
        QCOMPARE(QString::fromStdString(biased.arithmetic(biased.step(0), 1)),
                 QStringLiteral("1·1 + … − 2 (bias) = 58"));
    }

    void presets() {
        QCOMPARE(conv3dKernel("ones", 1, 2, 2), std::vector<double>(4, 1.0));
        QCOMPARE(conv3dKernel("frame-difference", 3, 1, 2), std::vector<double>({-1, -1, 0, 0, 1, 1}));
        QCOMPARE(conv3dKernel("mean", 2, 1, 1), std::vector<double>({0.5, 0.5}));
        QCOMPARE(errorOf([] { conv3dKernel("sobel", 3, 3, 3); }),
                 QStringLiteral("Unknown 3-D kernel 'sobel'; the presets are ones, frame-difference, mean."));
        QVERIFY(errorOf([] { conv3dKernel("frame-difference", 1, 3, 3); }).contains("at least 2"));

        // The square moves one column per frame; a 2-frame difference sees only its two edges.
        const Volume3d video = movingSquareVideo(4, 4, 6, 2);
        QCOMPARE(video.at(0, 0, 1, 0), 1.0);
        QCOMPARE(video.at(0, 0, 1, 2), 0.0);
        QCOMPARE(video.at(0, 3, 2, 4), 1.0);
        QCOMPARE(video.at(0, 3, 2, 2), 0.0);
        const Conv3dTrace motion(
            video, FilterBank3d::fromKernel(2, 1, 1, conv3dKernel("frame-difference", 2, 1, 1)), {});
        // Between frames 0 and 1 the square leaves column 0 (−1) and enters column 2 (+1); elsewhere 0.
        QCOMPARE(motion.output().at(0, 0, 1, 0), -1.0);
        QCOMPARE(motion.output().at(0, 0, 1, 1), 0.0);
        QCOMPARE(motion.output().at(0, 0, 1, 2), 1.0);
        QCOMPARE(motion.output().at(0, 0, 0, 2), 0.0);
    }

    void validation() {
        const Volume3d seq = Volume3d::sequence(2, 3, 4, 4);
        const FilterBank3d ones = FilterBank3d::fromKernel(3, 3, 3, std::vector<double>(27, 1.0), 1, 2);
        QCOMPARE(errorOf([&] {
                     Conv3dTrace(seq, FilterBank3d::fromKernel(3, 3, 3, std::vector<double>(27, 1.0)), {});
                 }),
                 QStringLiteral("The filters take 1 input channel but the input has 2."));
        Conv3dSpec deep;
        deep.dilation = {2, 1, 1};
        QCOMPARE(errorOf([&] { Conv3dTrace(seq, ones, deep); }),
                 QStringLiteral("The dilated kernel spans 5 pixels, more than the padded input depth of 3."));
        Conv3dSpec zero;
        zero.stride = {0, 1, 1};
        QCOMPARE(errorOf([&] { Conv3dTrace(seq, ones, zero); }),
                 QStringLiteral("Stride along the depth must be at least 1 (got 0)."));
        FilterBank3d biased = ones;
        biased.bias = {1, 2};
        QVERIFY(errorOf([&] { Conv3dTrace(seq, biased, {}); }).contains("one per output channel"));
        Volume3d broken = seq;
        broken.values.pop_back();
        QVERIFY(errorOf([&] { Conv3dTrace(broken, ones, {}); }).contains("needs 96"));
        FilterBank3d short_ = ones;
        short_.weights.pop_back();
        QVERIFY(errorOf([&] { Conv3dTrace(seq, short_, {}); }).contains("needs 54"));
        QVERIFY(errorOf([&] { Conv3dTrace(Volume3d(1, 0, 3, 3), ones, {}); }).contains("empty"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FilterBank3d(1, 1, 0, 3, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Volume3d(1, 2, 2, 2, {1.0}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestConv3dTrace)
#include "test_conv3d_trace.moc"
