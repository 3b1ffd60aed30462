// Animated GIF export: every pixel of every frame is checked against what was written, with two independent
// decoders (Qt's GIF reader and the strict reader in gif_test_decoder.h); the file structure (loop extension,
// delays, disposal, colour table sizes, LZW code sizes and clear codes) is checked block by block.
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/imaging/animation_writer.h"
#include "core/imaging/gif_encoder.h"
#include "tests/core/imaging/animation_test_frames.h"
#include "tests/core/imaging/gif_test_decoder.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;
using namespace animtest;

namespace {

std::vector<cv::Mat> makeFrames(const QString& kind, cv::Size size, int count) {
    std::vector<cv::Mat> frames;
    for (int i = 0; i < count; ++i) {
        if (kind == "diagram") {
            frames.push_back(diagramFrame(size, i));
        } else if (kind == "smooth diagram") {
            frames.push_back(diagramFrame(size, i, true));
        } else if (kind == "photo") {
            frames.push_back(photoFrame(size, unsigned(i + 1)));
        } else if (kind == "end code") {
            // Three colours in an order (found by searching short sequences) whose last LZW code makes the
            // decoder's next free code 16: it then reads the end code with 5 bits, and an encoder that wrote
            // a 4-bit end code would leave the data one bit short.
            const int pattern[] = {0, 0, 2, 2, 0, 1, 2, 1, 2, 1, 1, 1, 2};
            const cv::Vec3b colours[] = {{10, 20, 30}, {200, 100, 0}, {0, 255, 128}};
            cv::Mat frame(1, 13, CV_8UC3);
            for (int x = 0; x < 13; ++x) frame.at<cv::Vec3b>(0, x) = colours[pattern[x]];
            frames.push_back(frame);
        } else if (kind == "same") {
            frames.push_back(diagramFrame(size, 0));
        } else {
            frames.push_back(paletteNoise(size, kind.toInt(), unsigned(i + 1)));
        }
    }
    return frames;
}

int nextPowerOfTwo(int n) {
    int p = 2;
    while (p < n) p *= 2;
    return p;
}

int log2Of(int powerOfTwo) {
    int bits = 0;
    while ((1 << bits) < powerOfTwo) ++bits;
    return bits;
}

giftest::File parse(const QString& path) {
    const Bytes bytes = readFile(path);
    return giftest::Reader(bytes).read();
}

// Frames as Qt's GIF reader shows them, and its loop count and delays (ms).
struct QtDecoded {
    std::vector<Bytes> frames;
    std::vector<int> delaysMs;
    int loopCount = 0;
    int imageCount = 0;
};

QtDecoded decodeWithQt(const QString& path) {
    QtDecoded out;
    QImageReader reader(path, "gif");
    out.loopCount = reader.loopCount();
    out.imageCount = reader.imageCount();
    for (QImage image = reader.read(); !image.isNull(); image = reader.read()) {
        out.frames.push_back(toRgb(image));
        out.delaysMs.push_back(reader.nextImageDelay());
    }
    return out;
}

// The first pixel where two RGB frames differ, as text; empty when they are equal.
QString firstDifference(const Bytes& a, const Bytes& b, int width) {
    if (a.size() != b.size()) return QString("sizes %1 and %2").arg(a.size()).arg(b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) {
            const std::size_t pixel = i / 3;
            return QString("pixel (%1, %2) channel %3: %4 instead of %5")
                .arg(pixel % std::size_t(width))
                .arg(pixel / std::size_t(width))
                .arg(i % 3)
                .arg(a[i])
                .arg(b[i]);
        }
    }
    return {};
}

}  // namespace

class TestGifEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        m_qtReadsGif = QImageReader::supportedImageFormats().contains("gif");
        if (!m_qtReadsGif)
            qWarning("Qt has no GIF reader here: frames are checked with the strict reader only");
    }

    void exactFrames_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("frames");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("minClearCodes");
        QTest::newRow("1 colour, 1x1") << "1" << QSize(1, 1) << 1 << 3 << 1;
        QTest::newRow("2 colours") << "2" << QSize(5, 3) << 2 << 3 << 1;
        QTest::newRow("3 colours: table of 4") << "3" << QSize(7, 7) << 2 << 3 << 1;
        QTest::newRow("5 colours: table of 8") << "5" << QSize(9, 4) << 2 << 3 << 1;
        QTest::newRow("17 colours: table of 32") << "17" << QSize(20, 11) << 2 << 3 << 1;
        QTest::newRow("end code after the code width grows") << "end code" << QSize(13, 1) << 1 << 3 << 1;
        QTest::newRow("256 colours exactly") << "256" << QSize(64, 64) << 2 << 3 << 1;
        QTest::newRow("256-colour noise: dictionary full") << "256" << QSize(300, 200) << 2 << 3 << 3;
        QTest::newRow("diagram, odd size, moving window") << "diagram" << QSize(161, 97) << 12 << 3 << 1;
        QTest::newRow("identical frames") << "same" << QSize(64, 40) << 3 << 3 << 1;
        QTest::newRow("gray frames") << "diagram" << QSize(80, 60) << 3 << 1 << 1;
        QTest::newRow("BGRA frames, alpha dropped") << "diagram" << QSize(80, 60) << 3 << 4 << 1;
    }

    void exactFrames() {
        QFETCH(QString, kind);
        QFETCH(QSize, size);
        QFETCH(int, frames);
        QFETCH(int, channels);
        QFETCH(int, minClearCodes);
        QTemporaryDir dir;
        const QString path = dir.filePath("anim.gif");
        std::vector<Bytes> expected;
        {
            AnimationWriter writer(AnimationFormat::Gif, path.toStdString(), 10.0);
            for (const cv::Mat& bgr : makeFrames(kind, cv::Size(size.width(), size.height()), frames)) {
                const cv::Mat frame = withChannels(bgr, channels);
                expected.push_back(toRgb(frame));
                QVERIFY2(distinctColours(expected.back()) <= 256,
                         "test frames must have at most 256 colours");
                writer.addFrame(frame);
            }
            writer.finish();
            QCOMPARE(writer.frameCount(), frames);
            QCOMPARE(writer.files(), std::vector<std::string>{path.toStdString()});
        }

        giftest::File gif;
        try {
            gif = parse(path);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(gif.width, size.width());
        QCOMPARE(gif.height, size.height());
        QVERIFY(gif.loopExtension);
        QCOMPARE(gif.loopCount, 0);
        QCOMPARE(int(gif.images.size()), frames);
        int clearCodes = 0;
        for (const giftest::Image& image : gif.images) {
            QCOMPARE(image.delayCs, 10);
            QCOMPARE(image.disposal, 1);
            QVERIFY(!image.transparent);
            Bytes pixels;
            for (std::uint8_t index : image.indices) {
                pixels.insert(pixels.end(), image.palette.begin() + 3 * index,
                              image.palette.begin() + 3 * index + 3);
            }
            // Exact palette: the table holds each colour of the image once, rounded up to a power of two.
            QCOMPARE(image.tableSize, nextPowerOfTwo(distinctColours(pixels)));
            QCOMPARE(image.minCodeSize, std::max(2, log2Of(image.tableSize)));
            QVERIFY(image.maxCodeSize <= 12);
            clearCodes = std::max(clearCodes, image.clearCodes);
        }
        QVERIFY2(clearCodes >= minClearCodes, qPrintable(QString("%1 clear codes").arg(clearCodes)));
        if (minClearCodes > 1) QCOMPARE(gif.images[0].maxCodeSize, 12);

        const std::vector<Bytes> shown = giftest::composite(gif);
        for (int i = 0; i < frames; ++i) {
            const QString diff =
                firstDifference(shown[std::size_t(i)], expected[std::size_t(i)], size.width());
            QVERIFY2(diff.isEmpty(), qPrintable(QString("strict reader, frame %1: %2").arg(i).arg(diff)));
        }

        if (!m_qtReadsGif) return;
        const QtDecoded qt = decodeWithQt(path);
        QCOMPARE(qt.imageCount, frames);
        QCOMPARE(qt.loopCount, -1);  // Qt's value for "forever"
        QCOMPARE(int(qt.frames.size()), frames);
        for (int i = 0; i < frames; ++i) {
            QCOMPARE(qt.delaysMs[std::size_t(i)], 100);
            const QString diff =
                firstDifference(qt.frames[std::size_t(i)], expected[std::size_t(i)], size.width());
            QVERIFY2(diff.isEmpty(), qPrintable(QString("Qt reader, frame %1: %2").arg(i).arg(diff)));
        }
    }

    // More than 256 colours: frequent colours stay exact, every other pixel gets a nearby colour.
    void quantisedFrames_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("maxMeanError");
        QTest::addColumn<int>("maxError");
        // Photo-like: k-means with 256 centres reaches a mean error of 5.8 on these frames, a 3-3-2 palette
        // 8+.
        QTest::newRow("photo-like") << "photo" << 7.0 << 48;
        QTest::newRow("diagram with antialiased text") << "smooth diagram" << 1.0 << 40;
    }

    void quantisedFrames() {
        QFETCH(QString, kind);
        QFETCH(double, maxMeanError);
        QFETCH(int, maxError);
        const cv::Size size(240, 160);
        const int frames = 3;
        QTemporaryDir dir;
        const QString path = dir.filePath("photo.gif");
        std::vector<Bytes> expected;
        {
            AnimationWriter writer(AnimationFormat::Gif, path.toStdString(), 5.0);
            for (const cv::Mat& frame : makeFrames(kind, size, frames)) {
                expected.push_back(toRgb(frame));
                QVERIFY2(distinctColours(expected.back()) > 256, "the frames must need quantisation");
                writer.addFrame(frame);
            }
            writer.finish();
        }
        giftest::File gif;
        try {
            gif = parse(path);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        const std::vector<Bytes> shown = giftest::composite(gif);
        const QtDecoded qt = m_qtReadsGif ? decodeWithQt(path) : QtDecoded{shown, {}, 0, frames};
        QCOMPARE(int(qt.frames.size()), frames);
        for (int i = 0; i < frames; ++i) {
            const Bytes& want = expected[std::size_t(i)];
            const Bytes& got = shown[std::size_t(i)];
            QVERIFY(firstDifference(qt.frames[std::size_t(i)], got, size.width).isEmpty());
            // Colours covering at least 1/256 of the frame are kept exactly (the documented rule).
            std::map<std::uint32_t, int> counts;
            for (std::size_t p = 0; p < want.size(); p += 3)
                ++counts[(want[p] << 16) | (want[p + 1] << 8) | want[p + 2]];
            double sum = 0;
            int worst = 0;
            for (std::size_t p = 0; p < want.size(); p += 3) {
                const std::uint32_t colour = (want[p] << 16) | (want[p + 1] << 8) | want[p + 2];
                const bool frequent = counts[colour] * 256 >= size.area();
                for (int c = 0; c < 3; ++c) {
                    const int error = std::abs(int(got[p + c]) - int(want[p + c]));
                    if (frequent && i == 0) QCOMPARE(error, 0);
                    sum += error;
                    worst = std::max(worst, error);
                }
            }
            if (i == 0) {
                // Each pixel shows a palette colour nearest to its own (Euclidean RGB, ties allowed).
                const std::vector<std::uint8_t>& palette = gif.images[0].palette;
                for (std::size_t p = 0; p < want.size(); p += 3) {
                    const auto distance = [&](const std::uint8_t* c) {
                        int d = 0;
                        for (int k = 0; k < 3; ++k)
                            d += (int(c[k]) - int(want[p + k])) * (int(c[k]) - int(want[p + k]));
                        return d;
                    };
                    int nearest = std::numeric_limits<int>::max();
                    for (std::size_t e = 0; e < palette.size(); e += 3)
                        nearest = std::min(nearest, distance(&palette[e]));
                    if (distance(&got[p]) != nearest)
                        QFAIL(qPrintable(QString("pixel %1 is not mapped to a nearest colour").arg(p / 3)));
                }
            }
            const double mean = sum / double(want.size());
            qInfo("%s frame %d: %d colours, mean abs error %.2f, max %d", qPrintable(kind), i,
                  distinctColours(want), mean, worst);
            QVERIFY(mean <= maxMeanError);
            QVERIFY(worst <= maxError);
        }
        QCOMPARE(gif.images[0].tableSize, 256);
    }

    void delays_data() {
        QTest::addColumn<double>("fps");
        QTest::addColumn<int>("centiseconds");
        QTest::newRow("10 fps") << 10.0 << 10;
        QTest::newRow("3 fps rounds 33.3") << 3.0 << 33;
        QTest::newRow("7 fps rounds 14.3") << 7.0 << 14;
        QTest::newRow("25 fps") << 25.0 << 4;
        QTest::newRow("50 fps") << 50.0 << 2;
        QTest::newRow("60 fps clamps to 2 cs") << 60.0 << 2;
        QTest::newRow("0.1 fps") << 0.1 << 1000;
    }

    void delays() {
        QFETCH(double, fps);
        QFETCH(int, centiseconds);
        QTemporaryDir dir;
        const QString path = dir.filePath("d.gif");
        AnimationWriter writer(AnimationFormat::Gif, path.toStdString(), fps);
        writer.addFrame(diagramFrame(cv::Size(20, 20), 0));
        writer.addFrame(diagramFrame(cv::Size(20, 20), 1));
        writer.finish();
        const giftest::File gif = parse(path);
        QCOMPARE(int(gif.images.size()), 2);
        for (const giftest::Image& image : gif.images) QCOMPARE(image.delayCs, centiseconds);
        if (!m_qtReadsGif) return;
        const QtDecoded qt = decodeWithQt(path);
        QCOMPARE(qt.delaysMs, std::vector<int>({10 * centiseconds, 10 * centiseconds}));
    }

    void encoderWithoutLoop() {
        QTemporaryDir dir;
        const QString path = dir.filePath("once.gif");
        GifEncoder encoder(path.toStdString(), 2, 1, 50, false);
        encoder.addFrame({255, 0, 0, 0, 0, 255});
        encoder.finish();
        const giftest::File gif = parse(path);
        QVERIFY(!gif.loopExtension);
        QCOMPARE(gif.images[0].delayCs, 50);
        QCOMPARE(giftest::composite(gif)[0], Bytes({255, 0, 0, 0, 0, 255}));
        if (m_qtReadsGif) QCOMPARE(decodeWithQt(path).loopCount, 0);  // Qt's value for "play once"
    }

    void encoderRejectsBadArguments_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("delay");
        QTest::newRow("zero width") << 0 << 10 << 10;
        QTest::newRow("zero height") << 10 << 0 << 10;
        QTest::newRow("too wide") << 65536 << 1 << 10;
        QTest::newRow("delay below 2 cs") << 10 << 10 << 1;
        QTest::newRow("delay above 65535 cs") << 10 << 10 << 65536;
    }

    void encoderRejectsBadArguments() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, delay);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.gif");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GifEncoder(path.toStdString(), width, height, delay));
        QVERIFY(!QFile::exists(path));
    }

    void encoderMisuse() {
        QTemporaryDir dir;
        const QString path = dir.filePath("m.gif");
        {
            GifEncoder encoder(path.toStdString(), 2, 2, 10);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encoder.addFrame(Bytes(11)));
            try {
                encoder.finish();
                QFAIL("finish() without frames must throw");
            } catch (const std::runtime_error& e) {
                QVERIFY2(std::string(e.what()).find("no frames to write") != std::string::npos, e.what());
            }
            QVERIFY(QFile::exists(path));
        }
        QVERIFY2(!QFile::exists(path), "an unfinished GIF must be removed by the destructor");

        GifEncoder encoder(path.toStdString(), 2, 2, 10);
        encoder.addFrame(Bytes(12, 7));
        encoder.finish();
        encoder.finish();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, encoder.addFrame(Bytes(12, 7)));
        QCOMPARE(giftest::composite(parse(path)).back(), Bytes(12, 7));

        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 GifEncoder(dir.filePath("missing/x.gif").toStdString(), 2, 2, 10));
    }

private:
    bool m_qtReadsGif = false;
};

CONVSCOPE_TEST_GUILESS_MAIN(TestGifEncoder)
#include "test_gif_encoder.moc"
