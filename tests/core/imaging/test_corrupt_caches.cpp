// The caches the application reads back at start-up, damaged: FFTW wisdom that is not wisdom and a filter
// cost model that is not a model are set aside as <name>.corrupt-<time> with a sentence that says so, and a
// fresh, valid file takes their place (the wisdom on the next save, the cost model at once, recalibrated).
// A sound cost model of another machine is recalibrated without being set aside.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/imaging/filter_cost_model.h"
#include "core/spectral/fft_planner.h"
#include "tests/support/test_main.h"

using namespace convscope;

namespace {

QStringList asideFiles(const QString& dir, const QString& name) {
    return QDir(dir).entryList({name + ".corrupt-*"}, QDir::Files);
}

}  // namespace

class TestCorruptCaches : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void damagedWisdomIsSetAsideAndRewritten() {
        QTemporaryDir dir;
        const QString file = dir.filePath("fftw-wisdom-double.txt");
        std::ofstream(file.toStdString(), std::ios::binary) << "(fftw-3.3 wisdom\n\x01\x02 not really";
        spectral::FftPlanner& planner = spectral::FftPlanner::instance();
        std::string error;
        QVERIFY(!planner.loadWisdom(dir.path().toStdString(), &error));
        QVERIFY2(QString::fromStdString(error).contains("set aside"), error.c_str());
        QCOMPARE(asideFiles(dir.path(), "fftw-wisdom-double.txt").size(), 1);
        QVERIFY(!QFileInfo::exists(file));

        QVERIFY(planner.saveWisdom(dir.path().toStdString(), &error));
        QVERIFY(QFileInfo(file).size() > 0);
        QVERIFY2(planner.loadWisdom(dir.path().toStdString(), &error), error.c_str());
    }

    void damagedCostModelIsSetAsideAndRecalibrated() {
        QTemporaryDir dir;
        const QString file = dir.filePath("filter-cost-model.txt");
        std::ofstream(file.toStdString(), std::ios::binary) << std::string("\0\xff\xfe garbage\n", 12);
        const QString notice =
            QString::fromStdString(imaging::loadOrCalibrateCostModel(dir.path().toStdString()));
        QVERIFY2(notice.contains("The filter cost model") && notice.contains("set aside"),
                 qPrintable(notice));
        QCOMPARE(asideFiles(dir.path(), "filter-cost-model.txt").size(), 1);
        imaging::FilterCostModel fresh;
        std::string error;
        QVERIFY2(fresh.load(file.toStdString(), &error), error.c_str());

        // Read back on the next start: nothing to say, nothing set aside.
        QCOMPARE(QString::fromStdString(imaging::loadOrCalibrateCostModel(dir.path().toStdString())),
                 QString());
        QCOMPARE(asideFiles(dir.path(), "filter-cost-model.txt").size(), 1);
    }

    void anotherMachinesModelIsNotCorrupt() {
        QTemporaryDir dir;
        const QString file = dir.filePath("filter-cost-model.txt");
        std::ofstream(file.toStdString()) << "signature = another machine\ngray_direct_fixed = 1\n";
        QCOMPARE(QString::fromStdString(imaging::loadOrCalibrateCostModel(dir.path().toStdString())),
                 QString());
        QVERIFY(asideFiles(dir.path(), "filter-cost-model.txt").isEmpty());
        imaging::FilterCostModel fresh;
        QVERIFY(fresh.load(file.toStdString()));
    }
};

CONVSCOPE_TEST_GUILESS_MAIN(TestCorruptCaches)
#include "test_corrupt_caches.moc"
