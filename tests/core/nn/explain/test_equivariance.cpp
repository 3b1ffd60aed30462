// Equivariance of tap points under shifts, rotations and scales, against cases whose answer is known: a
// stride-1 convolution with circular padding commutes exactly with a circular shift (and its global average
// is exactly invariant); stride 2 commutes with even shifts only; a zero-padded convolution commutes with a
// zero-filled shift away from the borders; a 1x1 convolution commutes with any bilinear resampling. The
// shift and the rotation are checked against naive loops and torch::rot90.
#include <torch/torch.h>

#include <QTest>
#include <cmath>
#include <stdexcept>

#include "core/nn/explain/equivariance.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;

namespace {

/// conv (3 channels, k x k, the given stride and padding mode) → global average → linear (2 classes).
/// Taps "conv" and "fc".
class TinyConvNet : public ClassifierImpl {
public:
    TinyConvNet(int kernel, int stride, torch::nn::detail::conv_padding_mode_t padding) {
        torch::manual_seed(7);
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 3, kernel)
                                                             .stride(stride)
                                                             .padding(kernel / 2)
                                                             .padding_mode(padding)));
        fc = register_module("fc", torch::nn::Linear(3, 2));
    }
    torch::Tensor forward(torch::Tensor x, const TapSink& tap) override {
        torch::Tensor y = conv(x);
        if (tap) tap("conv", y);
        torch::Tensor z = fc(y.mean({2, 3}));
        if (tap) tap("fc", z);
        return z;
    }
    std::vector<std::string> tapNames() const override { return {"conv", "fc"}; }
    torch::Tensor firstConvWeights() const override { return conv->weight; }

    torch::nn::Conv2d conv{nullptr};
    torch::nn::Linear fc{nullptr};
};

torch::Tensor randomImage(int size) {
    torch::manual_seed(11);
    return torch::randn({1, size, size});
}

const TapEquivariance& tapNamed(const EquivarianceResult& r, const std::string& name) {
    for (const TapEquivariance& t : r.taps)
        if (t.name == name) return t;
    throw std::runtime_error("no tap " + name);
}

SpatialTransform shift(int dx, int dy, ShiftFill fill) {
    SpatialTransform s;
    s.dx = dx, s.dy = dy, s.fill = fill;
    return s;
}

}  // namespace

class TestEquivariance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void circularStrideOneIsExactlyEquivariant() {
        TinyConvNet net(3, 1, torch::kCircular);
        const EquivarianceResult r =
            measureEquivariance(net, randomImage(12), shift(3, -2, ShiftFill::Circular));
        const TapEquivariance& conv = tapNamed(r, "conv");
        QCOMPARE(conv.stride, std::int64_t(1));
        QVERIFY(conv.strideEstimated);
        QVERIFY(conv.exact);
        QCOMPARE(conv.mapDx, 3);
        QCOMPARE(conv.mapDy, -2);
        QVERIFY2(conv.equivarianceError <= 1e-6, qPrintable(QString::number(conv.equivarianceError)));
        // Not only on the region: everywhere, as nothing is lost in a circular shift.
        QVERIFY((conv.transformedFeatures - conv.transformedMaps).abs().max().item<double>() < 1e-5);
        // The global average of an equivariant map is invariant: so are the logits.
        const TapEquivariance& fc = tapNamed(r, "fc");
        QVERIFY(fc.global);
        QVERIFY(!fc.exact);
        QCOMPARE(fc.mapDx, 0);
        QVERIFY(fc.equivarianceError <= 1e-6);
        QCOMPARE(r.predictionBefore, r.predictionAfter);
        for (std::size_t i = 0; i < r.scoresBefore.size(); ++i)
            QVERIFY(std::abs(r.scoresBefore[i] - r.scoresAfter[i]) < 1e-6);
    }

    void strideTwoOddShiftIsNotEquivariant() {
        TinyConvNet net(3, 2, torch::kCircular);
        const EquivarianceResult r =
            measureEquivariance(net, randomImage(12), shift(1, 0, ShiftFill::Circular));
        const TapEquivariance& conv = tapNamed(r, "conv");
        QCOMPARE(conv.stride, std::int64_t(2));
        QCOMPARE(conv.height, std::int64_t(6));
        QVERIFY(!conv.exact);
        QCOMPARE(conv.exactDx, 0.5);
        QCOMPARE(conv.mapDx, 1);  // the nearest integer, halves away from zero
        QVERIFY2(conv.equivarianceError > 0.05, qPrintable(QString::number(conv.equivarianceError)));
    }

    void strideTwoEvenShiftIsExactlyEquivariant() {
        TinyConvNet net(3, 2, torch::kCircular);
        const EquivarianceResult r =
            measureEquivariance(net, randomImage(12), shift(2, -4, ShiftFill::Circular));
        const TapEquivariance& conv = tapNamed(r, "conv");
        QVERIFY(conv.exact);
        QCOMPARE(conv.mapDx, 1);
        QCOMPARE(conv.mapDy, -2);
        QVERIFY2(conv.equivarianceError <= 1e-6, qPrintable(QString::number(conv.equivarianceError)));
    }

    void zeroPaddingIsEquivariantAwayFromTheBorders() {
        TinyConvNet net(3, 1, torch::kZeros);
        const TapGeometry known{"conv", 1, 3, false};
        const EquivarianceResult r =
            measureEquivariance(net, randomImage(16), shift(2, 3, ShiftFill::Zeros), {known}, {0.0f});
        const TapEquivariance& conv = tapNamed(r, "conv");
        QVERIFY(!conv.strideEstimated);
        // Receptive field 3: one more row and column than the shift on every side.
        QCOMPARE(conv.left, 3);
        QCOMPARE(conv.right, 13);
        QCOMPARE(conv.top, 4);
        QCOMPARE(conv.bottom, 12);
        QVERIFY(!conv.wholeMap);
        QVERIFY2(conv.equivarianceError <= 1e-6, qPrintable(QString::number(conv.equivarianceError)));
        // Over the whole map the entering band differs (the bias over a zero band is not the zero fill).
        QVERIFY(conv.difference.abs().max().item<double>() > 1e-3);
    }

    void zeroFillShiftMatchesLoops() {
        const torch::Tensor x = torch::arange(2 * 5 * 6, torch::kFloat32).view({2, 5, 6});
        SpatialTransform s = shift(-2, 1, ShiftFill::Zeros);
        const torch::Tensor y = transformMaps(x, s, 1.0, {-1.0f, -2.0f});
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 5; ++i)
                for (int j = 0; j < 6; ++j) {
                    const int si = i - s.dy, sj = j - s.dx;
                    const float expected = si >= 0 && si < 5 && sj >= 0 && sj < 6 ? x[c][si][sj].item<float>()
                                                                                  : (c == 0 ? -1.0f : -2.0f);
                    QCOMPARE(y[c][i][j].item<float>(), expected);
                }
        // In map units: a shift of 3 input pixels on a stride-2 map moves it by 2 (1.5 rounded away from 0).
        s.dx = 3, s.dy = 0;
        const torch::Tensor m = transformMaps(x, s, 2.0);
        QCOMPARE(m[0][0][2].item<float>(), x[0][0][0].item<float>());
        QCOMPARE(m[0][0][1].item<float>(), 0.0f);
    }

    void rotationMatchesRot90() {
        const torch::Tensor x = torch::randn({2, 7, 7});
        SpatialTransform s;
        s.rotateDegrees = 90.0;
        // A quarter turn about the centre moves pixel centres onto pixel centres: rot90 (counter-clockwise
        // as an image is shown, rows down).
        const torch::Tensor y = transformMaps(x, s, 1.0);
        QVERIFY((y - torch::rot90(x, 1, {1, 2})).abs().max().item<double>() < 1e-5);
    }

    void pointwiseConvolutionCommutesWithResampling() {
        TinyConvNet net(1, 1, torch::kZeros);
        SpatialTransform s;
        s.rotateDegrees = 30.0;
        s.scale = 1.2;
        s.dx = 1;
        const EquivarianceResult r = measureEquivariance(net, randomImage(20), s);
        const TapEquivariance& conv = tapNamed(r, "conv");
        QVERIFY(!conv.exact);
        QCOMPARE(conv.left, 5);  // the central half
        QCOMPARE(conv.right, 15);
        QVERIFY2(conv.equivarianceError <= 1e-5, qPrintable(QString::number(conv.equivarianceError)));
    }

    void geometryEstimates() {
        const TapGeometry g = estimateGeometry("layer", 28, 14, 14);
        QCOMPARE(g.stride, std::int64_t(2));
        QVERIFY(!g.global);
        QVERIFY(estimateGeometry("fc", 28, 1, 1).global);
        const std::vector<float> fill = backgroundFill(InputTransform{}, 1);
        QVERIFY(std::abs(fill[0] + 0.2860f / 0.3530f) < 1e-6);
    }

    void badRequestsAreRefused() {
        TinyConvNet net(3, 1, torch::kZeros);
        SpatialTransform s;
        s.scale = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, measureEquivariance(net, randomImage(8), s));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseShiftFill("wrap"));
        QVERIFY(parseShiftFill("circular") == ShiftFill::Circular);
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            measureEquivariance(net, randomImage(8), shift(1, 0, ShiftFill::Zeros), {}, {1.f, 2.f}));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestEquivariance)
#include "test_equivariance.moc"
