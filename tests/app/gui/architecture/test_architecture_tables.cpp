// The Architecture panel's tables — layers, model zoo, cost comparisons — on hand-built values: what the
// cells say, that numbers sort as numbers, the filter, the selection round trip and the CSV files.
#include <QAbstractItemModel>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/architecture/architecture_table.h"
#include "app/gui/architecture/cost_comparison_page.h"
#include "app/gui/architecture/zoo_table.h"
#include "tests/app/gui/architecture/architecture_tables_fixture.h"
#include "tests/support/test_main.h"
#include "widgets/plot/log_bar_chart.h"

using namespace convscope;
using gui::ArchitectureTable;
using gui::ZooTable;

using testing::clickHeader;
using testing::columnKeys;
using testing::parseCsv;
using testing::readUtf8;
using testing::rowOf;

class TestArchitectureTables : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureMatchesTorchvision() {
        const widgets::DiagramGraph g = testing::resnet18Graph();
        QCOMPARE(g.totalParameters, qint64(11689512));
        QCOMPARE(g.totalMacs, qint64(1814073344));
    }

    void layerCells() {
        ArchitectureTable table;
        const widgets::DiagramGraph g = testing::resnet18Graph();
        table.setGraph(g);
        QCOMPARE(table.rowCount(), int(g.nodes.size()));
        const QAbstractItemModel* m = table.view()->model();
        const int conv = rowOf(m, ArchitectureTable::Layer, QStringLiteral("layer1.0.conv1"));
        QVERIFY(conv >= 0);
        const auto text = [&](int row, int column) { return m->index(row, column).data().toString(); };
        const auto tip = [&](int row, int column) {
            return m->index(row, column).data(Qt::ToolTipRole).toString();
        };
        QCOMPARE(text(conv, ArchitectureTable::Type), QStringLiteral("Conv2d"));
        QCOMPARE(text(conv, ArchitectureTable::Detail), QStringLiteral("3×3, pad 1, 64→64"));
        QCOMPARE(text(conv, ArchitectureTable::Output), QStringLiteral("64×56×56"));
        QCOMPARE(text(conv, ArchitectureTable::Parameters), QStringLiteral("36,864"));
        QCOMPARE(tip(conv, ArchitectureTable::Parameters), QStringLiteral("(3×3×64)×64 = 36,864"));
        QCOMPARE(text(conv, ArchitectureTable::Macs), QStringLiteral("115,605,504"));
        QCOMPARE(tip(conv, ArchitectureTable::Macs),
                 QStringLiteral("56×56×64 outputs × (3×3×64) = 115,605,504"));
        QCOMPARE(text(conv, ArchitectureTable::Activation), QStringLiteral("784.0 KiB"));  // 802,816 bytes
        QCOMPARE(text(conv, ArchitectureTable::ReceptiveField), QStringLiteral("19 px"));  // 11 + 2·4
        QVERIFY(tip(conv, ArchitectureTable::ReceptiveField).contains(QStringLiteral("4 px apart")));
        QCOMPARE(text(conv, ArchitectureTable::Scope), QStringLiteral("BasicBlock"));
        QVERIFY(
            tip(conv, ArchitectureTable::Scope).contains(QStringLiteral("Stage 1 (layer1) › BasicBlock")));
        QCOMPARE(m->index(conv, ArchitectureTable::Parameters).data(Qt::TextAlignmentRole).toInt() &
                     Qt::AlignRight,
                 int(Qt::AlignRight));
        const int stem = rowOf(m, ArchitectureTable::Layer, QStringLiteral("conv1"));
        QCOMPARE(text(stem, ArchitectureTable::Activation), QStringLiteral("3.1 MiB"));  // 3,211,264 bytes
        QCOMPARE(text(stem, ArchitectureTable::Scope), QString());
        QCOMPARE(
            text(rowOf(m, ArchitectureTable::Layer, QStringLiteral("fc")), ArchitectureTable::ReceptiveField),
            QStringLiteral("all"));
        const QString totals = table.totalsLabel()->text();
        QVERIFY2(totals.contains(QStringLiteral("11,689,512 parameters")), qPrintable(totals));
        QVERIFY(totals.contains(QStringLiteral("1,814,073,344 MACs")));
    }

    void layersSortNumerically() {
        ArchitectureTable table;
        table.setGraph(testing::resnet18Graph());
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QTableView* view = table.view();
        clickHeader(view, ArchitectureTable::Parameters);
        if (view->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder)
            clickHeader(view, ArchitectureTable::Parameters);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(ArchitectureTable::Parameters));
        const QVector<qint64> keys =
            columnKeys(view->model(), ArchitectureTable::Parameters, ArchitectureTable::SortRole);
        QVERIFY(std::is_sorted(keys.rbegin(), keys.rend()));
        // As text "9,408" would sort above "2,359,296"; numerically layer4's 3×3 convolutions lead.
        QCOMPARE(keys.first(), qint64(3 * 3 * 512 * 512));
        QCOMPARE(view->model()->index(0, ArchitectureTable::Parameters).data().toString(),
                 QStringLiteral("2,359,296"));

        table.setGraph(testing::resnet18Graph());  // a new model keeps the user's sort
        QCOMPARE(columnKeys(view->model(), ArchitectureTable::Parameters, ArchitectureTable::SortRole), keys);

        view->sortByColumn(ArchitectureTable::ReceptiveField, Qt::AscendingOrder);
        const QAbstractItemModel* m = view->model();
        QCOMPARE(m->index(m->rowCount() - 1, ArchitectureTable::ReceptiveField).data().toString(),
                 QStringLiteral("all"));
        QCOMPARE(m->index(0, ArchitectureTable::ReceptiveField).data().toString(), QStringLiteral("1 px"));
    }

    void filterNarrowsRows_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("rows");
        QTest::newRow("all") << QString() << 70;
        QTest::newRow("type") << "relu" << 17;  // the stem's and two per block
        QTest::newRow("two words") << "downsample conv" << 3;
        QTest::newRow("case") << "LAYER4" << 16;
        QTest::newRow("none") << "transformer" << 0;
    }
    void filterNarrowsRows() {
        QFETCH(QString, filter);
        QFETCH(int, rows);
        ArchitectureTable table;
        table.setGraph(testing::resnet18Graph());
        QCOMPARE(table.filterEdit()->objectName(), QStringLiteral("architectureFilter"));
        QTest::keyClicks(table.filterEdit(), filter);
        QCOMPARE(table.rowCount(), rows);
        if (rows < 70)
            QVERIFY(table.totalsLabel()->text().contains(QStringLiteral("showing %1 of 70").arg(rows)));
    }

    void selectNodeSelectsRow() {
        ArchitectureTable table;
        const widgets::DiagramGraph g = testing::resnet18Graph();
        table.setGraph(g);
        table.view()->sortByColumn(ArchitectureTable::Macs, Qt::DescendingOrder);
        QSignalSpy activated(&table, &ArchitectureTable::nodeActivated);
        int target = -1;
        for (const widgets::DiagramNode& n : g.nodes)
            if (n.name == QLatin1String("layer3.1.conv2")) target = n.id;
        table.selectNode(target);
        QCOMPARE(table.selectedNode(), target);
        const QModelIndex current = table.view()->currentIndex();
        QCOMPARE(current.siblingAtColumn(ArchitectureTable::Layer).data().toString(),
                 QStringLiteral("layer3.1.conv2"));
        QCOMPARE(activated.count(), 0);  // the diagram asked; telling it back would loop

        // A node the filter hides: the filter gives way.
        QTest::keyClicks(table.filterEdit(), QStringLiteral("relu"));
        table.selectNode(target);
        QVERIFY(table.filterEdit()->text().isEmpty());
        QCOMPARE(table.selectedNode(), target);
        table.selectNode(9999);
        QCOMPARE(table.selectedNode(), -1);
        QCOMPARE(activated.count(), 0);
    }

    void clickEmitsNodeActivated() {
        ArchitectureTable table;
        table.resize(1000, 600);
        table.setGraph(testing::resnet18Graph());
        table.view()->sortByColumn(ArchitectureTable::Layer, Qt::DescendingOrder);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QSignalSpy activated(&table, &ArchitectureTable::nodeActivated);
        const QModelIndex index = table.view()->model()->index(4, ArchitectureTable::Layer);
        const int expected =
            index.siblingAtColumn(ArchitectureTable::Index).data(ArchitectureTable::NodeIdRole).toInt();
        QTest::mouseClick(table.view()->viewport(), Qt::LeftButton, {},
                          table.view()->visualRect(index).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toInt(), expected);
        QCOMPARE(table.selectedNode(), expected);
        QTest::keyClick(table.view(), Qt::Key_Down);
        QCOMPARE(activated.count(), 2);
    }

    void layerCsv() {
        widgets::DiagramGraph g = testing::resnet18Graph();
        g.nodes[2].detail = QStringLiteral("say \"hi\", twice");
        ArchitectureTable table;
        table.setGraph(g);
        QTest::keyClicks(table.filterEdit(),
                         QStringLiteral("conv"));  // neither filter nor sort reach the file
        table.view()->sortByColumn(ArchitectureTable::Macs, Qt::AscendingOrder);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("layers.csv"));
        QString error;
        QVERIFY2(table.exportCsv(path, &error), qPrintable(error));
        const QString text = readUtf8(path);
        QVERIFY(text.contains(QStringLiteral("\"7×7, stride 2, pad 3, 3→64\"")));
        QVERIFY(text.contains(QStringLiteral("\"say \"\"hi\"\", twice\"")));
        const QVector<QStringList> records = parseCsv(text);
        QCOMPARE(records.size(), g.nodes.size() + 1);
        const QStringList header = records.first();
        QCOMPARE(header.first(), QStringLiteral("index"));
        const int name = header.indexOf(QStringLiteral("name")),
                  params = header.indexOf(QStringLiteral("parameters"));
        const int macs = header.indexOf(QStringLiteral("macs")),
                  detail = header.indexOf(QStringLiteral("detail"));
        const int global = header.indexOf(QStringLiteral("global")),
                  scope = header.indexOf(QStringLiteral("scope"));
        for (int i = 0; i < g.nodes.size(); ++i) {
            const QStringList& r = records[i + 1];
            QCOMPARE(r.size(), header.size());
            QCOMPARE(r[name], g.nodes[i].name);
            QCOMPARE(r[params], QString::number(g.nodes[i].parameters));
            QCOMPARE(r[macs], QString::number(g.nodes[i].macs));
            QCOMPARE(r[detail], g.nodes[i].detail);
        }
        QCOMPARE(records[2][params], QStringLiteral("9408"));  // node 1, conv1
        QCOMPARE(records.last()[global], QStringLiteral("true"));
        QVERIFY(std::any_of(records.begin(), records.end(), [&](const QStringList& r) {
            return r[scope] == QLatin1String("layer2.0.downsample");
        }));
    }

    void zooCells() {
        ZooTable zoo;
        const QVector<gui::ZooRow> rows = testing::zooRows();
        zoo.setRows(rows);
        QCOMPARE(zoo.rowCount(), int(rows.size()));
        const QAbstractItemModel* m = zoo.view()->model();
        const int r50 = rowOf(m, ZooTable::Model, QStringLiteral("ResNet-50"));
        QCOMPARE(m->index(r50, ZooTable::Parameters).data().toString(), QStringLiteral("25,557,032"));
        QCOMPARE(m->index(r50, ZooTable::Parameters).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("25.6 M parameters"));
        QCOMPARE(m->index(r50, ZooTable::Macs).data().toString(), QStringLiteral("4,089,184,256"));
        QVERIFY(m->index(r50, ZooTable::Macs)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("4.09 GMAC")));
        QCOMPARE(m->index(r50, ZooTable::Input).data().toString(), QStringLiteral("224×224"));
        QCOMPARE(m->index(r50, ZooTable::Top1).data().toString(), QStringLiteral("76.0%"));
        QCOMPARE(m->index(r50, ZooTable::Source).data().toString(),
                 QStringLiteral("seed 000, EfficientNet comparison table"));
        QVERIFY(zoo.noteLabel()->text().startsWith(QStringLiteral("Accuracies are those the seeds quote")));
    }

    void zooErrorRowSpans() {
        ZooTable zoo;
        zoo.setRows(testing::zooRows());
        const QAbstractItemModel* m = zoo.view()->model();
        for (int order : {-1, int(Qt::DescendingOrder), int(Qt::AscendingOrder)}) {
            if (order >= 0) zoo.view()->sortByColumn(ZooTable::Macs, Qt::SortOrder(order));
            const int unet = rowOf(m, ZooTable::Model, QStringLiteral("U-Net (small)"));
            QVERIFY(unet >= 0);
            const QModelIndex cell = m->index(unet, ZooTable::Parameters);
            QVERIFY(cell.data().toString().contains(QStringLiteral("multiple of 16")));
            QCOMPARE(cell.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(176, 0, 32));
            QCOMPARE(zoo.view()->columnSpan(unet, ZooTable::Parameters),
                     ZooTable::ColumnCount - ZooTable::Parameters);
            const int other = unet == 0 ? 1 : 0;
            QCOMPARE(zoo.view()->columnSpan(other, ZooTable::Parameters), 1);
        }
    }

    void zooSortsNumerically() {
        ZooTable zoo;
        zoo.setRows(testing::zooRows());
        QTableView* view = zoo.view();
        const QAbstractItemModel* m = view->model();
        view->sortByColumn(ZooTable::Parameters, Qt::DescendingOrder);
        QVector<qint64> keys = columnKeys(m, ZooTable::Parameters, ZooTable::SortRole);
        QVERIFY(std::is_sorted(keys.rbegin(), keys.rend()));
        QCOMPARE(m->index(0, ZooTable::Model).data().toString(), QStringLiteral("VGG-19 (batch norm)"));
        view->sortByColumn(ZooTable::Macs, Qt::AscendingOrder);
        QCOMPARE(m->index(0, ZooTable::Model).data().toString(),
                 QStringLiteral("U-Net (small)"));  // failed: -1
        QCOMPARE(m->index(1, ZooTable::Model).data().toString(), QStringLiteral("LeNet-5"));
        view->sortByColumn(ZooTable::Top1, Qt::DescendingOrder);
        QCOMPARE(m->index(0, ZooTable::Model).data().toString(), QStringLiteral("EfficientNet-B7"));
        QCOMPARE(m->index(1, ZooTable::Model).data().toString(), QStringLiteral("EfficientNet-B4"));
    }

    void zooMeasureAndActivate() {
        ZooTable zoo;
        zoo.setRows(testing::zooRows());
        zoo.resize(1100, 700);
        zoo.show();
        QVERIFY(QTest::qWaitForWindowExposed(&zoo));
        QSignalSpy measure(&zoo, &ZooTable::measureRequested);
        QTest::mouseClick(zoo.measureButton(), Qt::LeftButton);
        zoo.sizeCombo()->setCurrentIndex(1);
        QTest::mouseClick(zoo.measureButton(), Qt::LeftButton);
        QCOMPARE(measure.count(), 2);
        QCOMPARE(measure[0], (QList<QVariant>{224, false}));
        QCOMPARE(measure[1], (QList<QVariant>{224, true}));

        zoo.setBusy(true, QStringLiteral("Measuring 33 models…"));
        QVERIFY(!zoo.measureButton()->isEnabled());
        QVERIFY(zoo.statusLabel()->isVisible());
        QCOMPARE(zoo.statusLabel()->text(), QStringLiteral("Measuring 33 models…"));
        zoo.setBusy(false, QString());
        QVERIFY(zoo.measureButton()->isEnabled());
        QVERIFY(!zoo.statusLabel()->isVisible());

        QSignalSpy activated(&zoo, &ZooTable::modelActivated);
        const QModelIndex cell = zoo.view()->model()->index(
            rowOf(zoo.view()->model(), ZooTable::Model, QStringLiteral("DenseNet-121")), ZooTable::Family);
        zoo.view()->scrollTo(cell);
        const QPoint at = zoo.view()->visualRect(cell).center();
        QTest::mouseClick(zoo.view()->viewport(), Qt::LeftButton, {},
                          at);  // QTest's double click has no press
        QTest::mouseDClick(zoo.view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("densenet121"));
    }

    void zooCsv() {
        ZooTable zoo;
        const QVector<gui::ZooRow> rows = testing::zooRows();
        zoo.setRows(rows);
        zoo.view()->sortByColumn(ZooTable::Parameters, Qt::DescendingOrder);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("zoo.csv"));
        QString error;
        QVERIFY2(zoo.exportCsv(path, &error), qPrintable(error));
        const QVector<QStringList> records = parseCsv(readUtf8(path));
        QCOMPARE(records.size(), rows.size() + 1);
        QCOMPARE(records[0], (QStringList{"model", "title", "family", "input_size", "parameters", "macs",
                                          "top1", "top5", "accuracy_source", "error"}));
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(records[i + 1][0], rows[i].model);  // setRows' order, not the view's
            QCOMPARE(records[i + 1][1], rows[i].title);
            QCOMPARE(records[i + 1][9], rows[i].error);
        }
        const auto find = [&](const QString& model) {
            for (const QStringList& r : records)
                if (r[0] == model) return r;
            return QStringList();
        };
        QCOMPARE(find("resnet50")[4], QStringLiteral("25557032"));
        QCOMPARE(find("resnet50")[5], QStringLiteral("4089184256"));
        QCOMPARE(find("resnet50")[8], QStringLiteral("seed 000, EfficientNet comparison table"));
        QCOMPARE(find("unet")[4], QString());
        QCOMPARE(find("shufflenet_v2")[1], QStringLiteral("ShuffleNet v2 (1.0×)"));
        QVERIFY(!zoo.exportCsv(dir.filePath(QStringLiteral("missing/zoo.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("zoo.csv")));
    }

    void siText_data() {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("units") << qint64(999) << "999";
        QTest::newRow("kilo") << qint64(61706) << "61.7 K";
        QTest::newRow("mega") << qint64(25557032) << "25.6 M";
        QTest::newRow("hundreds") << qint64(143678248) << "144 M";
        QTest::newRow("rounds up") << qint64(999999) << "1.00 M";
        QTest::newRow("giga") << qint64(4089184256) << "4.09 G";
    }
    void siText() {
        QFETCH(qint64, value);
        QFETCH(QString, text);
        QCOMPARE(ZooTable::siText(value), text);
    }

    void costComparisons() {
        gui::CostComparisonPage page;
        page.setComparisons(testing::costComparisons());
        QCOMPARE(page.comparisonBoxes().size(), 3);
        QGroupBox* depthwise = page.comparisonBoxes()[0];
        QCOMPARE(depthwise->title(), QStringLiteral("Standard vs depthwise separable convolution"));
        QStringList texts;
        for (QLabel* l : depthwise->findChildren<QLabel*>()) texts << l->text();
        for (const char* expected :
             {"3,456", "86,400", "411", "10,275", "5×5×128 outputs × (3×3×3)\n= 86,400",
              "(3×3×1)×3\n+ (1×1×3)×128\n= 411", "input 7×7×3, output 5×5×128, 3×3 kernels, no bias"})
            QVERIFY2(texts.contains(QString::fromUtf8(expected)), expected);
        auto* conclusion = depthwise->findChild<QLabel*>(QStringLiteral("costConclusion"));
        QVERIFY(conclusion->text().contains(QStringLiteral("1/128 + 1/9")));
        QVERIFY(conclusion->font().bold());
        QCOMPARE(page.comparisonBoxes()[1]->findChildren<QLabel*>(QStringLiteral("costMacs")).size(), 2);

        gui::CostComparisons fewer = testing::costComparisons();
        fewer.comparisons.resize(1);
        page.setComparisons(fewer);
        QCOMPARE(page.findChildren<QGroupBox*>(QRegularExpression(QStringLiteral("^costComparison"))).size(),
                 1);
    }

    void compoundScaling() {
        gui::CostComparisonPage page;
        page.setComparisons(testing::costComparisons());
        QVERIFY2(page.scalingHeader()->text().startsWith(
                     QStringLiteral("α = 1.2, β = 1.1, γ = 1.15: α·β²·γ² = 1.920 ≈ 2")),
                 qPrintable(page.scalingHeader()->text()));
        const QTableWidget* t = page.scalingTable();
        QCOMPARE(t->rowCount(), 8);
        const double growth = 1.2 * 1.1 * 1.1 * 1.15 * 1.15;
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("1.200"));
        QCOMPARE(t->item(7, 3)->text(), QString::number(std::pow(1.15, 7), 'f', 3));
        QCOMPARE(t->item(7, 4)->text(), QStringLiteral("596×596"));  // 224 · 1.15⁷ = 595.8
        QCOMPARE(t->item(7, 5)->text(), QString::number(std::pow(growth, 7), 'f', 2));
        QCOMPARE(t->item(7, 6)->text(), QStringLiteral("128"));
        QVERIFY(!page.scalingChart()->render(QSize(600, 300)).isNull());
    }

    void screenshots() {
        const QString dir = qEnvironmentVariable("CONVSCOPE_TABLES_SHOTS");
        if (dir.isEmpty()) QSKIP("set CONVSCOPE_TABLES_SHOTS to a folder to save screenshots");
        QDir().mkpath(dir);
        ArchitectureTable table;
        table.setGraph(testing::resnet18Graph());
        table.resize(1100, 700);
        table.show();
        table.selectNode(12);
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QVERIFY(table.grab().save(dir + "/architecture_table.png"));
        ZooTable zoo;
        zoo.setRows(testing::zooRows());
        zoo.view()->sortByColumn(ZooTable::Parameters, Qt::AscendingOrder);  // the failed row on top
        zoo.setBusy(false, QStringLiteral("Measured 32 models at 224×224 in 6.4 s"));
        zoo.resize(1100, 700);
        zoo.show();
        QVERIFY(QTest::qWaitForWindowExposed(&zoo));
        QVERIFY(zoo.grab().save(dir + "/zoo_table.png"));
        zoo.setBusy(true, QStringLiteral("Measuring… 12 of 32 (ResNet-101)"));
        QVERIFY(zoo.grab().save(dir + "/zoo_table_busy.png"));
        gui::CostComparisonPage page;
        page.setComparisons(testing::costComparisons());
        for (QSize size : {QSize(1100, 700), QSize(700, 450)}) {
            page.resize(size);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QVERIFY(page.grab().save(dir + QStringLiteral("/cost_page_%1.png").arg(size.width())));
        }
        // The whole scrolled page, to see what lies below the fold.
        QWidget* content = page.findChild<QWidget*>(QStringLiteral("costContent"));
        QVERIFY(content->grab().save(dir + "/cost_page_full.png"));
    }
};

CONVSCOPE_TEST_MAIN(TestArchitectureTables)
#include "test_architecture_tables.moc"
