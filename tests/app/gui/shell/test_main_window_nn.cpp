// The main window's wiring between the LibTorch panels: the Training panel's model opens in the Architecture
// panel, and the Architecture panel's feature-map links lead to the Feature maps panel.
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

class TestMainWindowNn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void trainingModelOpensInTheArchitecturePanel() {
        QTemporaryDir noSamples;
        MainWindow w(noSamples.filePath("none"));
        w.setErrorReporter([](const QString&, const QString& message) { QFAIL(qPrintable(message)); });
        QCOMPARE(w.tabs()->tabText(3), QString("Architecture"));
        // Choosing a model in the Training panel's form: the Architecture panel describes it.
        QComboBox* model = w.trainingPanel()->form()->modelCombo();
        model->setCurrentIndex(model->findData(QStringLiteral("lenet5")));
        ArchitecturePanel* a = w.architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.model == "lenet5", 60000);
        QCOMPARE(a->modelCombo()->currentData().toString(), QString("lenet5"));
        QCOMPARE(a->result()->request.inChannels, 1);  // the form's Fashion-MNIST input
        QCOMPARE(w.tabs()->currentIndex(), 0);         // following the form does not switch tabs
        // Edits that leave the model and input as they are trace nothing again.
        const auto* described = a->result();
        w.trainingPanel()->form()->epochsBox()->setValue(w.trainingPanel()->form()->epochsBox()->value() + 1);
        QVERIFY(!a->isDescribing());
        QCOMPARE(a->result(), described);
        // Its Architecture button does.
        QTest::mouseClick(w.trainingPanel()->findChild<QPushButton*>("trainArchitecture"), Qt::LeftButton);
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(a));
        // A tap point the Feature maps panel does not have (no run open): switched there, and told why.
        Q_EMIT a->featureMapsRequested(QStringLiteral("lenet5"), QStringLiteral("conv2"));
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.featureMapsPanel()));
        QVERIFY2(w.statusBar()->currentMessage().contains("conv2"),
                 qPrintable(w.statusBar()->currentMessage()));
    }
};

CONVSCOPE_TEST_MAIN(TestMainWindowNn)
#include "test_main_window_nn.moc"
