#include <cmath>
#include <set>
#include <stdexcept>

#include <QTest>

#include "core/imaging/kernel_library.h"
#include "tests/support/test_main.h"

using convscope::common::Kernel;
using namespace convscope::imaging;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Kernel element (r, c) sits at x = c - a, y = a - r (y pointing up), a the centre index.
double xOf(int c, int n) {
    return c - (n - 1) / 2;
}
double yOf(int r, int n) {
    return (n - 1) / 2 - r;
}

// Normalised sampled 1-D Gaussian, written from its definition.
std::vector<double> gaussian1d(int n, double sigma) {
    std::vector<double> g(static_cast<size_t>(n));
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = i - (n - 1) / 2.0;
        g[static_cast<size_t>(i)] = std::exp(-x * x / (2 * sigma * sigma));
        sum += g[static_cast<size_t>(i)];
    }
    for (double& v : g) v /= sum;
    return g;
}

QString messageOf(const std::string& name, const ParamValues& params) {
    try {
        makeKernel(name, params);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

void compareKernel(const Kernel& actual, const Kernel& expected, double tolerance) {
    QCOMPARE(actual.rows(), expected.rows());
    QCOMPARE(actual.cols(), expected.cols());
    for (int r = 0; r < actual.rows(); ++r)
        for (int c = 0; c < actual.cols(); ++c)
            QVERIFY2(std::abs(actual.at(r, c) - expected.at(r, c)) <= tolerance,
                     qPrintable(QString("(%1,%2): %3 vs %4")
                                    .arg(r)
                                    .arg(c)
                                    .arg(actual.at(r, c), 0, 'g', 17)
                                    .arg(expected.at(r, c), 0, 'g', 17)));
}

bool symmetricUnder180(const Kernel& k) {
    for (int r = 0; r < k.rows(); ++r)
        for (int c = 0; c < k.cols(); ++c)
            if (k.at(r, c) != k.at(k.rows() - 1 - r, k.cols() - 1 - c)) return false;
    return true;
}

}  // namespace

class TestKernelLibrary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetOrderAndNames() {
        const std::vector<std::string> expected = {
            "gaussian-blur", "sharpen",  "edge-detection", "emboss", "sobel-x", "sobel-y",     "laplacian",
            "box",           "gaussian", "gabor",          "log",    "unsharp", "motion-blur", "identity"};
        const auto& presets = kernelPresets();
        QCOMPARE(presets.size(), expected.size());
        for (size_t i = 0; i < presets.size(); ++i) {
            QCOMPARE(presets[i].name, expected[i]);
            QCOMPARE(presets[i].fromSeed, i < 5);
            QVERIFY(!presets[i].title.empty());
            QVERIFY(!presets[i].description.empty());
            QVERIFY(presets[i].description.find('\n') == std::string::npos);
            QCOMPARE(findPreset(expected[i]), &presets[i]);
        }
        QCOMPARE(findPreset("nope"), nullptr);
    }

    // The five filters of the textbook's show_filter_effects, coefficients copied from the text.
    void seedKernelsHaveTheTextbookCoefficients_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVector<double>>("values");
        QTest::newRow("sharpen") << "sharpen" << QVector<double>{0, -1, 0, -1, 5, -1, 0, -1, 0};
        QTest::newRow("edge-detection")
            << "edge-detection" << QVector<double>{-1, -1, -1, -1, 8, -1, -1, -1, -1};
        QTest::newRow("emboss") << "emboss" << QVector<double>{-2, -1, 0, -1, 1, 1, 0, 1, 2};
        QTest::newRow("sobel-x") << "sobel-x" << QVector<double>{-1, 0, 1, -2, 0, 2, -1, 0, 1};
        QTest::newRow("sobel-y") << "sobel-y" << QVector<double>{-1, -2, -1, 0, 0, 0, 1, 2, 1};
        QTest::newRow("laplacian") << "laplacian" << QVector<double>{0, 1, 0, 1, -4, 1, 0, 1, 0};
    }
    void seedKernelsHaveTheTextbookCoefficients() {
        QFETCH(QString, name);
        QFETCH(QVector<double>, values);
        const Kernel k = makeKernel(name.toStdString());
        QCOMPARE(k, Kernel(3, 3, std::vector<double>(values.begin(), values.end())));
    }

    // cv2.getGaussianKernel(3, 1) = [0.27406862, 0.45186276, 0.27406862]; the 2-D kernel is its outer
    // product.
    void gaussianBlurIsTheSeedsOuterProduct() {
        const double e = std::exp(-0.5);
        const double side = e / (1 + 2 * e), centre = 1 / (1 + 2 * e);
        QVERIFY(std::abs(side - 0.27406862) < 5e-9);
        QVERIFY(std::abs(centre - 0.45186276) < 5e-9);
        const double g[3] = {side, centre, side};
        Kernel expected = Kernel::zeros(3, 3);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) expected.set(r, c, g[r] * g[c]);
        const Kernel k = makeKernel("gaussian-blur");
        compareKernel(k, expected, 1e-16);
        QVERIFY(std::abs(k.sum() - 1.0) < 1e-15);
        QVERIFY(symmetricUnder180(k));
        QCOMPARE(k, k.transposed());
    }

    void everyPresetBuildsWithDefaults() {
        for (const PresetInfo& p : kernelPresets()) {
            const Kernel k = makeKernel(p.name);
            QVERIFY2(k.rows() >= 1 && k.cols() >= 1, p.name.c_str());
            for (const ParamSpec& s : p.params) {
                QVERIFY2(s.minimum <= s.defaultValue && s.defaultValue <= s.maximum,
                         (p.name + "." + s.key).c_str());
                QVERIFY(s.step > 0);
                QVERIFY(!s.label.empty());
                if (s.integer || s.oddOnly) QCOMPARE(std::floor(s.defaultValue), s.defaultValue);
                if (s.oddOnly) QCOMPARE(std::fmod(s.defaultValue, 2.0), 1.0);
                // The extremes of every parameter build too.
                makeKernel(p.name, {{s.key, s.minimum}});
                makeKernel(p.name, {{s.key, s.maximum}});
            }
        }
    }

    void boxIsAFlatAverageOfAnySize() {
        for (int n : {1, 2, 4, 5, 31}) {
            const Kernel k = makeKernel("box", {{"size", n}});
            QCOMPARE(k.rows(), n);
            QCOMPARE(k.cols(), n);
            for (double v : k.values()) QCOMPARE(v, 1.0 / (n * n));
            QVERIFY(std::abs(k.sum() - 1.0) < 1e-12);
        }
    }

    void gaussianIsTheNormalisedSampledGaussian() {
        for (const auto& [n, sigma] :
             std::vector<std::pair<int, double>>{{1, 1.0}, {5, 1.0}, {7, 1.5}, {31, 20.0}, {9, 0.1}}) {
            const Kernel k = makeKernel("gaussian", {{"size", n}, {"sigma", sigma}});
            const std::vector<double> g = gaussian1d(n, sigma);
            Kernel expected = Kernel::zeros(n, n);
            for (int r = 0; r < n; ++r)
                for (int c = 0; c < n; ++c) expected.set(r, c, g[size_t(r)] * g[size_t(c)]);
            compareKernel(k, expected, 1e-12);
            QVERIFY(std::abs(k.sum() - 1.0) < 1e-12);
            QVERIFY(symmetricUnder180(k));
            QCOMPARE(k, k.transposed());
        }
    }

    void gaborMatchesTheFormula_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("theta");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("gamma");
        QTest::addColumn<double>("psi");
        QTest::newRow("defaults") << 21 << 4.0 << 0.0 << 10.0 << 0.5 << 0.0;
        QTest::newRow("oblique") << 15 << 3.0 << 30.0 << 6.0 << 0.8 << 0.0;
        QTest::newRow("sine phase") << 11 << 2.5 << 90.0 << 5.0 << 1.0 << 90.0;
        QTest::newRow("negative angle") << 9 << 2.0 << -60.0 << 4.0 << 0.3 << -45.0;
    }
    void gaborMatchesTheFormula() {
        QFETCH(int, size);
        QFETCH(double, sigma);
        QFETCH(double, theta);
        QFETCH(double, lambda);
        QFETCH(double, gamma);
        QFETCH(double, psi);
        const Kernel k = makeKernel("gabor", {{"size", size},
                                              {"sigma", sigma},
                                              {"theta", theta},
                                              {"lambda", lambda},
                                              {"gamma", gamma},
                                              {"psi", psi}});
        QCOMPARE(k.rows(), size);
        QCOMPARE(k.cols(), size);
        const double t = theta * kPi / 180, p = psi * kPi / 180;
        for (int r = 0; r < size; ++r) {
            for (int c = 0; c < size; ++c) {
                const double x = xOf(c, size), y = yOf(r, size);
                const double xr = x * std::cos(t) + y * std::sin(t), yr = -x * std::sin(t) + y * std::cos(t);
                const double g = std::exp(-(xr * xr + gamma * gamma * yr * yr) / (2 * sigma * sigma)) *
                                 std::cos(2 * kPi * xr / lambda + p);
                QVERIFY2(std::abs(k.at(r, c) - g) < 1e-12, qPrintable(QString("(%1,%2)").arg(r).arg(c)));
            }
        }
    }

    // θ = 90° points the wave vector up the screen: the stripes are horizontal, so every row is constant
    // apart from the envelope, and with ψ = 0 the centre row is the envelope's maximum.
    void gaborAngleConvention() {
        const Kernel k = makeKernel("gabor", {{"size", 11}, {"theta", 90}, {"gamma", 0.1}, {"sigma", 20}});
        for (int r = 0; r < 11; ++r) QVERIFY(std::abs(k.at(r, 0) - k.at(r, 10)) < 1e-12);
        QCOMPARE(k.at(5, 5), 1.0);
        // λ = 10: a quarter period (2.5 px) above the centre the cosine is near zero, half a period is −1.
        QVERIFY(k.at(0, 5) < -0.9);
        QVERIFY(k.at(10, 5) < -0.9);
    }

    // Sampled ∇²G shifted by a constant: differences between elements are those of the analytic function.
    void logIsShiftedSampledLaplacianOfGaussian() {
        const int n = 11;
        const double sigma = 1.6;
        const Kernel k = makeKernel("log", {{"size", n}, {"sigma", sigma}});
        auto analytic = [&](int r, int c) {
            const double x = xOf(c, n), y = yOf(r, n), s2 = sigma * sigma, q = x * x + y * y;
            return (q - 2 * s2) / (s2 * s2) * std::exp(-q / (2 * s2)) / (2 * kPi * s2);
        };
        const double shift = k.at(0, 0) - analytic(0, 0);
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) QVERIFY(std::abs(k.at(r, c) - analytic(r, c) - shift) < 1e-14);
        QVERIFY(std::abs(k.sum()) < 1e-14);
        QVERIFY(k.at(5, 5) < 0);
        QCOMPARE(k.minValue(), k.at(5, 5));
        QVERIFY(symmetricUnder180(k));
        for (int s : {3, 31})
            QVERIFY(std::abs(makeKernel("log", {{"size", s}, {"sigma", 0.5}}).sum()) < 1e-13);
    }

    void unsharpIsIdentityPlusAmountTimesDetail() {
        const int n = 7;
        const double sigma = 1.3, amount = 2.5;
        const Kernel k = makeKernel("unsharp", {{"size", n}, {"sigma", sigma}, {"amount", amount}});
        const std::vector<double> g = gaussian1d(n, sigma);
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                const double id = (r == 3 && c == 3) ? 1.0 : 0.0;
                QVERIFY(std::abs(k.at(r, c) - (id + amount * (id - g[size_t(r)] * g[size_t(c)]))) < 1e-12);
            }
        }
        QVERIFY(std::abs(k.sum() - 1.0) < 1e-12);
        QCOMPARE(makeKernel("unsharp", {{"amount", 0}}), makeKernel("identity", {{"size", 5}}));
    }

    void motionBlurAlongX() {
        // A horizontal line 5 px long covers five pixels completely.
        const Kernel five = makeKernel("motion-blur", {{"length", 5}, {"angle", 0}});
        QCOMPARE(five.rows(), 5);
        for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 5; ++c) QVERIFY(std::abs(five.at(r, c) - (r == 2 ? 0.2 : 0.0)) < 1e-12);
        // An even length needs the next odd size and covers half of the two end pixels.
        const Kernel four = makeKernel("motion-blur", {{"length", 4}, {"angle", 180}});
        QCOMPARE(four.rows(), 5);
        const double row[5] = {0.125, 0.25, 0.25, 0.25, 0.125};
        for (int c = 0; c < 5; ++c) QVERIFY(std::abs(four.at(2, c) - row[c]) < 1e-12);
        QCOMPARE(makeKernel("motion-blur", {{"length", 1}}), Kernel());
        const Kernel vertical = makeKernel("motion-blur", {{"length", 3}, {"angle", 90}});
        compareKernel(vertical, Kernel(3, 3, {0, 1.0 / 3, 0, 0, 1.0 / 3, 0, 0, 1.0 / 3, 0}), 1e-12);
    }

    // 45° counter-clockwise runs from the lower left to the upper right: the anti-diagonal of the matrix.
    void motionBlurDiagonalFollowsTheAngle() {
        const int n = 9;
        const Kernel k = makeKernel("motion-blur", {{"length", n}, {"angle", 45}});
        // The ends reach ±4.5 cos 45° ≈ ±3.18 px along each axis: into pixels (1, n-2) and (n-2, 1) only.
        QVERIFY(k.at(1, n - 2) > 0.05);
        QVERIFY(k.at(n - 2, 1) > 0.05);
        QCOMPARE(k.at(0, n - 1), 0.0);
        QCOMPARE(k.at(1, 1), 0.0);
        QCOMPARE(k.at(n - 2, n - 2), 0.0);
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) QVERIFY(std::abs(k.at(r, c) - k.at(n - 1 - c, n - 1 - r)) < 1e-12);
    }

    void motionBlurSumsToOneAndIsPointSymmetric() {
        for (int length : {1, 2, 7, 10, 31}) {
            for (double angle : {-180.0, -37.0, 0.0, 15.0, 45.0, 90.0, 123.4, 180.0}) {
                const Kernel k = makeKernel("motion-blur", {{"length", length}, {"angle", angle}});
                QCOMPARE(k.rows(), length % 2 ? length : length + 1);
                QVERIFY(std::abs(k.sum() - 1.0) < 1e-12);
                QVERIFY(k.minValue() >= 0.0);
                QVERIFY(symmetricUnder180(k));
            }
        }
    }

    void identityHasOneAtTheCentre() {
        const Kernel k = makeKernel("identity", {{"size", 5}});
        for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 5; ++c) QCOMPARE(k.at(r, c), (r == 2 && c == 2) ? 1.0 : 0.0);
    }

    void unknownPresetListsKnownNames() {
        const QString m = messageOf("sobel", {});
        QVERIFY2(m.contains("'sobel'"), qPrintable(m));
        for (const PresetInfo& p : kernelPresets())
            QVERIFY2(m.contains(QString::fromStdString(p.name)), qPrintable(m));
    }

    void badParametersAreRejectedWithTheValidRange_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("unknown key") << "gaussian"
                                     << "radius" << 3.0 << QStringList{"radius", "size", "sigma"};
        QTest::newRow("key on fixed preset") << "sobel-x"
                                             << "size" << 3.0 << QStringList{"size"};
        QTest::newRow("size too big") << "box"
                                      << "size" << 32.0 << QStringList{"1", "31", "32"};
        QTest::newRow("size zero") << "box"
                                   << "size" << 0.0 << QStringList{"1", "31"};
        QTest::newRow("fractional size") << "box"
                                         << "size" << 3.5 << QStringList{"whole", "3.5"};
        QTest::newRow("even size") << "gaussian"
                                   << "size" << 4.0 << QStringList{"odd", "1", "31"};
        QTest::newRow("sigma too small") << "gaussian"
                                         << "sigma" << 0.05 << QStringList{"sigma", "0.1", "20"};
        QTest::newRow("sigma nan") << "log"
                                   << "sigma" << std::nan("") << QStringList{"sigma"};
        QTest::newRow("gabor size 1") << "gabor"
                                      << "size" << 1.0 << QStringList{"3", "31"};
        QTest::newRow("amount") << "unsharp"
                                << "amount" << 5.5 << QStringList{"0", "5"};
        QTest::newRow("motion length") << "motion-blur"
                                       << "length" << 40.0 << QStringList{"length", "31"};
        QTest::newRow("infinite angle")
            << "motion-blur"
            << "angle" << std::numeric_limits<double>::infinity() << QStringList{"angle"};
    }
    void badParametersAreRejectedWithTheValidRange() {
        QFETCH(QString, preset);
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QStringList, mentions);
        const QString m = messageOf(preset.toStdString(), {{key.toStdString(), value}});
        QVERIFY2(!m.isEmpty(), "no exception");
        for (const QString& s : mentions) QVERIFY2(m.contains(s), qPrintable(m));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestKernelLibrary)
#include "test_kernel_library.moc"
