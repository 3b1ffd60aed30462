// ConvTrace: step order, taps, sums, partial outputs and the arithmetic text, checked against naive loops
// written here (independent of the engine), hand-computed literals on the textbook's 6x6 input 1..36, and
// exact strings.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include <unistd.h>

#include <QTest>

#include "core/conv/conv_trace.h"
#include "tests/core/conv/naive_conv.h"
#include "tests/core/conv/seed_trace.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using convscope::common::Cancelled;
using convscope::common::JobControl;
using namespace convscope::conv::testing;

namespace {

// The process's resident set in MiB (Linux: the second field of /proc/self/statm, in pages).
double residentMiB() {
    std::ifstream statm("/proc/self/statm");
    long long size = 0, resident = 0;
    statm >> size >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

class TestConvTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedConvolutionMatchesNaiveLoop() {
        const ConvTrace t = seedTrace();
        QCOMPARE(t.output().shapeText(), std::string("2x6x6"));
        QVERIFY(sameValues(t.output(), naiveConv(t.input(), t.weights(), 1, 1, PaddingMode::Zeros)));
        // Hand-computed: Sobel x on a ramp that rises by 1 per column is −8 inside; the Laplacian of a ramp
        // is 0.
        QCOMPARE(t.output().at(0, 2, 3), -8.0 + 0.5);
        QCOMPARE(t.output().at(1, 3, 2), 0.0 - 1.0);
        // Top-left corner with zero padding: 2·(−2) + 8·(−1) = −12; Laplacian 1·(−4) + 2 + 7 = 5.
        QCOMPARE(t.output().at(0, 0, 0), -12.0 + 0.5);
        QCOMPARE(t.output().at(1, 0, 0), 5.0 - 1.0);
    }

    void everyStepAgreesWithOutput() {
        const ConvTrace t = seedTrace();
        QCOMPARE(t.stepCount(), 72);
        for (int i = 0; i < t.stepCount(); ++i) {
            const TraceStep s = t.step(i);
            QCOMPARE(s.index, i);
            QCOMPARE(s.channel, i / 36);
            QCOMPARE(s.y, (i % 36) / 6);
            QCOMPARE(s.x, i % 6);
            QCOMPARE(s.group, 0);
            QCOMPARE(t.stepIndexOf(s.channel, s.y, s.x), i);
            QCOMPARE(s.taps.size(), std::size_t(9));
            double sum = 0;
            for (const Tap& tap : s.taps) {
                QCOMPARE(tap.product, tap.value * tap.weight);
                QCOMPARE(tap.weight, t.weights().at(s.channel, tap.kernelChannel, tap.kernelY, tap.kernelX));
                sum += tap.product;
            }
            QCOMPARE(s.sum, sum);
            QCOMPARE(s.bias, s.channel == 0 ? 0.5 : -1.0);
            QCOMPARE(s.result, s.sum + s.bias);
            QCOMPARE(s.result, t.output().at(s.channel, s.y, s.x));
            QCOMPARE(s.winner, -1);
            QCOMPARE(s.divisor, 1);
        }
    }

    void stepBoundsAndIndex() {
        const ConvTrace t = seedTrace();
        QCOMPARE(t.stepIndexOf(1, 2, 3), 36 + 2 * 6 + 3);
        QCOMPARE(t.stepIndexOf(2, 0, 0), -1);
        QCOMPARE(t.stepIndexOf(0, 6, 0), -1);
        QCOMPARE(t.stepIndexOf(0, 0, -1), -1);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.step(-1));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.step(72));
    }

    void tapsOfTheCornerStep() {
        const TraceStep s = seedTrace().step(0);
        const bool padded[9] = {true, true, true, true, false, false, true, false, false};
        const double values[9] = {0, 0, 0, 0, 1, 2, 0, 7, 8};
        for (int i = 0; i < 9; ++i) {
            const Tap& tap = s.taps[i];
            QCOMPARE(tap.kernelY, i / 3);
            QCOMPARE(tap.kernelX, i % 3);
            QCOMPARE(tap.kernelChannel, 0);
            QCOMPARE(tap.channel, 0);
            QCOMPARE(tap.y, i / 3 - 1);
            QCOMPARE(tap.x, i % 3 - 1);
            QCOMPARE(tap.padded, padded[i]);
            QCOMPARE(tap.value, values[i]);
            QCOMPARE(tap.sourceY, padded[i] ? -1 : tap.y);
            QCOMPARE(tap.sourceX, padded[i] ? -1 : tap.x);
        }
    }

    void paddingModes_data() {
        QTest::addColumn<int>("mode");
        // Sources of tap 0 (position −1, −1) and tap 2 (−1, 1) of step 0, and tap 8 (6, 6) of the last step.
        QTest::addColumn<QVector<int>>("sources");
        QTest::addColumn<QVector<double>>("values");
        QTest::newRow("reflect") << int(PaddingMode::Reflect) << QVector<int>{1, 1, 1, 1, 4, 4}
                                 << QVector<double>{8, 8, 29};
        QTest::newRow("replicate") << int(PaddingMode::Replicate) << QVector<int>{0, 0, 0, 1, 5, 5}
                                   << QVector<double>{1, 2, 36};
        QTest::newRow("circular") << int(PaddingMode::Circular) << QVector<int>{5, 5, 5, 1, 0, 0}
                                  << QVector<double>{36, 32, 1};
    }
    void paddingModes() {
        QFETCH(int, mode);
        QFETCH(QVector<int>, sources);
        QFETCH(QVector<double>, values);
        const PaddingMode m = static_cast<PaddingMode>(mode);
        const ConvTrace t = seedTrace(m);
        const Tap taps[3] = {t.step(0).taps[0], t.step(0).taps[2], t.step(35).taps[8]};
        for (int i = 0; i < 3; ++i) {
            QVERIFY(taps[i].padded);
            QCOMPARE(taps[i].sourceY, sources[2 * i]);
            QCOMPARE(taps[i].sourceX, sources[2 * i + 1]);
            QCOMPARE(taps[i].value, values[i]);
        }
        QVERIFY(sameValues(t.output(), naiveConv(t.input(), t.weights(), 1, 1, m)));
        const Volume padded = t.paddedInput();
        QCOMPARE(padded.shapeText(), std::string("1x8x8"));
        QCOMPARE(padded.at(0, 0, 0), values[0]);
        QCOMPARE(padded.at(0, 7, 7), values[2]);
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x) QCOMPARE(padded.at(0, y + 1, x + 1), t.input().at(0, y, x));
    }

    void zeroPaddedInput() {
        const Volume padded = seedTrace().paddedInput();
        QCOMPARE(padded.shapeText(), std::string("1x8x8"));
        QCOMPARE(padded.at(0, 0, 0), 0.0);
        QCOMPARE(padded.at(0, 7, 3), 0.0);
        QCOMPARE(padded.at(0, 1, 1), 1.0);
        QCOMPARE(padded.at(0, 6, 6), 36.0);
    }

    void partialOutput() {
        const ConvTrace t = seedTrace();
        const Volume ten = t.partialOutput(10);
        for (std::size_t i = 0; i < ten.size(); ++i) {
            if (i < 10) {
                QCOMPARE(ten.values[i], t.output().values[i]);
            } else {
                QVERIFY(std::isnan(ten.values[i]));
            }
        }
        const Volume none = t.partialOutput(0);
        for (double v : none.values) QVERIFY(std::isnan(v));
        QVERIFY(sameValues(t.partialOutput(72), t.output()));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.partialOutput(-1));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.partialOutput(73));
    }

    void maxPoolSeed() {
        // SimpleMaxPool2d(kernel_size=2) on 1..36: the bottom-right of each 2x2 block.
        const ConvTrace t(Volume::sequence(1, 6, 6), FilterBank{}, poolSpec(Operation::MaxPool, 2, 2));
        QCOMPARE(t.output().shapeText(), std::string("1x3x3"));
        QCOMPARE(t.output().values, (std::vector<double>{8, 10, 12, 20, 22, 24, 32, 34, 36}));
        const TraceStep s = t.step(0);
        QCOMPARE(s.taps.size(), std::size_t(4));
        QCOMPARE(s.winner, 3);
        QCOMPARE(s.result, 8.0);
        QCOMPARE(s.sum, 8.0);
        QCOMPARE(s.bias, 0.0);
        for (const Tap& tap : s.taps) QCOMPARE(tap.weight, 1.0);
        QCOMPARE(text(t.arithmetic(s)), QStringLiteral("max(1, 2, 7, 8) = 8"));
        QCOMPARE(text(t.arithmetic(s, 2)), QStringLiteral("max(1, 2, …) = 8"));
        for (int i = 0; i < t.stepCount(); ++i) QCOMPARE(t.step(i).result, t.output().values[i]);
    }

    void maxPoolPaddingNeverWins() {
        Volume negative = Volume::sequence(1, 6, 6);
        for (double& v : negative.values) v = -v;
        const ConvTrace t(negative, FilterBank{}, poolSpec(Operation::MaxPool, 3, 2, 1));
        QVERIFY(sameValues(t.output(), naivePool(negative, true, 3, 2, 1, 1, true)));
        const TraceStep s = t.step(0);
        QCOMPARE(s.winner, 4);
        QCOMPARE(s.result, -1.0);
        QVERIFY(s.taps[0].padded);
        QCOMPARE(s.taps[0].value, -kInf);
        QCOMPARE(text(t.arithmetic(s)), QStringLiteral("max(−∞, −∞, −∞, −∞, −1, −2, −∞, −7, −8) = −1"));
        const Volume padded = t.paddedInput();
        QCOMPARE(padded.shapeText(), std::string("1x8x8"));
        QVERIFY(std::isnan(padded.at(0, 0, 0)));
        QCOMPARE(padded.at(0, 1, 1), -1.0);
    }

    void maxPoolDilation() {
        ConvSpec spec = poolSpec(Operation::MaxPool, 2, 1);
        spec.dilation = {2, 2};
        const ConvTrace t(Volume::sequence(1, 6, 6), FilterBank{}, spec);
        QCOMPARE(t.output().shapeText(), std::string("1x4x4"));
        QCOMPARE(text(t.arithmetic(t.step(0))), QStringLiteral("max(1, 3, 13, 15) = 15"));
        QVERIFY(sameValues(t.output(), naivePool(t.input(), true, 2, 1, 0, 2, true)));
    }

    void avgPool() {
        const ConvTrace t(Volume::sequence(1, 6, 6), FilterBank{}, poolSpec(Operation::AvgPool, 2, 2));
        QCOMPARE(t.output().values, (std::vector<double>{4.5, 6.5, 8.5, 16.5, 18.5, 20.5, 28.5, 30.5, 32.5}));
        QCOMPARE(text(t.arithmetic(t.step(0))), QStringLiteral("(1 + 2 + 7 + 8) / 4 = 4.5"));
        QCOMPARE(t.step(0).divisor, 4);
        QCOMPARE(t.step(0).sum, 18.0);
        QCOMPARE(t.step(0).winner, -1);

        ConvSpec spec = poolSpec(Operation::AvgPool, 3, 2, 1);
        const ConvTrace include(Volume::sequence(1, 6, 6), FilterBank{}, spec);
        QCOMPARE(include.step(0).divisor, 9);
        QCOMPARE(include.step(0).result, 2.0);
        QCOMPARE(text(include.arithmetic(include.step(0))),
                 QStringLiteral("(0 + 0 + 0 + 0 + 1 + 2 + 0 + 7 + 8) / 9 = 2"));
        QVERIFY(sameValues(include.output(), naivePool(include.input(), false, 3, 2, 1, 1, true)));
        QCOMPARE(include.paddedInput().at(0, 0, 0), 0.0);

        spec.countIncludePad = false;
        const ConvTrace exclude(Volume::sequence(1, 6, 6), FilterBank{}, spec);
        QCOMPARE(exclude.step(0).divisor, 4);
        QCOMPARE(exclude.step(0).result, 4.5);
        QCOMPARE(text(exclude.arithmetic(exclude.step(0))), QStringLiteral("(1 + 2 + 7 + 8) / 4 = 4.5"));
        QVERIFY(sameValues(exclude.output(), naivePool(exclude.input(), false, 3, 2, 1, 1, false)));
    }

    void transposed() {
        FilterBank w = FilterBank::fromKernel(3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
        w.bias = {0.5};
        ConvSpec spec;
        spec.op = Operation::Transposed;
        spec.stride = {2, 2};
        spec.padding = Padding::uniform(1);
        spec.outputPadding = {1, 1};
        const Volume in(1, 2, 2, {1, 2, 3, 4});
        const ConvTrace t(in, w, spec);
        QCOMPARE(t.output().shapeText(), std::string("1x4x4"));
        QVERIFY(sameValues(t.output(), naiveTransposed(in, w, 2, 1, 1)));
        // Output (0, 0) is uncropped (1, 1): only input (0, 0) reaches it, through kernel (1, 1) = 5.
        QCOMPARE(t.output().at(0, 0, 0), 5.5);
        QCOMPARE(t.stepCount(), 4);
        QCOMPARE(t.stepIndexOf(0, 1, 1), 3);
        QCOMPARE(t.stepIndexOf(0, 2, 0), -1);

        const TraceStep first = t.step(0);
        QCOMPARE(first.taps.size(), std::size_t(9));
        QCOMPARE(first.result, 1.0);
        for (int i = 0; i < 9; ++i) {
            const Tap& tap = first.taps[i];
            QCOMPARE(tap.y, i / 3);
            QCOMPARE(tap.x, i % 3);
            QCOMPARE(tap.padded, tap.y == 0 || tap.x == 0);  // the top row and left column are cropped
            QCOMPARE(tap.product, 1.0 * (i + 1));
        }
        const TraceStep last = t.step(3);
        QCOMPARE(last.y, 1);
        QCOMPARE(last.x, 1);
        QCOMPARE(last.taps[0].y, 2);
        QCOMPARE(last.taps[8].x, 4);
        QVERIFY(!last.taps[8].padded);  // output padding restores the bottom/right row the padding cropped
        QCOMPARE(last.taps[8].product, 36.0);
        QCOMPARE(text(t.arithmetic(last)),
                 QStringLiteral("4 × W → output rows 2–4, cols 2–4 (before cropping)"));

        for (int k = 0; k <= 4; ++k) {
            QVERIFY2(sameValues(t.partialOutput(k), naiveTransposed(in, w, 2, 1, 1, k)),
                     qPrintable(QStringLiteral("after %1 steps").arg(k)));
        }
        QVERIFY(sameValues(t.partialOutput(4), t.output()));
        QVERIFY(sameValues(t.paddedInput(), in));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.partialOutput(5));
    }

    void transposedGroups() {
        // Two groups, two output channels per group: input channel 1 writes output channels 2 and 3 only.
        FilterBank w(2, 2, 2, 2);
        for (std::size_t i = 0; i < w.weights.size(); ++i) w.weights[i] = double(i % 5) - 2;
        ConvSpec spec;
        spec.op = Operation::Transposed;
        spec.groups = 2;
        const ConvTrace t(Volume::sequence(2, 2, 2), w, spec);
        QCOMPARE(t.output().shapeText(), std::string("4x3x3"));
        const TraceStep s = t.step(t.stepIndexOf(1, 0, 1));
        QCOMPARE(s.group, 1);
        QCOMPARE(s.taps.size(), std::size_t(8));
        for (const Tap& tap : s.taps) {
            QCOMPARE(tap.channel, 2 + tap.kernelChannel);
            QCOMPARE(tap.weight, w.at(1, tap.kernelChannel, tap.kernelY, tap.kernelX));
        }
        QCOMPARE(text(t.arithmetic(s)), QStringLiteral("6 × W → output channels 2–3, rows 0–1, cols 1–2"));
        // Output channel 3 sums input channel 1 only: check one element by hand, (3, 1, 1).
        double expected = 0;
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 2; ++x) expected += t.input().at(1, y, x) * w.at(1, 1, 1 - y, 1 - x);
        QCOMPARE(t.output().at(3, 1, 1), expected);
    }

    void cancellation() {
        int polls = 0;
        JobControl stopSoon;
        stopSoon.isCancelled = [&polls] { return ++polls > 3; };
        Volume in(3, 40, 40);
        QVERIFY_THROWS_EXCEPTION(Cancelled, ConvTrace(in, FilterBank(8, 3, 3, 3), ConvSpec{}, stopSoon));
        QCOMPARE(polls, 4);

        polls = 0;
        ConvSpec transposed;
        transposed.op = Operation::Transposed;
        QVERIFY_THROWS_EXCEPTION(Cancelled, ConvTrace(in, FilterBank(3, 2, 3, 3), transposed, stopSoon));
        QCOMPARE(polls, 4);

        std::vector<std::pair<int, int>> reports;
        JobControl watch;
        watch.isCancelled = [] { return false; };
        watch.onProgress = [&reports](int done, int total) { reports.emplace_back(done, total); };
        const ConvTrace t(in, FilterBank(8, 3, 3, 3), ConvSpec{}, watch);
        QVERIFY(!reports.empty());
        for (std::size_t i = 1; i < reports.size(); ++i) QVERIFY(reports[i].first > reports[i - 1].first);
        QCOMPARE(reports.back().first, reports.back().second);
    }

    void alexNetSizedTrace() {
        // 227x227x3 with ninety-six 11x11x3 filters at stride 4: 290,400 steps that must not be materialised.
        Volume in(3, 227, 227);
        for (std::size_t i = 0; i < in.size(); ++i) in.values[i] = double((i * 7919) % 256) / 255.0;
        FilterBank w(96, 3, 11, 11);
        for (std::size_t i = 0; i < w.weights.size(); ++i)
            w.weights[i] = double(int(i * 31 % 21) - 10) / 100.0;
        w.bias.assign(96, 0.25);
        ConvSpec spec;
        spec.stride = {4, 4};
        // Materialising the 105 million taps would take gigabytes: the resident memory the trace adds says whether
        // it did, where a time limit would only say how fast this machine is (and fail under the sanitizers).
        const double before = residentMiB();
        const auto start = std::chrono::steady_clock::now();
        const ConvTrace t(in, w, spec);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double added = residentMiB() - before;
        qInfo("AlexNet CONV1 trace constructed in %.3f s, adding %.1f MiB", seconds, added);
        QVERIFY2(added < 256.0, qPrintable(QStringLiteral("the trace added %1 MiB").arg(added)));
        QCOMPARE(t.output().shapeText(), std::string("96x55x55"));
        QCOMPARE(t.stepCount(), 96 * 55 * 55);
        const int probe = t.stepIndexOf(50, 31, 17);
        const TraceStep s = t.step(probe);
        QCOMPARE(s.taps.size(), std::size_t(363));
        QCOMPARE(s.result, t.output().at(50, 31, 17));
        double expected = 0;
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 11; ++i)
                for (int j = 0; j < 11; ++j) expected += in.at(c, 31 * 4 + i, 17 * 4 + j) * w.at(50, c, i, j);
        QVERIFY(std::fabs(s.result - (expected + 0.25)) < 1e-9);
    }

    void invalidInput() {
        ConvSpec bad;
        bad.stride = {0, 1};
        QVERIFY_THROWS_EXCEPTION(ConvError,
                                 ConvTrace(Volume::sequence(1, 6, 6), FilterBank(1, 1, 3, 3), bad));
        Volume broken = Volume::sequence(1, 6, 6);
        broken.values.pop_back();
        try {
            (void)ConvTrace(broken, FilterBank(1, 1, 3, 3), ConvSpec{});
            QFAIL("no error for a volume with too few values");
        } catch (const ConvError& e) {
            QCOMPARE(text(e.what()),
                     QStringLiteral("The input holds 35 values but its shape 1x6x6 needs 36."));
        }
        ConvSpec huge;
        huge.op = Operation::Transposed;
        huge.stride = {9000, 9000};
        QVERIFY_THROWS_EXCEPTION(ConvError, ConvTrace(Volume(1, 2, 2), FilterBank(1, 1, 1, 1), huge));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestConvTrace)
#include "test_conv_trace.moc"
