// CorruptFile: a damaged file is renamed to <name>.corrupt-<UTC time> next to where it was (a second one in
// the same second gets -2), its content kept; a folder is set aside the same way; a missing file is left
// alone; the sentence names the file and the new name.
#include <QTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/common/corrupt_file.h"
#include "tests/support/test_main.h"

using convscope::common::CorruptFile;
namespace fs = std::filesystem;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestCorruptFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nameHasTheUtcTime() {
        // 2026-12-08 00:15:07 UTC.
        QCOMPARE(QString::fromStdString(CorruptFile::asideName("/a/ConvScope.ini", 1796688907)),
                 QStringLiteral("/a/ConvScope.ini.corrupt-20261208-001507"));
    }

    void fileIsRenamedAndKept() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ConvScope.ini").toStdString();
        std::ofstream(path, std::ios::binary) << std::string("\0\1\2garbage", 10);
        const CorruptFile::Outcome o =
            CorruptFile::setAside(path, "The settings file", "it cannot be parsed");
        QVERIFY(o.setAside);
        QVERIFY(!fs::exists(path));
        QVERIFY2(o.newPath.rfind(path + ".corrupt-", 0) == 0, o.newPath.c_str());
        QCOMPARE(read(o.newPath), std::string("\0\1\2garbage", 10));
        const QString message = QString::fromStdString(o.message);
        QVERIFY2(message.contains("The settings file " + QString::fromStdString(path)) &&
                     message.contains("it cannot be parsed") &&
                     message.contains(QString::fromStdString(fs::path(o.newPath).filename().string())),
                 qPrintable(message));

        // The same file damaged again within the second: both are kept.
        std::ofstream(path) << "again";
        const CorruptFile::Outcome second = CorruptFile::setAside(path, "The settings file", "again");
        QVERIFY(second.setAside);
        QVERIFY(second.newPath != o.newPath);
        QCOMPARE(read(second.newPath), std::string("again"));
        QCOMPARE(read(o.newPath), std::string("\0\1\2garbage", 10));
    }

    void folderIsSetAside() {
        QTemporaryDir dir;
        const std::string run = dir.filePath("run-1").toStdString();
        fs::create_directories(run);
        std::ofstream(run + "/config.txt") << "junk";
        const CorruptFile::Outcome o = CorruptFile::setAside(run, "The training run", "junk");
        QVERIFY(o.setAside);
        QVERIFY(!fs::exists(run));
        QCOMPARE(read(o.newPath + "/config.txt"), std::string("junk"));
    }

    void missingFileIsLeftAlone() {
        QTemporaryDir dir;
        const CorruptFile::Outcome o =
            CorruptFile::setAside(dir.filePath("none.txt").toStdString(), "The file", "missing");
        QVERIFY(!o.setAside);
        QVERIFY(o.message.empty());
        QCOMPARE(
            int(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator())),
            0);
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCorruptFile)
#include "test_corrupt_file.moc"
