// A run folder whose config.txt is damaged is set aside as <folder>.corrupt-<time> (kept for the user, no
// longer listed), the run list says so in a notice under its title, and the sound runs are listed as before;
// a folder without a config.txt (not a run) is left alone. Metrics lines that are not JSON are skipped.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/training/run_store.h"
#include "app/gui/training/training_run_list.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::gui;

namespace {

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

}  // namespace

class TestRunStoreRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void damagedRunIsSetAside() {
        QTemporaryDir dir;
        nn::TrainConfig config;
        config.model.name = "lenet5";
        const RunRecord good = RunStore::create(dir.path(), config);
        QVERIFY(!good.id.isEmpty());
        write(good.directory + "/metrics.jsonl",
              QByteArray(
                  "{\"type\":\"epoch\",\"epoch\":1,\"test_accuracy\":0.5}\n\x01\x02 not json\n{\"type\":"));
        QVERIFY(QDir(dir.path()).mkpath("20200101-000000-damaged"));
        write(dir.filePath("20200101-000000-damaged/config.txt"), QByteArray("\0\xff garbage", 10));
        QVERIFY(QDir(dir.path()).mkpath("not-a-run"));

        TrainingRunList list(dir.path());
        list.show();
        list.reload();  // as the Training panel does when it is built
        QCOMPARE(list.runs().size(), 1);
        QCOMPARE(list.runs().first().id, good.id);
        QCOMPARE(list.runs().first().epochs.size(), 1);
        QCOMPARE(list.list()->count(), 1);
        auto* notice = list.findChild<QLabel*>(QStringLiteral("trainRunsNotice"));
        QVERIFY(notice && notice->isVisible());
        QVERIFY2(notice->text().contains("20200101-000000-damaged") && notice->text().contains("set aside"),
                 qPrintable(notice->text()));
        QVERIFY(!QFileInfo::exists(dir.filePath("20200101-000000-damaged")));
        const QStringList aside =
            QDir(dir.path()).entryList({"20200101-000000-damaged.corrupt-*"}, QDir::Dirs);
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside.first() + "/config.txt"));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("\0\xff garbage", 10));
        QVERIFY(QFileInfo::exists(dir.filePath("not-a-run")));

        // Listed again: the set-aside folder is not a run, and there is nothing new to say.
        QStringList again;
        QCOMPARE(RunStore::list(dir.path(), &again).size(), 1);
        QVERIFY(again.isEmpty());
    }
};

CONVSCOPE_TEST_MAIN(TestRunStoreRecovery)
#include "test_run_store_recovery.moc"
