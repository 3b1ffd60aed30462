// Choosing the nodes of an imported model whose feature maps are shown, and TorchScript files chosen with the
// Feature maps and Explain panels' own Browse…, driven as a user would. The reference for the chosen nodes'
// maps is convscope-cli `features --model … --taps` on the same picture (its features.txt: each tap's shape,
// min, max and mean); the node names are those `describe` prints for tests/data/torchscript/tiny_net.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/imported/import_dialog.h"
#include "app/gui/imported/imported_model_store.h"
#include "app/gui/shell/main_window.h"
#include "tests/app/gui/imported/imported_model_window.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_main.h"
#include "tests/support/torchscript_fixtures.h"

using namespace convscope::gui;
using convscope::testing::gradientPicture;
using convscope::testing::torchscriptExpected;
using convscope::testing::torchscriptFixture;

namespace {

constexpr int kSlow = 120000;  // loading and running on a busy 2-core machine

QStringList tapNames(const FeatureFrame& frame) {
    QStringList names;
    for (const TapFrame& t : frame.taps) names << t.name;
    return names;
}

QStringList stripLayers(const ExplainFrame& frame) {
    QStringList names;
    for (const ExplainMap& m : frame.strip) names << m.layer;
    return names;
}

QStringList convolutions() {
    QStringList names;
    for (const auto& v : torchscriptExpected().value(QStringLiteral("conv_outputs")).toArray())
        names << v.toString();
    return names;
}

/// The visible import dialog of `w`, or nullptr.
ImportDialog* visibleDialog(const MainWindow& w) {
    for (ImportDialog* d : w.findChildren<ImportDialog*>())
        if (d->isVisible()) return d;
    return nullptr;
}

}  // namespace

class TestImportNodes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_tiny = m_dir.filePath(QStringLiteral("tiny_net_scripted.pt"));
        QVERIFY(QFile::copy(torchscriptFixture("tiny_net_scripted.pt"), m_tiny));
        // A ConvScope checkpoint named like a TorchScript file: only its content says what it is.
        m_checkpoint = m_dir.filePath(QStringLiteral("lenet5.pt"));
        QVERIFY(QFile::copy(
            QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt"),
            m_checkpoint));
        m_picture = m_dir.filePath(QStringLiteral("gradient.png"));
        QVERIFY(cv::imwrite(m_picture.toStdString(), gradientPicture()));
    }

    void init() {
        convscope::testing::clearSettings();
        m_errors.clear();
    }

    void chosenNodesShowExactlyThoseMaps() {
        auto w = makeWindow();
        // A first open: the nodes as text, in the order given.
        w->openModelFile(m_tiny);
        ImportDialog* d = visibleDialog(*w);
        QVERIFY(d);
        QVERIFY(!d->nodesEdit()->isHidden());
        QVERIFY(d->nodesList()->isHidden());
        d->nodesEdit()->setText(QStringLiteral("layer1.add, down"));
        d->accept();
        QVERIFY2(!d->isVisible(), qPrintable(d->errorText()));
        waitForImport(*w);

        FeatureMapsPanel* f = w->featureMapsPanel();
        f->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(f);
        QTRY_VERIFY2_WITH_TIMEOUT(
            !f->isComputing() && (f->isShowingError() || f->frame().modelSource.contains("tiny_net")),
            qPrintable(f->message() + m_errors.join(QLatin1Char('\n'))), kSlow);
        QVERIFY2(!f->isShowingError(), qPrintable(f->message()));
        QCOMPARE(tapNames(f->frame()), QStringList({"layer1.add", "down"}));
        QVERIFY(m_errors.isEmpty());

        // The same maps as convscope-cli's for the same picture and nodes.
        const QString out = m_dir.filePath(QStringLiteral("cli-features"));
        const auto r = clitest::runCli({"features", "--model", m_tiny, "--input", "1x28x28", "--image",
                                        m_picture, "--taps", "layer1.add,down", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile report(out + QStringLiteral("/features.txt"));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(report.readAll());
        const QRegularExpression line(
            QStringLiteral("^(\\S+): (\\d+) x (\\d+) x (\\d+), min (\\S+), max (\\S+), mean (\\S+)$"),
            QRegularExpression::MultilineOption);
        QStringList cliNames;
        // A copy that outlives the loop: frame() returns by value, and `tap` points into it (AddressSanitizer
        // found the pointer dangling into a destroyed temporary).
        const auto frame = f->frame();
        for (auto it = line.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            cliNames << m.captured(1);
            const TapFrame* tap = nullptr;
            for (const TapFrame& t : frame.taps)
                if (t.name == m.captured(1)) tap = &t;
            QVERIFY2(tap, qPrintable(m.captured(1)));
            QCOMPARE(tap->channels, m.captured(2).toInt());
            QCOMPARE(tap->height, m.captured(3).toInt());
            QCOMPARE(tap->width, m.captured(4).toInt());
            // features.txt prints four decimals.
            QVERIFY2(std::abs(tap->min - m.captured(5).toDouble()) < 2e-4, qPrintable(m.captured(0)));
            QVERIFY2(std::abs(tap->max - m.captured(6).toDouble()) < 2e-4, qPrintable(m.captured(0)));
            QVERIFY2(std::abs(tap->mean - m.captured(7).toDouble()) < 2e-4, qPrintable(m.captured(0)));
        }
        QCOMPARE(cliNames, QStringList({"layer1.add", "down"}));

        // The Explain panel's Grad-CAM layers are the chosen nodes too; its default layer the last.
        ExplainPanel* e = w->explainPanel();
        e->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(e);
        QTRY_VERIFY_WITH_TIMEOUT(!e->isComputing() && e->frame().modelSource.contains("tiny_net"), kSlow);
        QVERIFY2(!e->isShowingError(), qPrintable(e->message()));
        QCOMPARE(stripLayers(e->frame()), QStringList({"layer1.add", "down"}));
        QCOMPARE(e->frame().methods.front().layer, QStringLiteral("down"));

        // Opened again, the file's operations are a checkable list with the chosen two checked.
        w->tabs()->setCurrentWidget(f);
        w->openModelFile(m_tiny);
        d = visibleDialog(*w);
        QVERIFY(d);
        QVERIFY(d->nodesEdit()->isHidden());
        QListWidget* list = d->nodesList();
        QVERIFY(!list->isHidden());
        QCOMPARE(list->count(), 21);  // describe's rows less the input
        QStringList checked;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked) checked << list->item(i)->text();
        QCOMPARE(checked, QStringList({"layer1.add", "down"}));
        // Nothing checked is refused; then two others, shown in the graph's order.
        for (int i = 0; i < list->count(); ++i) list->item(i)->setCheckState(Qt::Unchecked);
        d->accept();
        QVERIFY(d->isVisible());
        QVERIFY2(d->errorText().contains("at least one"), qPrintable(d->errorText()));
        for (const QString& name : {QStringLiteral("mixed.cat"), QStringLiteral("conv1")})
            list->findItems(name, Qt::MatchExactly).front()->setCheckState(Qt::Checked);
        d->accept();
        QVERIFY2(!d->isVisible(), qPrintable(d->errorText()));
        waitForImport(*w);
        w->tabs()->setCurrentWidget(f);
        QTRY_VERIFY_WITH_TIMEOUT(
            !f->isComputing() && tapNames(f->frame()) == QStringList({"conv1", "mixed.cat"}), kSlow);
        QCOMPARE(f->frame().taps[1].channels, 8);  // the concatenation of two 4-channel branches

        // Every convolution checked is the default: remembered as no choice, and shown as before.
        w->tabs()->setCurrentWidget(f);
        w->openModelFile(m_tiny);
        d = visibleDialog(*w);
        QVERIFY(d);
        list = d->nodesList();
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(convolutions().contains(list->item(i)->text()) ? Qt::Checked
                                                                                        : Qt::Unchecked);
        d->accept();
        waitForImport(*w);
        w->tabs()->setCurrentWidget(f);
        QTRY_VERIFY_WITH_TIMEOUT(!f->isComputing() && tapNames(f->frame()) == convolutions(), kSlow);
        QTRY_VERIFY_WITH_TIMEOUT(ImportedModelStore::find(m_tiny)->options.taps.empty(), kSlow);
        QVERIFY(m_errors.isEmpty());
    }

    void unknownNodeIsOneSentence() {
        auto w = makeWindow();
        w->openModelFile(m_tiny);
        ImportDialog* d = visibleDialog(*w);
        QVERIFY(d);
        d->nodesEdit()->setText(QStringLiteral("conv1, nothing.here"));
        d->accept();
        QTRY_COMPARE_WITH_TIMEOUT(m_errors.size(), 1, kSlow);
        QVERIFY2(m_errors.front().contains("nothing.here"), qPrintable(m_errors.front()));
        QVERIFY(!ImportedModelStore::find(m_tiny));
    }

    void browsedTorchScriptGoesThroughTheImportDialog() {
        auto w = makeWindow();
        FeatureMapsPanel* f = w->featureMapsPanel();
        f->sourceBox()->setImage(FeatureSourceBox::Image::OpenImage);
        w->tabs()->setCurrentWidget(f);

        // A checkpoint, even named .pt, is taken as one: no dialog.
        f->sourceBox()->chooseModelFile(m_checkpoint);
        QVERIFY(!visibleDialog(*w));
        QCOMPARE(f->checkpoint(), m_checkpoint);
        QTRY_VERIFY_WITH_TIMEOUT(!f->isComputing() && f->frame().modelSource.contains("lenet5.pt"), kSlow);
        QVERIFY2(!f->isShowingError(), qPrintable(f->message()));

        // A TorchScript model asks for its input first; the model chosen before stays until it loads.
        f->sourceBox()->chooseModelFile(m_tiny);
        ImportDialog* d = visibleDialog(*w);
        QVERIFY(d);
        QCOMPARE(f->checkpoint(), m_checkpoint);
        d->shapeEdit()->setText(QStringLiteral("1x28x28"));
        d->accept();
        QTRY_COMPARE_WITH_TIMEOUT(f->checkpoint(), m_tiny, kSlow);
        QTRY_VERIFY_WITH_TIMEOUT(!f->isComputing() && f->frame().modelSource.contains("tiny_net"), kSlow);
        QVERIFY2(!f->isShowingError(), qPrintable(f->message()));
        QCOMPARE(tapNames(f->frame()), convolutions());

        // The Explain panel's Browse… too, prefilled with what was given; a shape the model rejects is one
        // sentence in the panel and its model stays.
        ExplainPanel* e = w->explainPanel();
        QCOMPARE(e->checkpoint(), m_tiny);  // a model opened in one panel is shown in the others
        w->tabs()->setCurrentWidget(e);
        QTRY_VERIFY_WITH_TIMEOUT(!e->isComputing(), kSlow);  // its own model first: no report may follow
        const QString before = e->checkpoint();
        e->sourceBox()->chooseModelFile(m_tiny);
        d = visibleDialog(*w);
        QVERIFY(d);
        QCOMPARE(d->shapeEdit()->text(), QStringLiteral("1x28x28"));
        d->shapeEdit()->setText(QStringLiteral("3x28x28"));
        d->accept();
        QTRY_VERIFY_WITH_TIMEOUT(e->isShowingError(), kSlow);
        QVERIFY2(e->message().contains("tiny_net_scripted.pt"), qPrintable(e->message()));
        QCOMPARE(e->checkpoint(), before);
        e->sourceBox()->chooseModelFile(m_tiny);
        d = visibleDialog(*w);
        QVERIFY(d);
        QCOMPARE(d->shapeEdit()->text(), QStringLiteral("1x28x28"));  // the failed shape was not remembered
        d->accept();
        QTRY_COMPARE_WITH_TIMEOUT(e->checkpoint(), m_tiny, kSlow);
        // The Feature maps panel's import already reached this panel (the main window shows an opened model
        // everywhere), so the checkpoint may not change: wait for the new result to replace the error.
        QTRY_VERIFY2_WITH_TIMEOUT(!e->isComputing() && !e->isShowingError() &&
                                      e->frame().modelSource.contains("tiny_net"),
                                  qPrintable(e->message()), kSlow);
        QVERIFY(m_errors.isEmpty());
    }

private:
    std::unique_ptr<MainWindow> makeWindow() {
        return convscope::testing::makeImportWindow(m_dir.filePath(QStringLiteral("no-samples")), &m_errors);
    }

    /// A model opened through File ▸ Open Model… ends with the Architecture panel shown (a Feature maps panel
    /// hidden meanwhile computes once shown again): the sign that the import is done.
    static void waitForImport(MainWindow& w) {
        QTRY_COMPARE_WITH_TIMEOUT(w.tabs()->currentWidget(), static_cast<QWidget*>(w.architecturePanel()),
                                  kSlow);
    }

    QTemporaryDir m_dir;
    QString m_tiny, m_checkpoint, m_picture;
    QStringList m_errors;
};

CONVSCOPE_TEST_MAIN(TestImportNodes)
#include "test_import_nodes.moc"
