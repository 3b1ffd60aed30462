#pragma once

#include <QPair>
#include <QSet>
#include <QVector>

#include "widgets/diagram/diagram_graph.h"

namespace convscope::widgets {

/// The architecture diagram's first step, without geometry: which nodes share a box, how boxes nest into
/// columns, frames and side-by-side groups, and how each connection will be routed. Indices below are
/// positions in DiagramGraph::nodes and ::scopes (not ids); everything is O(nodes × nesting depth).

/// One box: an operation with the normalisation and activations that follow it folded in, or a collapsed
/// scope standing for all of its nodes.
struct DiagramUnit {
    int primary = -1;    ///< node index of the boxed operation; -1 for a collapsed scope
    int scope = -1;      ///< scope index of a collapsed scope; -1 otherwise
    QVector<int> nodes;  ///< node indices it stands for, in execution order (primary first)
};

enum class DiagramItemKind { Unit, Frame, Parallel };
/// Why columns stand side by side. Branches: parallel paths merged below (spine centred). Residual: the
/// residual arc (empty, or holding the Shortcut) left of the main column. SidePath: squeeze-and-excitation
/// right of an empty main column.
enum class DiagramParallelRole { Branches, Residual, SidePath };

struct DiagramItem {
    DiagramItemKind kind = DiagramItemKind::Unit;
    int unit = -1;         ///< Unit
    int scope = -1;        ///< Frame: the scope it draws
    int inner = -1;        ///< Frame: the column inside it
    QVector<int> columns;  ///< Parallel: left to right; an empty one is a pass-through line
    int spine = -1;        ///< Parallel: the column the main line runs through; -1 for the middle
    DiagramParallelRole role = DiagramParallelRole::Branches;
    int column = -1;  ///< the column holding this item
    int index = -1;   ///< its position in that column
};

/// Items stacked top to bottom on one vertical line (the spine).
struct DiagramColumn {
    QVector<int> items;
    int owner = -1;  ///< the Frame or Parallel item it belongs to; -1 for the root column
};

/// A connection between two boxes; `fromNode` → `toNode` is the first node-level edge it stands for.
struct DiagramLink {
    int from = -1;
    int to = -1;
    int fromNode = -1;
    int toNode = -1;
};

/// Flow: from one item to the next in a column (straight, or bending into and out of parallel columns).
/// Pass: past a group through its empty column (the identity arc). Skip: along a lane left of the column.
/// Direct: a straight line, for what fits no pattern (between parallel columns).
enum class DiagramRouteKind { Flow, Pass, Skip, Direct };

struct DiagramRoute {
    DiagramRouteKind kind = DiagramRouteKind::Direct;
    int column = -1;         ///< the lowest column holding both ends
    int fromItem = -1;       ///< index there of the item holding the source
    int toItem = -1;         ///< ... and of the item holding the target
    int passItem = -1;       ///< Pass: the Parallel item whose empty column it runs through
    int lane = -1;           ///< Skip: 0 is the lane nearest to the column
    bool fromExit = true;    ///< whether the source is the last box of its item (else it leaves mid-way)
    bool sideEntry = false;  ///< ends horizontally in the side of a merge circle
};

struct DiagramStructure {
    QVector<int> nodeScope;            ///< scope index per node
    QVector<QVector<int>> nodeInputs;  ///< earlier node indices per node
    QVector<int> scopeParent;          ///< -1 for the root (index 0)
    QVector<DiagramScopeKind> scopeKind;
    QVector<bool> collapsed;  ///< per scope: drawn as one box (itself or an ancestor)
    QVector<DiagramUnit> units;
    QVector<int> unitOfNode;
    QVector<DiagramItem> items;
    QVector<DiagramColumn> columns;  ///< columns[0] is the root
    QVector<int> itemOfUnit;
    QVector<DiagramLink> links;
    QVector<DiagramRoute> routes;  ///< one per link
    QVector<int> laneCount;        ///< per column: skip lanes to its left
    QVector<int> mergeSide;        ///< per unit: +1 when a side path enters its circle from the right

    /// (column, index) pairs from the root column down to the unit's own item.
    QVector<QPair<int, int>> pathOf(int unit) const;
    bool isPassThrough(int item) const;  ///< a Parallel with an empty column
    bool isMergeUnit(int unit, const DiagramGraph& graph) const;
};

/// Stages and blocks can be collapsed into one box; branches, side paths and shortcuts cannot.
bool isDiagramCollapsible(DiagramScopeKind kind);
/// The initial state: everything expanded for small models; for models of more than 60 nodes every block
/// collapsed (stages stay expanded), so that a 150-layer net opens as a readable overview.
QSet<int> defaultCollapsedScopes(const DiagramGraph& graph);
/// The nodes are matched to scopes by id; unknown scope ids fall back to the root, unknown or later input
/// ids are ignored, so any graph gives a structure.
DiagramStructure buildDiagramStructure(const DiagramGraph& graph, const QSet<int>& collapsedScopeIds);
/// The last step of buildDiagramStructure (diagram_links.cpp): one link per pair of connected boxes, how
/// each is routed, and the skip lanes each column needs.
void planDiagramRoutes(const DiagramGraph& graph, DiagramStructure& s);

}  // namespace convscope::widgets
