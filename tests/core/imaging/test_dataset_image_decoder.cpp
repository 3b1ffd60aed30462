// One data-set image to a network's input bytes: every format at the target size comes back exactly (JPEG
// within its loss), colour as R, G, B planes, grey as BT.601 luminance, other sizes squashed (not cropped) by
// area averaging or bilinear enlarging, alpha over white, 16-bit scaled; bad files give a sentence, not an
// exception. References are naive loops written here; every file is generated in a temporary folder.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/imaging/dataset_image_decoder.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;

namespace {

using Bytes = std::vector<std::uint8_t>;

cv::Mat randomImage(int rows, int cols, int type, unsigned seed) {
    cv::Mat m(rows, cols, type);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

// Planar bytes of a CV_8UC1 or (B, G, R) CV_8UC3 image, in R, G, B order.
Bytes planar(const cv::Mat& m) {
    Bytes out;
    const int channels = m.channels();
    for (int c = channels - 1; c >= 0; --c)
        for (int y = 0; y < m.rows; ++y)
            for (int x = 0; x < m.cols; ++x) out.push_back(m.ptr<std::uint8_t>(y)[x * channels + c]);
    return out;
}

int maxDifference(const Bytes& a, const Bytes& b) {
    if (a.size() != b.size()) return 1000;
    int worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(int(a[i]) - int(b[i])));
    return worst;
}

}  // namespace

class TestDatasetImageDecoder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string file(const std::string& name, const cv::Mat& image, const std::vector<int>& params = {}) {
        const std::string path = m_dir.filePath(QString::fromStdString(name)).toStdString();
        if (!cv::imwrite(path, image, params)) qFatal("cannot write %s", path.c_str());
        return path;
    }

    Bytes decode(const std::string& path, int size, int channels) {
        Bytes out(std::size_t(channels * size * size), 0xAB);
        std::string error;
        if (!decodeDatasetImage(path, size, channels, out.data(), error)) {
            QTest::qFail(error.c_str(), __FILE__, __LINE__);
            return {};
        }
        return out;
    }

private Q_SLOTS:
    void everyFormatAtTheTargetSize() {
        const cv::Mat grey = randomImage(28, 28, CV_8UC1, 1);
        const cv::Mat colour = randomImage(28, 28, CV_8UC3, 2);
        for (const char* ext : {".png", ".bmp", ".tif", ".webp"}) {
            const std::vector<int> lossless = std::string(ext) == ".webp"
                                                  ? std::vector<int>{cv::IMWRITE_WEBP_QUALITY, 101}
                                                  : std::vector<int>{};
            QCOMPARE(decode(file(std::string("grey") + ext, grey, lossless), 28, 1), planar(grey));
            QCOMPARE(decode(file(std::string("colour") + ext, colour, lossless), 28, 3), planar(colour));
        }
        // JPEG loses a little: a smooth picture comes back within a few levels.
        cv::Mat smooth(28, 28, CV_8UC1);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) smooth.at<std::uint8_t>(y, x) = std::uint8_t(60 + 3 * x + 2 * y);
        QVERIFY(maxDifference(decode(file("smooth.jpg", smooth, {cv::IMWRITE_JPEG_QUALITY, 98}), 28, 1),
                              planar(smooth)) <= 3);
    }

    void greyIsBt601Luminance() {
        const cv::Mat colour = randomImage(28, 28, CV_8UC3, 3);
        Bytes expected;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const cv::Vec3b p = colour.at<cv::Vec3b>(y, x);  // B, G, R
                expected.push_back(std::uint8_t(std::lround(0.299 * p[2] + 0.587 * p[1] + 0.114 * p[0])));
            }
        // OpenCV's fixed-point luminance may round the other way by one level.
        QVERIFY(maxDifference(decode(file("lum.png", colour), 28, 1), expected) <= 1);
        // A grey file read as colour: the same value in all three planes.
        const cv::Mat grey = randomImage(28, 28, CV_8UC1, 4);
        const Bytes one = planar(grey);
        Bytes three = one;
        three.insert(three.end(), one.begin(), one.end());
        three.insert(three.end(), one.begin(), one.end());
        QCOMPARE(decode(file("grey3.png", grey), 28, 3), three);
    }

    void shrinkingAveragesAreas() {
        // 56x56 of 2x2 blocks of one value each: area averaging to 28x28 gives back the block values.
        const cv::Mat small = randomImage(28, 28, CV_8UC1, 5);
        cv::Mat big(56, 56, CV_8UC1);
        for (int y = 0; y < 56; ++y)
            for (int x = 0; x < 56; ++x) big.at<std::uint8_t>(y, x) = small.at<std::uint8_t>(y / 2, x / 2);
        QCOMPARE(decode(file("big.png", big), 28, 1), planar(small));
    }

    void squashesWithoutCropping() {
        // 112 wide, 28 high: the left quarter black, the rest 200. Squashed, the left quarter stays black;
        // a central crop would be 200 everywhere.
        cv::Mat wide(28, 112, CV_8UC1, cv::Scalar(200));
        wide(cv::Rect(0, 0, 28, 28)).setTo(0);
        const Bytes out = decode(file("wide.png", wide), 28, 1);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) QCOMPARE(int(out[std::size_t(y * 28 + x)]), x < 7 ? 0 : 200);
    }

    void enlargingIsBilinear() {
        // 2x2 → 4x4 bilinear (half-pixel centres, edges clamped), computed by hand: rows and columns
        // interpolate at 0.25 and 0.75 between the source pixels.
        cv::Mat tiny = (cv::Mat_<std::uint8_t>(2, 2) << 0, 200, 100, 40);
        const Bytes out = decode(file("tiny.png", tiny), 4, 1);
        const double src[2][2] = {{0, 200}, {100, 40}};
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                const double sy = std::clamp((y + 0.5) / 2.0 - 0.5, 0.0, 1.0);
                const double sx = std::clamp((x + 0.5) / 2.0 - 0.5, 0.0, 1.0);
                const double top = src[0][0] * (1 - sx) + src[0][1] * sx;
                const double bottom = src[1][0] * (1 - sx) + src[1][1] * sx;
                const double v = top * (1 - sy) + bottom * sy;
                QVERIFY2(std::abs(out[std::size_t(y * 4 + x)] - v) <= 1.0, qPrintable(QString::number(v)));
            }
    }

    void alphaAndSixteenBits() {
        cv::Mat rgba(28, 28, CV_8UC4, cv::Scalar(10, 20, 30, 0));  // fully transparent: white
        rgba(cv::Rect(0, 0, 14, 28)).setTo(cv::Scalar(10, 20, 30, 255));
        const Bytes out = decode(file("alpha.png", rgba), 28, 3);
        QCOMPARE(int(out[0]), 30);            // R of an opaque pixel
        QCOMPARE(int(out[2 * 784 + 0]), 10);  // its B
        QCOMPARE(int(out[27]), 255);          // a transparent pixel: white
        cv::Mat deep(28, 28, CV_16UC1, cv::Scalar(257 * 77));
        QCOMPARE(decode(file("deep.png", deep), 28, 1), Bytes(784, 77));
    }

    void badFilesGiveASentence() {
        const std::string corrupt = m_dir.filePath("corrupt.png").toStdString();
        std::ofstream(corrupt, std::ios::binary) << "\x89PNG\r\n\x1a\n" << std::string(40, 'x');
        const std::string textFile = m_dir.filePath("notes.png").toStdString();
        std::ofstream(textFile) << "not an image at all";
        const std::string missing = m_dir.filePath("missing.png").toStdString();
        for (const std::string& path : {corrupt, textFile, missing}) {
            Bytes out(784);
            std::string error;
            QVERIFY(!decodeDatasetImage(path, 28, 1, out.data(), error));
            QVERIFY2(!error.empty() && error.back() == '.', error.c_str());
        }
        std::string error;
        Bytes out(784);
        QVERIFY(!decodeDatasetImage(file("ok.png", randomImage(8, 8, CV_8UC1, 6)), 28, 2, out.data(), error));
        QVERIFY(!error.empty());
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestDatasetImageDecoder)
#include "test_dataset_image_decoder.moc"
