// The Costs page's factorised convolutions as a learner uses them: the counts follow the channel, size and n
// controls, checked against 25·C² / 18·C² and n²·C² / 2n·C² written out here; the ResNet bias note carries
// both the seeds' and torchvision's numbers; the box is on the Costs page.
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTest>

#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/factorisation_box.h"
#include "tests/support/test_main.h"

using namespace convscope::gui;

namespace {

QString grouped(qint64 v) {
    return QLocale(QLocale::English).toString(v);
}

}  // namespace

class TestFactorisationBox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults() {
        FactorisationBox box;
        const qint64 c = 64, hw = 56 * 56;
        QCOMPARE(box.labels(0).parameters[0]->text(), grouped(25 * c * c));
        QCOMPARE(box.labels(0).parameters[1]->text(), grouped(18 * c * c));
        QCOMPARE(box.labels(0).macs[1]->text(), grouped(hw * 18 * c * c));
        QCOMPARE(box.labels(0).fields[1]->text(), QStringLiteral("5×5"));
        QCOMPARE(box.labels(1).parameters[0]->text(), grouped(9 * c * c));
        QCOMPARE(box.labels(1).parameters[1]->text(), grouped(6 * c * c));
        QVERIFY(box.labels(0).conclusion->text().contains(QStringLiteral("0.720")));
    }

    void followsTheControls() {
        FactorisationBox box;
        box.inChannels()->setValue(32);
        box.outChannels()->setValue(32);
        box.size()->setValue(17);
        box.kernel()->setCurrentIndex(box.kernel()->findData(7));
        const qint64 c = 32, hw = 17 * 17;
        QCOMPARE(box.labels(0).parameters[0]->text(), grouped(25 * c * c));
        QCOMPARE(box.labels(0).macs[0]->text(), grouped(hw * 25 * c * c));
        QCOMPARE(box.labels(1).rowLabels[1]->text(), QStringLiteral("1×7 then 7×1"));
        QCOMPARE(box.labels(1).parameters[0]->text(), grouped(49 * c * c));
        QCOMPARE(box.labels(1).parameters[1]->text(), grouped(14 * c * c));
        QCOMPARE(box.labels(1).macs[1]->text(), grouped(hw * 14 * c * c));
        QCOMPARE(box.labels(1).fields[1]->text(), QStringLiteral("7×7"));
        QVERIFY(box.labels(1).parameterArithmetic[1]->text().contains(QStringLiteral("(1×7×32)×32")));
        QVERIFY(box.labels(1).conclusion->text().contains(QStringLiteral("2/7")));
        // Different channel counts: 9·C·N + 9·N² for the stack.
        box.outChannels()->setValue(48);
        QCOMPARE(box.labels(0).parameters[1]->text(), grouped(9 * 32 * 48 + 9 * 48 * 48));
    }

    void biasNote() {
        FactorisationBox box;
        const QString text = box.biasNote()->text();
        for (const char* number : {"36,928", "74,112", "36,864", "73,984", "batch norm"})
            QVERIFY2(text.contains(QLatin1String(number)), qPrintable(text));
    }

    void onTheCostsPage() {
        CostComparisonPage page;
        QVERIFY(page.factorisation());
        QCOMPARE(page.findChild<FactorisationBox*>(QStringLiteral("costFactorisation")),
                 page.factorisation());
    }
};

CONVSCOPE_TEST_MAIN(TestFactorisationBox)
#include "test_factorisation_box.moc"
