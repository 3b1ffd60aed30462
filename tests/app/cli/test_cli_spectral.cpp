// freqresp, fftconv and spectrum run as separate processes: responses against a naive DFT written here, the
// FFT filter against the naive correlation of naive_filter.cpp and against 'filter --method direct', the
// spectrum against a naive DFT of the luminance; and their bad input.
#include <QTest>

#include <cmath>
#include <complex>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/naive_filter.h"
#include "tests/support/test_main.h"

using namespace clitest;

Q_DECLARE_METATYPE(naive::Border)

namespace {

constexpr double kPi = 3.14159265358979323846;
const naive::Kernel kSobelX{3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}};

// H(f) of a kernel with its anchor ((rows-1)/2, (cols-1)/2) at the origin (corner: element (0,0)).
std::complex<double> dft(const naive::Kernel& k, double fy, double fx, bool corner) {
    const int ar = corner ? 0 : (k.rows - 1) / 2, ac = corner ? 0 : (k.cols - 1) / 2;
    std::complex<double> s = 0.0;
    for (int i = 0; i < k.rows; ++i)
        for (int j = 0; j < k.cols; ++j)
            s += k.at(i, j) * std::polar(1.0, -2 * kPi * (fy * (i - ar) + fx * (j - ac)));
    return s;
}

double freq(int index, int n) {
    return double(index - n / 2) / n;
}

}  // namespace

class TestCliSpectral : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    cv::Mat m_input;  // 40 x 31 random BGR, input.png
    QString file(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_input.create(31, 40, CV_8UC3);
        cv::RNG(77).fill(m_input, cv::RNG::UNIFORM, 0, 256);
        QVERIFY(cv::imwrite(file("input.png").toStdString(), m_input));
        {
            std::ofstream big(file("big.txt").toStdString());  // 20 x 20 ones
            for (int r = 0; r < 20; ++r) {
                for (int c = 0; c < 20; ++c) big << "1 ";
                big << "\n";
            }
        }
        std::ofstream(file("words.txt").toStdString()) << "1 2\nthree 4\n";
        std::ofstream(file("empty.txt").toStdString()) << "# nothing\n\n";
        std::ofstream(file("ragged.txt").toStdString()) << "1 2 3\n4 5\n";
    }

    void freqrespMagnitudeAndPhase_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("scale");
        QTest::addColumn<bool>("corner");
        QTest::newRow("default 256 linear") << QStringList{} << 256 << "linear" << false;
        QTest::newRow("17 log") << QStringList{"--size", "17", "--scale", "log"} << 17 << "log" << false;
        QTest::newRow("64 db corner")
            << QStringList{"--size=64", "--scale", "db", "--origin", "corner"} << 64 << "db" << true;
    }
    void freqrespMagnitudeAndPhase() {
        QFETCH(QStringList, extra);
        QFETCH(int, size);
        QFETCH(QString, scale);
        QFETCH(bool, corner);
        const QString mag = file("mag.tiff"), phase = file("phase.tif");
        const Result r = runCli(QStringList{"freqresp", "--kernel", "sobel-x"} + extra << mag << phase);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("dc gain:   0"), qPrintable(r.out));
        QVERIFY2(r.out.contains("directional at 0 degrees"), qPrintable(r.out));
        const cv::Mat m = cv::imread(mag.toStdString(), cv::IMREAD_UNCHANGED);
        const cv::Mat p = cv::imread(phase.toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(m.type(), CV_32FC1);
        QCOMPARE(p.type(), CV_32FC1);
        QCOMPARE(m.rows, size);
        QCOMPARE(m.cols, size);
        for (int row = 0; row < size; row += 3)
            for (int col = 0; col < size; col += 5) {
                const std::complex<double> h = dft(kSobelX, freq(row, size), freq(col, size), corner);
                double expected = std::abs(h);
                if (scale == "log") expected = std::log1p(expected);
                if (scale == "db")
                    expected = expected > 0 ? std::max(-120.0, 20 * std::log10(expected)) : -120.0;
                QVERIFY2(
                    std::abs(m.at<float>(row, col) - expected) < 1e-4 * std::max(1.0, std::abs(expected)),
                    qPrintable(QString("(%1, %2): %3 vs %4")
                                   .arg(row)
                                   .arg(col)
                                   .arg(m.at<float>(row, col))
                                   .arg(expected)));
                if (std::abs(h) > 1e-6) {
                    double d = std::abs(p.at<float>(row, col) - std::arg(h));
                    d = std::min(d, 2 * kPi - d);
                    QVERIFY(d < 1e-4);
                }
            }
    }

    void fftconvEqualsTheDefinition_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<bool>("convolve");
        QTest::addColumn<naive::Border>("border");
        using B = naive::Border;
        QTest::newRow("reflect101") << QStringList{} << false << B::Reflect101;
        QTest::newRow("zero convolve")
            << QStringList{"--border", "zero", "--mode", "convolve"} << true << B::Zero;
        QTest::newRow("replicate") << QStringList{"--border", "replicate"} << false << B::Replicate;
        QTest::newRow("wrap convolve")
            << QStringList{"--border", "wrap", "--mode", "convolve"} << true << B::Wrap;
    }
    void fftconvEqualsTheDefinition() {
        QFETCH(QStringList, extra);
        QFETCH(bool, convolve);
        QFETCH(naive::Border, border);
        const QString fft = file("fft.tiff"), direct = file("direct.tiff");
        const Result a =
            runCli(QStringList{"fftconv", "--kernel", "sobel-x"} + extra << file("input.png") << fft);
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY2(a.out.contains("by FFT"), qPrintable(a.out));
        const Result b = runCli(QStringList{"filter", "--method", "direct", "--kernel", "sobel-x"} + extra
                                << file("input.png") << direct);
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY2(b.out.contains("by direct summation"), qPrintable(b.out));
        const cv::Mat viaFft = cv::imread(fft.toStdString(), cv::IMREAD_UNCHANGED);
        const cv::Mat viaDirect = cv::imread(direct.toStdString(), cv::IMREAD_UNCHANGED);
        const cv::Mat expected = naive::filter(m_input, kSobelX, convolve, border);
        QCOMPARE(viaFft.type(), CV_32FC3);
        cv::Mat fft64;
        viaFft.convertTo(fft64, CV_64F);
        // Float rounding: ~1e-6 of 255 · Σ|K| (here 8).
        QVERIFY2(cv::norm(fft64, expected, cv::NORM_INF) < 2e-3,
                 qPrintable(QString::number(cv::norm(fft64, expected, cv::NORM_INF))));
        QVERIFY(cv::norm(viaFft, viaDirect, cv::NORM_INF) < 2e-3);
    }

    void fftconvEightBitAndGray() {
        const Result r =
            runCli({"fftconv", "--kernel", "gaussian", "--gray", file("input.png"), file("blur.png")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const cv::Mat picture = cv::imread(file("blur.png").toStdString(), cv::IMREAD_UNCHANGED);
        QCOMPARE(picture.type(), CV_8UC1);
        QCOMPARE(picture.size(), cv::Size(40, 31));
    }

    void spectrumMatchesANaiveDft() {
        for (bool hann : {false, true}) {
            QStringList args{"spectrum"};
            if (hann) args << "--hann";
            const Result r = runCli(args << file("input.png") << file("spec.tif"));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const cv::Mat s = cv::imread(file("spec.tif").toStdString(), cv::IMREAD_UNCHANGED);
            QCOMPARE(s.type(), CV_32FC1);
            const cv::Mat lum = naive::luminance(m_input);
            const int rows = lum.rows, cols = lum.cols;
            auto w = [hann](int i, int n) {
                return hann ? 0.5 - 0.5 * std::cos(2 * kPi * i / (n - 1)) : 1.0;
            };
            for (int row : {0, 7, rows / 2, rows - 1})
                for (int col : {0, 3, cols / 2, cols - 1}) {
                    std::complex<double> sum = 0.0;
                    for (int y = 0; y < rows; ++y)
                        for (int x = 0; x < cols; ++x)
                            sum += lum.at<std::uint8_t>(y, x) * w(y, rows) * w(x, cols) *
                                   std::polar(1.0, -2 * kPi * (freq(row, rows) * y + freq(col, cols) * x));
                    // OpenCV's fixed-point luminance may differ from exact rounding by one grey level here
                    // and there, so compare loosely.
                    QVERIFY2(std::abs(s.at<float>(row, col) - std::log1p(std::abs(sum))) < 0.05,
                             qPrintable(QString("%1,%2: %3 vs %4")
                                            .arg(row)
                                            .arg(col)
                                            .arg(s.at<float>(row, col))
                                            .arg(std::log1p(std::abs(sum)))));
                }
        }
        const Result png = runCli({"spectrum", file("input.png"), file("spec.png")});
        QVERIFY2(png.exitCode == 0, qPrintable(png.err));
        QCOMPARE(cv::imread(file("spec.png").toStdString(), cv::IMREAD_UNCHANGED).type(), CV_8UC1);
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString in = "{dir}/input.png";
        const QString mag = "{dir}/err_mag.tiff";
        QTest::newRow("size too small")
            << QStringList{"freqresp", "--kernel", "sobel-x", "--size", "15", mag} << 2 << "--size";
        QTest::newRow("size too large")
            << QStringList{"freqresp", "--kernel", "sobel-x", "--size", "1025", mag} << 2 << "--size";
        QTest::newRow("size not a number")
            << QStringList{"freqresp", "--kernel", "box", "--size", "big", mag} << 2 << "'big'";
        QTest::newRow("kernel larger than N")
            << QStringList{"freqresp", "--kernel-file", "{dir}/big.txt", "--size", "16", mag} << 2
            << "does not fit";
        QTest::newRow("non-numeric kernel")
            << QStringList{"freqresp", "--kernel-file", "{dir}/words.txt", mag} << 1 << "three";
        QTest::newRow("empty kernel")
            << QStringList{"freqresp", "--kernel-file", "{dir}/empty.txt", mag} << 1 << "no kernel values";
        QTest::newRow("ragged kernel")
            << QStringList{"freqresp", "--kernel-file", "{dir}/ragged.txt", mag} << 1 << "line 2";
        QTest::newRow("png magnitude")
            << QStringList{"freqresp", "--kernel", "box", "{dir}/err_mag.png"} << 2 << "float TIFF";
        QTest::newRow("bad scale") << QStringList{"freqresp", "--kernel", "box", "--scale", "loud", mag} << 2
                                   << "--scale";
        QTest::newRow("bad origin") << QStringList{"freqresp", "--kernel", "box", "--origin", "middle", mag}
                                    << 2 << "--origin";
        QTest::newRow("no file") << QStringList{"freqresp", "--kernel", "box"} << 2 << "MAG.tiff";
        QTest::newRow("fftconv no kernel")
            << QStringList{"fftconv", in, "{dir}/err_out.png"} << 2 << "--kernel";
        QTest::newRow("fftconv has no --method")
            << QStringList{"fftconv", "--kernel", "box", "--method", "direct", in, "{dir}/err_out.png"} << 2
            << "--method";
        QTest::newRow("filter bad method")
            << QStringList{"filter", "--kernel", "box", "--method", "fastest", in, "{dir}/err_out.png"} << 2
            << "--method";
        QTest::newRow("fftconv missing input")
            << QStringList{"fftconv", "--kernel", "box", "{dir}/none.png", "{dir}/err_out.png"} << 1
            << "does not exist";
        QTest::newRow("spectrum missing output") << QStringList{"spectrum", in} << 2 << "INPUT and OUTPUT";
        QTest::newRow("spectrum corrupt input")
            << QStringList{"spectrum", "{dir}/words.txt", "{dir}/err_out.png"} << 1 << "words.txt";
    }
    void errors() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        for (QString& a : args) a.replace("{dir}", m_dir.path());
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith("convscope-cli: error: ") && r.err.count('\n') == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QDir(m_dir.path()).entryList({"err_*"}).isEmpty(), "an output file was written");
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCliSpectral)
#include "test_cli_spectral.moc"
