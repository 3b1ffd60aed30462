#pragma once

#include <QHash>
#include <QString>

#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_layout.h"

namespace convscope::widgets {

/// What the architecture diagram's tooltips say about a box, an edge or a frame, from the graph.

/// Nodes and scopes by id; the first of duplicate ids wins, as in the layout.
struct DiagramIndex {
    QHash<int, int> nodes;
    QHash<int, int> scopes;
};
DiagramIndex indexDiagram(const DiagramGraph& graph);

/// The node `hitNode` (a tag's node when the pointer is on its chip); on the box itself also the nodes
/// folded into it, so that the fold hides nothing. A collapsed scope: its summary.
QString diagramBoxToolTip(const DiagramGraph& graph, const DiagramIndex& index, const DiagramBox& box,
                          int hitNode);
/// The tensor's shape, then "source → target".
QString diagramEdgeToolTip(const DiagramGraph& graph, const DiagramIndex& index, const DiagramEdge& edge);
/// An expanded scope: title, kind, operation count, output shape and parameters of everything inside it.
QString diagramFrameToolTip(const DiagramGraph& graph, const DiagramIndex& index, int scopeId);

}  // namespace convscope::widgets
