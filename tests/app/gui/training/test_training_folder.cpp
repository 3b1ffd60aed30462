// The Training panel on an image folder, driven as a user would: choose a folder of tiny PNGs (two classes
// with images, an empty class, a text file, a corrupt PNG), read its counts, warnings and preview; train one
// epoch on it and check that the run's checkpoint records the folder and its classes as `convscope-cli train
// --data-folder` does; then fine-tune from that checkpoint with the backbone frozen and find the lineage.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/training/run_store.h"
#include "app/gui/training/training_data_box.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "app/gui/training/training_start_box.h"
#include "core/nn/train/checkpoint.h"
#include "tests/support/test_main.h"
#include "widgets/plot/heatmap_view.h"

using namespace convscope;

namespace {

// A white disc or square on black, at a size of its own (the decoder squashes every size to the input's).
void writeShape(const QString& path, bool disc, int i) {
    QImage img(20 + 4 * i, 24 + 2 * i, QImage::Format_RGB32);
    img.fill(Qt::black);
    QPainter p(&img);
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    const QRect r(3 + i % 3, 3 + i % 2, 14, 14);
    if (disc)
        p.drawEllipse(r);
    else
        p.drawRect(r);
    p.end();
    QVERIFY(img.save(path, "PNG"));
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TestTrainingFolder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_folder;

    void chooseFolder(gui::TrainingPanel& panel) {
        nn::TrainConfig c = gui::TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "simplecnn";
        c.epochs = 1;
        c.batchSize = 4;
        c.learningRate = 0.003;
        c.threads = 1;
        c.dataFolder = m_folder.toStdString();
        panel.form()->setConfig(c);
        QTRY_VERIFY_WITH_TIMEOUT(panel.form()->dataBox()->preview().folder == m_folder, 30000);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_folder = m_dir.filePath(QStringLiteral("shapes"));
        for (const char* split : {"train", "test"})
            for (const char* cls : {"disc", "square", "zebra"})
                QVERIFY(QDir().mkpath(m_folder + QLatin1Char('/') + QLatin1String(split) + QLatin1Char('/') +
                                      QLatin1String(cls)));
        for (int i = 0; i < 5; ++i) {
            writeShape(m_folder + QStringLiteral("/train/disc/d%1.png").arg(i), true, i);
            writeShape(m_folder + QStringLiteral("/train/square/s%1.png").arg(i), false, i);
        }
        for (int i = 0; i < 2; ++i) {
            writeShape(m_folder + QStringLiteral("/test/disc/d%1.png").arg(i), true, i + 1);
            writeShape(m_folder + QStringLiteral("/test/square/s%1.png").arg(i), false, i + 1);
        }
        // Sorted first in its class: the preview tries it.
        writeFile(m_folder + QStringLiteral("/train/square/0bad.png"),
                  QByteArray("\x89PNG\r\n\x1a\nnot a png"));
        writeFile(m_folder + QStringLiteral("/train/disc/notes.txt"), QByteArray("drawn by the test\n"));
    }

    void folderPreview() {
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-preview")));
        chooseFolder(panel);
        gui::TrainingDataBox* box = panel.form()->dataBox();
        QVERIFY(box->usesFolder());
        QCOMPARE(box->imageFolder(), m_folder);
        const gui::FolderPreview& p = box->preview();
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.layout, QStringLiteral("train/test"));
        QCOMPARE(p.classNames,
                 (QStringList{QStringLiteral("disc"), QStringLiteral("square"), QStringLiteral("zebra")}));
        QCOMPARE(p.trainCounts, (QVector<qint64>{5, 6, 0}));  // the corrupt PNG is a file until decoded
        QCOMPARE(p.testCounts, (QVector<qint64>{2, 2, 0}));
        QVERIFY(box->summaryLabel()->text().contains(QStringLiteral("square: 6 / 2")));
        const QString warning = box->warningLabel()->text();
        QVERIFY2(warning.contains(QStringLiteral("train/disc/notes.txt")), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("no image files: zebra")), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("0bad.png")), qPrintable(warning));
        QCOMPARE(box->thumbnailCount(), 8);  // four per class with images, the corrupt file left out
        QCOMPARE(p.thumbnailClasses.count(0), 4);
        QCOMPARE(p.thumbnailClasses.count(1), 4);
        // Back to Fashion-MNIST: no folder in the settings.
        panel.form()->findChild<QComboBox*>(QStringLiteral("trainSource"))->setCurrentIndex(0);
        QVERIFY(panel.form()->config().dataFolder.empty());
    }

    void trainThenFineTune() {
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs")));
        chooseFolder(panel);
        QSignalSpy decoding(panel.progressBar(), &QProgressBar::valueChanged);
        panel.start();
        QVERIFY(panel.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 120000);
        QCOMPARE(panel.runs().size(), 1);
        const gui::RunRecord run = panel.runs().front();
        QVERIFY2(run.status == QStringLiteral("finished"),
                 qPrintable(run.status + QStringLiteral(": ") + run.message));
        QVERIFY(!decoding.isEmpty());
        const nn::TrainConfig c = nn::readCheckpointState(run.checkpointPath().toStdString()).config;
        QCOMPARE(QString::fromStdString(c.dataFolder), QDir(m_folder).absolutePath());
        QCOMPARE(c.classNames, (std::vector<std::string>{"disc", "square", "zebra"}));
        QCOMPARE(c.model.classes, 3);
        QVERIFY(c.lineage().empty());
        QVERIFY(c.input.mean > 0.0 && c.input.mean < 1.0);  // the folder's own normalisation
        // The confusion matrix leads to this run's checkpoint and its folder, not to Fashion-MNIST's.
        QSignalSpy cell(&panel, &gui::TrainingPanel::confusionCellActivated);
        Q_EMIT panel.confusionView()->cellClicked(1, 0);
        QCOMPARE(cell.size(), 1);
        QCOMPARE(cell.front().at(0).toString(), run.checkpointPath());
        QCOMPARE(cell.front().at(1).toString(), QDir(m_folder).absolutePath());
        QCOMPARE(cell.front().at(2).toInt(), 1);

        // Fine-tune: start from that run (its checkpoint), backbone frozen.
        gui::TrainingStartBox* start = panel.form()->startBox();
        start->modeCombo()->setCurrentIndex(int(gui::TrainingStartBox::Mode::Run));
        QCOMPARE(start->runCombo()->currentData().toString(), run.checkpointPath());
        QCOMPARE(panel.form()->config().init, run.checkpointPath().toStdString());
        QComboBox* freeze = panel.form()->freezeCombo();
        QVERIFY(freeze->isEnabled());
        freeze->setCurrentIndex(freeze->findData(QStringLiteral("backbone")));
        QCOMPARE(panel.form()->config().freeze, std::string("backbone"));
        panel.start();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 120000);
        QCOMPARE(panel.runs().size(), 2);
        const gui::RunRecord tuned = panel.runs().front();  // newest first
        QVERIFY2(tuned.status == QStringLiteral("finished"), qPrintable(tuned.message));
        const nn::TrainConfig t = nn::readCheckpointState(tuned.checkpointPath().toStdString()).config;
        QCOMPARE(t.freeze, std::string("backbone"));
        QCOMPARE(t.init, run.checkpointPath().toStdString());
        QCOMPARE(t.initSource.model, std::string("simplecnn"));
        QVERIFY2(t.lineage().rfind("simplecnn", 0) == 0, t.lineage().c_str());
        const QString tip = panel.runList()->item(0)->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("Started from: ") + QString::fromStdString(t.lineage())),
                 qPrintable(tip));
        QVERIFY(!panel.runList()->item(1)->toolTip().contains(QStringLiteral("Started from")));
        QVERIFY2(panel.runList()->item(0)->text().contains(QStringLiteral("fine-tuned from ") + run.title +
                                                           QStringLiteral(", backbone frozen")),
                 qPrintable(panel.runList()->item(0)->text()));
    }
};

CONVSCOPE_TEST_MAIN(TestTrainingFolder)
#include "test_training_folder.moc"
