// The main window with every panel: the wiring between the LibTorch panels (the Training panel's model opens
// in the Architecture panel, whose feature-map links lead to the Feature maps panel), and every panel's state
// surviving a restart.
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/convolution/convolution_panel.h"
#include "app/gui/explain/error_analysis_view.h"
#include "app/gui/explain/explain_panel.h"
#include "app/gui/features/feature_maps_panel.h"
#include "app/gui/features/feature_source_box.h"
#include "app/gui/filters/filters_panel.h"
#include "app/gui/filters/kernel_controls.h"
#include "app/gui/frequency/frequency_controls.h"
#include "app/gui/frequency/frequency_panel.h"
#include "app/gui/frequency/theorem_page.h"
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

    void everyPanelRestoresItsState() {
        QTemporaryDir noSamples;
        const QString missingCheckpoint = noSamples.filePath(QStringLiteral("run.ckpt"));
        {
            MainWindow w(noSamples.filePath(QStringLiteral("none")));
            w.setErrorReporter([](const QString&, const QString&) {});
            w.filtersPanel()->findChild<KernelControls*>()->selectPreset(QStringLiteral("emboss"));
            w.filtersPanel()->setViewMode(FiltersPanel::ViewMode::Split);
            w.convolutionPanel()->pages()->setCurrentIndex(2);
            FrequencyControls* f = w.frequencyPanel()->controls();
            f->ownButton()->setChecked(true);
            f->kernelControls()->selectPreset(QStringLiteral("laplacian"));
            f->compareCombo()->setCurrentIndex(f->compareCombo()->findData(QStringLiteral("box")));
            f->sizeBox()->setValue(128);
            f->scaleCombo()->setCurrentIndex(2);
            w.frequencyPanel()->theoremPage()->padBox()->setChecked(false);
            w.frequencyPanel()->pages()->setCurrentIndex(1);
            // The Training form first: the Architecture panel follows its edits.
            TrainingForm* t = w.trainingPanel()->form();
            t->selectPreset(QStringLiteral("seed"));
            t->epochsBox()->setValue(7);
            t->setDataDirectory(noSamples.path());
            ArchitecturePanel* a = w.architecturePanel();
            a->modelCombo()->setCurrentIndex(a->modelCombo()->findData(QStringLiteral("vgg11")));
            a->sizeBox()->setValue(112);
            a->pages()->setCurrentIndex(1);
            w.featureMapsPanel()->setCheckpoint(missingCheckpoint);
            w.featureMapsPanel()->sourceBox()->setTestIndex(12);
            w.tabs()->setCurrentWidget(w.trainingPanel());
            w.close();  // saves, as a user quitting does
        }
        MainWindow w(noSamples.filePath(QStringLiteral("none")));
        w.setErrorReporter([](const QString&, const QString&) {});
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.trainingPanel()));
        QCOMPARE(w.filtersPanel()->currentKernelTitle(), QStringLiteral("Emboss"));
        QCOMPARE(w.filtersPanel()->viewMode(), FiltersPanel::ViewMode::Split);
        QCOMPARE(w.convolutionPanel()->pages()->currentIndex(), 2);
        FrequencyControls* f = w.frequencyPanel()->controls();
        QVERIFY(!f->followsFilters());
        QCOMPARE(f->titleA(), QStringLiteral("Laplacian"));
        QCOMPARE(f->compareCombo()->currentData().toString(), QStringLiteral("box"));
        QCOMPARE(f->sizeBox()->value(), 128);
        QCOMPARE(f->scaleCombo()->currentIndex(), 2);
        QVERIFY(!w.frequencyPanel()->theoremPage()->padded());
        QCOMPARE(w.frequencyPanel()->pages()->currentIndex(), 1);
        ArchitecturePanel* a = w.architecturePanel();
        QCOMPARE(a->modelCombo()->currentData().toString(), QStringLiteral("vgg11"));
        QCOMPARE(a->sizeBox()->value(), 112);
        QCOMPARE(a->pages()->currentIndex(), 1);
        TrainingForm* t = w.trainingPanel()->form();
        QCOMPARE(t->presetCombo()->currentData().toString(), QStringLiteral("custom"));
        QCOMPARE(t->epochsBox()->value(), 7);
        QCOMPARE(t->config().optimizer, std::string("sgd"));  // the seed's recipe, edited
        QCOMPARE(t->dataDirectory(), noSamples.path());
        QCOMPARE(w.featureMapsPanel()->checkpoint(), missingCheckpoint);
        QCOMPARE(w.featureMapsPanel()->selectedTestIndex(), 12);
    }

    void confusionCellOpensTheErrorPage() {
        QTemporaryDir noSamples;
        MainWindow w(noSamples.filePath(QStringLiteral("none")));
        w.setErrorReporter([](const QString&, const QString&) {});
        // A click on cell (true 2, predicted 4) of a run's confusion matrix: the Explain tab opens on the
        // test images of that cell, for that run's checkpoint and data folder. (The window is not shown, so
        // nothing is computed: the wiring alone is checked; test_error_analysis checks the page.)
        const QString checkpoint = noSamples.filePath(QStringLiteral("run/checkpoint.ckpt"));
        Q_EMIT w.trainingPanel()->confusionCellActivated(checkpoint, noSamples.path(), 2, 4);
        ExplainPanel* e = w.explainPanel();
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(e));
        QCOMPARE(e->pages()->currentWidget(), static_cast<QWidget*>(e->errorView()));
        QCOMPARE(e->errorView()->mode(), ErrorMode::Cell);
        QCOMPARE(e->errorView()->trueClass(), 2);
        QCOMPARE(e->errorView()->predictedClass(), 4);
        QCOMPARE(e->errorView()->checkpoint(), checkpoint);
        QCOMPARE(e->errorView()->dataDirectory(), noSamples.path());
        QCOMPARE(e->checkpoint(), checkpoint);  // an image opened from the gallery is explained by that model
        QCOMPARE(e->dataDirectory(), noSamples.path());
    }
};

CONVSCOPE_TEST_MAIN(TestMainWindowNn)
#include "test_main_window_nn.moc"
