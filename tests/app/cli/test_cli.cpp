// convscope-cli run as a separate process on files generated here: its numbers are checked against the
// textbook's literal kernels and a naive correlation (naive_filter.cpp), its failures against the promise of
// one stderr line, a non-zero exit status and no output file.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/app/cli/kernel_listing.h"
#include "tests/support/cli_runner.h"
#include "tests/support/naive_filter.h"
#include "tests/support/test_main.h"

Q_DECLARE_METATYPE(naive::Kernel)
Q_DECLARE_METATYPE(naive::Border)

using namespace clitest;

namespace {

const naive::Kernel kSobelX{3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}};
const naive::Kernel kFile2x3{2, 3, {1, 2, -1, 0.5, -3, 4}};

// The textbook's five filters (show_filter_effects). Gaussian Blur is getGaussianKernel(3, 1) @ its
// transpose: g = exp(-x^2 / 2) for x = -1, 0, 1, normalised.
std::vector<std::pair<QString, naive::Kernel>> textbookFilters() {
    const double e = std::exp(-0.5), s = 1 + 2 * e;
    const double g[3] = {e / s, 1 / s, e / s};
    naive::Kernel gauss{3, 3, {}};
    for (double a : g)
        for (double b : g) gauss.values.push_back(a * b);
    return {{"Gaussian Blur", gauss},
            {"Sharpen", {3, 3, {0, -1, 0, -1, 5, -1, 0, -1, 0}}},
            {"Edge Detection", {3, 3, {-1, -1, -1, -1, 8, -1, -1, -1, -1}}},
            {"Emboss", {3, 3, {-2, -1, 0, -1, 1, 1, 0, 1, 2}}},
            {"Sobel X", kSobelX}};
}

std::pair<double, double> range(const cv::Mat& values) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(values.reshape(1), &lo, &hi);
    return {lo, hi};
}

// "result: ..., min -12.5, max 40" from the report.
std::pair<double, double> reportedRange(const QString& report) {
    const QRegularExpressionMatch m = QRegularExpression("min (\\S+), max (\\S+)\\n").match(report);
    if (!m.hasMatch()) return {NAN, NAN};
    return {m.captured(1).toDouble(), m.captured(2).toDouble()};
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void helpAndVersion();
    void kernelsListsTheTextbookFilters();
    void kernelsNameAndParams();
    void filterFloatValues_data();
    void filterFloatValues();
    void filterDisplayModes_data();
    void filterDisplayModes();
    void filterDivergingDisplay();
    void patternSizes_data();
    void patternSizes();
    void errors_data();
    void errors();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QStringList expand(QStringList args) const;
    QTemporaryDir m_dir;
    cv::Mat m_input;  // 17 x 13 random BGR, written as input.png
};

void TestCli::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(CONVSCOPE_BINARY_DIR "/app/cli/convscope-cli"), "convscope-cli is not built");
    m_input.create(13, 17, CV_8UC3);
    cv::RNG(2024).fill(m_input, cv::RNG::UNIFORM, 0, 256);
    QVERIFY(cv::imwrite(file("input.png").toStdString(), m_input));

    std::vector<std::uint8_t> png;
    QVERIFY(cv::imencode(".png", m_input, png));
    auto writeBytes = [&](const QString& name, const std::vector<std::uint8_t>& bytes) {
        std::ofstream out(file(name).toStdString(), std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    };
    std::vector<std::uint8_t> corrupt = png;
    for (size_t i = 45; i < 70; ++i) corrupt[i] ^= 0x5A;
    writeBytes("corrupt.png", corrupt);
    writeBytes("truncated.png",
               std::vector<std::uint8_t>(png.begin(), png.begin() + std::ptrdiff_t(png.size() / 2)));
    writeBytes("empty.png", {});
    // A PNG whose IHDR claims 100000 x 100000 pixels.
    std::vector<std::uint8_t> bomb(png.begin(), png.begin() + 33);
    bomb[16] = 0x00, bomb[17] = 0x01, bomb[18] = 0x86, bomb[19] = 0xA0;
    bomb[20] = 0x00, bomb[21] = 0x01, bomb[22] = 0x86, bomb[23] = 0xA0;
    bomb.insert(bomb.end(), png.begin() + 33, png.end());
    writeBytes("bomb.png", bomb);
    std::ofstream(file("kernel.txt").toStdString()) << "# a 2x3 kernel\n1 2 -1\n\n0.5 -3 4\n";
    std::ofstream(file("bad_kernel.txt").toStdString()) << "1 2 3\n4 five 6\n";
}

QStringList TestCli::expand(QStringList args) const {
    for (QString& arg : args) arg.replace("{dir}", m_dir.path());
    return args;
}

void TestCli::helpAndVersion() {
    const Result help = runCli({"--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.err.isEmpty());
    for (const char* command : {"kernels", "filter", "pattern"}) QVERIFY(help.out.contains(command));
    const Result filterHelp = runCli({"filter", "--help"});
    QCOMPARE(filterHelp.exitCode, 0);
    QVERIFY(filterHelp.out.contains("--kernel-file"));
    QVERIFY(filterHelp.out.contains("--display"));
    const Result patternHelp = runCli({"pattern", "-h"});
    QCOMPARE(patternHelp.exitCode, 0);
    QVERIFY(patternHelp.out.contains("zone-plate"));
    const Result version = runCli({"--version"});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("convscope-cli "));
    QVERIFY(version.out.contains("OpenCV"));
}

void TestCli::kernelsListsTheTextbookFilters() {
    const Result result = runCli({"kernels"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.isEmpty());
    const std::vector<Listed> listed = parseListing(result.out);
    QVERIFY(listed.size() >= 5);
    const auto filters = textbookFilters();
    for (size_t i = 0; i < filters.size(); ++i) {
        // (Not a structured binding: C++17 does not let a lambda capture one, and clang says so.)
        const auto& title = filters[i].first;
        const auto& kernel = filters[i].second;
        const auto found = std::find_if(listed.begin(), listed.end(),
                                        [&](const Listed& l) { return sameKernel(l, kernel); });
        QVERIFY2(found != listed.end(), qPrintable(title + " is not listed"));
        QVERIFY2(found->header.contains("textbook"), qPrintable(found->header));
        QVERIFY2(found->header.contains("3x3"), qPrintable(found->header));
        // The seed's five come first, in the textbook's order.
        QCOMPARE(size_t(found - listed.begin()), i);
    }
}

void TestCli::kernelsNameAndParams() {
    const Result sobel = runCli({"kernels", "--name", "sobel-x"});
    QCOMPARE(sobel.exitCode, 0);
    const std::vector<Listed> listed = parseListing(sobel.out);
    QCOMPARE(listed.size(), size_t(1));
    QVERIFY(listed[0].header.startsWith("sobel-x: "));
    QVERIFY(sameKernel(listed[0], kSobelX));
    const Result params = runCli({"kernels", "--name=gaussian", "--params"});
    QCOMPARE(params.exitCode, 0);
    QVERIFY2(params.out.contains("sigma") && params.out.contains("default"), qPrintable(params.out));
}

void TestCli::filterFloatValues_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<naive::Kernel>("kernel");
    QTest::addColumn<bool>("convolve");
    QTest::addColumn<naive::Border>("border");
    QTest::addColumn<bool>("gray");
    const QStringList sobel{"--kernel", "sobel-x"};
    const QStringList kernelFile{"--kernel-file", "{dir}/kernel.txt"};
    using B = naive::Border;
    QTest::newRow("sobel-x reflect101") << sobel << kSobelX << false << B::Reflect101 << false;
    QTest::newRow("sobel-x zero") << sobel + QStringList{"--border", "zero"} << kSobelX << false << B::Zero
                                  << false;
    QTest::newRow("sobel-x replicate")
        << sobel + QStringList{"--border", "replicate"} << kSobelX << false << B::Replicate << false;
    QTest::newRow("sobel-x wrap") << sobel + QStringList{"--border=wrap"} << kSobelX << false << B::Wrap
                                  << false;
    QTest::newRow("sobel-x convolve")
        << sobel + QStringList{"--mode", "convolve"} << kSobelX << true << B::Reflect101 << false;
    QTest::newRow("sobel-x gray") << sobel + QStringList{"--gray"} << kSobelX << false << B::Reflect101
                                  << true;
    QTest::newRow("file 2x3") << kernelFile << kFile2x3 << false << B::Reflect101 << false;
    QTest::newRow("file 2x3 zero") << kernelFile + QStringList{"--border", "zero"} << kFile2x3 << false
                                   << B::Zero << false;
    QTest::newRow("file 2x3 convolve")
        << kernelFile + QStringList{"--mode", "convolve"} << kFile2x3 << true << B::Reflect101 << false;
    QTest::newRow("file 2x3 convolve zero gray")
        << kernelFile + QStringList{"--mode", "convolve", "--border", "zero", "--gray"} << kFile2x3 << true
        << B::Zero << true;
}

void TestCli::filterFloatValues() {
    QFETCH(QStringList, args);
    QFETCH(naive::Kernel, kernel);
    QFETCH(bool, convolve);
    QFETCH(naive::Border, border);
    QFETCH(bool, gray);
    const QString output = file(QString("values_%1.tiff").arg(QTest::currentDataTag()).replace(' ', '_'));
    const Result result = runCli(QStringList{"filter"} + expand(args) << file("input.png") << output);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.err.isEmpty());
    QVERIFY2(result.out.contains("17 x 13"), qPrintable(result.out));

    const cv::Mat source = gray ? naive::luminance(m_input) : m_input;
    const cv::Mat expected = naive::filter(source, kernel, convolve, border);
    const cv::Mat actual = cv::imread(output.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(actual.type(), CV_MAKETYPE(CV_32F, source.channels()));
    QCOMPARE(actual.size(), expected.size());
    cv::Mat actual64;
    actual.convertTo(actual64, CV_64F);
    // Float sums: a few ulps of 255 * sum|k|. With --gray, OpenCV's fixed-point luminance may differ from
    // exact rounding by one grey level, which moves a result by at most sum|k|.
    const double tolerance = gray ? kernel.sumAbs() + 1e-3 : 1e-3;
    QVERIFY2(cv::norm(actual64, expected, cv::NORM_INF) <= tolerance,
             qPrintable(QString("max difference %1").arg(cv::norm(actual64, expected, cv::NORM_INF))));
    // ... and such rounding differences are rare (about 0.1% of random pixels): nearly every value is exact.
    cv::Mat off;
    const cv::Mat difference = cv::abs(actual64 - expected);
    cv::compare(difference.reshape(1), 1e-3, off, cv::CMP_GT);
    QVERIFY2(cv::countNonZero(off) <= int(off.total() / 20),
             qPrintable(QString::number(cv::countNonZero(off))));
    const auto [lo, hi] = range(actual64);
    const auto [reportedLo, reportedHi] = reportedRange(result.out);
    QVERIFY2(std::abs(reportedLo - lo) <= 1e-3 && std::abs(reportedHi - hi) <= 1e-3, qPrintable(result.out));
}

void TestCli::filterDisplayModes_data() {
    QTest::addColumn<QString>("kernelName");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("stretch");
    QTest::newRow("sobel-x default is abs") << "sobel-x" << QStringList{} << "abs" << false;
    QTest::newRow("gaussian-blur default is clip") << "gaussian-blur" << QStringList{} << "clip" << false;
    for (const char* mode : {"clip", "abs", "offset"}) {
        QTest::addRow("sobel-x %s", mode) << "sobel-x" << QStringList{"--display", mode} << mode << false;
        QTest::addRow("sobel-x %s stretch", mode)
            << "sobel-x" << QStringList{"--display", mode, "--stretch"} << mode << true;
    }
}

void TestCli::filterDisplayModes() {
    QFETCH(QString, kernelName);
    QFETCH(QStringList, args);
    QFETCH(QString, mode);
    QFETCH(bool, stretch);
    const QString output = file("display.png");
    const Result result =
        runCli(QStringList{"filter", "--kernel", kernelName} + args << file("input.png") << output);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const naive::Kernel kernel = kernelName == "sobel-x" ? kSobelX : textbookFilters().front().second;
    const cv::Mat values = naive::filter(m_input, kernel, false, naive::Border::Reflect101);
    const auto [lo, hi] = range(values);
    const double maxAbs = std::max(std::abs(lo), std::abs(hi));
    const cv::Mat picture = cv::imread(output.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(picture.type(), CV_8UC3);
    QCOMPARE(picture.size(), m_input.size());
    for (int y = 0; y < values.rows; ++y) {
        for (int x = 0; x < values.cols; ++x) {
            for (int c = 0; c < 3; ++c) {
                const double v = values.ptr<double>(y)[x * 3 + c];
                double expected = 0;
                if (mode == "clip") expected = stretch ? (v - lo) * 255.0 / (hi - lo) : v;
                if (mode == "abs") expected = stretch ? std::abs(v) * 255.0 / maxAbs : std::abs(v);
                if (mode == "offset") expected = stretch ? 127.5 + 127.5 * v / maxAbs : 128.0 + v / 2.0;
                expected = std::clamp(expected, 0.0, 255.0);
                const int actual = picture.ptr<std::uint8_t>(y)[x * 3 + c];
                // One grey level for rounding conventions (round half up or to even, float sums).
                if (std::abs(actual - expected) > 1.0) {
                    QFAIL(qPrintable(QString("pixel (%1, %2, %3): value %4 shown as %5, expected %6")
                                         .arg(x)
                                         .arg(y)
                                         .arg(c)
                                         .arg(v)
                                         .arg(actual)
                                         .arg(expected)));
                }
            }
        }
    }
}

void TestCli::filterDivergingDisplay() {
    // Grey bands 50 | 200 | 50: Sobel X is positive on the rising edge, negative on the falling one and
    // zero on the flat bands.
    cv::Mat bands(9, 18, CV_8UC1, cv::Scalar(50));
    bands.colRange(6, 12).setTo(200);
    QVERIFY(cv::imwrite(file("bands.png").toStdString(), bands));
    const Result result = runCli(
        {"filter", "--kernel", "sobel-x", "--display", "diverging", file("bands.png"), file("div.png")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const cv::Mat picture = cv::imread(file("div.png").toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(picture.type(), CV_8UC3);
    const cv::Mat values = naive::filter(bands, kSobelX, false, naive::Border::Reflect101);
    for (int x = 0; x < values.cols; ++x) {
        const double v = values.at<double>(4, x);
        const cv::Vec3b bgr = picture.at<cv::Vec3b>(4, x);
        const QString where = QString("column %1, value %2, colour BGR %3 %4 %5")
                                  .arg(x)
                                  .arg(v)
                                  .arg(bgr[0])
                                  .arg(bgr[1])
                                  .arg(bgr[2]);
        if (v > 0) QVERIFY2(bgr[2] > bgr[0] + 100, qPrintable(where));  // warm (red) for positive
        if (v < 0) QVERIFY2(bgr[0] > bgr[2] + 100, qPrintable(where));  // cool (blue) for negative
        if (v == 0)
            QVERIFY2(std::abs(bgr[2] - bgr[0]) < 16 && bgr[1] > 150, qPrintable(where));  // light grey
    }
    // Symmetric around zero: +max and -max get colours equally far from the middle.
    const cv::Vec3b pos = picture.at<cv::Vec3b>(4, 6), neg = picture.at<cv::Vec3b>(4, 11);
    QVERIFY(values.at<double>(4, 6) == -values.at<double>(4, 11));
    QVERIFY(std::abs(pos[2] - neg[0]) <= 30);
}

void TestCli::patternSizes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("zone-plate") << QStringList{"zone-plate", "--size", "64x48", "--max-frequency", "0.25"}
                                << 64 << 48;
    QTest::newRow("checkerboard") << QStringList{"checkerboard", "--size", "40x24", "--cell", "8"} << 40
                                  << 24;
    QTest::newRow("step-edges") << QStringList{"step-edges", "--size", "33x20", "--steps", "3"} << 33 << 20;
    QTest::newRow("grating") << QStringList{"grating", "--size=30x31", "--frequency", "0.1", "--angle", "-30"}
                             << 30 << 31;
    QTest::newRow("impulse") << QStringList{"impulse", "--size", "7X5"} << 7 << 5;
    QTest::newRow("noise") << QStringList{"noise", "--size", "16x16", "--seed", "7"} << 16 << 16;
    QTest::newRow("default size") << QStringList{"impulse"} << 512 << 512;
}

void TestCli::patternSizes() {
    QFETCH(QStringList, args);
    QFETCH(int, width);
    QFETCH(int, height);
    const QString output = file("pattern.pgm");
    QFile::remove(output);
    const Result result = runCli(QStringList{"pattern"} + args << output);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const cv::Mat image = cv::imread(output.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(image.type(), CV_8UC1);
    QCOMPARE(image.cols, width);
    QCOMPARE(image.rows, height);
    if (args.front() == "impulse") QCOMPARE(cv::countNonZero(image), 1);
    if (args.front() == "checkerboard") {
        QCOMPARE(image.at<std::uint8_t>(0, 0), image.at<std::uint8_t>(8, 8));
        QVERIFY(image.at<std::uint8_t>(0, 0) != image.at<std::uint8_t>(0, 8));
        QVERIFY(image.at<std::uint8_t>(0, 0) != image.at<std::uint8_t>(8, 0));
    }
}

void TestCli::errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString in = "{dir}/input.png", out = "{dir}/err_out.png";
    const QStringList sobel{"filter", "--kernel", "sobel-x"};
    QTest::newRow("no command") << QStringList{} << 2 << "no command";
    QTest::newRow("unknown command") << QStringList{"frobnicate", in, out} << 2
                                     << "unknown command 'frobnicate'";
    QTest::newRow("unknown option") << sobel + QStringList{"--bogus", in, out} << 2
                                    << "unknown option --bogus";
    QTest::newRow("flag with value") << sobel + QStringList{"--gray=yes", in, out} << 2 << "takes no value";
    QTest::newRow("missing value") << QStringList{"filter", in, out, "--kernel"} << 2
                                   << "--kernel needs a value";
    QTest::newRow("missing output") << sobel + QStringList{in} << 2 << "needs INPUT and OUTPUT";
    QTest::newRow("extra argument") << sobel + QStringList{in, out, "more.png"} << 2
                                    << "needs INPUT and OUTPUT";
    QTest::newRow("no kernel") << QStringList{"filter", in, out} << 2 << "--kernel NAME or --kernel-file";
    QTest::newRow("bad kernel name") << QStringList{"filter", "--kernel", "nope", in, out} << 2 << "sobel-x";
    QTest::newRow("bad kernel file") << QStringList{"filter", "--kernel-file", "{dir}/bad_kernel.txt", in,
                                                    out}
                                     << 1 << "line 2";
    QTest::newRow("missing kernel file")
        << QStringList{"filter", "--kernel-file", "{dir}/none.txt", in, out} << 1 << "none.txt";
    QTest::newRow("param on kernel file")
        << QStringList{"filter", "--kernel-file", "{dir}/kernel.txt", "--param", "size=3", in, out} << 2
        << "--param";
    QTest::newRow("bad param number")
        << QStringList{"filter", "--kernel", "gaussian", "--param", "sigma=1.5x", in, out} << 2 << "'1.5x'";
    QTest::newRow("param out of range")
        << QStringList{"filter", "--kernel", "gaussian", "--param", "sigma=999", in, out} << 2 << "sigma";
    QTest::newRow("unknown param") << sobel + QStringList{"--param", "size=3", in, out} << 2 << "size";
    QTest::newRow("bad mode") << sobel + QStringList{"--mode", "sideways", in, out} << 2 << "--mode";
    QTest::newRow("bad border") << sobel + QStringList{"--border", "mirror", in, out} << 2 << "--border";
    QTest::newRow("bad display") << sobel + QStringList{"--display", "loud", in, out} << 2 << "--display";
    QTest::newRow("diverging on colour")
        << sobel + QStringList{"--display", "diverging", in, out} << 2 << "--gray";
    QTest::newRow("display for tiff")
        << sobel + QStringList{"--display", "abs", in, "{dir}/err_out.tif"} << 2 << ".tif";
    QTest::newRow("corrupt input") << sobel + QStringList{"{dir}/corrupt.png", out} << 1
                                   << "corrupt.png could not be decoded";
    QTest::newRow("truncated input") << sobel + QStringList{"{dir}/truncated.png", out} << 1
                                     << "truncated.png appears truncated";
    QTest::newRow("empty input") << sobel + QStringList{"{dir}/empty.png", out} << 1 << "empty.png is empty";
    QTest::newRow("bomb input") << sobel + QStringList{"{dir}/bomb.png", out} << 1
                                << "bomb.png claims 100000 x 100000 pixels (10000 megapixels)";
    QTest::newRow("missing input") << sobel + QStringList{"{dir}/nothing.png", out} << 1 << "does not exist";
    QTest::newRow("folder input") << sobel + QStringList{"{dir}", out} << 1 << "is a folder";
    QTest::newRow("unwritable output")
        << sobel + QStringList{in, "{dir}/no/such/dir/err_out.png"} << 1 << "does not exist";
    QTest::newRow("unsupported output") << sobel + QStringList{in, "{dir}/err_out.gif"} << 2 << ".gif";
    QTest::newRow("output without extension")
        << sobel + QStringList{in, "{dir}/err_out"} << 2 << "no extension";
    QTest::newRow("unknown pattern") << QStringList{"pattern", "spiral", out} << 2 << "zone-plate";
    QTest::newRow("bad size") << QStringList{"pattern", "noise", "--size", "10x", out} << 2 << "'10x'";
    QTest::newRow("zero size") << QStringList{"pattern", "noise", "--size", "0x5", out} << 2 << "--size";
    QTest::newRow("huge size") << QStringList{"pattern", "noise", "--size", "100000x100000", out} << 2
                               << "--size";
    QTest::newRow("bad frequency") << QStringList{"pattern", "grating", "--frequency", "fast", out} << 2
                                   << "fast";
    QTest::newRow("frequency out of range")
        << QStringList{"pattern", "grating", "--frequency", "0.7", out} << 2 << "0.7";
    QTest::newRow("option for another pattern")
        << QStringList{"pattern", "grating", "--cell", "4", out} << 2 << "--cell";
    QTest::newRow("bad seed") << QStringList{"pattern", "noise", "--seed", "-1", out} << 2 << "--seed";
    QTest::newRow("kernels with argument") << QStringList{"kernels", "extra"} << 2 << "extra";
    QTest::newRow("kernels bad name") << QStringList{"kernels", "--name", "nope"} << 2 << "sobel-x";
}

void TestCli::errors() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result result = runCli(expand(args));
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.startsWith("convscope-cli: error: "), qPrintable(result.err));
    QVERIFY2(result.err.endsWith('\n') && result.err.count('\n') == 1, qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
    QVERIFY2(QDir(m_dir.path()).entryList({"err_out*"}).isEmpty(), "an output file was written");
}

CONVSCOPE_TEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
