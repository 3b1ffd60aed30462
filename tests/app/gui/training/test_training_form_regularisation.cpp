// The Training form's regularisation box as a learner uses it: batch normalisation and dropout reach the
// run's configuration (and its text), are greyed with the reason for the models they do not apply to, are
// kept in the panel's saved state, name the run in the run list, and the Architecture panel following the
// form describes the network without its batch norms.
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/training/regularisation_box.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::gui;

namespace {

void chooseModel(TrainingForm& form, const char* name) {
    const int i = form.modelCombo()->findData(QString::fromLatin1(name));
    QVERIFY2(i >= 0, name);
    form.modelCombo()->setCurrentIndex(i);
}

}  // namespace

class TestTrainingFormRegularisation : public QObject {
    Q_OBJECT
    QTemporaryDir m_runs;

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ArchitectureRequest>(); }

    void togglesReachTheConfiguration() {
        TrainingForm form;
        QCheckBox* bn = form.regularisationBox()->batchNormBox();
        QDoubleSpinBox* dropout = form.regularisationBox()->dropoutBox();
        QCOMPARE(bn->objectName(), QStringLiteral("trainBatchNorm"));
        QCOMPARE(dropout->maximum(), 0.9);
        QCOMPARE(dropout->singleStep(), 0.1);
        chooseModel(form, "resnet20");
        QVERIFY(bn->isEnabled() && bn->isChecked());
        QVERIFY(dropout->isEnabled());
        QVERIFY(form.config().model.batchNorm);
        QCOMPARE(form.config().model.dropout, 0.0);

        QSignalSpy changed(&form, &TrainingForm::changed);
        bn->click();
        QCOMPARE(changed.count(), 1);
        QVERIFY(!form.config().model.batchNorm);
        dropout->setValue(0.5);
        QCOMPARE(form.config().model.dropout, 0.5);
        QCOMPARE(form.presetId(), QStringLiteral("custom"));
        const std::string text = form.config().toText();
        QVERIFY(text.find("\nbatch_norm=0\n") != std::string::npos);
        QVERIFY(text.find("\ndropout=0.5\n") != std::string::npos);
        form.config().validate();

        // The run list tells the runs apart.
        const QString title = RunStore::titleFor(form.config(), QDateTime::currentDateTime());
        QVERIFY2(title.contains(QStringLiteral(", no BN, dropout 0.5")), qPrintable(title));
    }

    void greyedWhereTheyDoNotApply() {
        TrainingForm form;
        QCheckBox* bn = form.regularisationBox()->batchNormBox();
        QDoubleSpinBox* dropout = form.regularisationBox()->dropoutBox();
        chooseModel(form, "resnet18");
        bn->setChecked(false);
        dropout->setValue(0.3);
        chooseModel(form, "lenet5");
        QVERIFY(!bn->isEnabled());
        QVERIFY2(bn->toolTip().contains(QStringLiteral("LeNet-5 has no batch normalisation")),
                 qPrintable(bn->toolTip()));
        QVERIFY(form.config().model.batchNorm);  // LeNet-5 as it is
        QVERIFY(dropout->isEnabled());           // its fully connected layers drop out
        QCOMPARE(form.config().model.dropout, 0.3);
        form.config().validate();
        chooseModel(form, "simplecnn");
        QVERIFY(!bn->isEnabled());
        QVERIFY(form.config().model.batchNorm);
        chooseModel(form, "hierarchicalcnn");
        QVERIFY(bn->isEnabled());
        QVERIFY(!form.config().model.batchNorm);  // the choice comes back with a model it applies to
        QVERIFY(!bn->toolTip().contains(QStringLiteral("has no batch")));
        // A greyed box never shows a tick for a model without batch norm; the choice stays for the next one.
        bn->setChecked(true);
        chooseModel(form, "simplecnn");
        QVERIFY(!bn->isEnabled() && !bn->isChecked());
        QVERIFY(form.config().model.batchNorm);
        chooseModel(form, "resnet34");
        QVERIFY(bn->isEnabled() && bn->isChecked());
    }

    void setConfigShowsTheSwitches() {
        TrainingForm form;
        nn::TrainConfig c = TrainingForm::preset(QStringLiteral("quick"));
        c.model.name = "plain20";
        c.model.batchNorm = false;
        c.model.dropout = 0.2;
        form.restore(QStringLiteral("custom"), c);
        QVERIFY(!form.regularisationBox()->batchNormBox()->isChecked());
        QCOMPARE(form.regularisationBox()->dropoutBox()->value(), 0.2);
        QCOMPARE(form.config().toText(), c.toText());
    }

    void panelStateAndTheArchitecturePanel() {
        ArchitectureRequest request;
        {
            TrainingPanel panel(m_runs.path());
            TrainingForm* form = panel.findChild<TrainingForm*>();
            QVERIFY(form);
            QSignalSpy chosen(&panel, &TrainingPanel::modelChosen);
            chooseModel(*form, "resnet20");
            form->regularisationBox()->batchNormBox()->setChecked(false);
            form->regularisationBox()->dropoutBox()->setValue(0.4);
            QVERIFY(chosen.count() >= 3);
            request = chosen.last().at(0).value<ArchitectureRequest>();
            QVERIFY(!request.batchNorm);
            QCOMPARE(request.dropout, 0.4);
            panel.saveState();
        }
        {
            TrainingPanel panel(m_runs.path());
            panel.restoreState();
            TrainingForm* form = panel.findChild<TrainingForm*>();
            QCOMPARE(form->config().model.name, std::string("resnet20"));
            QVERIFY(!form->config().model.batchNorm);
            QCOMPARE(form->config().model.dropout, 0.4);
        }
        ArchitecturePanel architecture;
        architecture.showModel(request);
        QTRY_VERIFY_WITH_TIMEOUT(architecture.result() && !architecture.isDescribing(), 60000);
        const ArchitectureResult* r = architecture.result();
        QCOMPARE(r->title, QStringLiteral("ResNet-20 (CIFAR), no batch norm, dropout 0.4"));
        int batchNorms = 0, dropouts = 0;
        for (const widgets::DiagramNode& n : r->graph.nodes) {
            batchNorms += n.type == QLatin1String("BatchNorm2d");
            dropouts += n.type == QLatin1String("Dropout");
        }
        QCOMPARE(batchNorms, 0);
        QCOMPARE(dropouts, 1);
        QCOMPARE(r->graph.totalParameters, qint64(269034 - 2 * 9 * 16));  // one input channel
    }
};

CONVSCOPE_TEST_MAIN(TestTrainingFormRegularisation)
#include "test_training_form_regularisation.moc"
