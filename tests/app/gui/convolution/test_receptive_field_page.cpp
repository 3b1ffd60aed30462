// The Receptive field page driven as a learner would: presets, cell edits through the model, row buttons,
// clicking a unit, and impossible stacks. Expected fields are computed by hand from the layer geometry (the
// numbers in the comments), not taken from core/conv.
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include "app/gui/convolution/receptive_field_page.h"
#include "tests/support/test_main.h"
#include "widgets/board/receptive_field_view.h"

using namespace convscope;

namespace {

enum { ResOutput = 1, ResField = 2, ResJump = 3 };
enum { ColName = 0, ColKernel = 1, ColStride = 2 };

QList<int> column(const QTableWidget* table, int col) {
    QList<int> values;
    for (int r = 1; r < table->rowCount(); ++r)
        values << table->item(r, col)->text().toInt();  // row 0: input
    return values;
}

QList<int> levelFields(const widgets::ReceptiveFieldView* view) {
    QList<int> values;
    for (int i = 1; i < view->levels().size(); ++i) values << view->levels()[i].receptiveField;
    return values;
}

QList<int> levelSizes(const widgets::ReceptiveFieldView* view) {
    QList<int> values;
    for (const widgets::FieldLevel& l : view->levels()) values << l.size;
    return values;
}

}  // namespace

class TestReceptiveFieldPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presets_data() {
        QTest::addColumn<int>("preset");
        QTest::addColumn<QList<int>>("sizes");  // input first
        QTest::addColumn<QList<int>>("fields");
        QTest::addColumn<QList<int>>("jumps");
        // r = r + d(k-1)j, j = j·s, n = (n + 2p - d(k-1) - 1)/s + 1, worked by hand.
        QTest::newRow("three 3x3") << 0 << QList<int>{32, 30, 28, 26} << QList<int>{3, 5, 7}
                                   << QList<int>{1, 1, 1};
        QTest::newRow("conv pool conv")
            << 1 << QList<int>{32, 30, 15, 13} << QList<int>{3, 4, 8} << QList<int>{1, 2, 2};
        QTest::newRow("dilated 1 2 4")
            << 2 << QList<int>{32, 32, 32, 32} << QList<int>{3, 7, 15} << QList<int>{1, 1, 1};
        QTest::newRow("alexnet") << 3 << QList<int>{227, 55, 27, 27, 13} << QList<int>{11, 19, 51, 67}
                                 << QList<int>{4, 8, 8, 16};
    }
    void presets() {
        QFETCH(int, preset);
        QFETCH(QList<int>, sizes);
        QFETCH(QList<int>, fields);
        QFETCH(QList<int>, jumps);
        gui::ReceptiveFieldPage page;
        page.selectPreset(preset);
        QCOMPARE(page.presetCombo()->currentIndex(), preset);
        QCOMPARE(page.inputSizeSpin()->value(), sizes.first());
        QVERIFY(page.errorText().isEmpty());
        QCOMPARE(column(page.resultsTable(), ResOutput), sizes.mid(1));
        QCOMPARE(column(page.resultsTable(), ResField), fields);
        QCOMPARE(column(page.resultsTable(), ResJump), jumps);
        QCOMPARE(levelSizes(page.view()), sizes);
        QCOMPARE(levelFields(page.view()), fields);
        // The centre unit of the top layer is selected; its cone reaches exactly one field of input pixels.
        const int top = sizes.last();
        QCOMPARE(page.selectedUnit(), (top - 1) / 2);
        const widgets::FieldLevel& input = page.view()->levels().first();
        QCOMPARE(input.last - input.first + 1, fields.last());
        QVERIFY(
            page.resultsTable()->item(sizes.size() - 1, 5)->text().contains(QString::number(fields.last())));
    }

    void poolPresetConeByHand() {
        // conv2 unit 6 reads pool units 6..8, which read conv1 units 12..17, which read input pixels 12..19.
        gui::ReceptiveFieldPage page;
        page.selectPreset(1);
        const auto& levels = page.view()->levels();
        QCOMPARE(levels.size(), 4);
        QCOMPARE(levels[3].first, 6);
        QCOMPARE(levels[2].first, 6);
        QCOMPARE(levels[2].last, 8);
        QCOMPARE(levels[1].first, 12);
        QCOMPARE(levels[1].last, 17);
        QCOMPARE(levels[0].first, 12);
        QCOMPARE(levels[0].last, 19);
        QVERIFY(page.unitLabel()->text().contains(QStringLiteral("12 … 19")));
    }

    void editingACellUpdatesResultsAndView() {
        gui::ReceptiveFieldPage page;
        page.selectPreset(0);
        QAbstractItemModel* model = page.layerTable()->model();
        // conv2 becomes 5x5: r = 3 + 4 = 7, then conv3: 7 + 2 = 9; sizes 30, 26, 24.
        QVERIFY(model->setData(model->index(1, ColKernel), 5));
        QCOMPARE(column(page.resultsTable(), ResField), (QList<int>{3, 7, 9}));
        QCOMPARE(column(page.resultsTable(), ResOutput), (QList<int>{30, 26, 24}));
        QCOMPARE(levelFields(page.view()), (QList<int>{3, 7, 9}));
        QCOMPARE(levelSizes(page.view()), (QList<int>{32, 30, 26, 24}));
        QCOMPARE(page.presetCombo()->currentText(), QStringLiteral("Custom"));
        // Stride 2 on conv1: sizes 15, 11, 9; r = 3, 3 + 4·2 = 11, 11 + 2·2 = 15; jumps 2, 2, 2.
        QVERIFY(model->setData(model->index(0, ColStride), QStringLiteral("2")));
        QCOMPARE(column(page.resultsTable(), ResOutput), (QList<int>{15, 11, 9}));
        QCOMPARE(column(page.resultsTable(), ResField), (QList<int>{3, 11, 15}));
        QCOMPARE(column(page.resultsTable(), ResJump), (QList<int>{2, 2, 2}));
        QVERIFY(page.errorText().isEmpty());
    }

    void emptyOutputNamesTheLayer() {
        gui::ReceptiveFieldPage page;
        page.selectPreset(0);
        const QList<int> before = levelSizes(page.view());
        page.inputSizeSpin()->setValue(5);  // 5 → 3 → 1 → conv3 has nothing to read
        QVERIFY(page.errorLabel()->isVisibleTo(&page));
        QVERIFY2(page.errorText().contains(QStringLiteral("conv3")), qPrintable(page.errorText()));
        QVERIFY(!page.errorText().contains(QStringLiteral("conv2")));
        QCOMPARE(levelSizes(page.view()), before);  // the last valid stack stays
        QVERIFY(!page.resultsTable()->isEnabled());
        page.inputSizeSpin()->setValue(7);  // 7 → 5 → 3 → 1: valid again
        QVERIFY(page.errorText().isEmpty());
        QCOMPARE(levelSizes(page.view()), (QList<int>{7, 5, 3, 1}));
        QVERIFY(page.resultsTable()->isEnabled());
    }

    void badCellNamesTheLayer() {
        gui::ReceptiveFieldPage page;
        page.selectPreset(1);
        QAbstractItemModel* model = page.layerTable()->model();
        model->setData(model->index(1, ColStride), QStringLiteral("two"));
        QVERIFY(page.errorText().contains(QStringLiteral("pool1")));
        QVERIFY(page.errorText().contains(QStringLiteral("stride")));
        model->setData(model->index(1, ColStride), 0);
        QVERIFY(page.errorText().contains(QStringLiteral("stride")));
        model->setData(model->index(1, ColStride), 2);
        QVERIFY(page.errorText().isEmpty());
    }

    void rowButtons() {
        gui::ReceptiveFieldPage page;
        page.selectPreset(1);
        // Move pool1 above conv1: pool r 2, j 2 (16); conv1 2 + 2·2 = 6 (14); conv2 6 + 2·2 = 10 (12).
        page.layerTable()->selectRow(1);
        auto buttons = page.findChildren<QToolButton*>();
        auto button = [&](const QString& text) {
            for (QToolButton* b : buttons)
                if (b->text() == text) return b;
            return static_cast<QToolButton*>(nullptr);
        };
        QVERIFY(button(QStringLiteral("Up")) && button(QStringLiteral("Up"))->isEnabled());
        button(QStringLiteral("Up"))->click();
        QCOMPARE(page.layerTable()->item(0, ColName)->text(), QStringLiteral("pool1"));
        QCOMPARE(column(page.resultsTable(), ResField), (QList<int>{2, 6, 10}));
        QCOMPARE(column(page.resultsTable(), ResOutput), (QList<int>{16, 14, 12}));
        // Add a 3x3 after the selected (now first) row: 2, 2 + 2·2 = 6, 10, 14.
        button(QStringLiteral("Add"))->click();
        QCOMPARE(page.layerTable()->rowCount(), 4);
        QCOMPARE(column(page.resultsTable(), ResField), (QList<int>{2, 6, 10, 14}));
        button(QStringLiteral("Remove"))->click();
        QCOMPARE(page.layerTable()->rowCount(), 3);
        QCOMPARE(column(page.resultsTable(), ResField), (QList<int>{2, 6, 10}));
        page.layerTable()->selectRow(2);
        QVERIFY(!button(QStringLiteral("Down"))->isEnabled());
    }

    void clickingAUnitSelectsIt() {
        gui::ReceptiveFieldPage page;
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectPreset(0);
        const int top = page.view()->levels().size() - 1;
        const QRectF cell = page.view()->unitRect(top, 3);
        QVERIFY(!cell.isNull());
        QTest::mouseClick(page.view(), Qt::LeftButton, {}, cell.center().toPoint());
        QCOMPARE(page.selectedUnit(), 3);
        // Three stride-1 3x3 layers without padding: unit u sees input pixels u … u + 6.
        QCOMPARE(page.view()->levels().first().first, 3);
        QCOMPARE(page.view()->levels().first().last, 9);
        QVERIFY(page.unitLabel()->text().startsWith(QStringLiteral("Unit 3 of conv3")));
    }

    void paddingReachesOutsideTheInput() {
        gui::ReceptiveFieldPage page;
        page.setLayers(4, {{"c", 3, 1, 1, 1}});
        page.selectUnit(0);
        QCOMPARE(page.view()->levels().first().first, -1);
        QCOMPARE(page.view()->levels().first().last, 1);
        QVERIFY(page.unitLabel()->text().contains(QStringLiteral("Padding supplies 1 of them")));
        page.selectUnit(99);  // clamped to the last unit
        QCOMPARE(page.selectedUnit(), 3);
    }
};

CONVSCOPE_TEST_MAIN(TestReceptiveFieldPage)
#include "test_receptive_field_page.moc"
