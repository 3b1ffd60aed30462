// The Architecture diagram coloured by a training run's gradient norms: the parameters of a real ResNet-20
// (as LibTorch names them, "layer2_1.bn1.weight") placed on the nodes of its traced diagram ("layer2.1.bn1"),
// node norms and folded blocks against sums computed here from the names alone, a frame of another model,
// and the panel's switch with its throttled repaint.
#include <torch/torch.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/architecture/architecture_panel.h"
#include "app/gui/architecture/gradient_colouring.h"
#include "app/gui/architecture/gradient_overlay.h"
#include "app/gui/bridge/architecture_bridge.h"
#include "app/gui/shell/main_window.h"
#include "app/gui/training/training_form.h"
#include "app/gui/training/training_panel.h"
#include "core/nn/graph/architecture_description.h"
#include "core/nn/models/model_factory.h"
#include "tests/support/test_main.h"
#include "widgets/diagram/architecture_diagram_view.h"

using namespace convscope;
using namespace convscope::gui;

namespace {

nn::ModelConfig resnet20() {
    nn::ModelConfig c;
    c.name = "resnet20";
    c.inChannels = 1;
    c.classes = 10;
    c.inputSize = 28;
    return c;
}

// Every trainable parameter of the real model, each with a norm of its own over six decades.
InstrumentFrame syntheticFrame(qint64 step) {
    InstrumentFrame f;
    f.step = step;
    f.epoch = 2;
    nn::Classifier model = nn::makeModel(resnet20());
    int k = 0;
    for (const auto& p : model->named_parameters()) {
        f.parameters << QString::fromStdString(p.key());
        f.gradNorms << std::pow(10.0, -(k % 6)) * (1.0 + 0.37 * k);
        ++k;
    }
    return f;
}

// The norm of all the frame's parameters whose name starts with `prefix`, from the names alone.
double normOfPrefix(const InstrumentFrame& f, const QString& prefix) {
    double sum = 0;
    for (int i = 0; i < f.parameters.size(); ++i)
        if (f.parameters[i].startsWith(prefix)) sum += f.gradNorms[i] * f.gradNorms[i];
    return std::sqrt(sum);
}

double normOf(const InstrumentFrame& f, const QString& name) {
    const int i = int(f.parameters.indexOf(name));
    return i < 0 ? std::nan("") : f.gradNorms[i];
}

int nodeIndex(const widgets::DiagramGraph& g, const QString& name) {
    for (int i = 0; i < g.nodes.size(); ++i)
        if (g.nodes[i].name == name) return i;
    return -1;
}

int scopeId(const widgets::DiagramGraph& g, const QString& name) {
    for (const widgets::DiagramScope& s : g.scopes)
        if (s.name == name) return s.id;
    return -1;
}

bool near(double a, double b) {
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

}  // namespace

class TestGradientOverlay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_graph = toDiagramGraph(nn::describeArchitecture(resnet20()));
        m_frame = syntheticFrame(120);
        QVERIFY(m_frame.parameters.contains(QStringLiteral("layer2_1.bn1.weight")));
    }

    void parametersLandOnTheirNodes() {
        QCOMPARE(GradientOverlay::moduleOf(QStringLiteral("layer1_0.conv1.weight")),
                 QStringLiteral("layer1_0.conv1"));
        QCOMPARE(GradientOverlay::moduleOf(QStringLiteral("weight")), QString());
        const GradientOverlay o = GradientOverlay::map(m_graph, m_frame);
        QCOMPARE(o.parameters, int(m_frame.parameters.size()));
        QCOMPARE(o.matched, o.parameters);  // every parameter of ResNet-20 is on a node
        QVERIFY(o.message().isEmpty());
        QCOMPARE(o.perNode.size(), m_graph.nodes.size());
        // A convolution has its weight alone; a batch norm weight and bias together; fc likewise.
        const auto at = [&](const char* n) { return o.perNode[nodeIndex(m_graph, QString::fromLatin1(n))]; };
        QVERIFY(near(at("layer1.0.conv1"), normOf(m_frame, QStringLiteral("layer1_0.conv1.weight"))));
        const double bn = std::hypot(normOf(m_frame, QStringLiteral("layer2_1.bn1.weight")),
                                     normOf(m_frame, QStringLiteral("layer2_1.bn1.bias")));
        QVERIFY(near(at("layer2.1.bn1"), bn));
        QVERIFY(near(at("fc"), std::hypot(normOf(m_frame, QStringLiteral("fc.weight")),
                                          normOf(m_frame, QStringLiteral("fc.bias")))));
        QVERIFY(near(at("conv1"), normOf(m_frame, QStringLiteral("conv1.weight"))));
        // Nodes without parameters have no value.
        QVERIFY(std::isnan(at("layer1.0.add")));
        QVERIFY(std::isnan(at("avgpool")));
        // Every node with parameters has one; the scale spans whole decades around them.
        for (int i = 0; i < m_graph.nodes.size(); ++i)
            QCOMPARE(std::isnan(o.perNode[i]), m_graph.nodes[i].parameters == 0);
        QVERIFY(o.low > 0 && o.high > o.low);
        QVERIFY(near(std::log10(o.low), std::round(std::log10(o.low))));
        for (double v : o.perNode)
            if (!std::isnan(v)) QVERIFY(v >= o.low && v <= o.high);
        QCOMPARE(o.values().context, QStringLiteral("step 120 · epoch 2"));
    }

    void foldedBlocksShowTheirParametersNorm() {
        widgets::ArchitectureDiagramView view;
        view.setGraph(m_graph);
        view.setNodeValues(GradientOverlay::map(m_graph, m_frame).values());
        const widgets::DiagramLayout& l = view.diagramLayout();
        for (const char* block : {"layer1.0", "layer2.1", "layer3.2"}) {
            const int id = scopeId(m_graph, QString::fromLatin1(block));
            QVERIFY(l.boxOfScope.contains(id));  // ResNet-20's blocks start folded
            QString prefix =
                QString::fromLatin1(block).replace(QLatin1Char('.'), QLatin1Char('_')) + QLatin1Char('.');
            const double want = normOfPrefix(m_frame, prefix);
            QVERIFY2(near(view.nodeValues().boxValue(l.boxes[l.boxOfScope.value(id)]), want), block);
        }
        QVERIFY(near(view.nodeValues().scopeValue(scopeId(m_graph, QStringLiteral("layer3"))),
                     normOfPrefix(m_frame, QStringLiteral("layer3_"))));
    }

    void anotherModelIsSaid() {
        InstrumentFrame other;
        other.step = 5;
        other.parameters << QStringLiteral("features.0.weight") << QStringLiteral("classifier.6.bias");
        other.gradNorms << 0.1 << 0.2;
        const GradientOverlay o = GradientOverlay::map(m_graph, other);
        QCOMPARE(o.matched, 0);
        QVERIFY(o.message().contains(QStringLiteral("another model")));

        widgets::ArchitectureDiagramView view;
        view.setGraph(m_graph);
        GradientColouring colouring(&view);
        colouring.toggle()->setChecked(true);
        QVERIFY(!colouring.label()->isHidden());  // on, but nothing trained yet: it says so
        colouring.showFrame(other);
        QTRY_VERIFY(colouring.label()->text().contains(QStringLiteral("another model")));
        QVERIFY(!view.hasNodeValues());
    }

    void aModelSharingSomeNamesIsNotColoured() {
        // The run's parameters plus one the diagram lacks (another, larger model with the same first
        // layers): nothing is coloured, and the sentence says why.
        InstrumentFrame larger = m_frame;
        larger.parameters << QStringLiteral("layer4_0.conv1.weight");
        larger.gradNorms << 0.5;
        larger.weightParameters = larger.parameters;
        const GradientOverlay o = GradientOverlay::map(m_graph, larger);
        QCOMPARE(o.unplaced, 1);
        QVERIFY(!o.sameModel());
        QVERIFY(o.message().contains(QStringLiteral("another model")));
        // A smaller model whose names all exist here: the boxes it lacks give it away.
        InstrumentFrame smaller = m_frame;
        smaller.parameters = m_frame.parameters.mid(0, 4);
        smaller.gradNorms = m_frame.gradNorms.mid(0, 4);
        smaller.weightParameters = smaller.parameters;
        const GradientOverlay s = GradientOverlay::map(m_graph, smaller);
        QCOMPARE(s.unplaced, 0);
        QVERIFY(s.emptyNodes > 0);
        QVERIFY(!s.sameModel());

        widgets::ArchitectureDiagramView view;
        view.setGraph(m_graph);
        GradientColouring colouring(&view);
        colouring.toggle()->setChecked(true);
        colouring.showFrame(larger);
        QTRY_VERIFY(colouring.label()->text().contains(QStringLiteral("another model")));
        QVERIFY(!view.hasNodeValues());
        // The run's own model is coloured, with no sentence.
        colouring.showFrame(m_frame);
        QTRY_VERIFY(view.hasNodeValues());
        QVERIFY(colouring.label()->isHidden());
    }

    void panelColoursItsDiagram() {
        ArchitecturePanel panel;
        panel.resize(1200, 800);
        panel.show();
        ArchitectureRequest r;
        r.model = QStringLiteral("resnet20");
        r.inChannels = 1;
        r.classes = 10;
        r.inputSize = 28;
        r.imagenetStem = false;
        panel.showModel(r);
        QTRY_VERIFY_WITH_TIMEOUT(panel.result() && panel.result()->request.model == "resnet20", 60000);
        GradientColouring* colouring = panel.gradientColouring();
        // Frames arrive while the switch is off: kept, not shown; switching on shows the latest at once.
        panel.showInstruments(syntheticFrame(10));
        panel.showInstruments(m_frame);
        QVERIFY(!panel.diagram()->hasNodeValues());
        colouring->toggle()->setChecked(true);
        QVERIFY(panel.diagram()->hasNodeValues());
        QVERIFY(colouring->label()->isHidden());
        QCOMPARE(panel.diagram()->nodeValues().values().context, QStringLiteral("step 120 · epoch 2"));
        // Several frames in a burst: the diagram follows the last one, once the throttle lets it.
        panel.showInstruments(syntheticFrame(130));
        panel.showInstruments(syntheticFrame(140));
        QTRY_COMPARE(panel.diagram()->nodeValues().values().context, QStringLiteral("step 140 · epoch 2"));
        const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
        if (!dir.isEmpty()) {
            panel.diagram()->exportPng(dir + QStringLiteral("/resnet20_gradients_export.png"));
            panel.grab().save(dir + QStringLiteral("/resnet20_gradients_panel.png"));
            // Scrolled down, the legend stays in the view's corner.
            panel.diagram()->centerOn(panel.diagram()->sceneRect().bottomLeft());
            panel.diagram()->grab().save(dir + QStringLiteral("/resnet20_gradients_scrolled.png"));
        }
        // The switch is remembered (the test's own settings home).
        panel.saveState();
        ArchitecturePanel again;
        QVERIFY(!again.gradientColouring()->toggle()->isChecked());
        again.restoreState();
        QVERIFY(again.gradientColouring()->toggle()->isChecked());
        colouring->toggle()->setChecked(false);
        QVERIFY(!panel.diagram()->hasNodeValues());
    }

    void mainWindowSendsTheRunsGradients() {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir noSamples;
        MainWindow w(noSamples.filePath("none"));
        // The Training form's model opens in the Architecture panel; the run's frames colour its diagram.
        QComboBox* model = w.trainingPanel()->form()->modelCombo();
        model->setCurrentIndex(model->findData(QStringLiteral("resnet20")));
        ArchitecturePanel* a = w.architecturePanel();
        QTRY_VERIFY_WITH_TIMEOUT(a->result() && a->result()->request.model == "resnet20", 60000);
        a->gradientColouring()->toggle()->setChecked(true);
        Q_EMIT w.trainingPanel()->instrumentsAvailable(m_frame);
        QTRY_VERIFY(a->diagram()->hasNodeValues());
        QCOMPARE(a->diagram()->nodeValues().values().context, QStringLiteral("step 120 · epoch 2"));
    }

    // For looking at it: CONVSCOPE_GRADIENT_RUN=model:metrics.jsonl (a run of `convscope-cli train
    // --metrics`) colours that model's diagram by the first logged step's gradient norms and saves it into
    // CONVSCOPE_SHOT_DIR, unfolded and folded.
    void realRunShots() {
        const QString run = qEnvironmentVariable("CONVSCOPE_GRADIENT_RUN");
        const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
        if (run.isEmpty() || dir.isEmpty()) QSKIP("CONVSCOPE_GRADIENT_RUN and CONVSCOPE_SHOT_DIR not set");
        const QString model = run.section(QLatin1Char(':'), 0, 0);
        QFile file(run.section(QLatin1Char(':'), 1));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        InstrumentFrame frame;
        frame.step = line.value(QStringLiteral("step")).toInteger();
        frame.epoch = line.value(QStringLiteral("epoch")).toInt();
        const QJsonObject norms = line.value(QStringLiteral("grad_norms")).toObject();
        for (auto it = norms.begin(); it != norms.end(); ++it) {
            frame.parameters << it.key();
            frame.gradNorms << it.value().toDouble();
        }
        nn::ModelConfig config = resnet20();
        config.name = model.toStdString();
        const widgets::DiagramGraph graph = toDiagramGraph(nn::describeArchitecture(config));
        const GradientOverlay o = GradientOverlay::map(graph, frame);
        QCOMPARE(o.matched, o.parameters);
        widgets::ArchitectureDiagramView view;
        view.setGraph(graph);
        view.setNodeValues(o.values());
        view.exportPng(dir + QLatin1Char('/') + model + QStringLiteral("_folded.png"));
        view.expandAll();
        view.exportPng(dir + QLatin1Char('/') + model + QStringLiteral("_expanded.png"));
    }

private:
    widgets::DiagramGraph m_graph;
    InstrumentFrame m_frame;
};

CONVSCOPE_TEST_MAIN(TestGradientOverlay)
#include "test_gradient_overlay.moc"
