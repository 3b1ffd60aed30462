// The strict IDX reader on real Fashion-MNIST files (when Debian's dataset-fashion-mnist is installed) and on
// every kind of damage: wrong magic or type, bad dimensions, truncation, trailing bytes, absurd sizes, and
// corrupt, truncated or padded gzip.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/nn/data/idx_reader.h"
#include "tests/core/nn/data/idx_test_files.h"
#include "tests/support/test_main.h"

using namespace convscope::nn;
using namespace convscope::nn::testing;

namespace {
void expectError(const std::vector<std::uint8_t>& bytes, const char* fragment) {
    try {
        (void)parseIdx(bytes, "test.idx");
        QFAIL(qPrintable(QString("accepted, expected: ") + fragment));
    } catch (const IdxError& e) {
        QVERIFY2(std::string(e.what()).find(fragment) != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("test.idx") != std::string::npos, e.what());
    }
}
void writeFile(const QString& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(path.toStdString(), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}
}  // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesAValidArray() {
        const auto bytes = idxBytes({3, 4, 5});
        const IdxArray a = parseIdx(bytes, "x");
        QCOMPARE(a.dims, (std::vector<std::int64_t>{3, 4, 5}));
        QCOMPARE(a.count(), std::int64_t(3));
        QCOMPARE(a.data.size(), std::size_t(60));
        QCOMPARE(int(a.data[0]), 3);
        QCOMPARE(int(a.data[59]), int((59 * 7 + 3) % 251));
        QCOMPARE(parseIdx(idxBytes({7}), "labels").dims.size(), std::size_t(1));
    }

    void refusesDamage() {
        expectError({}, "too short");
        expectError({0, 0, 8}, "too short");
        auto magic = idxBytes({2, 2});
        magic[0] = 1;
        expectError(magic, "magic number");
        expectError(idxBytes({2, 2}, 0x0D), "float values");
        expectError(idxBytes({2, 2}, 0x42), "unknown (type byte 66)");
        expectError(idxBytes({}), "0 dimensions");
        expectError(idxBytes({1, 1, 1, 1, 1}), "5 dimensions");
        expectError(idxBytes({2, 0, 3}), "dimension 2 is 0");
        expectError(idxBytes({60000, 28, 28}, 0x08, 100), "truncated: its header promises 47040000 bytes");
        expectError(idxBytes({2, 3}, 0x08, 7), "1 bytes after");
        auto header = idxBytes({2, 3});
        header.resize(9);
        expectError(header, "truncated inside its header");
        // A header asking for 2^32 x 2^32 bytes is refused before any allocation.
        auto huge = idxBytes({1}, 0x08, 0);
        huge[3] = 2;
        for (int i = 0; i < 8; ++i) huge.push_back(0xFF);
        expectError(huge, "MiB of data");
    }

    void gzip() {
        const auto raw = idxBytes({10, 28, 28});
        const auto gz = gzipBytes(raw);
        QCOMPARE(gunzip(gz, "g", 1 << 20), raw);
        auto truncated = gz;
        truncated.resize(gz.size() / 2);
        try {
            (void)gunzip(truncated, "half.gz", 1 << 20);
            QFAIL("a truncated stream was accepted");
        } catch (const IdxError& e) {
            QVERIFY2(std::string(e.what()).find("truncated") != std::string::npos, e.what());
        }
        auto noTrailer = gz;
        noTrailer.resize(gz.size() - 4);  // the length field missing
        QVERIFY_THROWS_EXCEPTION(IdxError, gunzip(noTrailer, "t.gz", 1 << 20));
        auto corrupt = gz;
        for (std::size_t i = 20; i < 40 && i < corrupt.size(); ++i) corrupt[i] ^= 0xA5;
        QVERIFY_THROWS_EXCEPTION(IdxError, gunzip(corrupt, "c.gz", 1 << 20));
        auto padded = gz;
        padded.push_back(0);
        try {
            (void)gunzip(padded, "p.gz", 1 << 20);
            QFAIL("bytes after the stream were accepted");
        } catch (const IdxError& e) {
            QVERIFY2(std::string(e.what()).find("after the end") != std::string::npos, e.what());
        }
        try {
            (void)gunzip(gz, "big.gz", 1000);
            QFAIL("the size limit was not applied");
        } catch (const IdxError& e) {
            QVERIFY2(std::string(e.what()).find("more than") != std::string::npos, e.what());
        }
    }

    void readsFiles() {
        QTemporaryDir dir;
        writeFile(dir.filePath("plain.idx"), idxBytes({4, 2, 2}));
        writeFile(dir.filePath("packed.idx.gz"), gzipBytes(idxBytes({4, 2, 2})));
        QCOMPARE(readIdxFile(dir.filePath("plain.idx").toStdString()).data,
                 readIdxFile(dir.filePath("packed.idx.gz").toStdString()).data);
        try {
            (void)readIdxFile(dir.filePath("none.idx").toStdString());
            QFAIL("a missing file was accepted");
        } catch (const IdxError& e) {
            QVERIFY2(std::string(e.what()).find("cannot be opened") != std::string::npos, e.what());
        }
        writeFile(dir.filePath("empty.idx"), {});
        QVERIFY_THROWS_EXCEPTION(IdxError, readIdxFile(dir.filePath("empty.idx").toStdString()));
    }

    void realFashionMnist() {
        const std::string dir = "/usr/share/datasets/fashion-mnist";
        if (!QFile::exists(QString::fromStdString(dir + "/t10k-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed");
        const IdxArray images = readIdxFile(dir + "/t10k-images-idx3-ubyte.gz");
        const IdxArray labels = readIdxFile(dir + "/t10k-labels-idx1-ubyte.gz");
        QCOMPARE(images.dims, (std::vector<std::int64_t>{10000, 28, 28}));
        QCOMPARE(labels.dims, (std::vector<std::int64_t>{10000}));
        int histogram[10] = {};
        for (std::uint8_t l : labels.data) {
            QVERIFY(l < 10);
            ++histogram[l];
        }
        for (int c : histogram) QCOMPARE(c, 1000);  // the test split is balanced
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
