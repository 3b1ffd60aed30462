// Image loading: valid files of every format load with the right size, type and pixel values; bad input of
// every kind (corrupt, truncated, empty, foreign, unreadable, decompression bombs) gives one clear sentence.
// Every file is generated here, in a temporary folder.
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/imaging/image_loader.h"
#include "tests/core/imaging/image_test_files.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;

using namespace imagetest;
Q_DECLARE_METATYPE(Bytes)
Q_DECLARE_METATYPE(cv::Mat)

namespace {

// The loader's 16-bit rule, written independently: round(v / 257).
cv::Mat expectedEightBit(const cv::Mat& src16) {
    cv::Mat out(src16.rows, src16.cols, CV_8UC(src16.channels()));
    const std::size_t n = src16.total() * std::size_t(src16.channels());
    for (std::size_t i = 0; i < n; ++i) {
        out.ptr<std::uint8_t>()[i] = std::uint8_t(std::lround(src16.ptr<std::uint16_t>()[i] / 257.0));
    }
    return out;
}

// Alpha over white: c*a/255 + 255*(1 - a/255), rounded.
cv::Mat expectedOverWhite(const cv::Mat& withAlpha) {
    const int colours = withAlpha.channels() - 1;
    cv::Mat out(withAlpha.rows, withAlpha.cols, CV_8UC(colours));
    for (int y = 0; y < withAlpha.rows; ++y) {
        for (int x = 0; x < withAlpha.cols; ++x) {
            const std::uint8_t* p = withAlpha.ptr<std::uint8_t>(y) + x * (colours + 1);
            const double a = p[colours] / 255.0;
            for (int c = 0; c < colours; ++c) {
                out.ptr<std::uint8_t>(y)[x * colours + c] =
                    std::uint8_t(std::lround(p[c] * a + 255.0 * (1.0 - a)));
            }
        }
    }
    return out;
}

double maxDifference(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size() || a.type() != b.type()) return 1e9;
    return cv::norm(a, b, cv::NORM_INF);
}

QString messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

class TestImageLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void validImages_data();
    void validImages();
    void badFiles_data();
    void badFiles();
    void badPaths();
    void unreadableFile();
    void fifoDoesNotBlock();
    void customLimits();
    void decodeImageNamesTheSource();
    void bombIsRefusedWithoutDecoding();
    void saveRoundTrips();
    void saveRefusesWhatItCannotWrite();
    void everySupportedExtensionRoundTrips();
    void installDecoderLimitsKeepsUserValues();

private:
    std::string write(const QString& name, const Bytes& bytes);
    std::string path(const QString& name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
};

void TestImageLoader::initTestCase() {
    QVERIFY(m_dir.isValid());
}

std::string TestImageLoader::write(const QString& name, const Bytes& bytes) {
    const std::string file = path(name);
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return file;
}

void TestImageLoader::validImages_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<cv::Mat>("expected");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("depth");
    QTest::addColumn<double>("tolerance");

    const cv::Mat gray = randomImage(13, 17, CV_8UC1);
    const cv::Mat colour = randomImage(13, 17, CV_8UC3);
    const cv::Mat gray16 = randomImage(9, 11, CV_16UC1, 65536);
    const cv::Mat colour16 = randomImage(9, 11, CV_16UC3, 65536);
    cv::Mat rgba = randomImage(6, 7, CV_8UC4);
    rgba.at<cv::Vec4b>(0, 0)[3] = 0;    // fully transparent: white
    rgba.at<cv::Vec4b>(0, 1)[3] = 255;  // opaque: the colour itself
    const cv::Mat rgba16 = randomImage(5, 4, CV_16UC4, 65536);
    cv::Mat grayAlpha(3, 5, CV_8UC2);
    Bytes rows;
    std::mt19937 rng(3);
    for (int y = 0; y < grayAlpha.rows; ++y) {
        rows.push_back(0);  // filter type None
        for (int x = 0; x < grayAlpha.cols; ++x) {
            const auto g = std::uint8_t(rng()), a = std::uint8_t(x == 0 ? 0 : x == 1 ? 255 : rng());
            grayAlpha.at<cv::Vec2b>(y, x) = {g, a};
            rows.insert(rows.end(), {g, a});
        }
    }
    cv::Mat floats(2, 3, CV_32FC1);
    floats.at<float>(0, 0) = -5.0f;
    floats.at<float>(0, 1) = 12.4f;
    floats.at<float>(0, 2) = 255.6f;
    floats.at<float>(1, 0) = 300.0f;
    floats.at<float>(1, 1) = std::nanf("");
    floats.at<float>(1, 2) = 99.7f;
    const cv::Mat floatsExpected = (cv::Mat_<std::uint8_t>(2, 3) << 0, 12, 255, 255, 0, 100);
    cv::Mat mask = randomImage(8, 9, CV_8UC1, 2) * 255;
    // JPEG subsamples colour, so only a flat colour survives exactly enough to check the channel order.
    const cv::Mat flatColour(16, 24, CV_8UC3, cv::Scalar(30, 140, 220));

    QTest::newRow("png gray") << "gray.png" << encode(".png", gray) << gray << "PNG" << 1 << 8 << 0.0;
    QTest::newRow("png colour") << "colour.png" << encode(".png", colour) << colour << "PNG" << 3 << 8 << 0.0;
    QTest::newRow("png gray 16") << "gray16.png" << encode(".png", gray16) << expectedEightBit(gray16)
                                 << "PNG" << 1 << 16 << 0.0;
    QTest::newRow("png colour 16") << "colour16.png" << encode(".png", colour16) << expectedEightBit(colour16)
                                   << "PNG" << 3 << 16 << 0.0;
    QTest::newRow("png rgba") << "rgba.png" << encode(".png", rgba) << expectedOverWhite(rgba) << "PNG" << 4
                              << 8 << 0.0;
    QTest::newRow("png rgba 16") << "rgba16.png" << encode(".png", rgba16)
                                 << expectedOverWhite(expectedEightBit(rgba16)) << "PNG" << 4 << 16 << 0.0;
    QTest::newRow("png gray+alpha") << "ga.png" << makePng(5, 3, 4, rows) << expectedOverWhite(grayAlpha)
                                    << "PNG" << 2 << 8 << 0.0;
    QTest::newRow("bmp gray") << "gray.bmp" << encode(".bmp", gray) << gray << "BMP" << 1 << 8 << 0.0;
    QTest::newRow("bmp colour") << "colour.bmp" << encode(".bmp", colour) << colour << "BMP" << 3 << 8 << 0.0;
    QTest::newRow("tiff colour") << "colour.tif" << encode(".tif", colour) << colour << "TIFF" << 3 << 8
                                 << 0.0;
    QTest::newRow("tiff gray 16") << "gray16.tiff" << encode(".tiff", gray16) << expectedEightBit(gray16)
                                  << "TIFF" << 1 << 16 << 0.0;
    QTest::newRow("tiff float") << "float.tiff" << encode(".tiff", floats) << floatsExpected << "TIFF" << 1
                                << 32 << 0.0;
    QTest::newRow("pgm") << "gray.pgm" << encode(".pgm", gray) << gray << "PNM" << 1 << 8 << 0.0;
    QTest::newRow("pgm ascii") << "ascii.pgm" << encode(".pgm", gray, {cv::IMWRITE_PXM_BINARY, 0}) << gray
                               << "PNM" << 1 << 8 << 0.0;
    QTest::newRow("ppm") << "colour.ppm" << encode(".ppm", colour) << colour << "PNM" << 3 << 8 << 0.0;
    QTest::newRow("pbm") << "mask.pbm" << encode(".pbm", mask) << mask << "PNM" << 1 << 8 << 0.0;
    QTest::newRow("webp lossless") << "colour.webp"
                                   << encode(".webp", colour, {cv::IMWRITE_WEBP_QUALITY, 101}) << colour
                                   << "WebP" << 3 << 8 << 0.0;
    QTest::newRow("jpeg colour") << "flat.jpg" << encode(".jpg", flatColour, {cv::IMWRITE_JPEG_QUALITY, 100})
                                 << flatColour << "JPEG" << 3 << 8 << 2.0;
    QTest::newRow("jpeg gray") << "flat.jpeg" << encode(".jpeg", cv::Mat(8, 16, CV_8UC1, cv::Scalar(77)))
                               << cv::Mat(8, 16, CV_8UC1, cv::Scalar(77)) << "JPEG" << 1 << 8 << 1.0;
}

void TestImageLoader::validImages() {
    QFETCH(QString, name);
    QFETCH(Bytes, bytes);
    QFETCH(cv::Mat, expected);
    QFETCH(QString, format);
    QFETCH(int, channels);
    QFETCH(int, depth);
    QFETCH(double, tolerance);
    const LoadedImage image = loadImage(write(name, bytes));
    QCOMPARE(image.pixels.cols, expected.cols);
    QCOMPARE(image.pixels.rows, expected.rows);
    QCOMPARE(image.pixels.type(), expected.type());
    QVERIFY(image.pixels.isContinuous());
    QCOMPARE(QString::fromStdString(image.format), format);
    QCOMPARE(image.sourceChannels, channels);
    QCOMPARE(image.sourceBitDepth, depth);
    QVERIFY2(maxDifference(image.pixels, expected) <= tolerance,
             qPrintable(QString("max difference %1").arg(maxDifference(image.pixels, expected))));
}

void TestImageLoader::badFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<QString>("expected");

    const cv::Mat colour = randomImage(64, 64, CV_8UC3);
    std::mt19937 rng(42);
    Bytes noise(5000);
    for (auto& b : noise) b = std::uint8_t(rng());
    noise[0] = 0x01;
    Bytes gif = text("GIF89a");
    gif.insert(gif.end(), {0x40, 0x01, 0xC8, 0x00, 0xF7, 0x00, 0x00});
    Bytes png = encode(".png", colour);
    Bytes truncatedPng(png.begin(), png.begin() + std::ptrdiff_t(png.size() / 2));
    Bytes corruptPng = png;
    for (std::size_t i = 60; i < 80; ++i) corruptPng[i] ^= 0x5A;  // inside the first IDAT chunk
    Bytes jpeg = encode(".jpg", colour);
    Bytes truncatedJpeg(jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() * 3 / 4));
    Bytes corruptJpeg = jpeg;
    for (std::size_t i = 2; i + 9 < corruptJpeg.size(); ++i) {
        if (corruptJpeg[i] == 0xFF && corruptJpeg[i + 1] == 0xC0) {
            corruptJpeg[i + 9] = 0;  // a frame with zero colour components
            break;
        }
    }
    Bytes bmp = encode(".bmp", colour);
    Bytes ppm = encode(".ppm", colour);
    Bytes tiff = encode(".tiff", colour);
    Bytes badTiff = tiffHeader(true, 4, 10, 10);
    badTiff[7] = 0xF0;  // first IFD beyond the end of the file

    const QString unknown =
        "is not an image ConvScope can read (supported: PNG, JPEG, BMP, TIFF, WebP, PNM).";
    const QString undecodable = "could not be decoded: the file is corrupt or not a supported image.";
    QTest::newRow("empty") << "empty.png" << Bytes{} << "empty.png is empty (0 bytes), so it holds no image.";
    QTest::newRow("random bytes") << "noise.png" << noise << "noise.png " + unknown;
    QTest::newRow("text") << "notes.txt" << text("Just some notes.\nNot an image.\n")
                          << "notes.txt " + unknown;
    QTest::newRow("gif") << "anim.gif" << gif << "anim.gif is a GIF image, which ConvScope cannot decode";
    QTest::newRow("truncated png") << "cut.png" << truncatedPng
                                   << "cut.png appears truncated: the PNG data stops before its IEND chunk.";
    QTest::newRow("truncated jpeg") << "cut.jpg" << truncatedJpeg << "cut.jpg appears truncated";
    QTest::newRow("corrupt png") << "bad.png" << corruptPng << "bad.png " + undecodable;
    QTest::newRow("corrupt jpeg") << "bad.jpg" << corruptJpeg << "bad.jpg " + undecodable;
    QTest::newRow("truncated bmp") << "cut.bmp" << Bytes(bmp.begin(), bmp.begin() + 3000)
                                   << "cut.bmp " + undecodable;
    QTest::newRow("truncated ppm") << "cut.ppm" << Bytes(ppm.begin(), ppm.begin() + 3000)
                                   << "cut.ppm " + undecodable;
    QTest::newRow("truncated tiff")
        << "cut.tiff" << Bytes(tiff.begin(), tiff.begin() + 3000)
        << "cut.tiff looks like a TIFF file, but its header is damaged or cut off";
    QTest::newRow("tiff bad ifd") << "ifd.tif" << badTiff << "ifd.tif looks like a TIFF file";
    QTest::newRow("png bomb") << "bomb.png" << makePng(100000, 100000, 2, {0, 1, 2, 3})
                              << "bomb.png claims 100000 x 100000 pixels (10000 megapixels); ConvScope opens "
                                 "images up to 100 megapixels.";
    // 400 MP is below OpenCV's own default limit of 1 gigapixel: only the loader's check stops it.
    QTest::newRow("png 400 MP") << "big.png" << makePng(20000, 20000, 2, {0, 1, 2, 3})
                                << "big.png claims 20000 x 20000 pixels (400 megapixels)";
    QTest::newRow("jpeg bomb") << "bomb.jpg" << jpegHeader(0xC0, 60000, 60000, false)
                               << "bomb.jpg claims 60000 x 60000 pixels (3600 megapixels); ConvScope opens "
                                  "images up to 100 megapixels.";
    QTest::newRow("bmp bomb") << "bomb.bmp" << bmpHeader(50000, -50000)
                              << "bomb.bmp claims 50000 x 50000 pixels (2500 megapixels)";
    QTest::newRow("tiff bomb") << "bomb.tif" << tiffHeader(true, 4, 70000, 90000)
                               << "bomb.tif claims 70000 x 90000 pixels (6300 megapixels)";
    QTest::newRow("pnm bomb") << "bomb.pgm" << text("P5\n# huge\n100000 100000\n255\n\x01\x02")
                              << "bomb.pgm claims 100000 x 100000 pixels (10000 megapixels)";
    QTest::newRow("webp bomb") << "bomb.webp" << webpVp8x(16384, 16384)
                               << "bomb.webp claims 16384 x 16384 pixels (268.5 megapixels)";
    QTest::newRow("too wide")
        << "wide.png" << makePng(40000, 10, 2, {0, 1, 2, 3})
        << "wide.png claims 40000 x 10 pixels; ConvScope opens images up to 32768 pixels on "
           "a side.";
    QTest::newRow("zero width") << "zero.png" << makePng(0, 10, 2, {0})
                                << "zero.png claims 0 x 10 pixels, so the file is corrupt.";
}

void TestImageLoader::badFiles() {
    QFETCH(QString, name);
    QFETCH(Bytes, bytes);
    QFETCH(QString, expected);
    const std::string file = write(name, bytes);
    QString message;
    try {
        loadImage(file);
        QFAIL("no error");
    } catch (const ImageLoadError& e) {
        message = QString::fromUtf8(e.what());
    }
    QVERIFY2(message.startsWith(expected), qPrintable(message));
    // One sentence a user can read: no line breaks, a full stop at the end.
    QVERIFY2(!message.contains('\n') && message.endsWith('.'), qPrintable(message));
}

void TestImageLoader::badPaths() {
    const QString folder = m_dir.filePath("folder.png");
    QVERIFY(QDir().mkdir(folder));
    QCOMPARE(messageOf([&] { loadImage(folder.toStdString()); }),
             QString("folder.png is a folder, not an image file."));
    const std::string missing = path("missing.png");
    QCOMPARE(messageOf([&] { loadImage(missing); }), q(missing + " does not exist."));
    QCOMPARE(messageOf([&] { loadImage(path("no/such/dir/x.png")); }),
             q(path("no/such/dir/x.png") + " does not exist."));
    QCOMPARE(messageOf([&] { loadImage(""); }), QString("No image file was given."));
    QVERIFY_THROWS_EXCEPTION(ImageLoadError, loadImage(folder.toStdString()));
}

void TestImageLoader::unreadableFile() {
    if (::geteuid() == 0) QSKIP("running as root: file permissions do not stop reads");
    const std::string file = write("secret.png", encode(".png", randomImage(4, 4, CV_8UC1)));
    QCOMPARE(::chmod(file.c_str(), 0), 0);
    QCOMPARE(messageOf([&] { loadImage(file); }), QString("secret.png cannot be opened: permission denied."));
}

void TestImageLoader::fifoDoesNotBlock() {
    // Opening a FIFO for reading would wait for a writer forever: it must be refused without opening.
    const std::string fifo = path("pipe.png");
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QCOMPARE(messageOf([&] { loadImage(fifo); }), QString("pipe.png is not a regular file."));
}

void TestImageLoader::customLimits() {
    const std::string file = write("forty.png", encode(".png", randomImage(40, 40, CV_8UC1)));
    ImageLimits pixels;
    pixels.maxPixels = 1000;
    QCOMPARE(messageOf([&] { loadImage(file, pixels); }),
             QString("forty.png claims 40 x 40 pixels; ConvScope opens images up to 1000 pixels."));
    ImageLimits side;
    side.maxSide = 39;
    QCOMPARE(messageOf([&] { loadImage(file, side); }),
             QString("forty.png claims 40 x 40 pixels; ConvScope opens images up to 39 pixels on a side."));
    ImageLimits bytes;
    bytes.maxFileBytes = 100;
    const std::string big = write("big.pgm", encode(".pgm", randomImage(10, 100, CV_8UC1)));
    QVERIFY(messageOf([&] { loadImage(big, bytes); }).endsWith("; ConvScope opens files up to 100 bytes."));
    QCOMPARE(loadImage(file, ImageLimits{1600, 40, 1 << 20}).pixels.rows, 40);  // exactly at the limits
}

void TestImageLoader::decodeImageNamesTheSource() {
    QCOMPARE(messageOf([] { decodeImage(jpegHeader(0xC0, 30000, 30000, false), "clipboard"); }),
             QString("clipboard claims 30000 x 30000 pixels (900 megapixels); ConvScope opens images up to "
                     "100 megapixels."));
    QCOMPARE(messageOf([] { decodeImage({}, "clipboard"); }),
             QString("clipboard is empty (0 bytes), so it holds no image."));
    const cv::Mat colour = randomImage(3, 4, CV_8UC3);
    const LoadedImage image = decodeImage(encode(".png", colour), "clipboard");
    QCOMPARE(maxDifference(image.pixels, colour), 0.0);
}

void TestImageLoader::bombIsRefusedWithoutDecoding() {
    // A 30000 x 30000 RGB bomb would need 2.7 GB if decoded; refusing it must take no time and no memory.
    // Timing is reported, not asserted.
    const std::string file = write("bomb.png", makePng(30000, 30000, 2, {0, 1, 2, 3}));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 100; ++i) QVERIFY_THROWS_EXCEPTION(ImageLoadError, loadImage(file));
    qInfo("100 refusals took %lld ms", static_cast<long long>(timer.elapsed()));
}

void TestImageLoader::saveRoundTrips() {
    cv::Mat values(3, 4, CV_32FC3);
    cv::RNG(9).fill(values, cv::RNG::UNIFORM, -1000.0, 1000.0);
    values.at<cv::Vec3f>(0, 0) = {1.5f, -2.25f, 1e-7f};
    const std::string tiff = path("values.tiff");
    saveImage(tiff, values);
    const cv::Mat back = cv::imread(tiff, cv::IMREAD_UNCHANGED);
    QCOMPARE(back.type(), CV_32FC3);
    QCOMPARE(maxDifference(back, values), 0.0);  // bit-exact, channel order kept

    const cv::Mat colour = randomImage(5, 6, CV_8UC3);
    const std::string png = path("out/../colour.png");
    QVERIFY(QDir().mkdir(m_dir.filePath("out")));
    saveImage(png, colour);
    QCOMPARE(maxDifference(cv::imread(png, cv::IMREAD_UNCHANGED), colour), 0.0);
}

void TestImageLoader::saveRefusesWhatItCannotWrite() {
    const cv::Mat floats(2, 2, CV_32FC1, cv::Scalar(1.5));
    const cv::Mat bytes(2, 2, CV_8UC1, cv::Scalar(7));
    QCOMPARE(messageOf([&] { saveImage(path("f.png"), floats); }),
             QString("cannot save f.png: 32-bit float values can only be saved as .tif/.tiff"));
    QVERIFY(!QFile::exists(m_dir.filePath("f.png")));
    const std::string noFolder = path("nowhere/x.png");
    QCOMPARE(messageOf([&] { saveImage(noFolder, bytes); }),
             q("cannot save x.png: the folder " + path("nowhere") + " does not exist"));
    QVERIFY(messageOf([&] { saveImage(path("x.gif"), bytes); }).contains("unsupported file type \".gif\""));
    QVERIFY(messageOf([&] { saveImage(path("noext"), bytes); }).contains("unsupported file type"));
    QVERIFY(messageOf([&] { saveImage(path("e.png"), cv::Mat()); }).contains("no image"));
    QVERIFY(QDir().mkdir(m_dir.filePath("dir.png")));
    QVERIFY(messageOf([&] { saveImage(path("dir.png"), bytes); }).contains("is a folder"));
    QVERIFY(!QFile::exists(m_dir.filePath("x.gif")));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, saveImage(path("f.jpg"), floats));
}

void TestImageLoader::everySupportedExtensionRoundTrips() {
    const std::vector<std::string> expected{"png",  "jpg",  "jpeg", "jpe", "bmp", "dib", "tif",
                                            "tiff", "webp", "pbm",  "pgm", "ppm", "pnm"};
    QCOMPARE(supportedExtensions(), expected);
    cv::Mat gray(6, 10, CV_8UC1, cv::Scalar(0));
    gray(cv::Rect(0, 0, 5, 6)).setTo(255);  // two flat halves: even PBM and JPEG keep them
    for (const std::string& ext : supportedExtensions()) {
        const std::string file = path(QString::fromStdString("round." + ext));
        saveImage(file, gray);
        const LoadedImage image = loadImage(file);
        QCOMPARE(image.pixels.size(), gray.size());
        cv::Mat asGray = image.pixels;
        if (asGray.channels() == 3) cv::extractChannel(image.pixels, asGray, 1);
        QVERIFY2(maxDifference(asGray, gray) <= 8.0, ext.c_str());
    }
}

void TestImageLoader::installDecoderLimitsKeepsUserValues() {
    ::unsetenv("OPENCV_IO_MAX_IMAGE_PIXELS");
    ::unsetenv("OPENCV_IO_MAX_IMAGE_WIDTH");
    ::setenv("OPENCV_IO_MAX_IMAGE_HEIGHT", "999", 1);
    ImageLimits limits;
    limits.maxPixels = 1234;
    limits.maxSide = 77;
    installDecoderLimits(limits);
    QCOMPARE(qgetenv("OPENCV_IO_MAX_IMAGE_PIXELS"), QByteArray("1234"));
    QCOMPARE(qgetenv("OPENCV_IO_MAX_IMAGE_WIDTH"), QByteArray("77"));
    QCOMPARE(qgetenv("OPENCV_IO_MAX_IMAGE_HEIGHT"), QByteArray("999"));
}

CONVSCOPE_TEST_GUILESS_MAIN(TestImageLoader)
#include "test_image_loader.moc"
