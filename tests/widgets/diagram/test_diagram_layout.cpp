// The architecture diagram's pure layout (widgets/diagram_layout.h) on hand-built graphs: every node drawn,
// text fitting its box, branches side by side, residual arcs, SE on the right, skip lanes, odd graphs.
#include <QFontMetricsF>
#include <QTest>

#include "tests/support/test_main.h"
#include "tests/widgets/diagram/diagram_fixtures.h"
#include "tests/widgets/diagram/diagram_test_helpers.h"
#include "widgets/diagram/diagram_items.h"
#include "widgets/diagram/diagram_layout.h"
#include "widgets/diagram/diagram_text.h"

using namespace convscope::widgets;
using namespace diagram_fixtures;
using namespace diagram_test;

Q_DECLARE_METATYPE(convscope::widgets::DiagramGraph)

class TestDiagramLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyNodeIsDrawn_data();
    void everyNodeIsDrawn();
    void textFitsItsBox_data() { everyNodeIsDrawn_data(); }
    void textFitsItsBox();
    void foldsNormalisationAndActivations();
    void branchesStandSideBySide();
    void residualArcs();
    void squeezeExcitationOnTheRight();
    void sideExitEndsOnTheRight();
    void skipsRunOnLanes();
    void identityColumnForChannelSplit();
    void oddGraphs();
};

void TestDiagramLayout::everyNodeIsDrawn_data() {
    QTest::addColumn<DiagramGraph>("graph");
    QTest::addColumn<bool>("collapsed");
    QTest::newRow("mini resnet") << miniResNet() << false;
    QTest::newRow("mini resnet collapsed") << miniResNet() << true;
    QTest::newRow("inception") << inceptionLike() << false;
    QTest::newRow("mbconv") << mbconvLike() << false;
    QTest::newRow("unet") << unetLike() << false;
    QTest::newRow("shufflenet") << shuffleLike() << false;
    QTest::newRow("densenet") << denseLike() << false;
    QTest::newRow("resnet152") << resnet152Like() << false;
    QTest::newRow("resnet152 default") << resnet152Like() << true;
}

void TestDiagramLayout::everyNodeIsDrawn() {
    QFETCH(DiagramGraph, graph);
    QFETCH(bool, collapsed);
    const QSet<int> state = collapsed
                                ? (graph.nodes.size() > 60 ? defaultCollapsedScopes(graph) : allScopes(graph))
                                : QSet<int>();
    const DiagramLayout l = layoutDiagram(graph, state, DiagramFonts());
    // Every node is in exactly one box, and every box is inside the diagram's bounds.
    QSet<int> seen;
    for (const DiagramBox& b : l.boxes) {
        QVERIFY(l.bounds.contains(b.rect));
        for (int id : b.nodeIds) {
            QVERIFY2(!seen.contains(id), qPrintable(QString::number(id)));
            seen.insert(id);
        }
    }
    for (const DiagramNode& n : graph.nodes) {
        QVERIFY2(seen.contains(n.id), qPrintable(n.name));
        QVERIFY(l.boxOfNode.contains(n.id));
    }
    // No two boxes overlap.
    for (int i = 0; i < l.boxes.size(); ++i) {
        for (int j = i + 1; j < l.boxes.size(); ++j) {
            const QRectF both = l.boxes[i].rect.intersected(l.boxes[j].rect);
            QVERIFY2(both.isEmpty() || both.width() * both.height() < 0.5,
                     qPrintable(QStringLiteral("%1 / %2").arg(l.boxes[i].title, l.boxes[j].title)));
        }
    }
    // Frames hold their boxes: every box of a scope's nodes lies inside the scope's frame.
    for (const DiagramNode& n : graph.nodes) {
        const DiagramBox& b = boxOf(l, n.id);
        for (int s = n.scope; s > 0; s = graph.scopes[s].parent) {
            if (const DiagramFrame* f = frameOf(l, s)) QVERIFY2(f->rect.contains(b.rect), qPrintable(n.name));
        }
    }
    // Each edge starts and ends at its boxes.
    for (const DiagramEdge& e : l.edges) {
        QVERIFY(e.fromBox != e.toBox);
        QVERIFY(l.boxes[e.toBox].body.adjusted(-1, -1, 1, 1).contains(e.tip));
        QVERIFY(l.boxes[e.fromBox].body.adjusted(-1, -1, 1, 1).contains(e.path.pointAtPercent(0)));
    }
}

void TestDiagramLayout::textFitsItsBox() {
    QFETCH(DiagramGraph, graph);
    const DiagramFonts fonts;
    const DiagramLayout l = layoutDiagram(graph, {}, fonts);
    const QFontMetricsF text(fonts.text), small(fonts.small), header(fonts.header);
    for (const DiagramBox& b : l.boxes) {
        if (b.kind == DiagramBoxKind::Merge) {
            QVERIFY(b.subtitlePos.x() + small.horizontalAdvance(b.subtitle) <= b.rect.right() + 0.5);
            continue;
        }
        const QFontMetricsF& titleFm = b.kind == DiagramBoxKind::Scope ? header : text;
        QVERIFY2(b.titlePos.x() >= b.body.left() + 2, qPrintable(b.title));
        const double end = b.tags.isEmpty() ? b.titlePos.x() + titleFm.horizontalAdvance(b.title)
                                            : b.tags.last().rect.right();
        QVERIFY2(end <= b.body.right() - 2, qPrintable(b.title));
        QVERIFY2(b.subtitlePos.x() >= b.body.left() + 2, qPrintable(b.subtitle));
        QVERIFY(b.subtitlePos.x() + small.horizontalAdvance(b.subtitle) <= b.body.right() - 2);
        QVERIFY(b.subtitlePos.y() + small.descent() <= b.body.bottom());
        QVERIFY(b.titlePos.y() - titleFm.ascent() >= b.body.top());
    }
    for (const DiagramFrame& f : l.frames) {
        QCOMPARE(f.titleLines.join(QLatin1Char(' ')), f.title.simplified());
        for (int k = 0; k < f.titleLines.size(); ++k) {
            QVERIFY(f.titlePos.x() + header.horizontalAdvance(f.titleLines[k]) <= f.rect.right());
            QVERIFY(f.titlePos.y() + k * f.lineHeight + header.descent() <= f.header.bottom());
        }
        QVERIFY(f.titlePos.y() - header.ascent() >= f.rect.top());
    }
}

void TestDiagramLayout::foldsNormalisationAndActivations() {
    const DiagramGraph g = miniResNet();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    const DiagramBox& conv = boxOf(l, nodeId(g, QStringLiteral("conv1")));
    QCOMPARE(conv.nodeIds, (QVector<int>{nodeId(g, "conv1"), nodeId(g, "bn1"), nodeId(g, "relu")}));
    QVERIFY(conv.title.startsWith(QStringLiteral("Conv2d 7×7 /2")));
    QCOMPARE(conv.tags.size(), 2);
    QCOMPARE(conv.tags[0].label, QStringLiteral("BN"));
    QCOMPARE(conv.tags[1].label, QStringLiteral("ReLU"));
    QCOMPARE(conv.subtitle, QStringLiteral("64×32×32"));
    // The ReLU after an addition joins the merge circle.
    const DiagramBox& add = boxOf(l, nodeId(g, QStringLiteral("layer1.0.add")));
    QCOMPARE(add.kind, DiagramBoxKind::Merge);
    QCOMPARE(add.mergeTags, QStringLiteral("ReLU"));
    QCOMPARE(diagramShortDetail("Conv2d", "3×3, stride 2, pad 1, 96→96, depthwise"),
             QStringLiteral("3×3 /2 dw"));
    QCOMPARE(diagramShortDetail("Linear", "2048→1000"), QStringLiteral("2048→1000"));
}

void TestDiagramLayout::branchesStandSideBySide() {
    const DiagramGraph g = inceptionLike();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    QVector<const DiagramFrame*> branches;
    for (const DiagramFrame& f : l.frames)
        if (f.kind == DiagramScopeKind::Branch) branches << &f;
    QCOMPARE(branches.size(), 4);
    std::sort(branches.begin(), branches.end(),
              [](auto a, auto b) { return a->rect.left() < b->rect.left(); });
    for (int k = 1; k < 4; ++k) {
        QVERIFY(branches[k]->rect.left() >= branches[k - 1]->rect.right());  // side by side, not overlapping
        QCOMPARE(branches[k]->rect.top(), branches[0]->rect.top());          // starting at the same height
    }
    // Shared input above, concat below, each branch's first box fed from the input.
    const int input = nodeId(g, QStringLiteral("conv1.2"));
    const DiagramBox& cat = boxOf(l, nodeId(g, QStringLiteral("inception3a.cat")));
    QCOMPARE(cat.kind, DiagramBoxKind::Merge);
    for (const DiagramFrame* f : branches) {
        QVERIFY(boxOf(l, input).rect.bottom() < f->rect.top());
        QVERIFY(cat.rect.top() > f->rect.bottom());
    }
    for (const char* first : {"inception3a.branch1.0", "inception3a.branch2.0.0", "inception3a.branch3.0.0",
                              "inception3a.branch4.0"}) {
        QVERIFY2(edgeBetween(l, input, nodeId(g, first)), qPrintable(first));
    }
    const double cx = cat.body.center().x();
    QVERIFY(cx > branches[0]->rect.right() && cx < branches[3]->rect.left());  // merge centred under them
}

void TestDiagramLayout::residualArcs() {
    const DiagramGraph g = miniResNet();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    // Identity: an arc from the block's input around the left of the block's main column into the Add.
    const int add1 = nodeId(g, QStringLiteral("layer1.0.add"));
    const DiagramEdge* arc = edgeBetween(l, nodeId(g, QStringLiteral("maxpool")), add1);
    QVERIFY(arc);
    QCOMPARE(arc->kind, DiagramRouteKind::Pass);
    const DiagramBox& conv = boxOf(l, nodeId(g, QStringLiteral("layer1.0.conv1")));
    QVERIFY(arc->path.boundingRect().left() < conv.rect.left());
    QVERIFY(arc->path.boundingRect().left() > frameOf(l, scopeId(g, "layer1.0"))->rect.left());
    QCOMPARE(arc->direction, QPointF(1, 0));  // into the circle's left side
    QCOMPARE(arc->tip, QPointF(boxOf(l, add1).body.left(), boxOf(l, add1).body.center().y()));
    // Projection: the Shortcut frame sits left of the main column, on the arc from the input to the Add.
    const DiagramFrame* shortcut = frameOf(l, scopeId(g, QStringLiteral("layer2.0.downsample")));
    QVERIFY(shortcut);
    const DiagramBox& conv2 = boxOf(l, nodeId(g, QStringLiteral("layer2.0.conv1")));
    QVERIFY(shortcut->rect.right() <= conv2.rect.left());
    const int add2 = nodeId(g, QStringLiteral("layer2.0.add"));
    QVERIFY(shortcut->rect.bottom() < boxOf(l, add2).rect.top());
    QVERIFY(edgeBetween(l, nodeId(g, "layer1.0.add"), nodeId(g, "layer2.0.downsample.0")));
    const DiagramEdge* rejoin = edgeBetween(l, nodeId(g, "layer2.0.downsample.0"), add2);
    QVERIFY(rejoin);
    QCOMPARE(rejoin->direction, QPointF(1, 0));
    // Main line straight down: conv → conv → add on one x.
    QCOMPARE(conv2.body.center().x(), boxOf(l, add2).body.center().x());
    // DenseNet's concatenation with the layer's input is drawn the same way.
    const DiagramGraph dense = denseLike();
    const DiagramLayout dl = layoutDiagram(dense, {}, DiagramFonts());
    const DiagramEdge* denseArc = edgeBetween(dl, nodeId(dense, "features.conv0.2"),
                                              nodeId(dense, "features.denseblock1.denselayer1.cat"));
    QVERIFY(denseArc);
    QCOMPARE(denseArc->kind, DiagramRouteKind::Pass);
}

void TestDiagramLayout::squeezeExcitationOnTheRight() {
    const DiagramGraph g = mbconvLike();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    const DiagramFrame* se = frameOf(l, scopeId(g, QStringLiteral("features.1.0.block.2")));
    QVERIFY(se);
    QCOMPARE(se->kind, DiagramScopeKind::SidePath);
    const DiagramBox& dw = boxOf(l, nodeId(g, QStringLiteral("features.1.0.block.1.0")));
    const DiagramBox& mul = boxOf(l, nodeId(g, QStringLiteral("features.1.0.block.2.scale")));
    QVERIFY(se->rect.left() >= dw.rect.right());
    QVERIFY(se->rect.top() > dw.rect.bottom() && se->rect.bottom() < mul.rect.top());
    QCOMPARE(mul.body.center().x(), dw.body.center().x());
    // Straight down from the squeezed tensor to the multiplication; the gate comes in from the right.
    const DiagramEdge* through = edgeBetween(l, dw.nodeId, mul.nodeId);
    QVERIFY(through);
    QCOMPARE(through->path.boundingRect().width(), 0.0);
    const DiagramEdge* gate = edgeBetween(l, nodeId(g, "features.1.0.block.2.fc2"), mul.nodeId);
    QVERIFY(gate);
    QCOMPARE(gate->direction, QPointF(-1, 0));
    QVERIFY(edgeBetween(l, dw.nodeId, nodeId(g, "features.1.0.block.2.avgpool")));
    QVERIFY(mul.rect.left() < mul.body.left());  // its label moved to the left, out of the gate's way
    // The block's residual arc runs around everything, SE included.
    QVERIFY(edgeBetween(l, nodeId(g, "features.0.2"), nodeId(g, "features.1.0.add")));
}

void TestDiagramLayout::sideExitEndsOnTheRight() {
    // An auxiliary classifier: it reads the trunk after "a" and ends in its own Linear; the trunk goes on.
    GraphBuilder b(QStringLiteral("aux-like"));
    const int in = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 32, 32));
    const int a = b.node(QStringLiteral("a"), QStringLiteral("Conv2d"), QStringLiteral("3×3, 3→8"), 0, {in},
                         chw(8, 32, 32), 224);
    const int aux =
        b.scope(0, QStringLiteral("aux"), QStringLiteral("Auxiliary classifier"), DiagramScopeKind::SideExit);
    int y = b.node(QStringLiteral("aux.avgpool"), QStringLiteral("AdaptiveAvgPool2d"),
                   QStringLiteral("to 1×1"), aux, {a}, chw(8, 1, 1));
    y = b.node(QStringLiteral("aux.flatten"), QStringLiteral("Flatten"), QString(), aux, {y}, {8});
    const int auxOut = b.node(QStringLiteral("aux.fc"), QStringLiteral("Linear"), QStringLiteral("8→10"), aux,
                              {y}, {10}, 90);
    int x = b.node(QStringLiteral("b"), QStringLiteral("Conv2d"), QStringLiteral("3×3, 8→8"), 0, {a},
                   chw(8, 32, 32), 584);
    x = b.node(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), QStringLiteral("to 1×1"), 0,
               {x}, chw(8, 1, 1));
    x = b.node(QStringLiteral("flatten"), QStringLiteral("Flatten"), QString(), 0, {x}, {8});
    b.node(QStringLiteral("fc"), QStringLiteral("Linear"), QStringLiteral("8→10"), 0, {x}, {10}, 90);
    const DiagramGraph g = b.graph();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    const DiagramFrame* side = frameOf(l, aux);
    QVERIFY(side);
    QCOMPARE(side->kind, DiagramScopeKind::SideExit);
    const DiagramBox& boxA = boxOf(l, a);
    const DiagramBox& boxB = boxOf(l, nodeId(g, QStringLiteral("b")));
    QVERIFY(side->rect.left() >= boxA.rect.right());
    QVERIFY(side->rect.top() > boxA.rect.bottom() && side->rect.bottom() < boxB.rect.top());
    // The trunk runs straight past it; the exit leaves the trunk and nothing leaves the exit.
    QCOMPARE(boxB.body.center().x(), boxA.body.center().x());
    QVERIFY(edgeBetween(l, a, nodeId(g, QStringLiteral("b"))));
    QVERIFY(edgeBetween(l, a, nodeId(g, QStringLiteral("aux.avgpool"))));
    for (const DiagramEdge& e : l.edges) QVERIFY(e.fromNode != auxOut);
    QVERIFY(boxOf(l, auxOut).rect.bottom() <= side->rect.bottom());
}

void TestDiagramLayout::skipsRunOnLanes() {
    const DiagramGraph g = unetLike();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    const DiagramEdge* skip = edgeBetween(l, nodeId(g, "enc1.1.2"), nodeId(g, "cat1"));
    QVERIFY(skip);
    QCOMPARE(skip->kind, DiagramRouteKind::Skip);
    double left = 1e9;
    for (const DiagramFrame& f : l.frames) left = std::min(left, f.rect.left());
    QVERIFY(skip->path.boundingRect().left() < left);  // outside every frame
    const DiagramEdge* inner = edgeBetween(l, nodeId(g, "enc2.1.2"), nodeId(g, "cat2"));
    QVERIFY(inner);
    QVERIFY(inner->path.boundingRect().left() != skip->path.boundingRect().left());  // overlapping: two lanes
}

void TestDiagramLayout::identityColumnForChannelSplit() {
    const DiagramGraph g = shuffleLike();
    const DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    const DiagramBox& split = boxOf(l, nodeId(g, "stage2.1.split"));
    QCOMPARE(split.nodeIds.size(), 2);  // both halves in one box, each its own chip
    QCOMPARE(split.tags.size(), 2);
    const DiagramEdge* half = edgeBetween(l, split.nodeId, nodeId(g, "stage2.1.cat"));
    QVERIFY(half);
    QCOMPARE(half->kind, DiagramRouteKind::Pass);
    QVERIFY(half->path.boundingRect().left() < frameOf(l, scopeId(g, "stage2.1.branch2"))->rect.left());
}

void TestDiagramLayout::oddGraphs() {
    // Nothing at all, no scopes, unknown scope and input ids, a scope cycle, duplicate ids: all drawn.
    QVERIFY(layoutDiagram(DiagramGraph(), {}, DiagramFonts()).boxes.isEmpty());
    DiagramGraph g;
    g.nodes = {DiagramNode{}, DiagramNode{}, DiagramNode{}, DiagramNode{}};
    for (int i = 0; i < 4; ++i) {
        g.nodes[i].id = 10 + i;
        g.nodes[i].type = i == 3 ? QStringLiteral("Add") : QStringLiteral("Conv2d");
        g.nodes[i].inputs = {10 + i - 1, 99, 13};
    }
    DiagramLayout l = layoutDiagram(g, {}, DiagramFonts());
    QCOMPARE(l.boxes.size(), 4);
    QCOMPARE(l.edges.size(), 3);
    g.scopes = {DiagramScope{0, -1, {}, {}, DiagramScopeKind::Model},
                DiagramScope{1, 2, QStringLiteral("a"), QStringLiteral("A"), DiagramScopeKind::Block},
                DiagramScope{2, 1, QStringLiteral("b"), QStringLiteral("B"), DiagramScopeKind::Stage},
                DiagramScope{2, 0, QStringLiteral("dup"), QStringLiteral("Dup"), DiagramScopeKind::Branch}};
    g.nodes[1].scope = 1;
    g.nodes[2].scope = 2;
    g.nodes[3].scope = 7;
    l = layoutDiagram(g, {1, 2}, DiagramFonts());
    for (const DiagramNode& n : g.nodes) QVERIFY(l.boxOfNode.contains(n.id));
    ArchitectureDiagramView view;
    view.setGraph(g);
    view.setExpanded(QStringLiteral("no such scope"), false);
    view.selectNode(11);
    QCOMPARE(view.selectedNode(), 11);
    view.collapseAll();
    view.expandAll();
    QVERIFY(!view.renderDiagram().isNull());
    view.setGraph({});  // what a panel shows before a model is described
    QVERIFY(view.diagramLayout().boxes.isEmpty());
    view.fitToView();
    QVERIFY(!view.exportSvg(QDir::temp().filePath(QStringLiteral("no/such/folder.svg"))));
}

CONVSCOPE_TEST_MAIN(TestDiagramLayout)
#include "test_diagram_layout.moc"
