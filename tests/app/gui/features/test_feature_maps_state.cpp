// The Feature maps panel across starts: a first start opens the pretrained LeNet-5 that ships in assets/
// (found in the source tree, as for any build that was not installed) and shows its feature maps without
// training; what the learner then chose (test image, tap, channel, or no model at all) comes back after a
// restart.
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "app/gui/document/image_document.h"
#include "app/gui/features/feature_frame.h"
#include "app/gui/features/feature_maps_panel.h"
#include "tests/app/gui/features/feature_maps_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope;

class TestFeatureMapsState : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    gui::ImageDocument m_document;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    std::unique_ptr<gui::FeatureMapsPanel> startPanel() {
        auto panel = std::make_unique<gui::FeatureMapsPanel>(&m_document);
        panel->setDataDirectory(dataDir());
        panel->restoreState();  // as the main window does at start-up
        panel->resize(1200, 800);
        panel->show();
        return panel;
    }
    static bool framed(const gui::FeatureMapsPanel& p) {
        return QTest::qWaitFor([&p] { return !p.isComputing() && !p.frame().taps.isEmpty(); }, 60000);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("CONVSCOPE_ASSETS_DIR");
        const tests::SmallFashionMnist data = tests::writeSmallFashionMnist(dataDir());
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
    }

    void firstStartShowsTheBundledModel() {
        auto panel = startPanel();
        const QString bundled =
            QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");
        QCOMPARE(QFileInfo(panel->checkpoint()).canonicalFilePath(), QFileInfo(bundled).canonicalFilePath());
        QVERIFY(framed(*panel));
        QVERIFY2(panel->frame().modelSource.contains(QStringLiteral("LeNet-5")),
                 qPrintable(panel->frame().modelSource));
        QCOMPARE(panel->frame().taps.first().name, QStringLiteral("conv1"));
        QVERIFY(!panel->isShowingError());
        // The learner looks at test image 4, the second tap, its third channel; then quits.
        panel->selectTestImage(4);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !panel->isComputing() &&
                       panel->frame().source.startsWith(QStringLiteral("test image 4 "));
            },
            60000));
        panel->selectTap(1);
        panel->selectChannel(2);
        panel->saveState();
    }

    void aRestartShowsWhatWasChosen() {
        auto panel = startPanel();
        QVERIFY(framed(*panel));
        QCOMPARE(panel->selectedTestIndex(), 4);
        QCOMPARE(panel->frame().taps.value(panel->selectedTap()).name, QStringLiteral("conv2"));
        QCOMPARE(panel->selectedChannel(), 2);
        // A learner who cleared the model keeps none: the bundled one is for a first start only.
        panel->setCheckpoint(QString());
        panel->saveState();
        auto again = startPanel();
        QVERIFY(again->checkpoint().isEmpty());
    }
};

CONVSCOPE_TEST_MAIN(TestFeatureMapsState)
#include "test_feature_maps_state.moc"
