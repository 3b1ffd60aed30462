// Opening a TorchScript model of the learner's own, driven as a user would: File > Open Model… (or a drop)
// asks for the input shape, normalisation and class names, then the model shows in the Architecture,
// Feature maps and Explain panels. The references are the PyTorch script's numbers in tests/data/torchscript
// (tiny_net_expected.json: 2,830 parameters, its seven convolutions). Bad files give one sentence and leave
// the model shown before in place; what was given for a file is offered again the next time.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/imported/import_dialog.h"
#include "app/gui/shell/main_window.h"
#include "tests/app/gui/imported/imported_model_window.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace convscope::gui;

namespace {

const QStringList kTinyConvolutions{"conv1",           "layer1.conv1",    "layer1.conv2", "mixed.branch1",
                                    "mixed.branch2.0", "mixed.branch2.2", "down"};
constexpr int kSlow = 120000;  // loading and describing on a busy 2-core machine

QStringList tapNames(const FeatureFrame& frame) {
    QStringList names;
    for (const TapFrame& t : frame.taps) names << t.name;
    return names;
}

}  // namespace

class TestImportModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Copies, so that the test also writes a foreign file next to them.
        for (const char* name : {"tiny_net_scripted.pt", "rgb_net_scripted.pt", "unknown_op.pt"})
            QVERIFY(QFile::copy(convscope::testing::torchscriptFixture(name),
                                m_dir.filePath(QLatin1String(name))));
        m_tiny = m_dir.filePath(QStringLiteral("tiny_net_scripted.pt"));
        m_rgb = m_dir.filePath(QStringLiteral("rgb_net_scripted.pt"));
        m_unknownOp = m_dir.filePath(QStringLiteral("unknown_op.pt"));
        m_text = m_dir.filePath(QStringLiteral("notes.pt"));
        QFile text(m_text);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("These are my notes, not a model.\n");
        text.close();
        m_names = m_dir.filePath(QStringLiteral("classes.txt"));
        QFile names(m_names);
        QVERIFY(names.open(QIODevice::WriteOnly));
        for (int c = 0; c < 10; ++c) names.write(QStringLiteral("garment %1\n").arg(c).toUtf8());
        names.close();
    }

    void init() {
        convscope::testing::clearSettings();
        m_errors.clear();
    }

    void opensInEveryPanel() {
        auto w = makeWindow();
        openThroughDialog(*w, m_tiny, QStringLiteral("1x28x28"), QStringLiteral("fashion-mnist"), m_names);
        // The Architecture panel: the description PyTorch's script counted.
        ArchitecturePanel* a = w->architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.file == m_tiny, kSlow);
        QCOMPARE(a->result()->request.model, QStringLiteral("torchscript"));
        QCOMPARE(a->result()->graph.totalParameters, qint64(2830));
        QVERIFY(a->errorText().isEmpty());
        QCOMPARE(a->modelCombo()->currentText(), QStringLiteral("tiny_net_scripted.pt (imported)"));
        QCOMPARE(w->tabs()->currentWidget(), static_cast<QWidget*>(a));
        QVERIFY(m_errors.isEmpty());

        // Feature maps of its seven convolutions, for the open image, with the given class names.
        FeatureMapsPanel* f = w->featureMapsPanel();
        QCOMPARE(f->checkpoint(), m_tiny);
        f->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(f);
        QTRY_VERIFY_WITH_TIMEOUT(!f->isComputing() && f->frame().modelSource.contains("tiny_net"), kSlow);
        QVERIFY2(!f->isShowingError(), qPrintable(f->message()));
        QCOMPARE(tapNames(f->frame()), kTinyConvolutions);
        QCOMPARE(f->frame().taps[0].channels, 8);
        QCOMPARE(f->frame().taps[6].height, 7);  // "down": 16 × 7 × 7
        QCOMPARE(f->frame().classNames.value(3), QStringLiteral("garment 3"));
        QCOMPARE(f->frame().scores.size(), 10);

        // Attribution in the Explain panel, Grad-CAM at its last convolution.
        ExplainPanel* e = w->explainPanel();
        QCOMPARE(e->checkpoint(), m_tiny);
        e->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(e);
        QTRY_VERIFY_WITH_TIMEOUT(!e->isComputing() && e->frame().modelSource.contains("tiny_net"), kSlow);
        QVERIFY2(!e->isShowingError(), qPrintable(e->message()));
        QCOMPARE(e->frame().classNames.value(9), QStringLiteral("garment 9"));
        QVERIFY(!e->frame().methods.isEmpty());
        QCOMPARE(e->frame().methods.front().layer, QStringLiteral("down"));
    }

    // Parameters the forward pass never reads (a training-only auxiliary head): counted, as PyTorch counts
    // them, and said on the panel (aux_net_expected.json holds PyTorch's counts).
    void unusedParametersAreSaid() {
        QFile json(convscope::testing::torchscriptFixture("aux_net_expected.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(json.readAll()).object();
        auto w = makeWindow();
        const QString aux = convscope::testing::torchscriptFixture("aux_net_traced.pt");
        openThroughDialog(*w, aux, QStringLiteral("1x28x28"), QStringLiteral("none"), QString());
        ArchitecturePanel* a = w->architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.file == aux, kSlow);
        QCOMPARE(a->result()->graph.totalParameters, qint64(expected.value("total_params").toInt()));
        QCOMPARE(a->result()->graph.unusedParameters, qint64(expected.value("unused_params").toInt()));
        const QLabel* status = a->findChild<QLabel*>(QStringLiteral("architectureStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(
                     QStringLiteral("%1 of them unused").arg(expected.value("unused_params").toInt())),
                 qPrintable(status->text()));
    }

    void colourModelTakesTheColourPhotograph() {
        auto w = makeWindow();
        openThroughDialog(*w, m_rgb, QStringLiteral("3x28x28"), QStringLiteral("imagenet"), QString());
        ArchitecturePanel* a = w->architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.file == m_rgb, kSlow);
        QCOMPARE(a->result()->request.inChannels, 3);
        FeatureMapsPanel* f = w->featureMapsPanel();
        f->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(f);
        QTRY_VERIFY_WITH_TIMEOUT(!f->isComputing() && f->frame().modelSource.contains("rgb_net"), kSlow);
        QVERIFY2(!f->isShowingError(), qPrintable(f->message()));
        QVERIFY2(f->frame().source.contains("colour"), qPrintable(f->frame().source));
        QCOMPARE(f->frame().classNames, QStringList({"class 0", "class 1", "class 2", "class 3", "class 4"}));
    }

    void badFilesLeaveTheModelInPlace_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("words");  // what the sentence must name
        QTest::newRow("unknown operator") << QStringLiteral("unknown_op.pt") << "1x28x28"
                                          << "unknown_op.pt";
        QTest::newRow("text renamed .pt") << QStringLiteral("notes.pt") << "1x28x28"
                                          << "notes.pt";
        QTest::newRow("shape the model rejects") << QStringLiteral("tiny_net_scripted.pt") << "3x28x28"
                                                 << "rejects";
        QTest::newRow("missing") << QStringLiteral("gone.pt") << "1x28x28"
                                 << "gone.pt";
    }

    void badFilesLeaveTheModelInPlace() {
        QFETCH(QString, file);
        QFETCH(QString, shape);
        QFETCH(QString, words);
        auto w = makeWindow();
        openThroughDialog(*w, m_rgb, QStringLiteral("3x28x28"), QStringLiteral("none"), QString());
        ArchitecturePanel* a = w->architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.file == m_rgb, kSlow);
        QVERIFY(m_errors.isEmpty());

        openThroughDialog(*w, m_dir.filePath(file), shape, QStringLiteral("none"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_errors.size(), 1, kSlow);
        // One sentence after the title and the file's name: no LibTorch backtrace, no second line.
        const QString sentence = m_errors.front().section(QStringLiteral("\n\n"), 1);
        QVERIFY2(!sentence.isEmpty() && !sentence.contains(QLatin1Char('\n')), qPrintable(m_errors.front()));
        QVERIFY2(sentence.contains(words), qPrintable(sentence));
        QVERIFY2(w->statusBar()->currentMessage() == sentence, qPrintable(w->statusBar()->currentMessage()));
        // Everything open as it was.
        QCOMPARE(a->result()->request.file, m_rgb);
        QVERIFY(a->errorText().isEmpty());
        QCOMPARE(w->featureMapsPanel()->checkpoint(), m_rgb);
        QCOMPARE(w->explainPanel()->checkpoint(), m_rgb);
    }

    void dialogRefusesWhatDoesNotParse() {
        auto w = makeWindow();
        w->openModelFile(m_tiny);
        ImportDialog* d = w->findChild<ImportDialog*>();
        QVERIFY(d);
        d->shapeEdit()->setText(QStringLiteral("28 by 28"));
        d->accept();
        QVERIFY(d->isVisible());
        QVERIFY2(d->errorText().contains("C×H×W"), qPrintable(d->errorText()));
        d->shapeEdit()->setText(QStringLiteral("1x28x28"));
        d->classNamesEdit()->setText(m_dir.filePath(QStringLiteral("no-such-names.txt")));
        d->accept();
        QVERIFY(d->isVisible());
        QVERIFY2(d->errorText().contains("no-such-names.txt"), qPrintable(d->errorText()));
        d->reject();
        // Cancelled: nothing was loaded or offered.
        QCOMPARE(w->architecturePanel()->modelCombo()->findData(QStringLiteral("torchscript")), -1);
        QVERIFY(m_errors.isEmpty());
    }

    void rememberedOptionsArePrefilledOnTheNextOpen() {
        {
            auto w = makeWindow();
            // A first open offers Fashion-MNIST's shape and no class names.
            w->openModelFile(m_tiny);
            ImportDialog* d = w->findChild<ImportDialog*>();
            QVERIFY(d);
            QCOMPARE(d->shapeEdit()->text(), QStringLiteral("1x28x28"));
            QCOMPARE(d->normalisationCombo()->currentData().toString(), QStringLiteral("none"));
            QVERIFY(d->classNamesEdit()->text().isEmpty());
            d->reject();
            openThroughDialog(*w, m_rgb, QStringLiteral("3x28x28"), QStringLiteral("imagenet"), QString());
            QTRY_VERIFY_WITH_TIMEOUT(
                w->architecturePanel()->result() && w->architecturePanel()->result()->request.file == m_rgb,
                kSlow);
            openThroughDialog(*w, m_tiny, QStringLiteral("1×28×28"), QStringLiteral("fashion-mnist"),
                              m_names);
            QTRY_VERIFY_WITH_TIMEOUT(
                w->architecturePanel()->result() && w->architecturePanel()->result()->request.file == m_tiny,
                kSlow);
            w->close();
        }
        // After a restart: dropping the file on the window opens the dialog with what was given for it.
        auto w = makeWindow();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_tiny)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.get(), &drop);
        QVERIFY(drop.isAccepted());
        ImportDialog* d = w->findChild<ImportDialog*>();
        QVERIFY(d);
        QCOMPARE(d->shapeEdit()->text(), QStringLiteral("1x28x28"));
        QCOMPARE(d->normalisationCombo()->currentData().toString(), QStringLiteral("fashion-mnist"));
        QCOMPARE(d->classNamesEdit()->text(), m_names);
        d->accept();
        // The Architecture panel's list offers both imported models, and restored the last one shown.
        ArchitecturePanel* a = w->architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.file == m_tiny, kSlow);
        QVERIFY(m_errors.isEmpty());
    }

private:
    std::unique_ptr<MainWindow> makeWindow() {
        return convscope::testing::makeImportWindow(m_dir.filePath(QStringLiteral("no-samples")), &m_errors);
    }

    /// File > Open Model… as a user fills it in: the dialog's fields set, then Open.
    static void openThroughDialog(MainWindow& w, const QString& file, const QString& shape,
                                  const QString& normalisation, const QString& names) {
        w.openModelFile(file);
        ImportDialog* d = nullptr;
        for (ImportDialog* candidate : w.findChildren<ImportDialog*>())
            if (candidate->isVisible()) d = candidate;
        QVERIFY(d);
        d->shapeEdit()->setText(shape);
        d->normalisationCombo()->setCurrentIndex(d->normalisationCombo()->findData(normalisation));
        d->classNamesEdit()->setText(names);
        d->accept();
        QVERIFY2(!d->isVisible(), qPrintable(d->errorText()));
    }

    QTemporaryDir m_dir;
    QString m_tiny, m_rgb, m_unknownOp, m_text, m_names;
    QStringList m_errors;
};

CONVSCOPE_TEST_MAIN(TestImportModel)
#include "test_import_model.moc"
