// Every engine (nested loops, im2col, ConvTrace and its steps) against LibTorch in double precision, on
// randomized but seeded cases: groups (1, 2, depthwise), stride, dilation, asymmetric padding, all four
// padding modes, bias, max/avg pooling (padding, count_include_pad, dilation) and conv_transpose2d (stride,
// padding, output_padding, dilation, groups). LibTorch is the reference: F.pad for asymmetric padding,
// nn::Conv2d for padding modes.
#include <torch/torch.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <QTest>

#include "core/conv/conv_trace.h"
#include "core/conv/reference_conv.h"
#include "tests/core/conv/torch_reference.h"
#include "tests/support/test_main.h"

using namespace convscope::conv;
using namespace convscope::conv::testing;

namespace {

constexpr double kTolerance = 1e-9;

struct Case {
    std::string name;  ///< every parameter, printed on failure
    Volume input;
    FilterBank weights;
    ConvSpec spec;
};

int pick(std::mt19937& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

Volume randomVolume(int c, int h, int w) {
    const torch::Tensor t = torch::randn({c, h, w}, torch::kFloat64).contiguous();
    return Volume(c, h, w, std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel()));
}

FilterBank randomBank(int o, int i, int kh, int kw, bool bias) {
    FilterBank b(o, i, kh, kw);
    const torch::Tensor t = torch::randn({o, i, kh, kw}, torch::kFloat64).contiguous();
    std::copy(t.data_ptr<double>(), t.data_ptr<double>() + t.numel(), b.weights.begin());
    if (bias) {
        const torch::Tensor bt = torch::randn({o}, torch::kFloat64).contiguous();
        b.bias.assign(bt.data_ptr<double>(), bt.data_ptr<double>() + o);
    }
    return b;
}

// Transposed banks have C_in x C_out/groups x kH x kW weights but C_out biases.
FilterBank randomTransposedBank(int cin, int outPerGroup, int groups, int kh, int kw, bool bias) {
    FilterBank b = randomBank(cin, outPerGroup, kh, kw, false);
    if (bias) {
        const torch::Tensor bt = torch::randn({outPerGroup * groups}, torch::kFloat64).contiguous();
        b.bias.assign(bt.data_ptr<double>(), bt.data_ptr<double>() + outPerGroup * groups);
    }
    return b;
}

Padding randomPadding(std::mt19937& rng, bool asymmetric, int maxY, int maxX) {
    if (asymmetric) return {pick(rng, 0, maxY), pick(rng, 0, maxY), pick(rng, 0, maxX), pick(rng, 0, maxX)};
    const int py = pick(rng, 0, maxY), px = pick(rng, 0, maxX);
    return {py, py, px, px};
}

std::string describe(const char* what, int index, const Case& c) {
    const ConvSpec& s = c.spec;
    const Padding& p = s.padding;
    std::string d = std::string(what) + " #" + std::to_string(index) + ": input " + c.input.shapeText();
    if (s.op == Operation::Convolution || s.op == Operation::Transposed) {
        const FilterBank& w = c.weights;
        d += ", weights " + std::to_string(w.outChannels) + "x" + std::to_string(w.inChannelsPerGroup) + "x" +
             std::to_string(w.kernelHeight) + "x" + std::to_string(w.kernelWidth) + ", groups " +
             std::to_string(s.groups) + (w.hasBias() ? ", bias" : ", no bias");
    } else {
        d += ", window " + std::to_string(s.poolKernel.y) + "x" + std::to_string(s.poolKernel.x);
    }
    d += ", stride " + std::to_string(s.stride.y) + "x" + std::to_string(s.stride.x) + ", dilation " +
         std::to_string(s.dilation.y) + "x" + std::to_string(s.dilation.x) + ", padding t" +
         std::to_string(p.top) + " b" + std::to_string(p.bottom) + " l" + std::to_string(p.left) + " r" +
         std::to_string(p.right);
    if (s.op == Operation::Convolution) d += ", mode " + toString(s.paddingMode);
    if (s.op == Operation::AvgPool) d += s.countIncludePad ? ", count_include_pad" : ", exclude pad";
    if (s.op == Operation::Transposed) {
        d +=
            ", output padding " + std::to_string(s.outputPadding.y) + "x" + std::to_string(s.outputPadding.x);
    }
    return d;
}

bool fits(int n, int k, int d, int before, int after) {
    return n + before + after >= d * (k - 1) + 1;
}

std::vector<Case> convolutionCases(std::mt19937& rng) {
    const PaddingMode modes[] = {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate,
                                 PaddingMode::Circular};
    std::vector<Case> cases;
    for (int i = 0; i < 40; ++i) {
        Case c;
        ConvSpec& s = c.spec;
        s.paddingMode = modes[i % 4];
        const int groupKind = (i / 4) % 3;  // 0: groups 1, 1: groups 2, 2: depthwise
        int cin = 0, kh = 0, kw = 0, h = 0, w = 0;
        do {
            cin = groupKind == 0 ? pick(rng, 1, 3) : groupKind == 1 ? 2 * pick(rng, 1, 2) : pick(rng, 2, 4);
            s.groups = groupKind == 0 ? 1 : groupKind == 1 ? 2 : cin;
            kh = pick(rng, 1, 4);
            kw = pick(rng, 1, 4);
            h = pick(rng, 3, 9);
            w = pick(rng, 3, 9);
            s.stride = {pick(rng, 1, 3), pick(rng, 1, 3)};
            s.dilation = {pick(rng, 1, 2), pick(rng, 1, 2)};
            s.padding = randomPadding(rng, i % 3 == 0, 2, 2);
        } while (!fits(h, kh, s.dilation.y, s.padding.top, s.padding.bottom) ||
                 !fits(w, kw, s.dilation.x, s.padding.left, s.padding.right) ||
                 (s.paddingMode == PaddingMode::Reflect && std::max(s.padding.top, s.padding.bottom) >= h) ||
                 (s.paddingMode == PaddingMode::Reflect && std::max(s.padding.left, s.padding.right) >= w));
        const int cout = s.groups * pick(rng, 1, 2);
        c.input = randomVolume(cin, h, w);
        // Bias on for half the cases, crossed with the padding modes (every mode is seen with and without).
        c.weights = randomBank(cout, cin / s.groups, kh, kw, (i + i / 4) % 2 == 0);
        cases.push_back(c);
    }
    return cases;
}

std::vector<Case> poolingCases(std::mt19937& rng, Operation op) {
    std::vector<Case> cases;
    for (int i = 0; i < 12; ++i) {
        Case c;
        ConvSpec& s = c.spec;
        s.op = op;
        s.countIncludePad = i % 2 == 0;
        int h = 0, w = 0;
        do {
            s.poolKernel = {pick(rng, 1, 4), pick(rng, 1, 4)};
            s.stride = {pick(rng, 1, 3), pick(rng, 1, 3)};
            s.dilation =
                op == Operation::MaxPool && i % 2 == 1 ? Pair2{pick(rng, 1, 2), pick(rng, 1, 2)} : Pair2{};
            s.padding = randomPadding(rng, i % 3 == 0, s.poolKernel.y / 2, s.poolKernel.x / 2);
            h = pick(rng, 3, 9);
            w = pick(rng, 3, 9);
        } while (!fits(h, s.poolKernel.y, s.dilation.y, s.padding.top, s.padding.bottom) ||
                 !fits(w, s.poolKernel.x, s.dilation.x, s.padding.left, s.padding.right));
        c.input = randomVolume(pick(rng, 1, 3), h, w);
        cases.push_back(c);
    }
    return cases;
}

std::vector<Case> transposedCases(std::mt19937& rng) {
    std::vector<Case> cases;
    for (int i = 0; i < 14; ++i) {
        Case c;
        ConvSpec& s = c.spec;
        s.op = Operation::Transposed;
        int cin = 0, kh = 0, kw = 0, h = 0, w = 0;
        long long outH = 0, outW = 0;
        do {
            const int groupKind = i % 3;
            cin = groupKind == 1 ? 2 * pick(rng, 1, 2) : pick(rng, 1, 4);
            s.groups = groupKind == 0 ? 1 : groupKind == 1 ? 2 : cin;
            kh = pick(rng, 1, 4);
            kw = pick(rng, 1, 4);
            h = pick(rng, 2, 6);
            w = pick(rng, 2, 6);
            s.stride = {pick(rng, 1, 3), pick(rng, 1, 3)};
            s.dilation = {pick(rng, 1, 2), pick(rng, 1, 2)};
            s.outputPadding = {pick(rng, 0, std::max(s.stride.y, s.dilation.y) - 1),
                               pick(rng, 0, std::max(s.stride.x, s.dilation.x) - 1)};
            s.padding = randomPadding(rng, i % 3 == 2, 2, 2);
            outH = (h - 1LL) * s.stride.y - s.padding.top - s.padding.bottom + s.dilation.y * (kh - 1LL) +
                   s.outputPadding.y + 1;
            outW = (w - 1LL) * s.stride.x - s.padding.left - s.padding.right + s.dilation.x * (kw - 1LL) +
                   s.outputPadding.x + 1;
        } while (outH < 1 || outW < 1);
        c.input = randomVolume(cin, h, w);
        c.weights = randomTransposedBank(cin, pick(rng, 1, 3), s.groups, kh, kw, i % 2 == 1);
        cases.push_back(c);
    }
    return cases;
}

struct CaseSets {
    std::vector<Case> conv, maxPool, avgPool, transposed;
};

const CaseSets& cases() {
    static const CaseSets sets = [] {
        torch::manual_seed(20240611);
        std::mt19937 rng(7);
        CaseSets s;
        s.conv = convolutionCases(rng);
        s.maxPool = poolingCases(rng, Operation::MaxPool);
        s.avgPool = poolingCases(rng, Operation::AvgPool);
        s.transposed = transposedCases(rng);
        return s;
    }();
    return sets;
}

bool close(double got, double want) {
    if (std::isinf(want) || std::isinf(got)) return got == want;
    return std::fabs(got - want) <= kTolerance * std::max(1.0, std::fabs(want));
}

double refAt(const torch::Tensor& ref, int c, int y, int x) {
    return ref[0][c][y][x].item<double>();
}

// Empty when equal; otherwise where and by how much they differ.
std::string difference(const Volume& got, const torch::Tensor& reference) {
    const torch::Tensor ref = reference.contiguous();
    if (ref.size(1) != got.channels || ref.size(2) != got.height || ref.size(3) != got.width) {
        return "shape " + got.shapeText() + " but LibTorch gives " + std::to_string(ref.size(1)) + "x" +
               std::to_string(ref.size(2)) + "x" + std::to_string(ref.size(3));
    }
    const double* r = ref.data_ptr<double>();
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (!close(got.values[i], r[i])) {
            return "element " + std::to_string(i) + ": " + std::to_string(got.values[i]) + " vs LibTorch " +
                   std::to_string(r[i]);
        }
    }
    return {};
}

#define EXPECT_MATCH(label, got, ref, name)                                       \
    do {                                                                          \
        const std::string diff = difference((got), (ref));                        \
        QVERIFY2(diff.empty(), ((name) + " — " + (label) + ": " + diff).c_str()); \
    } while (false)

void addRows(const std::vector<Case>& list) {
    QTest::addColumn<int>("index");
    for (int i = 0; i < static_cast<int>(list.size()); ++i) QTest::addRow("case %d", i) << i;
}

}  // namespace

class TestConvVsTorch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        torch::manual_seed(0);
        const CaseSets& s = cases();
        const std::size_t total = s.conv.size() + s.maxPool.size() + s.avgPool.size() + s.transposed.size();
        QVERIFY(total >= 60);
    }

    void seedSimpleConv2d() {
        // The textbook's SimpleConv2d(1, 2, 3, padding=1) on 1..36, with nn::Conv2d's own random
        // initialisation.
        torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 2, 3).padding(1));
        conv->to(torch::kFloat64);
        const Volume in = Volume::sequence(1, 6, 6);
        FilterBank w(2, 1, 3, 3);
        const torch::Tensor wt = conv->weight.detach().contiguous();
        std::copy(wt.data_ptr<double>(), wt.data_ptr<double>() + 18, w.weights.begin());
        const torch::Tensor bt = conv->bias.detach().contiguous();
        w.bias.assign(bt.data_ptr<double>(), bt.data_ptr<double>() + 2);
        ConvSpec spec;
        spec.padding = Padding::uniform(1);
        const torch::Tensor ref = conv->forward(toTensor(in)).detach();
        QCOMPARE(ref.size(1), int64_t(2));
        QCOMPARE(ref.size(2), int64_t(6));
        const ConvTrace trace(in, w, spec);
        const std::string name = "seed SimpleConv2d";
        EXPECT_MATCH(std::string("trace"), trace.output(), ref, name);
        EXPECT_MATCH(std::string("naive"), conv2dNaive(in, w, spec), ref, name);
        EXPECT_MATCH(std::string("im2col"), conv2dIm2col(in, w, spec), ref, name);
    }

    void convolution_data() { addRows(cases().conv); }
    void convolution() {
        QFETCH(int, index);
        const Case& c = cases().conv[index];
        const std::string name = describe("conv", index, c);
        const torch::Tensor ref = torchConvolution(c.input, c.weights, c.spec).contiguous();
        EXPECT_MATCH(std::string("conv2dNaive"), conv2dNaive(c.input, c.weights, c.spec), ref, name);
        EXPECT_MATCH(std::string("conv2dIm2col"), conv2dIm2col(c.input, c.weights, c.spec), ref, name);
        const ConvTrace trace(c.input, c.weights, c.spec);
        EXPECT_MATCH(std::string("ConvTrace::output"), trace.output(), ref, name);
        // Every step shows exactly the arithmetic that produced the output (bit for bit, not just close).
        for (int i = 0; i < trace.stepCount(); ++i) {
            const TraceStep st = trace.step(i);
            QVERIFY2(st.result == trace.output().at(st.channel, st.y, st.x),
                     (name + " — step " + std::to_string(i) + " differs from output()").c_str());
        }
        const TraceStep step = trace.step((index * 7919) % trace.stepCount());
        QVERIFY2(close(step.result, refAt(ref, step.channel, step.y, step.x)),
                 (name + " — step result").c_str());
        QVERIFY2(step.taps.size() == std::size_t(c.weights.inChannelsPerGroup) * c.weights.kernelHeight *
                                         c.weights.kernelWidth,
                 (name + " — tap count").c_str());
    }

    void maxPool_data() { addRows(cases().maxPool); }
    void maxPool() {
        QFETCH(int, index);
        checkPooling(cases().maxPool[index], describe("maxpool", index, cases().maxPool[index]), index);
    }

    void avgPool_data() { addRows(cases().avgPool); }
    void avgPool() {
        QFETCH(int, index);
        checkPooling(cases().avgPool[index], describe("avgpool", index, cases().avgPool[index]), index);
    }

    void transposed_data() { addRows(cases().transposed); }
    void transposed() {
        QFETCH(int, index);
        const Case& c = cases().transposed[index];
        const std::string name = describe("transposed", index, c);
        const torch::Tensor ref = torchTransposed(c.input, c.weights, c.spec).contiguous();
        EXPECT_MATCH(std::string("convTranspose2dNaive"), convTranspose2dNaive(c.input, c.weights, c.spec),
                     ref, name);
        const ConvTrace trace(c.input, c.weights, c.spec);
        EXPECT_MATCH(std::string("ConvTrace::output"), trace.output(), ref, name);
        EXPECT_MATCH(std::string("partialOutput(all)"), trace.partialOutput(trace.stepCount()), ref, name);
        // One output element rebuilt from the steps' taps: bias plus every uncropped product that lands on
        // it.
        const Volume& out = trace.output();
        const int flat = (index * 7919) % static_cast<int>(out.size());
        const int oc = flat / (out.height * out.width), oy = (flat / out.width) % out.height,
                  ox = flat % out.width;
        double sum = c.weights.biasAt(oc);
        for (int i = 0; i < trace.stepCount(); ++i) {
            for (const Tap& t : trace.step(i).taps) {
                if (!t.padded && t.channel == oc && t.y - c.spec.padding.top == oy &&
                    t.x - c.spec.padding.left == ox) {
                    sum += t.product;
                }
            }
        }
        QVERIFY2(close(sum, refAt(ref, oc, oy, ox)), (name + " — taps summed for one output").c_str());
    }

private:
    void checkPooling(const Case& c, const std::string& name, int index) {
        const torch::Tensor ref = torchPooling(c.input, c.spec).contiguous();
        EXPECT_MATCH(std::string("pool2dNaive"), pool2dNaive(c.input, c.spec), ref, name);
        const ConvTrace trace(c.input, FilterBank{}, c.spec);
        EXPECT_MATCH(std::string("ConvTrace::output"), trace.output(), ref, name);
        for (int i = 0; i < trace.stepCount(); ++i) {
            const TraceStep st = trace.step(i);
            const double want = trace.output().at(st.channel, st.y, st.x);
            QVERIFY2(st.result == want || (std::isnan(st.result) && std::isnan(want)),
                     (name + " — step " + std::to_string(i) + " differs from output()").c_str());
        }
        const TraceStep step = trace.step((index * 7919) % trace.stepCount());
        QVERIFY2(close(step.result, refAt(ref, step.channel, step.y, step.x)),
                 (name + " — step result").c_str());
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestConvVsTorch)
#include "test_conv_vs_torch.moc"
