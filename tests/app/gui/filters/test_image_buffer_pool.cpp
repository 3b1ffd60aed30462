#include <QTest>
#include <QThread>

#include <memory>

#include "app/gui/filters/image_buffer_pool.h"
#include "tests/support/test_main.h"

using convscope::gui::ImageBufferPool;

class TestImageBufferPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void layoutMatchesAnAllocatedImage_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("format");
        QTest::newRow("gray, odd width") << 37 << int(QImage::Format_Grayscale8);
        QTest::newRow("BGR888, odd width") << 37 << int(QImage::Format_BGR888);
        QTest::newRow("RGB32") << 64 << int(QImage::Format_RGB32);
    }
    void layoutMatchesAnAllocatedImage() {
        QFETCH(int, width);
        QFETCH(int, format);
        ImageBufferPool pool;
        const QImage image = pool.acquire(width, 5, QImage::Format(format));
        const QImage reference(width, 5, QImage::Format(format));
        QCOMPARE(image.size(), reference.size());
        QCOMPARE(image.format(), reference.format());
        QCOMPARE(image.bytesPerLine(), reference.bytesPerLine());
    }

    void writingDoesNotCopy() {
        ImageBufferPool pool;
        QImage image = pool.acquire(100, 50, QImage::Format_BGR888);
        const uchar* before = image.constBits();
        uchar* bits = image.bits();
        QCOMPARE(static_cast<const uchar*>(bits), before);
        bits[0] = 42;
        QCOMPARE(image.constBits()[0], uchar(42));
    }

    void releasedBufferIsReused() {
        ImageBufferPool pool;
        const uchar* first = nullptr;
        qsizetype bytes = 0;
        {
            QImage image = pool.acquire(200, 100, QImage::Format_RGB32);
            first = image.constBits();
            bytes = image.sizeInBytes();
            QImage copy = image;  // a copy keeps the buffer in use
            image = QImage();
            QCOMPARE(pool.idleBytes(), std::size_t{0});
        }
        QCOMPARE(pool.idleBytes(), static_cast<std::size_t>(bytes));
        const QImage again = pool.acquire(200, 100, QImage::Format_RGB32);
        QCOMPARE(again.constBits(), first);
        QCOMPARE(pool.idleBytes(), std::size_t{0});
        // Another size cannot use it.
        const QImage other = pool.acquire(100, 100, QImage::Format_RGB32);
        QVERIFY(other.constBits() != first);
    }

    void idleMemoryIsBounded() {
        ImageBufferPool pool(100 * 100 * 4);
        { const QImage big = pool.acquire(200, 200, QImage::Format_RGB32); }
        QCOMPARE(pool.idleBytes(), std::size_t{0});  // larger than the limit: freed at once
        {
            const QImage a = pool.acquire(100, 50, QImage::Format_RGB32);
            const QImage b = pool.acquire(100, 50, QImage::Format_RGB32);
            const QImage c = pool.acquire(100, 50, QImage::Format_RGB32);
        }
        QCOMPARE(pool.idleBytes(), std::size_t{100 * 100 * 4});  // two of the three kept
    }

    void imagesMayOutliveThePoolAndDieOnAnotherThread() {
        auto pool = std::make_unique<ImageBufferPool>();
        QImage survivor = pool->acquire(64, 64, QImage::Format_Grayscale8);
        survivor.fill(7);
        QImage moved = pool->acquire(64, 64, QImage::Format_Grayscale8);
        std::unique_ptr<QThread> thread(
            QThread::create([image = std::move(moved)]() mutable { image = QImage(); }));
        thread->start();
        QVERIFY(thread->wait(5000));
        QCOMPARE(pool->idleBytes(), std::size_t{64 * 64});
        pool.reset();
        QCOMPARE(survivor.constScanLine(3)[3], uchar(7));
        survivor = QImage();  // its buffer is freed, not returned to the destroyed pool
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestImageBufferPool)
#include "test_image_buffer_pool.moc"
