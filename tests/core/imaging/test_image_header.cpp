// Header sniffing: formats and dimensions read from files OpenCV encodes and from headers built byte by byte
// here, and robustness against truncated and random data.
#include <QTest>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/imaging/image_header.h"
#include "tests/core/imaging/image_test_files.h"
#include "tests/support/test_main.h"

using convscope::imaging::ImageHeader;
using convscope::imaging::looksComplete;
using convscope::imaging::sniffImageHeader;

using namespace imagetest;
Q_DECLARE_METATYPE(Bytes)

namespace {

// A PNG signature and IHDR chunk (with a valid CRC) claiming width x height.
Bytes pngHeader(std::uint32_t width, std::uint32_t height) {
    return makePng(width, height, 2, {0, 1, 2, 3});
}

}  // namespace

class TestImageHeader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encodedFiles_data();
    void encodedFiles();
    void handBuiltHeaders_data();
    void handBuiltHeaders();
    void damagedHeadersHaveUnknownSize_data();
    void damagedHeadersHaveUnknownSize();
    void gifIsRecognisedButNotDecodable();
    void unknownDataIsRefused_data();
    void unknownDataIsRefused();
    void prefixesAndRandomTailsNeverCrash();
    void jpegCompleteness();
    void pngCompleteness();
    void otherFormatsAreComplete();
};

void TestImageHeader::encodedFiles_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    const cv::Mat colour = randomImage(23, 37, CV_8UC3);
    const cv::Mat gray = randomImage(41, 5, CV_8UC1);
    cv::Mat deep(19, 300, CV_16UC1, cv::Scalar(40000));
    QTest::newRow("png colour") << encode(".png", colour) << "PNG" << 37 << 23;
    QTest::newRow("png 16-bit") << encode(".png", deep) << "PNG" << 300 << 19;
    QTest::newRow("jpeg colour") << encode(".jpg", colour) << "JPEG" << 37 << 23;
    QTest::newRow("jpeg progressive")
        << encode(".jpg", gray, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}) << "JPEG" << 5 << 41;
    QTest::newRow("bmp") << encode(".bmp", colour) << "BMP" << 37 << 23;
    QTest::newRow("bmp gray") << encode(".bmp", gray) << "BMP" << 5 << 41;
    QTest::newRow("tiff") << encode(".tiff", colour) << "TIFF" << 37 << 23;
    QTest::newRow("tiff 16-bit") << encode(".tiff", deep) << "TIFF" << 300 << 19;
    QTest::newRow("webp lossy") << encode(".webp", colour, {cv::IMWRITE_WEBP_QUALITY, 80}) << "WebP" << 37
                                << 23;
    QTest::newRow("webp lossless") << encode(".webp", colour, {cv::IMWRITE_WEBP_QUALITY, 101}) << "WebP" << 37
                                   << 23;
    QTest::newRow("pgm binary") << encode(".pgm", gray) << "PNM" << 5 << 41;
    QTest::newRow("ppm ascii") << encode(".ppm", colour, {cv::IMWRITE_PXM_BINARY, 0}) << "PNM" << 37 << 23;
    QTest::newRow("pbm") << encode(".pbm", gray) << "PNM" << 5 << 41;
}

void TestImageHeader::encodedFiles() {
    QFETCH(Bytes, bytes);
    QFETCH(QString, format);
    QFETCH(int, width);
    QFETCH(int, height);
    const auto header = sniffImageHeader(bytes.data(), bytes.size());
    QVERIFY(header.has_value());
    QCOMPARE(QString::fromStdString(header->format), format);
    QVERIFY(header->dimensionsKnown);
    QVERIFY(header->decodable);
    QCOMPARE(header->width, std::uint64_t(width));
    QCOMPARE(header->height, std::uint64_t(height));
    QVERIFY(looksComplete(*header, bytes.data(), bytes.size()));
}

void TestImageHeader::handBuiltHeaders_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<qulonglong>("width");
    QTest::addColumn<qulonglong>("height");
    QTest::newRow("png bomb") << pngHeader(100000, 100000) << "PNG" << 100000ull << 100000ull;
    QTest::newRow("png max") << pngHeader(0xFFFFFFFFu, 3) << "PNG" << 0xFFFFFFFFull << 3ull;
    QTest::newRow("jpeg sof0") << jpegHeader(0xC0, 640, 480, false) << "JPEG" << 640ull << 480ull;
    QTest::newRow("jpeg sof2 fill") << jpegHeader(0xC2, 60000, 60000, true) << "JPEG" << 60000ull << 60000ull;
    QTest::newRow("jpeg sof15") << jpegHeader(0xCF, 7, 9, false) << "JPEG" << 7ull << 9ull;
    QTest::newRow("bmp bottom-up") << bmpHeader(120, 80) << "BMP" << 120ull << 80ull;
    QTest::newRow("bmp top-down") << bmpHeader(120, -80) << "BMP" << 120ull << 80ull;
    QTest::newRow("bmp os2") << bmpHeader(300, 200, 12) << "BMP" << 300ull << 200ull;
    QTest::newRow("bmp v5 bomb") << bmpHeader(200000, -200000, 124) << "BMP" << 200000ull << 200000ull;
    QTest::newRow("tiff II short") << tiffHeader(false, 3, 640, 480) << "TIFF" << 640ull << 480ull;
    QTest::newRow("tiff MM short") << tiffHeader(true, 3, 640, 480) << "TIFF" << 640ull << 480ull;
    QTest::newRow("tiff MM long") << tiffHeader(true, 4, 70000, 90000) << "TIFF" << 70000ull << 90000ull;
    QTest::newRow("bigtiff") << bigTiffHeader(123456, 7) << "TIFF" << 123456ull << 7ull;
    QTest::newRow("pgm comments") << fromLiteral("P5\n# made by hand 99 99\n 12 # width\n\t7\n255\n") << "PNM"
                                  << 12ull << 7ull;
    QTest::newRow("pbm inline comment") << fromLiteral("P1#c\n3 2\n010\n101\n") << "PNM" << 3ull << 2ull;
    QTest::newRow("ppm bomb") << fromLiteral("P6 100000 100000 255\n") << "PNM" << 100000ull << 100000ull;
    QTest::newRow("webp vp8x") << webpVp8x(16384, 16384) << "WebP" << 16384ull << 16384ull;
    QTest::newRow("webp vp8x max") << webpVp8x(1u << 24, 1) << "WebP" << (1ull << 24) << 1ull;
}

void TestImageHeader::handBuiltHeaders() {
    QFETCH(Bytes, bytes);
    QFETCH(QString, format);
    QFETCH(qulonglong, width);
    QFETCH(qulonglong, height);
    const auto header = sniffImageHeader(bytes.data(), bytes.size());
    QVERIFY(header.has_value());
    QCOMPARE(QString::fromStdString(header->format), format);
    QVERIFY(header->dimensionsKnown);
    QCOMPARE(qulonglong(header->width), width);
    QCOMPARE(qulonglong(header->height), height);
}

void TestImageHeader::damagedHeadersHaveUnknownSize_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<QString>("format");
    Bytes png = pngHeader(10, 10);
    png.resize(20);
    Bytes pngNoIhdr = pngHeader(10, 10);
    std::copy_n("IDAT", 4, pngNoIhdr.begin() + 12);
    Bytes jpeg = jpegHeader(0xC0, 10, 10, false);
    jpeg.resize(jpeg.size() - 8);  // the SOF segment is cut short
    Bytes jpegScanFirst{0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6};
    Bytes tiffFarIfd = tiffHeader(false, 3, 10, 10);
    tiffFarIfd[4] = 0xF0;  // the IFD offset points past the end
    Bytes tiffHugeCount = tiffHeader(false, 3, 10, 10);
    tiffHugeCount.resize(14);  // claims 4 entries, holds none
    tiffHugeCount[8] = 0xFF;
    tiffHugeCount[9] = 0xFF;
    Bytes tiffRational = tiffHeader(false, 5, 10, 10);  // RATIONAL is no valid type for the size tags
    QTest::newRow("png cut in IHDR") << png << "PNG";
    QTest::newRow("png without IHDR") << pngNoIhdr << "PNG";
    QTest::newRow("jpeg cut in SOF") << jpeg << "JPEG";
    QTest::newRow("jpeg scan before frame") << jpegScanFirst << "JPEG";
    QTest::newRow("jpeg soi only") << Bytes{0xFF, 0xD8, 0xFF} << "JPEG";
    QTest::newRow("bmp negative width") << bmpHeader(-5, 5) << "BMP";
    QTest::newRow("tiff far ifd") << tiffFarIfd << "TIFF";
    QTest::newRow("tiff huge count") << tiffHugeCount << "TIFF";
    QTest::newRow("tiff rational") << tiffRational << "TIFF";
    QTest::newRow("pnm no numbers") << fromLiteral("P6\n# only a comment") << "PNM";
    QTest::newRow("pnm one number") << fromLiteral("P2 12 ") << "PNM";
    QTest::newRow("webp vp8 bad start code")
        << fromLiteral("RIFF\x20\0\0\0WEBPVP8 \x10\0\0\0\0\0\0\0\0\0\0\0") << "WebP";
}

void TestImageHeader::damagedHeadersHaveUnknownSize() {
    QFETCH(Bytes, bytes);
    QFETCH(QString, format);
    const auto header = sniffImageHeader(bytes.data(), bytes.size());
    QVERIFY(header.has_value());
    QCOMPARE(QString::fromStdString(header->format), format);
    QVERIFY(!header->dimensionsKnown);
}

void TestImageHeader::gifIsRecognisedButNotDecodable() {
    Bytes gif = fromLiteral("GIF89a");
    put16le(gif, 320);
    put16le(gif, 200);
    gif.insert(gif.end(), {0xF7, 0, 0});
    const auto header = sniffImageHeader(gif.data(), gif.size());
    QVERIFY(header.has_value());
    QCOMPARE(header->format, std::string("GIF"));
    QVERIFY(!header->decodable);
    QVERIFY(header->dimensionsKnown);
    QCOMPARE(header->width, std::uint64_t(320));
    QCOMPARE(header->height, std::uint64_t(200));
}

void TestImageHeader::unknownDataIsRefused_data() {
    QTest::addColumn<Bytes>("bytes");
    std::mt19937 rng(1234);
    Bytes noise(4096);
    for (auto& b : noise) b = std::uint8_t(rng() & 0xFF);
    noise[0] = 0x00;  // no magic can start with 0
    QTest::newRow("empty") << Bytes{};
    QTest::newRow("text") << fromLiteral("hello, this is a text file\n");
    QTest::newRow("text starting with BM") << fromLiteral("BMW and other cars, a long line of text\n");
    QTest::newRow("text starting with P") << fromLiteral("P3rhaps not an image\n");
    QTest::newRow("random") << noise;
    QTest::newRow("riff wav") << fromLiteral("RIFF\x24\0\0\0WAVEfmt ");
    QTest::newRow("png signature cut") << Bytes{0x89, 'P', 'N', 'G'};
}

void TestImageHeader::unknownDataIsRefused() {
    QFETCH(Bytes, bytes);
    QVERIFY(!sniffImageHeader(bytes.data(), bytes.size()).has_value());
}

void TestImageHeader::prefixesAndRandomTailsNeverCrash() {
    // Each real file cut at every length up to 300 bytes, then each file's first 12 bytes followed by
    // random data: sniffing must stay inside the buffer (a copy of exactly `size` bytes) and terminate.
    const cv::Mat colour = randomImage(20, 30, CV_8UC3);
    const std::vector<Bytes> files{encode(".png", colour),  encode(".jpg", colour), encode(".bmp", colour),
                                   encode(".tiff", colour), encode(".ppm", colour), encode(".webp", colour),
                                   bigTiffHeader(5, 5),     webpVp8x(5, 5)};
    int sniffed = 0;
    for (const Bytes& file : files) {
        for (std::size_t n = 0; n <= std::min<std::size_t>(file.size(), 300); ++n) {
            const Bytes prefix(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(n));
            const auto header = sniffImageHeader(prefix.data(), prefix.size());
            if (header) looksComplete(*header, prefix.data(), prefix.size());
            ++sniffed;
        }
    }
    std::mt19937 rng(99);
    for (const Bytes& file : files) {
        for (int trial = 0; trial < 300; ++trial) {
            Bytes bytes(file.begin(), file.begin() + 12);
            bytes.resize(12 + rng() % 200);
            for (std::size_t i = 12; i < bytes.size(); ++i) bytes[i] = std::uint8_t(rng() & 0xFF);
            // A BMP's random DIB size makes it unrecognised; every other magic is recognised.
            const auto header = sniffImageHeader(bytes.data(), bytes.size());
            if (header) looksComplete(*header, bytes.data(), bytes.size());
            ++sniffed;
        }
    }
    QVERIFY(sniffed > 2400);
}

void TestImageHeader::jpegCompleteness() {
    const Bytes jpeg = encode(".jpg", randomImage(32, 32, CV_8UC3));
    const auto header = sniffImageHeader(jpeg.data(), jpeg.size());
    QVERIFY(header.has_value());
    QVERIFY(looksComplete(*header, jpeg.data(), jpeg.size()));
    // Cut anywhere after the headers: no end-of-image marker any more.
    for (double fraction : {0.3, 0.6, 0.99}) {
        const auto n = static_cast<std::size_t>(double(jpeg.size()) * fraction);
        QVERIFY2(!looksComplete(*header, jpeg.data(), n), qPrintable(QString::number(fraction)));
    }
    QVERIFY(!looksComplete(*header, jpeg.data(), jpeg.size() - 2));
    // Trailing bytes after EOI (some cameras append data) do not make it incomplete.
    Bytes trailing = jpeg;
    trailing.insert(trailing.end(), {0x12, 0x34, 0x00, 0xFF});
    QVERIFY(looksComplete(*header, trailing.data(), trailing.size()));
    // An EOI inside a metadata segment before the scan does not count.
    Bytes withComment{0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x06, 0xFF, 0xD9, 0xFF, 0xD9};
    withComment.insert(withComment.end(), jpeg.begin() + 2, jpeg.end() - 100);
    QVERIFY(!looksComplete(*header, withComment.data(), withComment.size()));
    // A progressive JPEG has several scans; only the end after the last one counts.
    const Bytes progressive = encode(".jpg", randomImage(32, 32, CV_8UC3), {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
    QVERIFY(looksComplete(*header, progressive.data(), progressive.size()));
    QVERIFY(!looksComplete(*header, progressive.data(), progressive.size() * 3 / 4));
}

void TestImageHeader::pngCompleteness() {
    const Bytes png = encode(".png", randomImage(32, 32, CV_8UC3));
    const auto header = sniffImageHeader(png.data(), png.size());
    QVERIFY(header.has_value());
    QVERIFY(looksComplete(*header, png.data(), png.size()));
    QVERIFY(!looksComplete(*header, png.data(), png.size() / 2));
    QVERIFY(!looksComplete(*header, png.data(), png.size() - 1));
    QVERIFY(!looksComplete(*header, png.data(), 33));  // signature and IHDR only
}

void TestImageHeader::otherFormatsAreComplete() {
    const Bytes bmp = bmpHeader(100, 100);
    const auto header = sniffImageHeader(bmp.data(), bmp.size());
    QVERIFY(header.has_value());
    QVERIFY(looksComplete(*header, bmp.data(), bmp.size()));
}

CONVSCOPE_TEST_GUILESS_MAIN(TestImageHeader)
#include "test_image_header.moc"
