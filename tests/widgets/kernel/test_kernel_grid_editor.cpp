#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <cmath>
#include <limits>

#include "tests/support/test_main.h"
#include "widgets/kernel/kernel_grid_editor.h"

using convscope::widgets::KernelGridEditor;

namespace {
const QString kMinus(QChar(0x2212));
const QVector<double> kSobelX = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

QPushButton* button(const KernelGridEditor& editor, const QString& text) {
    for (QPushButton* b : editor.findChildren<QPushButton*>()) {
        if (b->text() == text) return b;
    }
    return nullptr;
}

bool hasLabel(const KernelGridEditor& editor, const QString& text) {
    for (const QLabel* label : editor.findChildren<QLabel*>()) {
        if (label->text() == text && !label->isHidden()) return true;
    }
    return false;
}

QVector<double> lastEdit(const QSignalSpy& spy) {
    return spy.last().at(2).value<QVector<double>>();
}
}  // namespace

class TestKernelGridEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void setKernelShowsValues();
    void cellsAreTintedAndSquare();
    void validEntryIsAccepted_data();
    void validEntryIsAccepted();
    void typingInTheEditor();
    void confirmingWithoutTypingKeepsExactValue();
    void invalidEntryIsRejected_data();
    void invalidEntryIsRejected();
    void resizeKeepsOverlap();
    void operationsGiveHandComputedValues();
    void zeroSumNormaliseIsRejected();
    void badSetKernelInputIsRepaired();
    void largestKernel();
};

void TestKernelGridEditor::setKernelShowsValues() {
    KernelGridEditor editor;
    QSignalSpy spy(&editor, &KernelGridEditor::kernelEdited);
    editor.setKernel(3, 3, kSobelX);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(editor.rows(), 3);
    QCOMPARE(editor.cols(), 3);
    QCOMPARE(editor.values(), kSobelX);
    QCOMPARE(editor.table()->rowCount(), 3);
    QCOMPARE(editor.table()->columnCount(), 3);
    QCOMPARE(editor.table()->item(0, 0)->text(), kMinus + QStringLiteral("1"));
    QCOMPARE(editor.table()->item(1, 0)->text(), kMinus + QStringLiteral("2"));
    QCOMPARE(editor.table()->item(1, 1)->text(), QStringLiteral("0"));
    QCOMPARE(editor.table()->item(2, 2)->text(), QStringLiteral("1"));
    QVERIFY(hasLabel(editor, QStringLiteral("Σ = 0 · min ") + kMinus + QStringLiteral("2 · max 2 · 3×3")));

    const QVector<double> box(9, 1.0 / 9.0);
    editor.setKernel(3, 3, box);
    QCOMPARE(editor.table()->item(0, 0)->text(), QStringLiteral("0.1111"));  // 4 significant digits
    QVERIFY(editor.table()->item(0, 0)->toolTip().contains(QStringLiteral("0.1111111111111111")));
    QCOMPARE(editor.values(), box);  // full precision
    QVERIFY(hasLabel(editor, QStringLiteral("Σ = 1 · min 0.1111 · max 0.1111 · 3×3")));
}

void TestKernelGridEditor::cellsAreTintedAndSquare() {
    KernelGridEditor editor;
    editor.setKernel(1, 3, {-4, 0, 2});
    // CoolWarm (Moreland): the most negative value is the blue end, zero light grey; +2 is half way to red.
    QCOMPARE(editor.table()->item(0, 0)->background().color(), QColor(59, 76, 192));
    const QColor zero = editor.table()->item(0, 1)->background().color();
    QVERIFY(std::abs(zero.red() - 221) <= 1 && std::abs(zero.green() - 221) <= 1 &&
            std::abs(zero.blue() - 221) <= 1);
    QCOMPARE(editor.table()->item(0, 0)->foreground().color(), QColor(Qt::white));
    QCOMPARE(editor.table()->item(0, 1)->foreground().color(), QColor(Qt::black));
    editor.setKernel(1, 2, {-1, 1});
    QCOMPARE(editor.table()->item(0, 1)->background().color(), QColor(180, 4, 38));
    QCOMPARE(editor.table()->columnWidth(0), editor.table()->rowHeight(0));
    QVERIFY(editor.table()->columnWidth(0) >=
            editor.table()->fontMetrics().horizontalAdvance(editor.table()->item(0, 0)->text()));
}

void TestKernelGridEditor::validEntryIsAccepted_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected");
    QTest::newRow("decimal") << "0.5" << 0.5;
    QTest::newRow("leading plus") << "+2.5" << 2.5;
    QTest::newRow("minus") << "-1.25" << -1.25;
    QTest::newRow("typographic minus") << (kMinus + QStringLiteral("3")) << -3.0;
    QTest::newRow("exponent") << "1e-3" << 0.001;
    QTest::newRow("decimal comma") << "0,5" << 0.5;
    QTest::newRow("spaces") << "  7 " << 7.0;
    QTest::newRow("fraction") << "1/9" << 1.0 / 9.0;
    QTest::newRow("negative fraction") << "-3/4" << -0.75;
    QTest::newRow("zero") << "0" << 0.0;
}

void TestKernelGridEditor::validEntryIsAccepted() {
    QFETCH(QString, text);
    QFETCH(double, expected);
    KernelGridEditor editor;
    editor.setKernel(3, 3, kSobelX);
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    editor.table()->item(1, 2)->setText(text);
    QVector<double> want = kSobelX;
    want[5] = expected;
    QCOMPARE(editor.values(), want);
    QCOMPARE(edits.count(), 1);
    QCOMPARE(edits.last().at(0).toInt(), 3);
    QCOMPARE(edits.last().at(1).toInt(), 3);
    QCOMPARE(lastEdit(edits), want);
    QVERIFY(editor.errorMessage().isEmpty());
}

void TestKernelGridEditor::typingInTheEditor() {
    KernelGridEditor editor;
    editor.setKernel(3, 3, kSobelX);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    QTableWidget* table = editor.table();
    table->setCurrentCell(1, 1);
    table->editItem(table->item(1, 1));
    auto* line = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(line);
    QCOMPARE(line->text(), QStringLiteral("0"));
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("0.75"));
    QTest::keyClick(line, Qt::Key_Enter);  // the delegate commits on the next event loop turn
    QTRY_COMPARE(edits.count(), 1);
    QCOMPARE(editor.values()[4], 0.75);
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("0.75"));

    table->editItem(table->item(0, 0));
    line = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("abc"));
    QTest::keyClick(line, Qt::Key_Enter);
    QTRY_VERIFY(!editor.errorMessage().isEmpty());
    QCOMPARE(edits.count(), 1);
    QCOMPARE(editor.values()[0], -1.0);
    QVERIFY(editor.errorMessage().contains(QStringLiteral("“abc” is not a number")));
    QCOMPARE(table->item(0, 0)->text(), kMinus + QStringLiteral("1"));
}

void TestKernelGridEditor::confirmingWithoutTypingKeepsExactValue() {
    KernelGridEditor editor;
    editor.setKernel(1, 2, {1.0 / 9.0, 0.5});
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    QTableWidget* table = editor.table();
    table->editItem(table->item(0, 0));
    auto* line = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(line);
    const QPointer<QLineEdit> guard(line);
    QTest::keyClick(line, Qt::Key_Enter);
    QTRY_VERIFY(guard.isNull());  // the editor closes (and is deleted) on a later event loop turn
    QCOMPARE(edits.count(), 0);
    QCOMPARE(editor.values()[0], 1.0 / 9.0);  // not rounded to the 0.1111 on display

    // Typing exactly the rounded text that is shown is a real edit.
    table->editItem(table->item(0, 0));
    line = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("0.1111"));
    QTest::keyClick(line, Qt::Key_Enter);
    QTRY_COMPARE(edits.count(), 1);
    QCOMPARE(editor.values()[0], 0.1111);
}

void TestKernelGridEditor::invalidEntryIsRejected_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("letters") << "abc"
                             << "“abc”";
    QTest::newRow("empty") << ""
                           << "empty cell";
    QTest::newRow("blank") << "   "
                           << "empty cell";
    QTest::newRow("nan") << "nan"
                         << "“nan”";
    QTest::newRow("inf") << "inf"
                         << "“inf”";
    QTest::newRow("overflow") << "1e999"
                              << "“1e999”";
    QTest::newRow("division by zero") << "1/0"
                                      << "“1/0”";
    QTest::newRow("two commas") << "1,2,3"
                                << "“1,2,3”";
    QTest::newRow("double sign") << "+-1"
                                 << "“+-1”";
    QTest::newRow("hex") << "0x10"
                         << "“0x10”";
}

void TestKernelGridEditor::invalidEntryIsRejected() {
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    KernelGridEditor editor;
    editor.setKernel(3, 3, kSobelX);
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    QSignalSpy errors(&editor, &KernelGridEditor::errorChanged);
    editor.table()->item(2, 0)->setText(text);
    QCOMPARE(editor.values(), kSobelX);
    QCOMPARE(edits.count(), 0);
    QCOMPARE(editor.table()->item(2, 0)->text(), kMinus + QStringLiteral("1"));  // previous value restored
    QVERIFY2(editor.errorMessage().contains(quoted), qPrintable(editor.errorMessage()));
    QVERIFY(editor.errorMessage().contains(QStringLiteral("is not a number — enter a value such as 0.25")));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.last().at(0).toString(), editor.errorMessage());
    QVERIFY(hasLabel(editor, editor.errorMessage()));

    editor.table()->item(2, 0)->setText(QStringLiteral("4"));  // a later valid edit clears the message
    QVERIFY(editor.errorMessage().isEmpty());
    QCOMPARE(errors.count(), 2);
    QVERIFY(errors.last().at(0).toString().isEmpty());
    QCOMPARE(editor.values()[6], 4.0);
}

void TestKernelGridEditor::resizeKeepsOverlap() {
    KernelGridEditor editor;
    const QVector<double> k = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    editor.setKernel(3, 3, k);
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    const QList<QSpinBox*> boxes = editor.findChildren<QSpinBox*>();
    QCOMPARE(boxes.size(), 2);
    boxes[0]->setValue(5);  // rows, as the user would with the spin box
    boxes[1]->setValue(4);  // columns
    QCOMPARE(editor.rows(), 5);
    QCOMPARE(editor.cols(), 4);
    const QVector<double> expected = {1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    QCOMPARE(editor.values(), expected);
    QCOMPARE(editor.table()->rowCount(), 5);
    QCOMPARE(editor.table()->columnCount(), 4);
    QCOMPARE(edits.count(), 2);
    QCOMPARE(lastEdit(edits), expected);

    editor.resizeKernel(2, 2);
    QCOMPARE(editor.values(), (QVector<double>{1, 2, 4, 5}));
    QCOMPARE(boxes[0]->value(), 2);
    QCOMPARE(boxes[1]->value(), 2);
    editor.resizeKernel(0, 99);  // clamped to 1..31
    QCOMPARE(editor.rows(), 1);
    QCOMPARE(editor.cols(), KernelGridEditor::kMaxSide);
}

void TestKernelGridEditor::operationsGiveHandComputedValues() {
    KernelGridEditor editor;
    const QVector<double> k = {1, 2, 3, 4, 5, 6};  // 2 rows x 3 columns, sum 21
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);

    editor.setKernel(2, 3, k);
    QTest::mouseClick(button(editor, QStringLiteral("Normalise Σ=1")), Qt::LeftButton);
    QCOMPARE(edits.count(), 1);
    const QVector<double> normalised = editor.values();
    for (int i = 0; i < 6; ++i) QVERIFY(std::abs(normalised[i] - k[i] / 21.0) < 1e-15);

    editor.setKernel(2, 3, k);
    QTest::mouseClick(button(editor, QStringLiteral("Flip")), Qt::LeftButton);
    QCOMPARE(editor.values(), (QVector<double>{6, 5, 4, 3, 2, 1}));
    QCOMPARE(editor.rows(), 2);

    editor.setKernel(2, 3, k);
    QTest::mouseClick(button(editor, QStringLiteral("Transpose")), Qt::LeftButton);
    QCOMPARE(editor.rows(), 3);
    QCOMPARE(editor.cols(), 2);
    QCOMPARE(editor.values(), (QVector<double>{1, 4, 2, 5, 3, 6}));
    QCOMPARE(editor.table()->rowCount(), 3);
    QCOMPARE(editor.findChildren<QSpinBox*>()[0]->value(), 3);

    editor.setKernel(2, 3, k);
    editor.findChild<QDoubleSpinBox*>()->setValue(2.5);
    // The factor box is labelled as what the button does, and the button says what it does with it.
    auto* scaleLabel = [&]() -> QLabel* {
        for (QLabel* label : editor.findChildren<QLabel*>())
            if (label->buddy() == editor.findChild<QDoubleSpinBox*>()) return label;
        return nullptr;
    }();
    QVERIFY(scaleLabel);
    QCOMPARE(scaleLabel->text(), QStringLiteral("Scale by"));
    QCOMPARE(button(editor, QStringLiteral("Apply"))->toolTip(),
             QStringLiteral("Multiply every coefficient by this factor"));
    QTest::mouseClick(button(editor, QStringLiteral("Apply")), Qt::LeftButton);
    QCOMPARE(editor.values(), (QVector<double>{2.5, 5, 7.5, 10, 12.5, 15}));
    QCOMPARE(edits.count(), 4);
    QCOMPARE(lastEdit(edits), editor.values());

    editor.scaleBy(std::numeric_limits<double>::infinity());
    QCOMPARE(editor.values(), (QVector<double>{2.5, 5, 7.5, 10, 12.5, 15}));
    QVERIFY(!editor.errorMessage().isEmpty());
    QCOMPARE(edits.count(), 4);
}

void TestKernelGridEditor::zeroSumNormaliseIsRejected() {
    KernelGridEditor editor;
    editor.setKernel(3, 3, kSobelX);
    QSignalSpy edits(&editor, &KernelGridEditor::kernelEdited);
    QSignalSpy errors(&editor, &KernelGridEditor::errorChanged);
    editor.normalize();
    QCOMPARE(editor.values(), kSobelX);
    QCOMPARE(edits.count(), 0);
    QCOMPARE(editor.errorMessage(),
             QStringLiteral("This kernel sums to 0, so it cannot be normalised to sum 1"));
    QCOMPARE(errors.count(), 1);
    editor.flip();  // a successful operation clears the message
    QVERIFY(editor.errorMessage().isEmpty());
}

void TestKernelGridEditor::badSetKernelInputIsRepaired() {
    KernelGridEditor editor;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    editor.setKernel(2, 2, {1, nan, inf, 2});
    QCOMPARE(editor.values(), (QVector<double>{1, 0, 0, 2}));
    editor.setKernel(2, 2, {1, 2});  // too few values
    QCOMPARE(editor.values(), (QVector<double>{1, 2, 0, 0}));
    editor.setKernel(40, 0, {});
    QCOMPARE(editor.rows(), KernelGridEditor::kMaxSide);
    QCOMPARE(editor.cols(), 1);
    QCOMPARE(editor.values(), QVector<double>(KernelGridEditor::kMaxSide, 0.0));
}

void TestKernelGridEditor::largestKernel() {
    KernelGridEditor editor;
    QVector<double> values(31 * 31);
    for (int i = 0; i < values.size(); ++i) values[i] = (i % 7 - 3) * 0.001234567;
    editor.setKernel(31, 31, values);
    editor.resize(400, 400);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QCOMPARE(editor.table()->rowCount(), 31);
    QCOMPARE(editor.values(), values);
    // The table cannot show 31x31 readable cells in 400 px: it scrolls instead of shrinking the numbers.
    QVERIFY(editor.table()->horizontalScrollBar()->maximum() > 0);
    QVERIFY(editor.table()->columnWidth(0) >=
            editor.table()->fontMetrics().horizontalAdvance(editor.table()->item(0, 0)->text()));
}

CONVSCOPE_TEST_MAIN(TestKernelGridEditor)
#include "test_kernel_grid_editor.moc"
