// The Training form's "Start from" and the folder split, driven as a user would: start from a stored run
// (init is its checkpoint, the architecture its own and greyed), from a TorchScript file chosen by content
// (the import dialog asks its input; the model becomes "torchscript" with the file as model and init, the
// architecture choices greyed) or from a ConvScope checkpoint named .pt (no dialog), refuse a file that is
// not a model; the test share and split seed of a folder of class folders reach the settings and the
// preview's counts; a few steps of fine-tuning an imported tiny network in the panel.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/imported/import_dialog.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_data_box.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "app/gui/training/training_start_box.h"
#include "core/nn/train/checkpoint.h"
#include "tests/support/fashion_mnist_folder.h"
#include "tests/support/test_main.h"
#include "widgets/image/tile_grid_view.h"

using namespace convscope;
using Mode = gui::TrainingStartBox::Mode;

namespace {

const QString kData = QStringLiteral(CONVSCOPE_TEST_DATA_DIR);

void copy(const QString& from, const QString& to) {
    QFile::remove(to);
    QVERIFY2(QFile::copy(from, to), qPrintable(from));
}

// A grey square of one shade per class and image.
void writeImage(const QString& path, int shade) {
    QImage img(12, 12, QImage::Format_RGB32);
    img.fill(QColor(shade, shade, shade));
    QVERIFY(img.save(path, "PNG"));
}

}  // namespace

class TestTrainingStart : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_tiny, m_checkpointPt, m_fashion;

    // Chooses the .pt through the box and answers the import dialog with `shape`.
    static void importTiny(gui::TrainingStartBox* box, const QString& path, const QString& shape) {
        box->chooseFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(box->importDialog() != nullptr, 30000);
        gui::ImportDialog* dialog = box->importDialog();
        QVERIFY(dialog->isVisible());
        dialog->shapeEdit()->setText(shape);
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(box->startModel().has_value() || !box->problem().startsWith("Loading"),
                                 60000);
        QVERIFY2(box->startModel().has_value(), qPrintable(box->problem()));
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_tiny = m_dir.filePath(QStringLiteral("tiny_net.pt"));
        copy(kData + QStringLiteral("/torchscript/tiny_net_scripted.pt"), m_tiny);
        // A ConvScope checkpoint under a TorchScript-like name: told apart by its content.
        m_checkpointPt = m_dir.filePath(QStringLiteral("lenet_weights.pt"));
        copy(kData + QStringLiteral("/../../assets/models/lenet5_fashion_mnist.ckpt"), m_checkpointPt);
        m_fashion = m_dir.filePath(QStringLiteral("fashion"));
        QVERIFY(QDir().mkpath(m_fashion));
        testing::writeFashionMnistFolder(m_fashion);
    }

    void startFromARun() {
        // A stored run with a checkpoint (a real one: the bundled LeNet-5's) and one without.
        const QString runs = m_dir.filePath(QStringLiteral("runs-start"));
        nn::TrainConfig trained = gui::TrainingForm::preset(QStringLiteral("quick"));
        trained.model.name = "lenet5";
        trained.model.stem = nn::Stem::Small;
        const gui::RunRecord run = gui::RunStore::create(runs, trained);
        QVERIFY(!run.id.isEmpty());
        copy(m_checkpointPt, run.checkpointPath());
        QTest::qWait(1100);  // run folders are named by the second they start
        QVERIFY(!gui::RunStore::create(runs, trained).id.isEmpty());

        gui::TrainingPanel panel(runs);
        gui::TrainingForm* form = panel.form();
        gui::TrainingStartBox* box = form->startBox();
        QCOMPARE(panel.runs().size(), 2);
        QCOMPARE(box->runCombo()->count(), 1);  // the run without a checkpoint cannot be started from
        QVERIFY(form->config().init.empty());
        QVERIFY(!box->freezeCombo()->isEnabled());
        QVERIFY(form->modelCombo()->isEnabled());

        box->modeCombo()->setCurrentIndex(int(Mode::Run));
        const nn::TrainConfig c = form->config();
        QCOMPARE(QString::fromStdString(c.init), run.checkpointPath());
        QCOMPARE(c.model.name, std::string("lenet5"));  // the run's architecture, shown and greyed
        QCOMPARE(form->modelCombo()->currentData().toString(), QStringLiteral("lenet5"));
        QVERIFY(!form->modelCombo()->isEnabled());
        QVERIFY(!form->sizeCombo()->isEnabled());
        QVERIFY(form->modelCombo()->toolTip().contains(QStringLiteral("Fine-tuning keeps")));
        QVERIFY(box->lineageLabel()->text().contains(run.title));
        QVERIFY(box->lineageLabel()->text().contains(QStringLiteral("random weights")));
        QVERIFY(box->freezeCombo()->isEnabled());
        box->freezeCombo()->setCurrentIndex(box->freezeCombo()->findData(QStringLiteral("backbone")));
        QCOMPARE(form->config().freeze, std::string("backbone"));
        QVERIFY(box->problem().isEmpty());

        // Back to random weights: the form's own choices again.
        box->modeCombo()->setCurrentIndex(int(Mode::Random));
        QVERIFY(form->config().init.empty());
        QCOMPARE(form->config().freeze, std::string("none"));
        QVERIFY(form->modelCombo()->isEnabled());
    }

    void startFromATorchScriptFile() {
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-pt")));
        gui::TrainingForm* form = panel.form();
        gui::TrainingStartBox* box = form->startBox();
        QVERIFY(!gui::ImportedModelStore::find(m_tiny));
        importTiny(box, m_tiny, QStringLiteral("1x28x28"));
        const QString absolute = QFileInfo(m_tiny).absoluteFilePath();
        const nn::TrainConfig c = form->config();
        QCOMPARE(c.model.name, std::string("torchscript"));
        QCOMPARE(QString::fromStdString(c.model.file), absolute);
        QCOMPARE(QString::fromStdString(c.init), absolute);
        QCOMPARE(c.model.inChannels, 1);
        QCOMPARE(c.model.inputSize, 28);
        QCOMPARE(c.input.size, 28);
        c.validate();
        QCOMPARE(form->modelCombo()->currentText(), QStringLiteral("tiny_net.pt (imported)"));
        for (QWidget* w :
             std::initializer_list<QWidget*>{form->modelCombo(), form->stemCombo(), form->blockCombo(),
                                             form->skipBox(), form->sizeCombo()}) {
            QVERIFY(!w->isEnabled());
            QVERIFY2(w->toolTip().contains(QStringLiteral("imported TorchScript")), qPrintable(w->toolTip()));
        }
        QVERIFY(box->lineageLabel()->text().contains(QStringLiteral("TorchScript model tiny_net.pt")));
        // What was given is remembered for the file: the next dialog starts from it.
        const auto entry = gui::ImportedModelStore::find(m_tiny);
        QVERIFY(entry.has_value());
        QCOMPARE(entry->classes, 10);
        // The preset keeps the start and its architecture.
        form->selectPreset(QStringLiteral("seed"));
        QCOMPARE(form->config().model.name, std::string("torchscript"));
        QCOMPARE(form->config().input.size, 28);

        // A second panel (a restart): the saved form shows the same start without asking anything.
        panel.saveState();
        gui::TrainingPanel again(m_dir.filePath(QStringLiteral("runs-pt")));
        again.restoreState();
        QCOMPARE(again.form()->config().toText(), form->config().toText());
        QVERIFY(!again.form()->modelCombo()->isEnabled());
        QCOMPARE(again.form()->modelCombo()->currentText(), QStringLiteral("tiny_net.pt (imported)"));

        // Choosing it again: the dialog is prefilled from the store.
        again.form()->startBox()->chooseFile(m_tiny);
        QTRY_VERIFY_WITH_TIMEOUT(again.form()->startBox()->importDialog() != nullptr, 30000);
        QCOMPARE(again.form()->startBox()->importDialog()->shapeEdit()->text(), QStringLiteral("1x28x28"));
        again.form()->startBox()->importDialog()->reject();
        QVERIFY(!again.form()->startBox()->problem().isEmpty());
        QVERIFY(!again.form()->startBox()->startModel());
        QVERIFY(again.form()->modelCombo()->isEnabled());
        QCOMPARE(again.form()->modelCombo()->findData(QStringLiteral("torchscript")), -1);
    }

    void fileKindsByContent() {
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-files")));
        gui::TrainingStartBox* box = panel.form()->startBox();
        // A ConvScope checkpoint named .pt: no import dialog, its architecture.
        box->chooseFile(m_checkpointPt);
        QTRY_VERIFY_WITH_TIMEOUT(box->startModel().has_value() || !box->problem().startsWith("Reading"),
                                 30000);
        QVERIFY2(box->startModel().has_value(), qPrintable(box->problem()));
        QVERIFY(!box->importDialog());
        QCOMPARE(panel.form()->config().model.name, std::string("lenet5"));
        QVERIFY(box->lineageLabel()->text().startsWith(QStringLiteral("ConvScope checkpoint: LeNet-5")));
        // A text file: refused with a sentence, and Start says it.
        const QString text = m_dir.filePath(QStringLiteral("notes.pt"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a model\n");
        }
        box->chooseFile(text);
        QTRY_VERIFY_WITH_TIMEOUT(!box->problem().startsWith("Reading"), 30000);
        QVERIFY2(box->problem().contains(QStringLiteral("neither a ConvScope checkpoint nor a TorchScript")),
                 qPrintable(box->problem()));
        QVERIFY(!box->startModel());
        panel.start();
        QVERIFY(!panel.isRunning());
        QCOMPARE(panel.statusLabel()->text(), box->problem());
    }

    void folderSplit() {
        // Class folders alone: the split is ConvScope's, from the share and the seed.
        const QString flat = m_dir.filePath(QStringLiteral("flat"));
        for (const char* cls : {"dark", "light"}) {
            QVERIFY(QDir().mkpath(flat + QLatin1Char('/') + QLatin1String(cls)));
            for (int i = 0; i < 10; ++i)
                writeImage(flat + QStringLiteral("/%1/%2.png").arg(QLatin1String(cls)).arg(i),
                           (cls[0] == 'd' ? 20 : 200) + i);
        }
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-split")));
        gui::TrainingForm* form = panel.form();
        gui::TrainingDataBox* data = form->dataBox();
        QVERIFY(data->testShareBox()->isHidden());  // Fashion-MNIST has its own test set
        nn::TrainConfig c = form->config();
        c.dataFolder = flat.toStdString();
        form->setConfig(c);
        QTRY_VERIFY_WITH_TIMEOUT(data->preview().folder == flat, 30000);
        QCOMPARE(data->preview().layout, QStringLiteral("split"));
        QVERIFY(!data->testShareBox()->isHidden());
        QVERIFY(data->testShareBox()->isEnabled());
        QCOMPARE(data->preview().testCounts, (QVector<qint64>{2, 2}));  // 20 % of 10
        data->testShareBox()->setValue(50.0);
        data->splitSeedBox()->setValue(7);
        QTRY_VERIFY_WITH_TIMEOUT(data->preview().testCounts == (QVector<qint64>{5, 5}), 30000);
        QCOMPARE(data->preview().trainCounts, (QVector<qint64>{5, 5}));
        const nn::TrainConfig edited = form->config();
        QCOMPARE(edited.testFraction, 0.5);
        QCOMPARE(edited.splitSeed, std::uint64_t(7));
        // A saved form gives them back.
        gui::TrainingForm other;
        other.setConfig(edited);
        QCOMPARE(other.dataBox()->testFraction(), 0.5);
        QCOMPARE(other.dataBox()->splitSeed(), std::uint64_t(7));

        // train/ and test/ folders are a split of their own: the fields are greyed, with the reason.
        const QString split = m_dir.filePath(QStringLiteral("split"));
        for (const char* part : {"train", "test"})
            for (const char* cls : {"dark", "light"}) {
                const QString dir =
                    split + QStringLiteral("/%1/%2").arg(QLatin1String(part), QLatin1String(cls));
                QVERIFY(QDir().mkpath(dir));
                writeImage(dir + QStringLiteral("/0.png"), cls[0] == 'd' ? 10 : 240);
            }
        data->setImageFolder(split);
        QTRY_VERIFY_WITH_TIMEOUT(data->preview().folder == split, 30000);
        QVERIFY(!data->testShareBox()->isEnabled());
        QVERIFY(data->testShareBox()->toolTip().contains(QStringLiteral("its own split")));
    }

    void fineTuneAnImportedModel() {
        // A few steps of the tiny imported network on Fashion-MNIST-format files, its backbone frozen.
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-tune")));
        gui::TrainingForm* form = panel.form();
        form->setDataDirectory(m_fashion);
        nn::TrainConfig c = form->config();
        c.epochs = 1;
        c.batchSize = 20;
        c.limitTrain = 60;
        c.limitTest = 20;
        c.threads = 1;
        form->setConfig(c);
        importTiny(form->startBox(), m_tiny, QStringLiteral("1x28x28"));
        form->freezeCombo()->setCurrentIndex(form->freezeCombo()->findData(QStringLiteral("backbone")));
        panel.start();
        QVERIFY2(panel.isRunning(), qPrintable(panel.statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
        QCOMPARE(panel.runs().size(), 1);
        const gui::RunRecord run = panel.runs().front();
        QVERIFY2(run.status == QStringLiteral("finished"),
                 qPrintable(run.status + QLatin1String(": ") + run.message));
        QCOMPARE(run.title.left(22), QStringLiteral("tiny_net.pt (imported)"));
        const nn::TrainConfig t = nn::readCheckpointState(run.checkpointPath().toStdString()).config;
        QCOMPARE(t.model.name, std::string("torchscript"));
        QCOMPARE(QString::fromStdString(t.init), QFileInfo(m_tiny).absoluteFilePath());
        QCOMPARE(t.freeze, std::string("backbone"));
        QVERIFY2(QString::fromStdString(t.lineage()).contains(QStringLiteral("tiny_net.pt")),
                 t.lineage().c_str());
        // The run list shows where it came from; the new run can be started from in turn.
        QVERIFY(panel.runList()->item(0)->text().contains(QStringLiteral("fine-tuned from tiny_net.pt")));
        QCOMPARE(form->startBox()->runCombo()->count(), 1);
        form->startBox()->modeCombo()->setCurrentIndex(int(Mode::Run));
        QCOMPARE(QString::fromStdString(form->config().init), run.checkpointPath());
        QCOMPARE(form->config().model.name, std::string("torchscript"));  // the run's model: the file
        form->freezeCombo()->setCurrentIndex(form->freezeCombo()->findData(QStringLiteral("none")));
        panel.start();
        QVERIFY2(panel.isRunning(), qPrintable(panel.statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
        QCOMPARE(panel.runs().size(), 2);
        const gui::RunRecord second = panel.runs().front();
        QVERIFY2(second.status == QStringLiteral("finished"), qPrintable(second.message));
        QVERIFY2(panel.runList()->item(0)->text().contains(QStringLiteral("fine-tuned from ") + run.title),
                 qPrintable(panel.runList()->item(0)->text()));
        const nn::TrainConfig s = nn::readCheckpointState(second.checkpointPath().toStdString()).config;
        QVERIFY2(QString::fromStdString(s.lineage()).contains(QStringLiteral("← tiny_net.pt")),
                 s.lineage().c_str());
    }

    void colourFolderRun() {
        // A 3-channel imported network on a folder of red and blue images: the test-image strip shows them
        // in colour under the folder's class names.
        const QString folder = m_dir.filePath(QStringLiteral("colours"));
        for (const char* cls : {"blue", "red"}) {
            QVERIFY(QDir().mkpath(folder + QLatin1Char('/') + QLatin1String(cls)));
            for (int i = 0; i < 6; ++i) {
                QImage img(16, 16, QImage::Format_RGB32);
                img.fill(cls[0] == 'r' ? QColor(200 + i, 20, 30) : QColor(10, 30, 200 + i));
                QVERIFY(img.save(folder + QStringLiteral("/%1/%2.png").arg(QLatin1String(cls)).arg(i)));
            }
        }
        const QString rgb = m_dir.filePath(QStringLiteral("rgb_net.pt"));
        copy(kData + QStringLiteral("/torchscript/rgb_net_scripted.pt"), rgb);
        gui::TrainingPanel panel(m_dir.filePath(QStringLiteral("runs-colour")));
        gui::TrainingForm* form = panel.form();
        nn::TrainConfig c = form->config();
        c.epochs = 1;
        c.batchSize = 4;
        c.threads = 1;
        c.dataFolder = folder.toStdString();
        form->setConfig(c);
        QTRY_VERIFY_WITH_TIMEOUT(form->dataBox()->preview().folder == folder, 30000);
        importTiny(form->startBox(), rgb, QStringLiteral("3x28x28"));
        QCOMPARE(form->config().model.inChannels, 3);
        panel.start();
        QVERIFY2(panel.isRunning(), qPrintable(panel.statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
        const gui::RunRecord run = panel.runs().front();
        QVERIFY2(run.status == QStringLiteral("finished"),
                 qPrintable(run.status + QLatin1String(": ") + run.message));
        // The imported model keeps the normalisation it was imported with ("none"), as `train` does, not
        // the folder's pixel statistics (a red or blue folder's mean is far from 0).
        const nn::TrainConfig t = nn::readCheckpointState(run.checkpointPath().toStdString()).config;
        QCOMPARE(t.input.mean, 0.0);
        QCOMPARE(t.input.stdev, 1.0);
        widgets::TileGridView* strip = panel.samplesView();
        QVERIFY(strip->tileCount() > 0);
        bool red = false, blue = false;
        for (int i = 0; i < strip->tileCount(); ++i) {
            const widgets::Tile& tile = strip->tile(i);
            QVERIFY(!tile.image.isGrayscale());
            const QColor centre = tile.image.pixelColor(tile.image.width() / 2, tile.image.height() / 2);
            const QString truth = tile.title.mid(tile.title.startsWith(QStringLiteral("✗ ")) ? 2 : 0);
            if (truth == QLatin1String("red")) red = centre.red() > 150 && centre.blue() < 80;
            if (truth == QLatin1String("blue")) blue = centre.blue() > 150 && centre.red() < 80;
            QVERIFY2(truth == QLatin1String("red") || truth == QLatin1String("blue"), qPrintable(tile.title));
        }
        QVERIFY(red && blue);
    }
};

CONVSCOPE_TEST_MAIN(TestTrainingStart)
#include "test_training_start.moc"
