#include "widgets/diagram/diagram_tooltips.h"

#include <QCoreApplication>

#include "widgets/diagram/diagram_structure.h"
#include "widgets/diagram/diagram_text.h"

namespace convscope::widgets {

namespace {
struct ArchitectureDiagram {
    Q_DECLARE_TR_FUNCTIONS(ArchitectureDiagram)
};

const DiagramNode& nodeOf(const DiagramGraph& graph, const DiagramIndex& index, int id) {
    return graph.nodes[index.nodes.value(id, 0)];
}

QString label(const DiagramNode& node) {
    return node.name.isEmpty() ? node.type : node.name;
}
}  // namespace

DiagramIndex indexDiagram(const DiagramGraph& graph) {
    DiagramIndex index;
    for (int i = 0; i < graph.nodes.size(); ++i)
        if (!index.nodes.contains(graph.nodes[i].id)) index.nodes.insert(graph.nodes[i].id, i);
    for (int i = 0; i < graph.scopes.size(); ++i)
        if (!index.scopes.contains(graph.scopes[i].id)) index.scopes.insert(graph.scopes[i].id, i);
    return index;
}

QString diagramBoxToolTip(const DiagramGraph& graph, const DiagramIndex& index, const DiagramBox& box,
                          int hitNode) {
    if (box.kind == DiagramBoxKind::Scope) {
        const int s = index.scopes.value(box.scopeId, -1);
        if (s < 0) return {};
        qint64 params = 0;
        for (int id : box.nodeIds) params += nodeOf(graph, index, id).parameters;
        return diagramScopeToolTip(graph.scopes[s], int(box.nodeIds.size()),
                                   nodeOf(graph, index, box.nodeId).shape, params, true, true);
    }
    QString text = diagramNodeToolTip(nodeOf(graph, index, hitNode));
    if (hitNode != box.nodeId || box.nodeIds.size() < 2) return text;
    text += QStringLiteral("\n\n") + ArchitectureDiagram::tr("Folded into this box:");
    for (int k = 1; k < box.nodeIds.size(); ++k) {
        const DiagramNode& n = nodeOf(graph, index, box.nodeIds[k]);
        text += QStringLiteral("\n  ") + n.type + QStringLiteral("  ") + n.name;
        if (n.parameters > 0)
            text += QStringLiteral(" (") + diagramParamsText(n.parameters) + QLatin1Char(')');
    }
    return text;
}

QString diagramEdgeToolTip(const DiagramGraph& graph, const DiagramIndex& index, const DiagramEdge& edge) {
    return diagramEdgeToolTip(edge.shape, label(nodeOf(graph, index, edge.fromNode)),
                              label(nodeOf(graph, index, edge.toNode)));
}

QString diagramFrameToolTip(const DiagramGraph& graph, const DiagramIndex& index, int scopeId) {
    const int s = index.scopes.value(scopeId, -1);
    if (s < 0) return {};
    qint64 params = 0;
    int count = 0;
    int last = -1;
    for (int i = 0; i < graph.nodes.size(); ++i) {
        bool inside = false;  // in the scope or one nested in it (steps bound a parent cycle)
        for (int t = index.scopes.value(graph.nodes[i].scope, -1), steps = 0;
             t > 0 && !inside && steps < graph.scopes.size();
             t = index.scopes.value(graph.scopes[t].parent, -1), ++steps)
            inside = t == s;
        if (!inside) continue;
        params += graph.nodes[i].parameters;
        ++count;
        last = i;
    }
    const QVector<qint64> shape = last >= 0 ? graph.nodes[last].shape : QVector<qint64>();
    return diagramScopeToolTip(graph.scopes[s], count, shape, params,
                               isDiagramCollapsible(graph.scopes[s].kind), false);
}

}  // namespace convscope::widgets
