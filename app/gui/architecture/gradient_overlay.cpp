#include "app/gui/architecture/gradient_overlay.h"

#include <QCoreApplication>
#include <QHash>
#include <cmath>
#include <limits>

namespace convscope::gui {

namespace {
struct GradientOverlayText {
    Q_DECLARE_TR_FUNCTIONS(GradientOverlayText)
};

QString relaxedNodeName(QString name) {
    return name.replace(QLatin1Char('_'), QLatin1Char('.'));
}

// Name → node index; a module run twice keeps its first node that has parameters (else its first node).
void addNodeName(QHash<QString, int>& map, const QString& name, int index,
                 const widgets::DiagramGraph& graph) {
    const auto it = map.constFind(name);
    if (it == map.constEnd()) {
        map.insert(name, index);
    } else if (graph.nodes[*it].parameters == 0 && graph.nodes[index].parameters > 0) {
        map.insert(name, index);
    }
}
}  // namespace

QString GradientOverlay::moduleOf(const QString& parameter) {
    const int dot = parameter.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : parameter.left(dot);
}

GradientOverlay GradientOverlay::map(const widgets::DiagramGraph& graph, const InstrumentFrame& frame) {
    GradientOverlay o;
    o.step = frame.step;
    o.epoch = frame.epoch;
    o.parameters = int(std::min(frame.parameters.size(), frame.gradNorms.size()));
    QHash<QString, int> exact;
    QHash<QString, int> relaxed;
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const QString& name = graph.nodes[i].name;
        if (name.isEmpty()) continue;
        addNodeName(exact, name, i, graph);
        addNodeName(relaxed, relaxedNodeName(name), i, graph);
    }
    const auto nodeOf = [&](const QString& parameter) {
        int node = -1;
        for (QString module = moduleOf(parameter); node < 0 && !module.isEmpty(); module = moduleOf(module))
            node = exact.value(module, relaxed.value(relaxedNodeName(module), -1));
        return node;
    };
    // Is the diagram the run's model? Every parameter of the run (frozen ones too: weightParameters) has a
    // box, and every box with parameters has one of the run's. A diagram of another model that shares some
    // names (ResNet-18's conv1 and layer1_0 with a CIFAR ResNet's) is not coloured: that would show one
    // network's gradients on another.
    const QStringList& all = frame.weightParameters.isEmpty() ? frame.parameters : frame.weightParameters;
    QVector<bool> covered(graph.nodes.size(), false);
    for (const QString& name : all) {
        const int node = nodeOf(name);
        if (node < 0)
            ++o.unplaced;
        else
            covered[node] = true;
    }
    for (int i = 0; i < graph.nodes.size(); ++i)
        if (graph.nodes[i].parameters > 0 && !covered[i]) ++o.emptyNodes;
    QVector<double> sumOfSquares(graph.nodes.size(), -1.0);  // -1: no parameter placed on the node
    for (int p = 0; p < o.parameters; ++p) {
        const double norm = frame.gradNorms[p];
        const int node = nodeOf(frame.parameters[p]);
        if (node < 0) continue;
        ++o.matched;
        if (sumOfSquares[node] < 0) sumOfSquares[node] = 0;
        if (std::isfinite(norm)) sumOfSquares[node] += norm * norm;
    }
    o.perNode.fill(std::numeric_limits<double>::quiet_NaN(), graph.nodes.size());
    double lo = std::numeric_limits<double>::infinity();
    double hi = 0;
    for (int i = 0; i < graph.nodes.size(); ++i) {
        if (sumOfSquares[i] < 0) continue;
        o.perNode[i] = std::sqrt(sumOfSquares[i]);
        if (o.perNode[i] > 0) {
            lo = std::min(lo, o.perNode[i]);
            hi = std::max(hi, o.perNode[i]);
        }
    }
    // Whole decades, so that the scale moves only when a norm crosses one (frames come several times a
    // second) and its ends read as plain numbers.
    if (hi > 0) {
        o.low = std::pow(10.0, std::floor(std::log10(lo)));
        o.high = std::pow(10.0, std::ceil(std::log10(hi)));
        if (o.high <= o.low) o.high = o.low * 10;
    } else {
        o.low = 1e-4;
        o.high = 1.0;
    }
    return o;
}

widgets::DiagramNodeValues GradientOverlay::values() const {
    widgets::DiagramNodeValues v;
    v.perNode = perNode;
    v.name = GradientOverlayText::tr("gradient norm");
    v.context = GradientOverlayText::tr("step %1 · epoch %2").arg(step).arg(epoch);
    v.low = low;
    v.high = high;
    return v;
}

QString GradientOverlay::message() const {
    if (parameters == 0)
        return GradientOverlayText::tr("No gradients yet: they come at the logged steps of a run training.");
    if (matched == 0)
        return GradientOverlayText::tr(
                   "The run's gradients are for another model: none of its %1 parameters is in this diagram.")
            .arg(parameters);
    if (!sameModel())
        return GradientOverlayText::tr(
                   "The run trains another model than this diagram shows (%1 of its parameters have no box "
                   "here, %2 boxes with parameters are not in the run): choose the run's model to colour it.")
            .arg(unplaced)
            .arg(emptyNodes);
    return {};
}

}  // namespace convscope::gui
