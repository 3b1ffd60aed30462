#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "tests/widgets/diagram_fixtures.h"
#include "widgets/architecture_diagram_view.h"
#include "widgets/diagram_items.h"
#include "widgets/diagram_layout.h"
#include "widgets/diagram_text.h"

using namespace convscope::widgets;
using namespace diagram_fixtures;

Q_DECLARE_METATYPE(convscope::widgets::DiagramGraph)

namespace {
void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

int nodeId(const DiagramGraph& g, const QString& name) {
    for (const DiagramNode& n : g.nodes)
        if (n.name == name) return n.id;
    return -1;
}

int scopeId(const DiagramGraph& g, const QString& name) {
    for (const DiagramScope& s : g.scopes)
        if (s.name == name) return s.id;
    return -1;
}

QSet<int> allScopes(const DiagramGraph& g) {
    QSet<int> ids;
    for (const DiagramScope& s : g.scopes) ids.insert(s.id);
    return ids;
}

const DiagramBox& boxOf(const DiagramLayout& l, int node) {
    return l.boxes[l.boxOfNode.value(node)];
}

// The edge from the box showing `from` to the box showing `to`, or null.
const DiagramEdge* edgeBetween(const DiagramLayout& l, int from, int to) {
    for (const DiagramEdge& e : l.edges)
        if (e.fromBox == l.boxOfNode.value(from) && e.toBox == l.boxOfNode.value(to)) return &e;
    return nullptr;
}

const DiagramFrame* frameOf(const DiagramLayout& l, int scope) {
    const int f = l.frameOfScope.value(scope, -1);
    return f >= 0 ? &l.frames[f] : nullptr;
}

QPoint showAt(ArchitectureDiagramView& view, const QPointF& scenePos) {
    view.centerOn(scenePos);
    return view.mapFromScene(scenePos);
}
}  // namespace

class TestArchitectureDiagram : public QObject {
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
    void skipsRunOnLanes();
    void identityColumnForChannelSplit();
    void oddGraphs();
    void collapseAndExpand();
    void clickEmitsActivation();
    void doubleClickAndHandleToggle();
    void edgeToolTipShowsShape();
    void boxToolTip();
    void zoomAndFit();
    void dragPans();
    void exportFiles();
    void largeModelIsFast();
    void screenshots();
};

void TestArchitectureDiagram::everyNodeIsDrawn_data() {
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

void TestArchitectureDiagram::everyNodeIsDrawn() {
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

void TestArchitectureDiagram::textFitsItsBox() {
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

void TestArchitectureDiagram::foldsNormalisationAndActivations() {
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

void TestArchitectureDiagram::branchesStandSideBySide() {
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

void TestArchitectureDiagram::residualArcs() {
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

void TestArchitectureDiagram::squeezeExcitationOnTheRight() {
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

void TestArchitectureDiagram::skipsRunOnLanes() {
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

void TestArchitectureDiagram::identityColumnForChannelSplit() {
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

void TestArchitectureDiagram::oddGraphs() {
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

void TestArchitectureDiagram::largeModelIsFast() {
    const DiagramGraph g = resnet152Like();
    QVERIFY(g.nodes.size() > 500);
    ArchitectureDiagramView view;
    view.resize(900, 700);
    view.setGraph(g);
    QElapsedTimer timer;
    timer.start();
    view.expandAll();
    const QImage image = view.grab().toImage();
    const qint64 ms = timer.elapsed();
    qInfo("ResNet-152-like, all expanded: layout + scene + one view render %lld ms, %d boxes, %d edges", ms,
          int(view.diagramLayout().boxes.size()), int(view.diagramLayout().edges.size()));
    QVERIFY(!image.isNull());
    QVERIFY2(ms < 1000, "far over the 100 ms goal (see bench_diagram for the measurement)");
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

QTEST_MAIN(TestArchitectureDiagram)
#include "test_architecture_diagram.moc"
