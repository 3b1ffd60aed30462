// Label smoothing in the Training form: the spin box reaches the run's configuration, its text and the run's
// title, comes back with setConfig, and the chart beside it draws the targets (1 − ε)·one-hot + ε/K as the
// learner changes ε, checked against the formula written out here; the chart is painted with its axis titles.
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "app/gui/training/label_smoothing_view.h"
#include "app/gui/training/regularisation_box.h"
#include "app/gui/training/run_store.h"
#include "app/gui/training/training_form.h"
#include "tests/support/test_main.h"

using namespace convscope;
using namespace convscope::gui;

class TestLabelSmoothingView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formReachesTheConfiguration() {
        TrainingForm form;
        QDoubleSpinBox* eps = form.regularisationBox()->labelSmoothingBox();
        QCOMPARE(eps->objectName(), QStringLiteral("trainLabelSmoothing"));
        QVERIFY(eps->toolTip().contains(QStringLiteral("(1 − ε)·one-hot + ε/K")));
        QCOMPARE(form.config().labelSmoothing, 0.0);
        QSignalSpy changed(&form, &TrainingForm::changed);
        eps->setValue(0.1);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(form.config().labelSmoothing, 0.1);
        QVERIFY(form.config().toText().find("\nlabel_smoothing=0.1\n") != std::string::npos);
        form.config().validate();
        // The run list tells runs with and without it apart.
        const QString title = RunStore::titleFor(form.config(), QDateTime::currentDateTime());
        QVERIFY2(title.contains(QStringLiteral(", label smoothing 0.1")), qPrintable(title));

        nn::TrainConfig c = form.config();
        c.labelSmoothing = 0.25;
        form.setConfig(c);
        QCOMPARE(eps->value(), 0.25);
        QCOMPARE(form.regularisationBox()->labelSmoothingView()->epsilon(), 0.25);
        QCOMPARE(form.config().labelSmoothing, 0.25);
    }

    void chartFollowsEpsilon_data() {
        QTest::addColumn<double>("epsilon");
        QTest::newRow("none") << 0.0;
        QTest::newRow("0.1") << 0.1;
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("0.95") << 0.95;
    }
    void chartFollowsEpsilon() {
        QFETCH(double, epsilon);
        RegularisationBox box;
        box.labelSmoothingBox()->setValue(epsilon);
        const QVector<double>& q = box.labelSmoothingView()->probabilities();
        QCOMPARE(q.size(), 10);
        QVERIFY(qAbs(q[0] - (1.0 - epsilon + epsilon / 10)) < 1e-15);
        double sum = q[0];
        for (int k = 1; k < 10; ++k) {
            QVERIFY(qAbs(q[k] - epsilon / 10) < 1e-15);
            sum += q[k];
        }
        QVERIFY(qAbs(sum - 1.0) < 1e-12);
    }

    void paintsBarsAndAxes() {
        LabelSmoothingView view;
        view.setEpsilon(0.3);
        view.resize(view.sizeHint());
        QImage image(view.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        view.render(&image);
        // The true class's orange bar and the others' blue ones are drawn.
        int orange = 0, blue = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c == QColor(230, 97, 0)) ++orange;
                if (c == QColor(59, 117, 175)) ++blue;
            }
        QVERIFY2(orange > 50 && blue > 50, qPrintable(QString("%1 %2").arg(orange).arg(blue)));
        view.setClasses(4);
        QCOMPARE(view.probabilities().size(), 4);
        QVERIFY(qAbs(view.probabilities()[1] - 0.075) < 1e-15);
    }
};

CONVSCOPE_TEST_MAIN(TestLabelSmoothingView)
#include "test_label_smoothing_view.moc"
