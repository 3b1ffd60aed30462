// AnimationWriter: PNG frames read back with Qt's PNG reader (pixel-exact), Motion-JPEG AVI read back with
// OpenCV's VideoCapture (frame count, size, rate, frames close to the originals), every kind of bad input,
// and cleanup of partial files when an export is abandoned. The GIF pixels are checked in test_gif_encoder.
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "core/imaging/animation_writer.h"
#include "tests/core/imaging/animation_test_frames.h"
#include "tests/core/imaging/gif_test_decoder.h"
#include "tests/support/test_main.h"

using namespace convscope::imaging;
using namespace animtest;
Q_DECLARE_METATYPE(AnimationFormat)

namespace {

const char* extensionOf(AnimationFormat format) {
    switch (format) {
        case AnimationFormat::PngFrames:
            return "png";
        case AnimationFormat::Gif:
            return "gif";
        case AnimationFormat::Video:
            return "avi";
    }
    return "";
}

void addFormatRows() {
    QTest::addColumn<AnimationFormat>("format");
    QTest::newRow("png frames") << AnimationFormat::PngFrames;
    QTest::newRow("gif") << AnimationFormat::Gif;
    QTest::newRow("avi") << AnimationFormat::Video;
}

// Every entry of a folder, hidden files included.
QStringList entries(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

template <typename Exception, typename F>
std::string messageOf(F&& f) {
    try {
        f();
    } catch (const Exception& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

}  // namespace

class TestAnimationWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatForPath_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<AnimationFormat>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("png") << "out/frames.png" << AnimationFormat::PngFrames << "png";
        QTest::newRow("GIF upper case") << "/tmp/a.GIF" << AnimationFormat::Gif << "gif";
        QTest::newRow("avi") << "video.avi" << AnimationFormat::Video << "avi";
    }

    void formatForPath() {
        QFETCH(QString, path);
        QFETCH(AnimationFormat, format);
        QFETCH(QString, name);
        QCOMPARE(int(animationFormatForPath(path.toStdString())), int(format));
        QCOMPARE(QString::fromStdString(toString(format)), name);
    }

    void formatForPathRejects_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("mp4") << "a.mp4";
        QTest::newRow("no extension") << "animation";
        QTest::newRow("jpg") << "a.jpg";
        QTest::newRow("hidden file") << ".gif";
    }

    void formatForPathRejects() {
        QFETCH(QString, path);
        const std::string message =
            messageOf<std::invalid_argument>([&] { animationFormatForPath(path.toStdString()); });
        for (const char* ext : {".png", ".gif", ".avi"})
            QVERIFY2(message.find(ext) != std::string::npos, message.c_str());
    }

    void pngFrames_data() {
        QTest::addColumn<int>("channels");
        QTest::newRow("BGR") << 3;
        QTest::newRow("gray") << 1;
        QTest::newRow("BGRA keeps alpha") << 4;
    }

    void pngFrames() {
        QFETCH(int, channels);
        QTemporaryDir dir;
        std::vector<cv::Mat> frames;
        std::vector<std::string> names;
        {
            AnimationWriter writer(AnimationFormat::PngFrames, dir.filePath("steps.png").toStdString(), 4.0);
            for (int i = 0; i < 3; ++i) {
                frames.push_back(withChannels(photoFrame(cv::Size(37, 23), unsigned(i)), channels));
                writer.addFrame(frames.back());
                names.push_back(dir.filePath(QString("steps_000%1.png").arg(i + 1)).toStdString());
            }
            writer.finish();
            QCOMPARE(writer.files(), names);
        }
        QCOMPARE(entries(dir.path()), QStringList({"steps_0001.png", "steps_0002.png", "steps_0003.png"}));
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const QImage image(QString::fromStdString(names[i]));
            QCOMPARE(image.size(), QSize(37, 23));
            const cv::Mat& frame = frames[i];
            for (int y = 0; y < frame.rows; ++y) {
                for (int x = 0; x < frame.cols; ++x) {
                    const QColor got = image.pixelColor(x, y);
                    const std::uint8_t* p = frame.ptr<std::uint8_t>(y) + x * channels;
                    const int r = channels == 1 ? p[0] : p[2];
                    const int a = channels == 4 ? p[3] : 255;
                    if (got.red() != r || got.green() != p[channels == 1 ? 0 : 1] || got.blue() != p[0] ||
                        got.alpha() != a) {
                        QFAIL(qPrintable(QString("frame %1 pixel (%2, %3) differs").arg(i).arg(x).arg(y)));
                    }
                }
            }
        }
    }

    void video_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("fps");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("repeats");
        QTest::newRow("96x64 at 10 fps") << QSize(96, 64) << 10.0 << 3 << 10 << 1;
        QTest::newRow("odd 95x63 padded to 96x64") << QSize(95, 63) << 25.0 << 3 << 25 << 1;
        QTest::newRow("odd 41x17, gray") << QSize(41, 17) << 12.0 << 1 << 12 << 1;
        QTest::newRow("BGRA") << QSize(80, 48) << 12.0 << 4 << 12 << 1;
        QTest::newRow("2.5 fps: 5 fps, frames twice") << QSize(64, 48) << 2.5 << 3 << 5 << 2;
        QTest::newRow("0.5 fps: 1 fps, frames twice") << QSize(64, 48) << 0.5 << 3 << 1 << 2;
        QTest::newRow("0.1 fps: 1 fps, frames 10 times") << QSize(64, 48) << 0.1 << 3 << 1 << 10;
        QTest::newRow("29.97 fps: 30 fps") << QSize(64, 48) << 29.97 << 3 << 30 << 1;
    }

    void video() {
        QFETCH(QSize, size);
        QFETCH(double, fps);
        QFETCH(int, channels);
        QFETCH(int, rate);
        QFETCH(int, repeats);
        QTemporaryDir dir;
        const QString path = dir.filePath("conv.avi");
        const int count = 4;
        std::vector<cv::Mat> frames;
        {
            AnimationWriter writer(AnimationFormat::Video, path.toStdString(), fps);
            for (int i = 0; i < count; ++i) {
                frames.push_back(
                    withChannels(videoFrame(cv::Size(size.width(), size.height()), i), channels));
                writer.addFrame(frames.back());
            }
            writer.finish();
            QCOMPARE(writer.files(), std::vector<std::string>{path.toStdString()});
        }
        QCOMPARE(entries(dir.path()), QStringList{"conv.avi"});

        // libjpeg may print "Corrupt JPEG data: premature end of data segment" here: an OpenCV < 4.9 writer
        // bug that costs only the last bytes of a frame (see animation_writer.h); the bounds below still
        // hold.
        cv::VideoCapture capture(path.toStdString(), cv::CAP_OPENCV_MJPEG);
        QVERIFY(capture.isOpened());
        const int evenWidth = size.width() + size.width() % 2;
        const int evenHeight = size.height() + size.height() % 2;
        QCOMPARE(int(capture.get(cv::CAP_PROP_FRAME_WIDTH)), evenWidth);
        QCOMPARE(int(capture.get(cv::CAP_PROP_FRAME_HEIGHT)), evenHeight);
        QCOMPARE(int(capture.get(cv::CAP_PROP_FRAME_COUNT)), count * repeats);
        QCOMPARE(capture.get(cv::CAP_PROP_FPS), double(rate));
        int read = 0;
        for (cv::Mat decoded; capture.read(decoded); ++read) {
            QCOMPARE(decoded.size(), cv::Size(evenWidth, evenHeight));
            const cv::Mat shown = decoded(cv::Rect(0, 0, size.width(), size.height()));
            const cv::Mat original = toBgr(frames[std::size_t(read / repeats)]);
            const double error = meanAbsDiff(shown, original);
            QVERIFY2(error < 3.0, qPrintable(QString("frame %1: mean abs diff %2").arg(read).arg(error)));
            // In order: no other original is as close.
            for (std::size_t other = 0; other < frames.size(); ++other) {
                if (other != std::size_t(read / repeats))
                    QVERIFY(meanAbsDiff(shown, toBgr(frames[other])) > error);
            }
            // The last column and row, where an odd size would garble the colour without padding.
            const double edge = meanAbsDiff(shown.col(shown.cols - 1), original.col(original.cols - 1)) +
                                meanAbsDiff(shown.row(shown.rows - 1), original.row(original.rows - 1));
            if (read == 0) qInfo("mean abs diff %.2f, last column and row %.2f", error, edge);
            QVERIFY2(edge < 8.0, qPrintable(QString("frame %1: edge mean abs diff %2").arg(read).arg(edge)));
        }
        QCOMPARE(read, count * repeats);
    }

    void rejectsWrongExtension_data() {
        QTest::addColumn<AnimationFormat>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("gif named .png") << AnimationFormat::Gif << "a.png";
        QTest::newRow("avi named .gif") << AnimationFormat::Video << "a.gif";
        QTest::newRow("png frames named .avi") << AnimationFormat::PngFrames << "a.avi";
        QTest::newRow("no extension") << AnimationFormat::Gif << "a";
        QTest::newRow("mp4") << AnimationFormat::Video << "a.mp4";
    }

    void rejectsWrongExtension() {
        QFETCH(AnimationFormat, format);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const std::string message = messageOf<std::invalid_argument>(
            [&] { AnimationWriter(format, dir.filePath(name).toStdString(), 10.0); });
        QVERIFY2(message.find(std::string(".") + extensionOf(format)) != std::string::npos, message.c_str());
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void rejectsFrameRate_data() {
        QTest::addColumn<double>("fps");
        QTest::newRow("zero") << 0.0;
        QTest::newRow("below 0.1") << 0.09;
        QTest::newRow("above 60") << 60.5;
        QTest::newRow("negative") << -5.0;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity();
    }

    void rejectsFrameRate() {
        QFETCH(double, fps);
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            AnimationWriter(AnimationFormat::Gif, dir.filePath("a.gif").toStdString(), fps));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void unwritablePaths_data() { addFormatRows(); }

    void unwritablePaths() {
        QFETCH(AnimationFormat, format);
        QTemporaryDir dir;
        const QString name = QString("anim.") + extensionOf(format);

        const QString missing = dir.filePath("no/such/folder/" + name);
        std::string message =
            messageOf<std::runtime_error>([&] { AnimationWriter(format, missing.toStdString(), 10.0); });
        QVERIFY2(message.find("does not exist") != std::string::npos, message.c_str());
        QVERIFY2(message.find(missing.toStdString()) != std::string::npos, message.c_str());

        QFile file(dir.filePath("plain-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        message = messageOf<std::runtime_error>(
            [&] { AnimationWriter(format, dir.filePath("plain-file/" + name).toStdString(), 10.0); });
        QVERIFY2(message.find("not a folder") != std::string::npos, message.c_str());

        // A read-only folder; root ignores permissions, so then use /sys, which refuses new files even to
        // root.
        const QString locked = dir.filePath("locked");
        QVERIFY(QDir().mkdir(locked));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        QString target = locked + "/" + name;
        if (std::FILE* probe = std::fopen((locked + "/probe").toUtf8().constData(), "wb")) {
            std::fclose(probe);
            target = "/sys/" + name;
            if (std::FILE* sys = std::fopen(target.toUtf8().constData(), "wb")) {
                std::fclose(sys);
                QSKIP("no folder refuses new files here");
            }
        }
        message = messageOf<std::runtime_error>([&] { AnimationWriter(format, target.toStdString(), 10.0); });
        QVERIFY2(message.find("Permission denied") != std::string::npos, message.c_str());
        QVERIFY2(message.find(target.toStdString()) != std::string::npos, message.c_str());
        QFile::setPermissions(locked,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void rejectsBadFrames_data() { addFormatRows(); }

    void rejectsBadFrames() {
        QFETCH(AnimationFormat, format);
        QTemporaryDir dir;
        const QString path = dir.filePath(QString("a.") + extensionOf(format));
        AnimationWriter writer(format, path.toStdString(), 10.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addFrame(cv::Mat()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writer.addFrame(cv::Mat(8, 8, CV_16UC3, cv::Scalar(1))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writer.addFrame(cv::Mat(8, 8, CV_32FC1, cv::Scalar(1))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writer.addFrame(cv::Mat(8, 8, CV_8UC2, cv::Scalar(1))));
        QCOMPARE(writer.frameCount(), 0);

        writer.addFrame(diagramFrame(cv::Size(20, 10), 0));
        const std::string message =
            messageOf<std::invalid_argument>([&] { writer.addFrame(diagramFrame(cv::Size(20, 11), 1)); });
        QVERIFY2(message.find("20x11") != std::string::npos && message.find("20x10") != std::string::npos,
                 message.c_str());
        // A rejected frame leaves the writer usable.
        writer.addFrame(diagramFrame(cv::Size(20, 10), 2));
        writer.finish();
        QCOMPARE(writer.frameCount(), 2);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, writer.addFrame(diagramFrame(cv::Size(20, 10), 3)));
        writer.finish();  // a second finish() does nothing
        QCOMPARE(writer.frameCount(), 2);
    }

    void zeroFrames_data() { addFormatRows(); }

    void zeroFrames() {
        QFETCH(AnimationFormat, format);
        QTemporaryDir dir;
        {
            AnimationWriter writer(format, dir.filePath(QString("a.") + extensionOf(format)).toStdString(),
                                   10.0);
            const std::string message = messageOf<std::runtime_error>([&] { writer.finish(); });
            QVERIFY2(message.find("no frames to write") != std::string::npos, message.c_str());
        }
        QCOMPARE(entries(dir.path()), QStringList());
    }

    // An export abandoned before finish() (cancelled by the user) leaves nothing behind, and a file it would
    // have replaced is untouched.
    void abandonedExportRemovesPartialFiles_data() { addFormatRows(); }

    void abandonedExportRemovesPartialFiles() {
        QFETCH(AnimationFormat, format);
        QTemporaryDir dir;
        const QString path = dir.filePath(QString("anim.") + extensionOf(format));
        const bool singleFile = format != AnimationFormat::PngFrames;
        if (singleFile) {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("previous export");
        }
        {
            AnimationWriter writer(format, path.toStdString(), 10.0);
            for (int i = 0; i < 3; ++i) writer.addFrame(diagramFrame(cv::Size(50, 30), i));
            QVERIFY(entries(dir.path()).size() >= 1);
        }
        if (singleFile) {
            QCOMPARE(entries(dir.path()), QStringList{QFileInfo(path).fileName()});
            QCOMPARE(readFile(path),
                     Bytes({'p', 'r', 'e', 'v', 'i', 'o', 'u', 's', ' ', 'e', 'x', 'p', 'o', 'r', 't'}));
        } else {
            QCOMPARE(entries(dir.path()), QStringList());
        }
    }

    void pngFrameNames_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("name");
        QTest::newRow("first") << "/out/steps.png" << 1 << "/out/steps_0001.png";
        QTest::newRow("four digits") << "/out/steps.png" << 9999 << "/out/steps_9999.png";
        QTest::newRow("five digits") << "/out/steps.png" << 10000 << "/out/steps_10000.png";
        QTest::newRow("six digits") << "/out/steps.png" << 123456 << "/out/steps_123456.png";
        QTest::newRow("relative, dotted stem") << "conv.v2.png" << 42 << "conv.v2_0042.png";
    }

    void pngFrameNames() {
        QFETCH(QString, path);
        QFETCH(int, number);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(AnimationWriter::pngFramePath(path.toStdString(), number)), name);
    }

    // 300 frames of 640x400: the time is printed, not asserted (machines differ).
    void stress_data() { addFormatRows(); }

    void stress() {
        QFETCH(AnimationFormat, format);
        QTemporaryDir dir;
        const QString path = dir.filePath(QString("stress.") + extensionOf(format));
        const cv::Size size(640, 400);
        const int count = 300;
        std::vector<cv::Mat> frames;
        for (int i = 0; i < 16; ++i) frames.push_back(diagramFrame(size, i));
        QElapsedTimer timer;
        timer.start();
        {
            AnimationWriter writer(format, path.toStdString(), 30.0);
            for (int i = 0; i < count; ++i) writer.addFrame(frames[std::size_t(i % 16)]);
            writer.finish();
            QCOMPARE(writer.frameCount(), count);
        }
        qInfo("%s: %d frames of 640x400 in %lld ms", extensionOf(format), count, timer.elapsed());
        if (format == AnimationFormat::Gif) {
            const giftest::File gif = giftest::Reader(readFile(path)).read();
            QCOMPARE(int(gif.images.size()), count);
            QCOMPARE(giftest::lastFrame(gif), toRgb(frames[(count - 1) % 16]));
        } else if (format == AnimationFormat::Video) {
            cv::VideoCapture capture(path.toStdString(), cv::CAP_OPENCV_MJPEG);
            QCOMPARE(int(capture.get(cv::CAP_PROP_FRAME_COUNT)), count);
        } else {
            QCOMPARE(int(entries(dir.path()).size()), count);
        }
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestAnimationWriter)
#include "test_animation_writer.moc"
