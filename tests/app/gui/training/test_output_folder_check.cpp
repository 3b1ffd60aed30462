// Errors before work in the GUI: folderWriteProblem says why a results folder cannot take files (a file in
// its place or on its path, a read-only folder) and lets a writable or creatable one through without
// creating it; the Training panel and the transfer experiment's window show that sentence instead of starting
// their worker.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/support/writable_folder.h"
#include "app/gui/training/training_panel.h"
#include "app/gui/training/transfer_experiment_dialog.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

class TestOutputFolderCheck : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_file;

private Q_SLOTS:
    void initTestCase() {
        m_file = m_dir.filePath("file.txt");
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a file, not a folder");
    }

    void problems() {
        QCOMPARE(folderWriteProblem(m_dir.path()), QString());
        QCOMPARE(folderWriteProblem(m_dir.filePath("new/runs")), QString());
        QVERIFY(!QFileInfo::exists(m_dir.filePath("new")));  // checked, not created
        QVERIFY(folderWriteProblem(m_file).contains("is a file"));
        QVERIFY(folderWriteProblem(m_file + "/runs").contains("file.txt is a file"));
        // /proc takes no new files, even from root.
        QVERIFY(folderWriteProblem("/proc").contains("cannot be written"));
        QVERIFY(folderWriteProblem("/proc/convscope-runs").contains("cannot be created"));
        QVERIFY(!folderWriteProblem(QString()).isEmpty());
        // The probe leaves nothing behind.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"file.txt"});
    }

    void trainingPanelRefusesToStart() {
        TrainingPanel panel(m_file + "/runs");
        panel.show();
        panel.start();
        QVERIFY(!panel.isRunning());
        QVERIFY2(panel.statusLabel()->text().contains("cannot be saved") &&
                     panel.statusLabel()->text().contains("file.txt is a file"),
                 qPrintable(panel.statusLabel()->text()));
    }

    void transferDialogRefusesToStart() {
        TransferExperimentDialog dialog;
        dialog.setOutputDirectory(m_file);
        QVERIFY(!dialog.start());
        QVERIFY(!dialog.isRunning());
        QVERIFY2(dialog.statusLabel()->text().contains("cannot be saved"),
                 qPrintable(dialog.statusLabel()->text()));
    }
};

CONVSCOPE_TEST_MAIN(TestOutputFolderCheck)
#include "test_output_folder_check.moc"
