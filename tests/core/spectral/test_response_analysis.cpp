// Radial and angular profiles and the classification derived from them, on kernels whose behaviour is known
// from their definition (identity, blurs, derivatives, Laplacian, sharpening, oriented Gabor and motion
// blur).
#include <QTest>
#include <cmath>
#include <numeric>

#include "core/imaging/kernel_library.h"
#include "core/spectral/response_analysis.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::spectral;

Q_DECLARE_METATYPE(convscope::spectral::ResponseKind)

namespace {
FrequencyResponse responseOf(const std::string& preset, const imaging::ParamValues& params = {},
                             int size = 128) {
    return frequencyResponse(imaging::makeKernel(preset, params), {size});
}
double orientationError(double a, double b) {
    const double d = std::fmod(std::abs(a - b), 180.0);
    return std::min(d, 180.0 - d);
}
}  // namespace

class TestResponseAnalysis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void identityIsFlat() {
        const FrequencyResponse r = responseOf("identity");
        for (double v : radialProfile(r, 32)) QVERIFY(std::abs(v - 1.0) < 1e-12);
        const std::vector<double> a = angularProfile(r, 18);
        QVERIFY(std::abs(std::accumulate(a.begin(), a.end(), 0.0) - 1.0) < 1e-12);
        for (double share : a) QVERIFY(std::abs(share - 1.0 / 18) < 0.02);  // isotropic up to the grid
        const ResponseClass c = classifyResponse(r);
        QVERIFY(c.kind == ResponseKind::AllPass);
        QVERIFY(!c.directional);
    }

    void radialProfileOfABlurFalls() {
        const std::vector<double> p = radialProfile(responseOf("gaussian"), 16);
        QCOMPARE(int(p.size()), 16);
        // Falling until it is lost in the ripple of the truncated Gaussian (below 1 % of DC).
        for (std::size_t i = 1; i < p.size(); ++i) QVERIFY(p[i] < p[i - 1] || p[i] < 0.01);
        QVERIFY(p.front() > 0.9);
        // More rings than the grid resolves leaves some empty (NaN), never garbage.
        const std::vector<double> fine = radialProfile(responseOf("gaussian", {}, 16), 64);
        QVERIFY(std::any_of(fine.begin(), fine.end(), [](double v) { return std::isnan(v); }));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, radialProfile(responseOf("box"), 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, angularProfile(responseOf("box"), 0));
    }

    void kinds_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<ResponseKind>("kind");
        QTest::newRow("gaussian-blur (seed)") << "gaussian-blur" << ResponseKind::LowPass;
        QTest::newRow("box") << "box" << ResponseKind::LowPass;
        QTest::newRow("gaussian") << "gaussian" << ResponseKind::LowPass;
        QTest::newRow("laplacian") << "laplacian" << ResponseKind::HighPass;
        QTest::newRow("edge-detection (seed)") << "edge-detection" << ResponseKind::HighPass;
        QTest::newRow("sharpen (seed)") << "sharpen" << ResponseKind::HighBoost;
        QTest::newRow("unsharp") << "unsharp" << ResponseKind::HighBoost;
        // A central difference vanishes at Nyquist as well as at DC: Sobel is band-pass, and LoG by design.
        QTest::newRow("sobel-x") << "sobel-x" << ResponseKind::BandPass;
        QTest::newRow("log") << "log" << ResponseKind::BandPass;
        QTest::newRow("identity") << "identity" << ResponseKind::AllPass;
    }
    void kinds() {
        QFETCH(QString, preset);
        QFETCH(ResponseKind, kind);
        const ResponseClass c = classifyResponse(responseOf(preset.toStdString()));
        QVERIFY2(c.kind == kind, qPrintable(preset + ": " + QString::fromStdString(toString(c.kind)) + " — " +
                                            QString::fromStdString(c.summary)));
        QVERIFY(!c.summary.empty());
    }

    void directionalKernels_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<double>("angle");
        QTest::addColumn<double>("expected");
        // Sobel X: intensity changing along x (0°); Sobel Y along y (90°).
        QTest::newRow("sobel-x") << "sobel-x" << -1.0 << 0.0;
        QTest::newRow("sobel-y") << "sobel-y" << -1.0 << 90.0;
        // A Gabor's carrier runs along its angle θ: its energy sits at orientation θ.
        QTest::newRow("gabor 30°") << "gabor" << 30.0 << 30.0;
        QTest::newRow("gabor 120°") << "gabor" << 120.0 << 120.0;
        // A motion blur along θ smooths changes along θ and keeps those across it, at θ + 90°.
        QTest::newRow("motion blur 0°") << "motion-blur" << 0.0 << 90.0;
        QTest::newRow("motion blur 45°") << "motion-blur" << 45.0 << 135.0;
    }
    void directionalKernels() {
        QFETCH(QString, preset);
        QFETCH(double, angle);
        QFETCH(double, expected);
        imaging::ParamValues params;
        if (angle >= 0.0) params[preset == "gabor" ? "theta" : "angle"] = angle;
        const ResponseClass c = classifyResponse(responseOf(preset.toStdString(), params, 256));
        QVERIFY2(c.directional, qPrintable(QString::fromStdString(c.summary)));
        QVERIFY2(
            orientationError(c.orientationDeg, expected) < 3.0,
            qPrintable(QString("%1 at %2°: orientation %3").arg(preset).arg(angle).arg(c.orientationDeg)));
        QVERIFY(c.orientationShare >= 0.3);
    }

    void isotropicKernelsAreNotDirectional() {
        for (const char* preset : {"gaussian", "laplacian", "identity", "sharpen", "log"}) {
            const ResponseClass c = classifyResponse(responseOf(preset));
            QVERIFY2(!c.directional, preset);
        }
    }

    void zeroKernel() {
        const ResponseClass c = classifyResponse(frequencyResponse(common::Kernel::zeros(3, 3), {16}));
        QVERIFY(c.kind == ResponseKind::Zero);
        QCOMPARE(toString(ResponseKind::BandPass), std::string("band-pass"));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestResponseAnalysis)
#include "test_response_analysis.moc"
