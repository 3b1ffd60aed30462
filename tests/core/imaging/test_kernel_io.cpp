#include <fstream>
#include <stdexcept>

#include <QTemporaryDir>
#include <QTest>

#include "core/imaging/kernel_io.h"
#include "core/imaging/kernel_library.h"
#include "tests/support/test_main.h"

using convscope::common::Kernel;
using namespace convscope::imaging;

namespace {

QString parseError(const std::string& text) {
    try {
        parseKernelText(text);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

void writeText(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

}  // namespace

class TestKernelIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesRowsCommentsAndBlankLines() {
        const Kernel k = parseKernelText(
            "# Sobel X\n"
            "\n"
            "  -1 0 1\n"
            "\t# a comment after indentation\n"
            "-2\t0   +2\r\n"
            "   \n"
            "-1 0 1e0\n"
            "#trailing comment");
        QCOMPARE(k, Kernel(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}));
    }

    void parsesDecimalsAndExponents() {
        const Kernel k = parseKernelText("0.25 .5\n-1.5e-3 3E2\n");
        QCOMPARE(k, Kernel(2, 2, {0.25, 0.5, -1.5e-3, 300}));
        QCOMPARE(parseKernelText("7"), Kernel(1, 1, {7}));
        QCOMPARE(parseKernelText("1 2 3"), Kernel(1, 3, {1, 2, 3}));
    }

    void badTokensNameTheLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("word") << "1 2\n# c\n3 abc\n"
                              << "line 3";
        QTest::newRow("comma") << "1, 2\n"
                               << "line 1";
        QTest::newRow("nan") << "1 2\nnan 3\n"
                             << "line 2";
        QTest::newRow("inf") << "inf\n"
                             << "line 1";
        QTest::newRow("overflow") << "1\n\n1e999\n"
                                  << "line 3";
        QTest::newRow("inline comment") << "1 2 # x\n"
                                        << "line 1";
        QTest::newRow("trailing garbage") << "1 2x\n"
                                          << "'2x'";
        QTest::newRow("hex") << "0x10\n"
                             << "line 1";
    }
    void badTokensNameTheLine() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const QString m = parseError(text.toStdString());
        QVERIFY2(!m.isEmpty(), "no exception");
        QVERIFY2(m.contains(mentions), qPrintable(m));
    }

    void raggedRowsAreRejected() {
        const QString m = parseError("1 2 3\n4 5 6\n\n7 8\n");
        QVERIFY2(m.contains("line 4") && m.contains("2") && m.contains("3"), qPrintable(m));
    }

    void emptyInputIsRejected() {
        QVERIFY(!parseError("").isEmpty());
        QVERIFY(!parseError("\n\n  \n").isEmpty());
        QVERIFY(!parseError("# only a comment\n").isEmpty());
    }

    void tooLargeIsRejected() {
        std::string wide;
        for (int i = 0; i <= Kernel::kMaxSide; ++i) wide += "1 ";
        QVERIFY(parseError(wide).contains("255"));
        std::string tall;
        for (int i = 0; i <= Kernel::kMaxSide; ++i) tall += "1\n";
        const QString m = parseError(tall);
        QVERIFY2(m.contains("line 256") && m.contains("255"), qPrintable(m));
        std::string largest;
        for (int i = 0; i < Kernel::kMaxSide; ++i) largest += "1\n";
        QCOMPARE(parseKernelText(largest).rows(), Kernel::kMaxSide);
    }

    void roundTripIsExact() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("k.txt").toStdString();
        for (const Kernel& k : {makeKernel("gaussian-blur"), makeKernel("gabor"), makeKernel("log"),
                                Kernel(2, 3, {1.0 / 3.0, -1e-300, 1e300, -0.0, 5, 0.1})}) {
            writeKernelFile(path, k, "first line\nsecond line");
            QCOMPARE(readKernelFile(path), k);
        }
        std::ifstream in(path);
        std::string first;
        std::getline(in, first);
        QCOMPARE(first, std::string("# first line"));
        std::string second;
        std::getline(in, second);
        QCOMPARE(second, std::string("# second line"));
    }

    void readErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 readKernelFile(dir.filePath("missing.txt").toStdString()));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readKernelFile(dir.path().toStdString()));
        const QString big = dir.filePath("big.txt");
        writeText(big, std::string((1 << 20) + 1, ' '));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readKernelFile(big.toStdString()));
        const QString unreadable = dir.filePath("unreadable.txt");
        writeText(unreadable, "1 2\n");
        QFile::setPermissions(unreadable, QFileDevice::WriteOwner);
        if (QFileInfo(unreadable).isReadable()) {
            qInfo("running with privileges that ignore file permissions; skipping the unreadable-file check");
        } else {
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, readKernelFile(unreadable.toStdString()));
        }
        // Parse errors carry the path and the line.
        const QString bad = dir.filePath("bad.txt");
        writeText(bad, "1 2\n3 x\n");
        try {
            readKernelFile(bad.toStdString());
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("bad.txt") && m.contains("line 2"), qPrintable(m));
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 writeKernelFile(dir.filePath("no/such/dir/k.txt").toStdString(), Kernel()));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestKernelIo)
#include "test_kernel_io.moc"
