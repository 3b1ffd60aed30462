// The direct-or-FFT cost model: predictions grow as they should, the choice follows them, calibration on this
// machine gives usable coefficients, the file round-trips and refuses another machine's or a corrupt one;
// and filterForDisplay gives the same picture whichever method runs.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <opencv2/core.hpp>

#include "core/imaging/filter_cost_model.h"
#include "core/imaging/filter_engine.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;
namespace common = convscope::common;

class TestFilterCostModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void predictionsScaleAsTheirModels() {
        const FilterCostModel m;  // the defaults
        // Direct cost grows with the kernel's area, the FFT's barely (only through the tile overhead).
        QVERIFY(m.predictDirectMs(3000, 4000, 1, 15, 15) > 20 * m.predictDirectMs(3000, 4000, 1, 3, 3) / 9);
        QVERIFY(m.predictFftMs(3000, 4000, 1, 15, 15) < 1.5 * m.predictFftMs(3000, 4000, 1, 3, 3));
        // Beyond their fixed cost per call, both are linear in pixels; colour images have coefficients of
        // their own and cost more than grey ones.
        const double d0 = m.gray.directFixed * 1e-6, f0 = m.gray.fftFixed * 1e-6;
        QVERIFY(std::abs((m.predictDirectMs(2000, 1000, 1, 5, 5) - d0) -
                         2 * (m.predictDirectMs(1000, 1000, 1, 5, 5) - d0)) < 1e-9);
        QVERIFY(
            std::abs((m.predictFftMs(2000, 1000, 1, 5, 5) - f0) / (m.predictFftMs(1000, 1000, 1, 5, 5) - f0) -
                     2.0) < 0.2);
        QVERIFY(m.predictFftMs(10, 10, 1, 5, 5) >= f0);
        QVERIFY(m.predictDirectMs(1000, 1000, 3, 5, 5) > m.predictDirectMs(1000, 1000, 1, 5, 5));
        QVERIFY(m.predictFftMs(1000, 1000, 3, 5, 5) > m.predictFftMs(1000, 1000, 1, 5, 5));
        QVERIFY(&m.forChannels(1) == &m.gray);
        QVERIFY(&m.forChannels(3) == &m.colour);
        QVERIFY(m.choose(3000, 4000, 1, 3, 3) == FilterMethod::Direct);
        QVERIFY(m.choose(3000, 4000, 1, 31, 31) == FilterMethod::Fft);
        QVERIFY(m.choose(3000, 4000, 3, 15, 15) == FilterMethod::Fft);
    }

    void calibrationOnThisMachine() {
        const FilterCostModel m = FilterCostModel::calibrate();
        QVERIFY(m.calibrated);
        for (const CostCoefficients& c : {m.gray, m.colour}) {
            for (double v : {c.directFixed, c.directPerPixel, c.directPerTap, c.fftFixed, c.fftPerPointLog,
                             c.fftPerPixel})
                QVERIFY(v >= 0.0);
            QVERIFY(c.directPerTap > 0.0);
        }
        // Whatever the machine, a 1x1 kernel is summed directly and a 63x63 one goes through the FFT.
        for (int channels : {1, 3}) {
            QVERIFY(m.choose(1000, 1000, channels, 1, 1) == FilterMethod::Direct);
            QVERIFY(m.choose(1000, 1000, channels, 63, 63) == FilterMethod::Fft);
        }
    }

    void fileRoundTrip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.txt").toStdString();
        FilterCostModel m;
        m.gray = {1000.0, 0.25, 0.125, 2.5e6, 0.0625, 1.5};
        m.colour = {2000.0, 0.5, 0.375, 7.5e6, 0.1875, 4.5};
        std::string error;
        QVERIFY2(m.save(path, &error), error.c_str());
        FilterCostModel back;
        QVERIFY2(back.load(path, &error), error.c_str());
        QVERIFY(back.calibrated);
        QCOMPARE(back.gray.directFixed, 1000.0);
        QCOMPARE(back.gray.fftFixed, 2.5e6);
        QCOMPARE(back.gray.directPerPixel, 0.25);
        QCOMPARE(back.gray.directPerTap, 0.125);
        QCOMPARE(back.gray.fftPerPointLog, 0.0625);
        QCOMPARE(back.gray.fftPerPixel, 1.5);
        QCOMPARE(back.colour.directFixed, 2000.0);
        QCOMPARE(back.colour.fftPerPixel, 4.5);

        // Another machine's model is not used.
        {
            std::ifstream in(path);
            std::stringstream text;
            text << in.rdbuf();
            std::string s = text.str();
            s.replace(s.find("signature = "), 12, "signature = other ");
            std::ofstream(path, std::ios::trunc) << s;
        }
        FilterCostModel untouched;
        QVERIFY(!untouched.load(path, &error));
        QVERIFY2(error.find("another machine") != std::string::npos, error.c_str());
        QVERIFY(!untouched.calibrated);
        // Nor a corrupt one, nor a missing one.
        std::ofstream(path, std::ios::trunc)
            << "signature = " << FilterCostModel::machineSignature() << "\ngray_direct_per_pixel = banana\n";
        QVERIFY(!untouched.load(path, &error));
        QVERIFY(!untouched.load(dir.filePath("none.txt").toStdString(), &error));
        QVERIFY(!m.save(dir.filePath("missing/dir/model.txt").toStdString(), &error));
    }

    void loadOrCalibrateWritesTheCache() {
        QTemporaryDir dir;
        const std::string cache = dir.filePath("cache").toStdString();
        QVERIFY(loadOrCalibrateCostModel(cache).empty());
        QVERIFY(QFile::exists(dir.filePath("cache/filter-cost-model.txt")));
        QVERIFY(activeCostModel().calibrated);
        const FilterCostModel first = activeCostModel();
        setActiveCostModel(FilterCostModel{});
        QVERIFY(loadOrCalibrateCostModel(cache).empty());  // loaded, not recalibrated
        QCOMPARE(activeCostModel().colour.directPerTap, first.colour.directPerTap);
        QCOMPARE(toString(FilterMethod::Fft), std::string("fft"));
        QVERIFY(parseFilterMethod("direct") == FilterMethod::Direct);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseFilterMethod("fastest"));
    }

    void displayIsTheSameEitherWay() {
        cv::Mat image(300, 260, CV_8UC3);
        cv::randu(image, 0, 256);
        const common::Kernel k(7, 7, std::vector<double>(49, 1.0 / 49));
        FilterOptions direct, fft;
        direct.method = FilterMethod::Direct;
        fft.method = FilterMethod::Fft;
        QVERIFY(resolveFilterMethod(image, k, direct) == FilterMethod::Direct);
        QVERIFY(resolveFilterMethod(image, k, fft) == FilterMethod::Fft);
        for (SignedDisplay mode : {SignedDisplay::Clip, SignedDisplay::Offset}) {
            DisplayOptions d;
            d.mode = mode;
            d.stretch = mode == SignedDisplay::Offset;
            int lastDone = -1, lastTotal = -1;
            common::JobControl control;
            control.onProgress = [&](int done, int total) {
                QVERIFY(done >= lastDone);
                lastDone = done;
                lastTotal = total;
            };
            const FilterOutput a = filterForDisplay(image, k, direct, d);
            const FilterOutput b = filterForDisplay(image, k, fft, d, control);
            QCOMPARE(lastDone, lastTotal);
            QVERIFY(cv::norm(a.values, b.values, cv::NORM_INF) < 1e-3);
            // A rounded 8-bit picture may differ by one level where a value sits on a rounding boundary.
            QVERIFY(cv::norm(a.display, b.display, cv::NORM_INF) <= 1.0);
            QVERIFY(std::abs(a.range.max - b.range.max) < 1e-3);
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestFilterCostModel)
#include "test_filter_cost_model.moc"
