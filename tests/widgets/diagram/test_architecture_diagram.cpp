// The architecture diagram view driven as a user would: fold and unfold, click, double-click, hover,
// zoom and fit, drag, export, a ResNet-152-sized graph, screenshots (CONVSCOPE_SHOT_DIR).
#include <QDir>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/test_main.h"
#include "tests/widgets/diagram/diagram_fixtures.h"
#include "tests/widgets/diagram/diagram_test_helpers.h"
#include "widgets/diagram/architecture_diagram_view.h"
#include "widgets/diagram/diagram_items.h"
#include "widgets/diagram/diagram_layout.h"
#include "widgets/diagram/diagram_text.h"

using namespace convscope::widgets;
using namespace diagram_fixtures;
using namespace diagram_test;

Q_DECLARE_METATYPE(convscope::widgets::DiagramGraph)

class TestArchitectureDiagram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void collapseAndExpand();
    void clickEmitsActivation();
    void doubleClickAndHandleToggle();
    void edgeToolTipShowsShape();
    void boxToolTip();
    void zoomAndFit();
    void dragPans();
    void exportFiles();
    void largeModelDraws();
    void screenshots();
};

void TestArchitectureDiagram::collapseAndExpand() {
    const DiagramGraph g = resnet152Like();
    ArchitectureDiagramView view;
    view.resize(800, 600);
    QSignalSpy changed(&view, &ArchitectureDiagramView::expansionChanged);
    view.setGraph(g);
    // Big model: blocks start collapsed, stages expanded.
    QVERIFY(!view.isExpanded(QStringLiteral("layer3.5")));
    QVERIFY(view.isExpanded(QStringLiteral("layer3")));
    const int collapsedBoxes = view.diagramLayout().boxes.size();
    QCOMPARE(collapsedBoxes, 1 + 2 + 50 + 3);  // input, stem conv and pool, 50 blocks, pool / flatten / fc
    const int block = scopeId(g, QStringLiteral("layer1.0"));
    const DiagramBox& box = view.diagramLayout().boxes[view.diagramLayout().boxOfScope.value(block)];
    QCOMPARE(box.kind, DiagramBoxKind::Scope);
    QCOMPARE(box.nodeIds.size(), 12);  // three conv/bn(/relu), the shortcut's conv/bn, add, relu
    QCOMPARE(box.title, QStringLiteral("Bottleneck"));
    QVERIFY(box.subtitle.startsWith(QStringLiteral("256×56×56")));

    view.setExpanded(QStringLiteral("layer1.0"), true);
    QVERIFY(view.isExpanded(QStringLiteral("layer1.0")));
    QCOMPARE(view.diagramLayout().boxes.size(), collapsedBoxes - 1 + 5);  // 3 convs, shortcut, add
    QVERIFY(view.diagramLayout().frameOfScope.contains(block));
    view.collapseAll();
    QCOMPARE(view.diagramLayout().boxes.size(), 1 + 6);  // input + six stage boxes
    view.expandAll();
    QCOMPARE(view.diagramLayout().boxes.size(), 1 + 2 + 50 * 4 + 4 + 3);  // 4 boxes a block, 4 shortcuts
    QVERIFY(changed.count() >= 4);
    // Selecting a node inside a collapsed block expands it.
    view.collapseAll();
    const int inner = nodeId(g, QStringLiteral("layer4.2.c2.0"));
    view.selectNode(inner);
    QCOMPARE(view.selectedNode(), inner);
    QCOMPARE(view.diagramLayout().boxes[view.diagramLayout().boxOfNode.value(inner)].nodeId, inner);
}

void TestArchitectureDiagram::clickEmitsActivation() {
    const DiagramGraph g = miniResNet();
    ArchitectureDiagramView view;
    view.resize(700, 500);
    view.setGraph(g);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy nodes(&view, &ArchitectureDiagramView::nodeActivated);
    QSignalSpy scopes(&view, &ArchitectureDiagramView::scopeActivated);
    const int conv = nodeId(g, QStringLiteral("layer1.0.conv2"));
    const QRectF r = view.nodeBoxRect(conv);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      showAt(view, QPointF(r.left() + 12, r.bottom() - 6)));
    QCOMPARE(nodes.count(), 1);
    QCOMPARE(nodes.takeFirst().at(0).toInt(), conv);
    QCOMPARE(view.selectedNode(), conv);
    // A tag chip gives the folded node.
    const DiagramBox& box = view.diagramLayout().boxes[view.diagramLayout().boxOfNode.value(conv)];
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, showAt(view, box.tags[0].rect.center()));
    QCOMPARE(nodes.takeFirst().at(0).toInt(), nodeId(g, QStringLiteral("layer1.0.bn2")));
    // A collapsed block gives its scope.
    const int block = scopeId(g, QStringLiteral("layer2.0"));
    view.setScopeExpanded(block, false);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, showAt(view, view.scopeRect(block).center()));
    QCOMPARE(scopes.count(), 1);
    QCOMPARE(scopes.takeFirst().at(0).toInt(), block);
    QCOMPARE(view.selectedScope(), block);
    // A frame's title too; empty space clears the selection.
    const DiagramFrame* stage = frameOf(view.diagramLayout(), scopeId(g, QStringLiteral("layer1")));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, showAt(view, stage->titlePos + QPointF(4, -3)));
    QCOMPARE(scopes.takeFirst().at(0).toInt(), scopeId(g, QStringLiteral("layer1")));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      showAt(view, view.diagramLayout().bounds.topRight() + QPointF(-4, 30)));
    QCOMPARE(view.selectedScope(), -1);
    QCOMPARE(nodes.count(), 0);
}

void TestArchitectureDiagram::doubleClickAndHandleToggle() {
    const DiagramGraph g = miniResNet();
    ArchitectureDiagramView view;
    view.resize(700, 500);
    view.setGraph(g);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int block = scopeId(g, QStringLiteral("layer1.0"));
    // The frame's − handle collapses, the box's + handle expands.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      showAt(view, frameOf(view.diagramLayout(), block)->handle.center()));
    QVERIFY(!view.isScopeExpanded(block));
    const DiagramBox& box = view.diagramLayout().boxes[view.diagramLayout().boxOfScope.value(block)];
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, showAt(view, box.handle.center()));
    QVERIFY(view.isScopeExpanded(block));
    // Double-click inside the frame collapses it; on the collapsed box expands it.
    const QRectF frame = frameOf(view.diagramLayout(), block)->rect;
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {},
                       showAt(view, QPointF(frame.right() - 4, frame.center().y())));
    QVERIFY(!view.isScopeExpanded(block));
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, showAt(view, view.scopeRect(block).center()));
    QVERIFY(view.isScopeExpanded(block));
}

void TestArchitectureDiagram::edgeToolTipShowsShape() {
    const DiagramGraph g = miniResNet();
    ArchitectureDiagramView view;
    view.resize(700, 500);
    view.setGraph(g);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const DiagramEdge* e =
        edgeBetween(view.diagramLayout(), nodeId(g, "layer2.0.conv1"), nodeId(g, "layer2.0.conv2"));
    QVERIFY(e);
    const QPointF middle = e->path.pointAtPercent(0.5);
    const QPoint at = showAt(view, middle);
    const QString tip = view.toolTipAt(at);
    QVERIFY2(tip.contains(QStringLiteral("128×8×8")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("layer2.0.relu → layer2.0.conv2")));
    // Hovering highlights the edge.
    DiagramEdgeItem* item = nullptr;
    for (QGraphicsItem* it : view.scene()->items(middle))
        if (auto* edge = qgraphicsitem_cast<DiagramEdgeItem*>(it)) item = edge;
    QVERIFY(item);
    QVERIFY(!item->isHovered());
    // QTest keeps the buttons of its last event: an earlier double-click can leave the left one "down",
    // and a scene sends no hover events while a button is held.
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(1, 1));
    QTest::mouseMove(view.viewport(), at + QPoint(0, 1));
    QTRY_VERIFY(item->isHovered());
    QTest::mouseMove(view.viewport(), at + QPoint(80, 1));
    QTRY_VERIFY(!item->isHovered());
    // The residual arc's tooltip, away from any box.
    const DiagramEdge* arc =
        edgeBetween(view.diagramLayout(), nodeId(g, "maxpool"), nodeId(g, "layer1.0.add"));
    const QRectF arcBounds = arc->path.boundingRect();
    const QString arcTip = view.toolTipAt(showAt(view, QPointF(arcBounds.left(), arcBounds.center().y())));
    QVERIFY2(arcTip.contains(QStringLiteral("64×16×16")), qPrintable(arcTip));
}

void TestArchitectureDiagram::boxToolTip() {
    const DiagramGraph g = miniResNet();
    ArchitectureDiagramView view;
    view.resize(700, 500);
    view.setGraph(g);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int conv = nodeId(g, QStringLiteral("layer2.0.conv1"));
    const QRectF r = view.nodeBoxRect(conv);
    const QString tip = view.toolTipAt(showAt(view, QPointF(r.left() + 6, r.bottom() - 4)));
    for (const char* part : {"layer2.0.conv1", "Conv2d", "stride 2", "128×8×8", "73,728", "layer2.0.bn1"})
        QVERIFY2(tip.contains(QString::fromUtf8(part)), qPrintable(tip));
}

void TestArchitectureDiagram::zoomAndFit() {
    ArchitectureDiagramView view;
    view.resize(600, 400);
    view.setGraph(resnet152Like());
    view.expandAll();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.zoom(), 1.0);
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(view.zoom() > 1.0);
    QTest::keyClick(&view, Qt::Key_0);
    QCOMPARE(view.zoom(), 1.0);
    QTest::keyClick(&view, Qt::Key_Minus);
    QVERIFY(view.zoom() < 1.0);
    view.zoomIn();
    QVERIFY(qAbs(view.zoom() - 1.0) < 1e-9);
    view.fitToView();
    const QRect shown = view.mapFromScene(view.sceneRect()).boundingRect();
    QVERIFY2(view.viewport()->rect().adjusted(-1, -1, 1, 1).contains(shown),
             qPrintable(QStringLiteral("%1,%2 %3x%4")
                            .arg(shown.x())
                            .arg(shown.y())
                            .arg(shown.width())
                            .arg(shown.height())));
    QVERIFY(view.zoom() < 0.1);
    view.resetZoom();
    QCOMPARE(view.zoom(), 1.0);
}

void TestArchitectureDiagram::dragPans() {
    ArchitectureDiagramView view;
    view.resize(600, 400);
    view.setGraph(miniResNet());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy nodes(&view, &ArchitectureDiagramView::nodeActivated);
    QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->minimum());
    // Dragging from a box moves the diagram and is no click.
    const QPoint start = view.mapFromScene(view.nodeBoxRect(view.graph().nodes[1].id).center());
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, start);
    for (int k = 1; k <= 10; ++k) QTest::mouseMove(view.viewport(), start - QPoint(0, 15 * k));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, start - QPoint(0, 150));
    QVERIFY(view.verticalScrollBar()->value() > view.verticalScrollBar()->minimum() + 100);
    QCOMPARE(nodes.count(), 0);
}

void TestArchitectureDiagram::exportFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ArchitectureDiagramView view;
    view.setGraph(inceptionLike());
    QString error;
    const QString svg = dir.filePath(QStringLiteral("diagram.svg"));
    QVERIFY2(view.exportSvg(svg, &error), qPrintable(error));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("Conv2d"));
    const QString png = dir.filePath(QStringLiteral("diagram.png"));
    QVERIFY2(view.exportPng(png, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), int(std::ceil(view.sceneRect().width() * 2)));
    QVERIFY(!view.exportPng(dir.filePath(QStringLiteral("missing/diagram.png")), &error));
    QVERIFY(error.contains(QStringLiteral("does not exist")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing"))));
}

void TestArchitectureDiagram::largeModelDraws() {
    const DiagramGraph g = resnet152Like();
    QVERIFY(g.nodes.size() > 500);
    ArchitectureDiagramView view;
    view.resize(900, 700);
    view.setGraph(g);
    view.expandAll();
    // Every node of the 516 is in a box once all is expanded; bench_diagram measures how long this takes.
    for (const DiagramNode& n : g.nodes) QVERIFY(view.diagramLayout().boxOfNode.contains(n.id));
    QVERIFY(!view.grab().toImage().isNull());
}

void TestArchitectureDiagram::screenshots() {
    struct Shot {
        const char* file;
        DiagramGraph graph;
    };
    const Shot shots[] = {
        {"diagram_mini_resnet.png", miniResNet()}, {"diagram_inception.png", inceptionLike()},
        {"diagram_mbconv.png", mbconvLike()},      {"diagram_unet.png", unetLike()},
        {"diagram_shufflenet.png", shuffleLike()}, {"diagram_densenet.png", denseLike()}};
    for (const Shot& s : shots) {
        ArchitectureDiagramView view;
        view.setGraph(s.graph);
        const QImage image = view.renderDiagram(1.5);
        QVERIFY(!image.isNull());
        saveShot(image, QString::fromLatin1(s.file));
    }
    ArchitectureDiagramView big;
    big.setGraph(resnet152Like());
    saveShot(big.renderDiagram(1.0), QStringLiteral("diagram_resnet152_default.png"));
    big.setExpanded(QStringLiteral("layer2.0"), true);
    big.resize(900, 700);
    big.show();
    QVERIFY(QTest::qWaitForWindowExposed(&big));
    big.centerOn(big.scopeRect(scopeId(big.graph(), QStringLiteral("layer2.0"))).center());
    big.selectNode(nodeId(big.graph(), QStringLiteral("layer2.0.c2.0")));
    saveShot(big.grab().toImage(), QStringLiteral("diagram_resnet152_view.png"));
    big.fitToView();
    saveShot(big.grab().toImage(), QStringLiteral("diagram_resnet152_fit.png"));
}

CONVSCOPE_TEST_MAIN(TestArchitectureDiagram)
#include "test_architecture_diagram.moc"
