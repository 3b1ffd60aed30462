#include <cmath>
#include <random>
#include <set>
#include <stdexcept>

#include <QTest>
#include <opencv2/core.hpp>

#include "core/imaging/test_patterns.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;

Q_DECLARE_METATYPE(PatternKind)

namespace {

constexpr double kPi = 3.14159265358979323846;

PatternParams sized(int width, int height) {
    PatternParams p;
    p.width = width;
    p.height = height;
    return p;
}

// Peak of the magnitude spectrum (DC excluded) as signed frequencies (fx, fy) in cycles per pixel.
cv::Point2d spectralPeak(const cv::Mat& image) {
    cv::Mat f;
    image.convertTo(f, CV_32F);
    f -= cv::mean(f)[0];
    cv::Mat spectrum;
    cv::dft(f, spectrum, cv::DFT_COMPLEX_OUTPUT);
    cv::Mat planes[2];
    cv::split(spectrum, planes);
    cv::Mat magnitude;
    cv::magnitude(planes[0], planes[1], magnitude);
    cv::Point peak;
    cv::minMaxLoc(magnitude, nullptr, nullptr, nullptr, &peak);
    const int u = peak.x <= image.cols / 2 ? peak.x : peak.x - image.cols;
    const int v = peak.y <= image.rows / 2 ? peak.y : peak.y - image.rows;
    return {double(u) / image.cols, double(v) / image.rows};
}

}  // namespace

class TestTestPatterns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listAndNames() {
        const auto& list = patternList();
        QCOMPARE(list.size(), size_t(6));
        std::set<std::string> names;
        for (const PatternInfo& info : list) {
            QCOMPARE(parsePatternKind(info.name), info.kind);
            QVERIFY(!info.title.empty() && !info.description.empty());
            names.insert(info.name);
        }
        QCOMPARE(names, (std::set<std::string>{"zone-plate", "checkerboard", "step-edges", "grating",
                                               "impulse", "noise"}));
        try {
            parsePatternKind("zoneplate");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("zone-plate") && m.contains("noise"), qPrintable(m));
        }
    }

    void everyPatternHasTheRequestedSize() {
        for (const PatternInfo& info : patternList()) {
            for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1, 1}, {7, 3}, {64, 100}}) {
                const cv::Mat m = makePattern(info.kind, sized(w, h));
                QCOMPARE(m.type(), CV_8UC1);
                QCOMPARE(m.cols, w);
                QCOMPARE(m.rows, h);
            }
        }
    }

    void checkerboardCells() {
        PatternParams p = sized(50, 30);
        p.cellSize = 7;
        const cv::Mat m = makePattern(PatternKind::Checkerboard, p);
        for (int y = 0; y < m.rows; ++y) {
            for (int x = 0; x < m.cols; ++x) {
                const bool white = ((x / 7) + (y / 7)) % 2 == 1;
                QCOMPARE(int(m.at<uchar>(y, x)), white ? 255 : 0);
            }
        }
        QCOMPARE(int(m.at<uchar>(0, 0)), 0);
        QCOMPARE(int(m.at<uchar>(0, 7)), 255);
        QCOMPARE(int(m.at<uchar>(7, 7)), 0);
    }

    void impulseIsOneWhitePixel() {
        for (const auto& [w, h] : std::vector<std::pair<int, int>>{{9, 9}, {10, 7}, {1, 1}}) {
            const cv::Mat m = makePattern(PatternKind::Impulse, sized(w, h));
            QCOMPARE(cv::countNonZero(m), 1);
            QCOMPARE(int(m.at<uchar>(h / 2, w / 2)), 255);
        }
    }

    void stepEdgesLevels() {
        PatternParams p = sized(40, 10);
        p.steps = 5;
        const cv::Mat m = makePattern(PatternKind::StepEdges, p);
        const int levels[5] = {0, 64, 128, 191, 255};  // 255 k / 4 rounded half away from zero
        for (int x = 0; x < 40; ++x) {
            QCOMPARE(int(m.at<uchar>(0, x)), levels[x / 8]);
            QCOMPARE(int(m.at<uchar>(4, x)), levels[x / 8]);
            QCOMPARE(int(m.at<uchar>(5, x)), 0);
            QCOMPARE(int(m.at<uchar>(9, x)), 0);
        }
        p.steps = 2;
        const cv::Mat two = makePattern(PatternKind::StepEdges, p);
        QCOMPARE(int(two.at<uchar>(0, 19)), 0);
        QCOMPARE(int(two.at<uchar>(0, 20)), 255);
    }

    // Period and direction measured from the image itself: the DFT peak, and direct sampling.
    void gratingFrequencyAndOrientation_data() {
        QTest::addColumn<double>("frequency");
        QTest::addColumn<double>("angle");
        QTest::newRow("vertical stripes") << 1.0 / 16 << 0.0;
        QTest::newRow("horizontal stripes") << 1.0 / 8 << 90.0;
        QTest::newRow("45 degrees") << 4.0 * std::sqrt(2.0) / 128 << 45.0;
        QTest::newRow("-45 degrees") << 8.0 * std::sqrt(2.0) / 128 << -45.0;
    }
    void gratingFrequencyAndOrientation() {
        QFETCH(double, frequency);
        QFETCH(double, angle);
        PatternParams p = sized(128, 128);
        p.frequency = frequency;
        p.angleDegrees = angle;
        const cv::Mat m = makePattern(PatternKind::Grating, p);
        const cv::Point2d peak = spectralPeak(m);
        // Image rows grow downwards while the angle is counter-clockwise with y up: fy flips sign.
        const double a = angle * kPi / 180;
        const double fx = frequency * std::cos(a), fy = -frequency * std::sin(a);
        const bool same = std::abs(peak.x - fx) < 1e-9 && std::abs(peak.y - fy) < 1e-9;
        const bool opposite = std::abs(peak.x + fx) < 1e-9 && std::abs(peak.y + fy) < 1e-9;
        QVERIFY2(
            same || opposite,
            qPrintable(QString("peak (%1, %2), expected ±(%3, %4)").arg(peak.x).arg(peak.y).arg(fx).arg(fy)));
        // Constant along the stripes, periodic across them.
        const double period = 1.0 / frequency;
        if (angle == 0.0) {
            for (int y = 1; y < 128; ++y) QCOMPARE(m.at<uchar>(y, 5), m.at<uchar>(0, 5));
            for (int x = 0; x + 16 < 128; ++x) QCOMPARE(m.at<uchar>(3, x), m.at<uchar>(3, x + int(period)));
        }
        if (angle == 45.0) {
            // Stripes run from the upper left to the lower right: constant along the main diagonal.
            for (int i = 1; i < 128; ++i)
                QVERIFY(std::abs(int(m.at<uchar>(i, i)) - int(m.at<uchar>(0, 0))) <= 1);
        }
    }

    void gratingIsWhiteAtTheCentreAndSpansTheRange() {
        PatternParams p = sized(33, 33);
        p.frequency = 0.1;
        const cv::Mat m = makePattern(PatternKind::Grating, p);
        QCOMPARE(int(m.at<uchar>(16, 16)), 255);
        // 127.5 (1 + cos(2 pi 0.1 dx)) at dx = 5: cos(pi) = -1.
        QCOMPARE(int(m.at<uchar>(16, 21)), 0);
        QCOMPARE(int(m.at<uchar>(16, 11)), 0);
    }

    void zonePlateSymmetryAndLocalFrequency() {
        PatternParams p = sized(256, 256);
        p.maxFrequency = 0.25;
        const cv::Mat m = makePattern(PatternKind::ZonePlate, p);
        cv::Mat flipped;
        for (int code : {0, 1, -1}) {
            cv::flip(m, flipped, code);
            QCOMPARE(cv::norm(m, flipped, cv::NORM_INF), 0.0);
        }
        QCOMPARE(cv::norm(m, m.t(), cv::NORM_INF), 0.0);
        // The centre of the grid (between pixels 127 and 128) is white-ish: phase ~0.
        QVERIFY(m.at<uchar>(127, 127) > 250);
        // Local frequency along the middle row: count zero crossings of (I - 127.5) in windows and compare
        // with the expected f(r) = fmax r / R, R = 128.
        const double c = 127.5, R = 128.0;
        for (double r0 : {40.0, 80.0, 110.0}) {
            int crossings = 0;
            const int x0 = int(c + r0 - 8), x1 = int(c + r0 + 8);
            for (int x = x0; x < x1; ++x) {
                const double a = m.at<uchar>(128, x) - 127.5, b = m.at<uchar>(128, x + 1) - 127.5;
                if ((a < 0) != (b < 0)) ++crossings;
            }
            const double expected = 2.0 * 0.25 * r0 / R * (x1 - x0);  // two crossings per cycle
            QVERIFY2(
                std::abs(crossings - expected) <= 1.5,
                qPrintable(QString("r=%1: %2 crossings, expected %3").arg(r0).arg(crossings).arg(expected)));
        }
        // Phase pi fmax r^2 / R at a known point, straight from the formula.
        const double dx = 200 - c, dy = 128 - c;
        const double expected = 127.5 * (1 + std::cos(kPi * 0.25 * (dx * dx + dy * dy) / R));
        QVERIFY(std::abs(m.at<uchar>(128, 200) - expected) <= 0.5);
    }

    void noiseIsDeterministicAndRoughlyUniform() {
        PatternParams p = sized(256, 256);
        p.seed = 42;
        const cv::Mat a = makePattern(PatternKind::WhiteNoise, p);
        const cv::Mat b = makePattern(PatternKind::WhiteNoise, p);
        QCOMPARE(cv::norm(a, b, cv::NORM_INF), 0.0);
        p.seed = 43;
        const cv::Mat c = makePattern(PatternKind::WhiteNoise, p);
        QVERIFY(cv::norm(a, c, cv::NORM_INF) > 0);
        // 65536 samples in 16 bins of 16 levels: 4096 expected per bin, sd 62.
        int bins[16] = {};
        for (int y = 0; y < a.rows; ++y)
            for (int x = 0; x < a.cols; ++x) ++bins[a.at<uchar>(y, x) / 16];
        for (int n : bins) QVERIFY2(std::abs(n - 4096) < 400, qPrintable(QString::number(n)));
        const double mean = cv::mean(a)[0];
        QVERIFY(std::abs(mean - 127.5) < 2.0);
        // Neighbouring pixels are uncorrelated.
        double sum = 0;
        for (int y = 0; y < a.rows; ++y)
            for (int x = 0; x + 1 < a.cols; ++x)
                sum += (a.at<uchar>(y, x) - mean) * (a.at<uchar>(y, x + 1) - mean);
        const double correlation = sum / (a.rows * (a.cols - 1)) / (255.0 * 255.0 / 12.0);
        QVERIFY(std::abs(correlation) < 0.02);
        // The first values are fixed by the standard's mt19937_64 sequence: top byte of each draw.
        std::mt19937_64 engine(42);
        for (int x = 0; x < 8; ++x) QCOMPARE(int(a.at<uchar>(0, x)), int(engine() >> 56));
    }

    void badParametersAreRejected_data() {
        QTest::addColumn<PatternKind>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::newRow("width 0") << PatternKind::Impulse << "width" << 0.0;
        QTest::newRow("height too big") << PatternKind::Checkerboard << "height" << 16385.0;
        QTest::newRow("frequency 0") << PatternKind::Grating << "frequency" << 0.0;
        QTest::newRow("frequency above Nyquist") << PatternKind::Grating << "frequency" << 0.51;
        QTest::newRow("frequency nan") << PatternKind::Grating << "frequency" << std::nan("");
        QTest::newRow("angle infinite") << PatternKind::Grating << "angle" << HUGE_VAL;
        QTest::newRow("zone plate 0") << PatternKind::ZonePlate << "maxFrequency" << 0.0;
        QTest::newRow("zone plate 0.6") << PatternKind::ZonePlate << "maxFrequency" << 0.6;
        QTest::newRow("cell 0") << PatternKind::Checkerboard << "cellSize" << 0.0;
        QTest::newRow("steps 1") << PatternKind::StepEdges << "steps" << 1.0;
        QTest::newRow("steps 33") << PatternKind::StepEdges << "steps" << 33.0;
    }
    void badParametersAreRejected() {
        QFETCH(PatternKind, kind);
        QFETCH(QString, field);
        QFETCH(double, value);
        PatternParams p = sized(16, 16);
        if (field == "width") p.width = int(value);
        if (field == "height") p.height = int(value);
        if (field == "frequency") p.frequency = value;
        if (field == "angle") p.angleDegrees = value;
        if (field == "maxFrequency") p.maxFrequency = value;
        if (field == "cellSize") p.cellSize = int(value);
        if (field == "steps") p.steps = int(value);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makePattern(kind, p));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestTestPatterns)
#include "test_test_patterns.moc"
