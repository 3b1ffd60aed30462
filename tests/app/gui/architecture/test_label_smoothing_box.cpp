// The Costs page's label smoothing as a learner uses it: typing ε and K changes the bars and the sentence,
// whose numbers are checked against 1 − ε + ε/K and ε/K computed here; the box is on the Costs page.
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QTest>

#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/label_smoothing_box.h"
#include "app/gui/training/label_smoothing_view.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

class TestLabelSmoothingBox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paperDefault() {
        LabelSmoothingBox box;
        QCOMPARE(box.epsilon()->value(), 0.1);
        QCOMPARE(box.view()->probabilities().size(), 10);
        QVERIFY(qAbs(box.view()->probabilities()[0] - 0.91) < 1e-12);
        QVERIFY(qAbs(box.view()->probabilities()[3] - 0.01) < 1e-12);
        QVERIFY2(box.arithmetic()->text().contains(QStringLiteral("= 0.91;")),
                 qPrintable(box.arithmetic()->text()));
        QVERIFY(box.arithmetic()->text().contains(QStringLiteral("other 9 classes")));
        QVERIFY(box.arithmetic()->text().contains(QStringLiteral("together 1.")));
    }

    void followsWhatTheLearnerTypes() {
        LabelSmoothingBox box;
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.classes()->selectAll();
        QTest::keyClicks(box.classes(), QStringLiteral("4"));
        box.epsilon()->selectAll();
        QTest::keyClicks(box.epsilon(), QStringLiteral("0.2"));
        const double eps = 0.2, k = 4;
        QCOMPARE(box.view()->probabilities().size(), 4);
        QVERIFY(qAbs(box.view()->probabilities()[0] - (1 - eps + eps / k)) < 1e-12);
        QVERIFY(qAbs(box.view()->probabilities()[1] - eps / k) < 1e-12);
        QVERIFY2(box.arithmetic()->text().contains(QStringLiteral("= 0.85;")),
                 qPrintable(box.arithmetic()->text()));
        QVERIFY(box.arithmetic()->text().contains(QStringLiteral("0.2/4 = 0.05")));
    }

    void onTheCostsPage() {
        CostComparisonPage page;
        QVERIFY(page.labelSmoothing() != nullptr);
        QVERIFY(page.findChild<LabelSmoothingBox*>(QStringLiteral("costLabelSmoothing")) != nullptr);
    }
};

CONVSCOPE_TEST_MAIN(TestLabelSmoothingBox)
#include "test_label_smoothing_box.moc"
