// The Architecture panel driven as a user would: choose ResNet-50, wait for the worker's description, fold
// and unfold a stage, click a block and a layer for their arithmetic, read the layer table, export, open the
// cost comparisons, and the bad-input message for an image too small for AlexNet.
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/architecture/architecture_details.h"
#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/architecture_table.h"
#include "app/gui/architecture/cost_comparison_page.h"
#include "tests/support/test_main.h"
#include "widgets/diagram/architecture_diagram_view.h"

using namespace convscope;
using namespace convscope::gui;

namespace {

int scopeNamed(const widgets::DiagramGraph& g, const QString& name, widgets::DiagramScopeKind kind) {
    for (const widgets::DiagramScope& s : g.scopes)
        if (s.name == name && s.kind == kind) return s.id;
    return -1;
}

int nodeNamed(const widgets::DiagramGraph& g, const QString& name) {
    for (const widgets::DiagramNode& n : g.nodes)
        if (n.name == name) return n.id;
    return -1;
}

void clickAt(widgets::ArchitectureDiagramView* view, const QRectF& sceneRect) {
    view->centerOn(sceneRect.center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(sceneRect.center()));
}

ArchitectureRequest resnet50() {
    ArchitectureRequest r;
    r.model = QStringLiteral("resnet50");
    return r;
}

}  // namespace

class TestArchitecturePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensResNet50ExpandsAStageAndClicksABlock() {
        ArchitecturePanel panel;
        panel.resize(1280, 860);
        panel.show();
        panel.showModel(resnet50());
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.model == "resnet50", 60000);
        const widgets::DiagramGraph& g = panel.result()->graph;
        QCOMPARE(g.totalParameters, qint64(25557032));
        QCOMPARE(panel.modelCombo()->currentData().toString(), QString("resnet50"));

        widgets::ArchitectureDiagramView* view = panel.diagram();
        const int stage = scopeNamed(g, "layer2", widgets::DiagramScopeKind::Stage);
        const int block = scopeNamed(g, "layer2.0", widgets::DiagramScopeKind::Block);
        QVERIFY(stage > 0 && block > 0);
        // 176 operations: blocks start folded, stages open.
        QVERIFY(view->isScopeExpanded(stage));
        QVERIFY(!view->isScopeExpanded(block));
        const int boxesOpen = view->diagramLayout().boxes.size();
        view->setScopeExpanded(stage, false);
        QVERIFY(view->diagramLayout().boxes.size() < boxesOpen);
        view->setScopeExpanded(stage, true);
        QCOMPARE(view->diagramLayout().boxes.size(), boxesOpen);

        // Clicking the folded block shows its totals; the block's parameters are its layers' sum.
        clickAt(view, view->scopeRect(block));
        QCOMPARE(view->selectedScope(), block);
        const QString blockText = panel.details()->toPlainText();
        QVERIFY2(blockText.contains("Bottleneck") && blockText.contains("layer2.0"), qPrintable(blockText));
        QVERIFY2(blockText.contains("379,392"), qPrintable(blockText));  // torchvision's layer2[0]
        QVERIFY(blockText.contains("Show the feature maps at layer2.0"));

        // Unfold it and click its 3x3 convolution: the arithmetic, written out.
        view->setScopeExpanded(block, true);
        const int conv2 = nodeNamed(g, "layer2.0.conv2");
        clickAt(view, view->nodeBoxRect(conv2));
        QCOMPARE(view->selectedNode(), conv2);
        const QString convText = panel.details()->toPlainText();
        QVERIFY2(convText.contains("(3×3×128)×128 = 147,456"), qPrintable(convText));
        QVERIFY2(convText.contains("28×28×128 outputs × (3×3×128) = 115,605,504"), qPrintable(convText));
        QCOMPARE(panel.table()->selectedNode(), conv2);  // the table follows the diagram

        // The feature-map link names the model and tap.
        QSignalSpy maps(&panel, &ArchitecturePanel::featureMapsRequested);
        panel.details()->showScope(block);
        Q_EMIT panel.details()->featureMapsRequested(panel.details()->tapForScope(block));
        QCOMPARE(maps.count(), 1);
        QCOMPARE(maps.at(0).at(1).toString(), QString("layer2.0"));
    }

    void tableAndExports() {
        QTemporaryDir dir;
        ArchitecturePanel panel;
        panel.show();
        ArchitectureRequest r;
        r.model = QStringLiteral("googlenet");
        r.inputSize = 96;
        panel.showModel(r);
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.model == "googlenet", 60000);
        QCOMPARE(panel.table()->rowCount(), panel.result()->graph.nodes.size());
        QVERIFY(panel.exportTable(dir.filePath("layers.csv")));
        QFile csv(dir.filePath("layers.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.contains("inception3a.branch2.1.conv"));
        QCOMPARE(text.count('\n'), panel.result()->graph.nodes.size() + 1);
        QVERIFY(panel.exportDiagram(dir.filePath("googlenet.svg")));
        QVERIFY(panel.exportDiagram(dir.filePath("googlenet.png")));
        QVERIFY(!QImage(dir.filePath("googlenet.png")).isNull());
        QFile svg(dir.filePath("googlenet.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
    }

    void auxiliaryClassifiersAreSideExits() {
        // The checkbox applies to GoogLeNet (and Inception-v3) only; ticked, the heads are side exits, and a
        // click on one, or on the 3x3 branch, explains it.
        ArchitecturePanel panel;
        panel.show();
        auto* aux = panel.findChild<QCheckBox*>(QStringLiteral("architectureAux"));
        QVERIFY(aux);
        panel.showModel(resnet50());
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.model == "resnet50", 60000);
        QVERIFY(!aux->isEnabled());
        ArchitectureRequest r;
        r.model = QStringLiteral("googlenet");
        r.inputSize = 96;
        panel.showModel(r);
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.model == "googlenet", 60000);
        QVERIFY(aux->isEnabled() && !aux->isChecked());
        QCOMPARE(scopeNamed(panel.result()->graph, "aux1", widgets::DiagramScopeKind::SideExit), -1);
        aux->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.aux && !panel.isDescribing(),
                                 60000);
        const widgets::DiagramGraph& g = panel.result()->graph;
        QCOMPARE(g.totalParameters, qint64(13004888));
        const int aux1 = scopeNamed(g, "aux1", widgets::DiagramScopeKind::SideExit);
        QVERIFY(aux1 >= 0);
        QVERIFY(scopeNamed(g, "aux2", widgets::DiagramScopeKind::SideExit) >= 0);
        panel.details()->showScope(aux1);
        QVERIFY(panel.details()->toPlainText().contains("never merged back"));
        panel.details()->showScope(scopeNamed(g, "inception3a.branch3", widgets::DiagramScopeKind::Branch));
        QVERIFY(panel.details()->toPlainText().contains("seed-inception"));
    }

    void tooSmallAnInputIsExplained() {
        ArchitecturePanel panel;
        panel.show();
        ArchitectureRequest r;
        r.model = QStringLiteral("alexnet");
        r.inputSize = 16;
        panel.showModel(r);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.errorText().isEmpty(), 60000);
        QVERIFY2(panel.errorText().contains("too small") && panel.errorText().contains("features."),
                 qPrintable(panel.errorText()));
        QVERIFY(!panel.result());
        // Editing the size to one that fits clears the error.
        panel.sizeBox()->setValue(224);
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() != nullptr, 60000);
        QVERIFY(panel.errorText().isEmpty());
        QCOMPARE(panel.result()->graph.totalParameters, qint64(61100840));
    }

    void costPageFillsWhenOpened() {
        ArchitecturePanel panel;
        panel.show();
        panel.pages()->setCurrentWidget(panel.costs());
        QTRY_VERIFY_WITH_TIMEOUT(panel.costs()->comparisonBoxes().size() == 3, 30000);
        // The seed's depthwise-separable example, measured by the worker: 86,400 against 10,275 MACs.
        QString all;
        for (const QLabel* l : panel.costs()->findChildren<QLabel*>()) all += l->text() + "\n";
        for (const QTableWidget* t : panel.costs()->findChildren<QTableWidget*>())
            for (int r = 0; r < t->rowCount(); ++r)
                for (int c = 0; c < t->columnCount(); ++c)
                    if (t->item(r, c)) all += t->item(r, c)->text() + "\n";
        QVERIFY2(all.contains("86,400") && all.contains("10,275"), qPrintable(all.left(2000)));
    }

    void newerRequestsWin() {
        ArchitecturePanel panel;
        panel.show();
        ArchitectureRequest big;
        big.model = QStringLiteral("efficientnet_b7");
        big.inputSize = 600;
        panel.showModel(big);
        panel.showModel(resnet50());  // stops B7 at its next operation
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && !panel.isDescribing(), 60000);
        QCOMPARE(panel.result()->request.model, QString("resnet50"));
    }
};

CONVSCOPE_TEST_MAIN(TestArchitecturePanel)
#include "test_architecture_panel.moc"
