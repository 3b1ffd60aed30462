// The Feature maps panel's "Shift and equivariance" tab driven as a learner would, on the bundled LeNet-5
// and a small Fashion-MNIST-format folder: the identity has no error; moving the dx slider updates the
// numbers (QTRY), stride 1 follows any shift, stride 2 only even shifts, and the sentence gives the numbers;
// a burst of slider moves ends with the last one's result; a live model has no tab content.
#include <QComboBox>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/document/image_document.h"
#include "app/gui/features/equivariance_page.h"
#include "app/gui/features/feature_maps_panel.h"
#include "tests/app/gui/features/feature_maps_fixture.h"
#include "tests/support/test_main.h"

using namespace convscope;

namespace {

const QString kCheckpoint =
    QStringLiteral(CONVSCOPE_TEST_DATA_DIR "/../../assets/models/lenet5_fashion_mnist.ckpt");

const gui::EquivarianceTapRow* row(const gui::EquivarianceFrame& f, const QString& name) {
    for (const gui::EquivarianceTapRow& r : f.taps)
        if (r.name == name) return &r;
    return nullptr;
}

}  // namespace

class TestEquivariancePage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    gui::ImageDocument m_document;
    std::unique_ptr<gui::FeatureMapsPanel> m_panel;
    gui::EquivariancePage* page() const { return m_panel->equivariancePage(); }
    bool settled(int dx) const {
        const gui::EquivarianceFrame f = page()->frame();
        return !page()->isComputing() && !f.isEmpty() && f.request.dx == dx;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        const tests::SmallFashionMnist data =
            tests::writeSmallFashionMnist(m_dir.filePath(QStringLiteral("data")));
        QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
        m_panel = std::make_unique<gui::FeatureMapsPanel>(&m_document);
        m_panel->setDataDirectory(m_dir.filePath(QStringLiteral("data")));
        m_panel->setCheckpoint(kCheckpoint);
        m_panel->selectTestImage(2);
        m_panel->resize(1500, 950);
        m_panel->show();
        m_panel->viewTabs()->setCurrentWidget(page());
    }

    void identityHasNoError() {
        QTRY_VERIFY_WITH_TIMEOUT(settled(0), 60000);
        const gui::EquivarianceFrame f = page()->frame();
        QCOMPARE(f.taps.first().name, QStringLiteral("conv1"));
        for (const gui::EquivarianceTapRow& r : f.taps) QCOMPARE(r.error, 0.0);
        QVERIFY(!f.predictionChanged());
        QCOMPARE(page()->tapTable()->rowCount(), f.taps.size());
        QCOMPARE(page()->tapTable()->item(0, 4)->text(), QStringLiteral("0"));
    }

    void theSliderUpdatesTheNumbers() {
        page()->modeBox()->setCurrentIndex(1);  // circular
        page()->dxSlider()->setValue(1);
        QTRY_VERIFY_WITH_TIMEOUT(settled(1), 60000);
        gui::EquivarianceFrame f = page()->frame();
        QVERIFY(f.request.circular);
        const gui::EquivarianceTapRow* conv1 = row(f, QStringLiteral("conv1"));
        const gui::EquivarianceTapRow* conv2 = row(f, QStringLiteral("conv2"));
        QVERIFY(conv1 && conv2);
        QCOMPARE(conv1->stride, 1);
        QCOMPARE(conv2->stride, 2);
        QVERIFY(conv1->exact);
        QVERIFY(conv1->error < 1e-5);
        QVERIFY(!conv2->exact);
        QVERIFY(conv2->error > 1e-3);
        // The table shows the frame's number, and the sentence names the tap that broke and its stride.
        QTRY_COMPARE(page()->tapTable()->item(1, 3)->text(), QStringLiteral("no"));
        QVERIFY2(page()->explanation().contains(QStringLiteral("conv2 has stride 2")),
                 qPrintable(page()->explanation()));

        page()->dxSlider()->setValue(2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(2), 60000);
        f = page()->frame();
        QVERIFY(row(f, QStringLiteral("conv2"))->exact);
        QCOMPARE(row(f, QStringLiteral("conv2"))->mapDx, 1);
        QVERIFY(row(f, QStringLiteral("conv2"))->error < 1e-5);
        QCOMPARE(page()->tapTable()->item(1, 3)->text(), QStringLiteral("yes"));
    }

    void aBurstOfMovesEndsWithTheLast() {
        for (int dx = -1; dx >= -7; --dx) {
            page()->dxSlider()->setValue(dx);
            QTest::qWait(5);
        }
        QTRY_VERIFY_WITH_TIMEOUT(settled(-7), 60000);
        QCOMPARE(row(page()->frame(), QStringLiteral("conv2"))->mapDx, -4);  // −3.5 rounded away from zero
    }

    void rotationIsNeverExact() {
        page()->dxSlider()->setValue(0);
        page()->rotationSlider()->setValue(20);
        QTRY_VERIFY_WITH_TIMEOUT(settled(0) && page()->frame().request.rotateDegrees == 20.0, 60000);
        for (const gui::EquivarianceTapRow& r : page()->frame().taps) QVERIFY(!r.exact);
        QVERIFY(page()->explanation().contains(QStringLiteral("Rotation")));
        page()->rotationSlider()->setValue(0);
    }

    void noSavedModelNoMaps() {
        m_panel->setCheckpoint(QString());
        QTRY_VERIFY(page()->frame().isEmpty() && !page()->message().isEmpty());
    }

    void cleanupTestCase() { m_panel.reset(); }
};

CONVSCOPE_TEST_MAIN(TestEquivariancePage)
#include "test_equivariance_page.moc"
