// The architecture diagram coloured by a value per node (the gradient norms of a training run): the colour
// scale against Viridis' published end colours, a box painted in its value's colour, a folded block in the
// colour of its nodes' combined norm, neutral boxes without a value, the legend in the export, tooltips.
#include <QTest>
#include <cmath>

#include "tests/support/test_main.h"
#include "tests/widgets/diagram/diagram_fixtures.h"
#include "tests/widgets/diagram/diagram_test_helpers.h"
#include "widgets/diagram/diagram_style.h"
#include "widgets/diagram/diagram_value_overlay.h"

using namespace convscope::widgets;
using namespace diagram_fixtures;
using namespace diagram_test;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

int colorDistance(const QColor& a, const QColor& b) {
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

// Values on the mini ResNet's nodes by name; the others have none.
DiagramNodeValues valuesOn(const DiagramGraph& g, const QHash<QString, double>& byName) {
    DiagramNodeValues v;
    v.perNode.fill(kNaN, g.nodes.size());
    for (int i = 0; i < g.nodes.size(); ++i) v.perNode[i] = byName.value(g.nodes[i].name, kNaN);
    v.name = QStringLiteral("gradient norm");
    v.context = QStringLiteral("step 120");
    v.low = 1e-4;
    v.high = 1.0;
    return v;
}

const QHash<QString, double> kNorms = {
    {QStringLiteral("conv1"), 3.2e-4},        {QStringLiteral("bn1"), 1e-3},
    {QStringLiteral("layer1.0.conv1"), 0.02}, {QStringLiteral("layer1.0.bn1"), 0.01},
    {QStringLiteral("layer1.0.conv2"), 0.03}, {QStringLiteral("layer1.0.bn2"), 0.04},
    {QStringLiteral("layer2.0.conv1"), 0.5},  {QStringLiteral("fc"), 0.8}};

// The pixel of `image` (renderDiagram at `scale`) at a scene position.
QColor pixelAt(const QImage& image, const ArchitectureDiagramView& view, const QPointF& scenePos,
               double scale) {
    const QPointF p = (scenePos - view.sceneRect().topLeft()) * scale;
    return image.pixelColor(int(p.x()), int(p.y()));
}

// A point inside a box's body, left of its text and right of its border.
QPointF insideBody(const QRectF& body) {
    return {body.left() + 3.5, body.center().y()};
}

}  // namespace

class TestDiagramValues : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scaleIsViridisOverLog10() {
        DiagramValueOverlay o(miniResNet(), valuesOn(miniResNet(), kNorms));
        QVERIFY(o.isActive());
        // Viridis' published ends: #440154 and #fde725; the middle of the log scale (0.01) is its teal.
        QVERIFY(colorDistance(o.colorFor(1e-4), QColor(0x44, 0x01, 0x54)) <= 6);
        QVERIFY(colorDistance(o.colorFor(1.0), QColor(0xfd, 0xe7, 0x25)) <= 6);
        QVERIFY(colorDistance(o.colorFor(0.01), QColor(0x21, 0x91, 0x8c)) <= 12);
        QCOMPARE(o.colorFor(1e-7), o.colorFor(1e-4));  // clamped
        QCOMPARE(o.colorFor(0.0), o.colorFor(1e-4));   // a zero gradient is the low end
        QCOMPARE(o.colorFor(50.0), o.colorFor(1.0));
        QVERIFY(!o.colorFor(kNaN).isValid());
        QCOMPARE(o.scalePosition(1e-3), 0.25);
        QCOMPARE(o.inkOn(o.colorFor(1e-4)), QColor(255, 255, 255));  // white on violet
        QCOMPARE(o.inkOn(o.colorFor(1.0)).lightness() < 60, true);   // black on yellow
        QCOMPARE(diagramPlainNumber(1e-4), QStringLiteral("0.0001"));
        QCOMPARE(diagramPlainNumber(2.5e-4), QStringLiteral("0.00025"));
        QCOMPARE(diagramPlainNumber(1.0), QStringLiteral("1"));
        QCOMPARE(diagramValueText(3.2e-4), QStringLiteral("3.2e\u22124"));
        QCOMPARE(diagramValueText(9.96e-5), QStringLiteral("1e\u22124"));
        QCOMPARE(diagramValueText(0.0548), QStringLiteral("0.055"));
        QCOMPARE(diagramValueText(25000.0), QStringLiteral("2.5e4"));
        // A values vector of another length is not taken.
        DiagramNodeValues wrong = valuesOn(miniResNet(), kNorms);
        wrong.perNode.removeLast();
        QVERIFY(!DiagramValueOverlay(miniResNet(), wrong).isActive());
    }

    void boxesArePaintedInTheirValuesColour() {
        const DiagramGraph g = miniResNet();
        ArchitectureDiagramView view;
        view.setGraph(g);
        view.expandAll();
        view.setNodeValues(valuesOn(g, kNorms));
        QVERIFY(view.hasNodeValues());
        const double scale = 2.0;
        const QImage image = view.renderDiagram(scale);
        const DiagramLayout& l = view.diagramLayout();
        const DiagramValueOverlay& o = view.nodeValues();
        for (const QString& name :
             {QStringLiteral("conv1"), QStringLiteral("layer1.0.conv2"), QStringLiteral("fc")}) {
            const DiagramBox& box = boxOf(l, nodeId(g, name));
            const QColor want = o.colorFor(kNorms.value(name));
            QVERIFY2(colorDistance(pixelAt(image, view, insideBody(box.body), scale), want) <= 6,
                     qPrintable(name));
        }
        // Pooling has no parameters: neutral grey, not its own green.
        const DiagramBox& pool = boxOf(l, nodeId(g, QStringLiteral("avgpool")));
        QVERIFY(colorDistance(pixelAt(image, view, insideBody(pool.body), scale),
                              DiagramValueOverlay::neutralFill()) <= 6);
        // The legend is in the picture: its bar holds the low end's violet.
        QVERIFY(!view.legendRect().isNull());
        QVERIFY(view.sceneRect().contains(view.legendRect()));
        bool violet = false;
        for (int y = 0; y < image.height() && !violet; ++y)
            for (int x = 0; x < image.width() && !violet; ++x) {
                const QPointF scene = view.sceneRect().topLeft() + QPointF(x, y) / scale;
                violet = view.legendRect().contains(scene) &&
                         colorDistance(image.pixelColor(x, y), QColor(0x44, 0x01, 0x54)) <= 12;
            }
        QVERIFY(violet);
        saveShot(image, QStringLiteral("diagram_values_mini_resnet.png"));

        // Cleared: the diagram's own colours again, no legend.
        view.clearNodeValues();
        QVERIFY(view.legendRect().isNull());
        const QImage plain = view.renderDiagram(scale);
        const DiagramBox& conv = boxOf(view.diagramLayout(), nodeId(g, QStringLiteral("conv1")));
        QVERIFY(colorDistance(pixelAt(plain, view, insideBody(conv.body), scale),
                              diagramTypeColors(QStringLiteral("Conv2d")).fill) <= 6);
    }

    void foldedBlockShowsTheCombinedNorm() {
        const DiagramGraph g = miniResNet();
        ArchitectureDiagramView view;
        view.setGraph(g);
        view.expandAll();
        view.setNodeValues(valuesOn(g, kNorms));
        view.setExpanded(QStringLiteral("layer1.0"), false);  // the values stay through the rebuild
        QVERIFY(view.hasNodeValues());
        const int block = scopeId(g, QStringLiteral("layer1.0"));
        const DiagramBox& box = view.diagramLayout().boxes[view.diagramLayout().boxOfScope.value(block)];
        const double expected = std::sqrt(0.02 * 0.02 + 0.01 * 0.01 + 0.03 * 0.03 + 0.04 * 0.04);
        QVERIFY(std::abs(view.nodeValues().boxValue(box) - expected) < 1e-12);
        QVERIFY(std::abs(view.nodeValues().scopeValue(block) - expected) < 1e-12);
        // Stage 2 holds layer2.0.conv1 only.
        QCOMPARE(view.nodeValues().scopeValue(scopeId(g, QStringLiteral("layer2"))), 0.5);
        const double scale = 2.0;
        const QImage image = view.renderDiagram(scale);
        QVERIFY(colorDistance(pixelAt(image, view, insideBody(box.body), scale),
                              view.nodeValues().colorFor(expected)) <= 6);

        // Its tooltip says the combined norm, how many layers it combines and the step.
        view.resize(700, 600);
        const QPoint at = showAt(view, QPointF(box.body.left() + 3.5, box.body.center().y()));
        const QString tip = view.toolTipAt(at);
        QVERIFY2(tip.contains(QStringLiteral("Gradient norm 0.055")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("4 layers")) && tip.contains(QStringLiteral("step 120")),
                 qPrintable(tip));
        // A node's own tooltip: "Gradient norm 3.2e−4 (step 120)".
        const DiagramBox& conv = boxOf(view.diagramLayout(), nodeId(g, QStringLiteral("conv1")));
        const QString convTip =
            view.toolTipAt(showAt(view, QPointF(conv.body.left() + 3.5, conv.body.center().y())));
        QVERIFY2(convTip.contains(QStringLiteral("Gradient norm 3.2e\u22124 (step 120)")),
                 qPrintable(convTip));

        // Another graph clears the values (they were per node of this one).
        view.setGraph(inceptionLike());
        QVERIFY(!view.hasNodeValues());
    }
};

CONVSCOPE_TEST_MAIN(TestDiagramValues)
#include "test_diagram_values.moc"
