#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "app/gui/document/image_load_controller.h"
#include "core/imaging/image_loader.h"
#include "tests/support/test_main.h"

using convscope::gui::ImageLoadController;
using convscope::gui::ImageLoadResult;

namespace {

// Pixel (x, y) of the test image: distinct in every channel so a channel swap or transposition shows.
QRgb expectedRgb(int x, int y) {
    return qRgb(10 * x + 3, 20 * y + 5, 7 * (x + y) + 1);
}

QString writeRgbPng(const QString& path, int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) image.setPixel(x, y, expectedRgb(x, y));
    if (!image.save(path, "PNG")) return {};
    return path;
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QString loaderMessage(const QString& path) {
    try {
        convscope::imaging::loadImage(QFile::encodeName(path).toStdString());
    } catch (const convscope::imaging::ImageLoadError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestImageLoadController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_png = writeRgbPng(m_dir.filePath("colour.png"), 7, 5);
        QVERIFY(!m_png.isEmpty());
        // A large noisy JPEG decodes slowly enough to still be in flight when the next request arrives.
        QImage big(3000, 2000, QImage::Format_RGB32);
        QRandomGenerator random(42);
        for (int y = 0; y < big.height(); ++y) {
            auto* line = reinterpret_cast<QRgb*>(big.scanLine(y));
            for (int x = 0; x < big.width(); ++x) line[x] = random.generate() | 0xff000000u;
        }
        m_big = m_dir.filePath("big.jpg");
        QVERIFY(big.save(m_big, "JPG", 95));
        m_corrupt = m_dir.filePath("corrupt.png");
        writeBytes(m_corrupt, QByteArray("this is not a PNG file at all, just text"));
    }

    void loadsValidPng() {
        ImageLoadController controller;
        QSignalSpy loaded(&controller, &ImageLoadController::loaded);
        QSignalSpy failed(&controller, &ImageLoadController::failed);
        const quint64 generation = controller.open(m_png);
        QVERIFY(controller.isLoading());
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!controller.isLoading());
        QCOMPARE(loaded.at(0).at(0).value<quint64>(), generation);
        const auto result = loaded.at(0).at(1).value<ImageLoadResult>();
        QCOMPARE(result.path, m_png);
        QCOMPARE(result.format, QString("PNG"));
        QCOMPARE(result.pixels.cols, 7);
        QCOMPARE(result.pixels.rows, 5);
        QCOMPARE(result.pixels.type(), CV_8UC3);
        for (int y = 0; y < 5; ++y) {
            for (int x = 0; x < 7; ++x) {
                const cv::Vec3b bgr = result.pixels.at<cv::Vec3b>(y, x);
                const QRgb rgb = expectedRgb(x, y);
                QCOMPARE(int(bgr[2]), qRed(rgb));
                QCOMPARE(int(bgr[1]), qGreen(rgb));
                QCOMPARE(int(bgr[0]), qBlue(rgb));
            }
        }
    }

    void errorCarriesLoaderMessage_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("corrupt") << m_corrupt;
        const QString empty = m_dir.filePath("empty.png");
        writeBytes(empty, QByteArray());
        QTest::newRow("empty") << empty;
        QFile png(m_png);
        QVERIFY(png.open(QIODevice::ReadOnly));
        const QByteArray bytes = png.readAll();
        const QString truncated = m_dir.filePath("truncated.png");
        writeBytes(truncated, bytes.left(bytes.size() / 2));
        QTest::newRow("truncated") << truncated;
        QTest::newRow("missing") << m_dir.filePath("does-not-exist.png");
    }

    void errorCarriesLoaderMessage() {
        QFETCH(QString, path);
        const QString expected = loaderMessage(path);
        QVERIFY2(!expected.isEmpty(), "the loader accepted a broken file");
        ImageLoadController controller;
        QSignalSpy loaded(&controller, &ImageLoadController::loaded);
        QSignalSpy failed(&controller, &ImageLoadController::failed);
        const quint64 generation = controller.open(path);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(failed.at(0).at(0).value<quint64>(), generation);
        QCOMPARE(failed.at(0).at(1).toString(), path);
        QCOMPARE(failed.at(0).at(2).toString(), expected);
        QVERIFY(!controller.isLoading());
    }

    void onlyNewestRequestIsDelivered_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("secondLoads");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("big then small") << m_big << m_png << true << 0;
        QTest::newRow("small then big") << m_png << m_big << true << 0;
        QTest::newRow("valid then corrupt") << m_big << m_corrupt << false << 0;
        QTest::newRow("corrupt then valid") << m_corrupt << m_png << true << 0;
        // The first decode is already running when the second request comes: its result must be dropped.
        QTest::newRow("big in flight then small") << m_big << m_png << true << 30;
        QTest::newRow("big in flight then corrupt") << m_big << m_corrupt << false << 30;
    }

    void onlyNewestRequestIsDelivered() {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, secondLoads);
        QFETCH(int, delayMs);
        ImageLoadController controller;
        QSignalSpy loaded(&controller, &ImageLoadController::loaded);
        QSignalSpy failed(&controller, &ImageLoadController::failed);
        const quint64 g1 = controller.open(first);
        if (delayMs > 0) QThread::msleep(delayMs);  // no event processing: the first result cannot arrive yet
        const quint64 g2 = controller.open(second);
        QVERIFY(g2 > g1);
        QTRY_COMPARE(loaded.count() + failed.count(), 1);
        // Give a stale result every chance to arrive late.
        QTest::qWait(300);
        QCOMPARE(loaded.count() + failed.count(), 1);
        if (secondLoads) {
            QCOMPARE(loaded.count(), 1);
            QCOMPARE(loaded.at(0).at(0).value<quint64>(), g2);
            QCOMPARE(loaded.at(0).at(1).value<ImageLoadResult>().path, second);
        } else {
            QCOMPARE(failed.count(), 1);
            QCOMPARE(failed.at(0).at(0).value<quint64>(), g2);
            QCOMPARE(failed.at(0).at(1).toString(), second);
        }
    }

    void manyRapidRequestsEndOnTheLast() {
        ImageLoadController controller;
        QSignalSpy loaded(&controller, &ImageLoadController::loaded);
        for (int i = 0; i < 5; ++i) controller.open(m_big);
        const quint64 last = controller.open(m_png);
        QTRY_COMPARE(loaded.count(), 1);
        QTest::qWait(200);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).value<quint64>(), last);
        QCOMPARE(loaded.at(0).at(1).value<ImageLoadResult>().path, m_png);
    }

    void cancelDropsPendingResult() {
        ImageLoadController controller;
        QSignalSpy loaded(&controller, &ImageLoadController::loaded);
        QSignalSpy failed(&controller, &ImageLoadController::failed);
        controller.open(m_png);
        controller.cancel();
        QVERIFY(!controller.isLoading());
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(failed.count(), 0);
        // The controller still works afterwards.
        controller.open(m_png);
        QTRY_COMPARE(loaded.count(), 1);
    }

    void destructionWhileLoadingDoesNotHang() {
        bool delivered = false;
        QElapsedTimer timer;
        timer.start();
        {
            auto controller = std::make_unique<ImageLoadController>();
            connect(controller.get(), &ImageLoadController::loaded, this, [&delivered] { delivered = true; });
            for (int i = 0; i < 4; ++i) controller->open(m_big);
        }
        // Only the decode already running is waited for; the queued ones are skipped (test_job_runner checks
        // the skipping; how long it takes depends on the machine's load and is not asserted).
        qInfo("destruction took %lld ms", static_cast<long long>(timer.elapsed()));
        QTest::qWait(100);
        QVERIFY(!delivered);
    }

private:
    QTemporaryDir m_dir;
    QString m_png;
    QString m_big;
    QString m_corrupt;
};

CONVSCOPE_TEST_MAIN(TestImageLoadController)
#include "test_image_load_controller.moc"
