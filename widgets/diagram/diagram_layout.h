#pragma once

#include <QHash>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_structure.h"
#include "widgets/diagram/diagram_style.h"

namespace convscope::widgets {

/// The architecture diagram laid out top to bottom, in scene coordinates, as plain values: what
/// DiagramItems paint and what tests check without a view. Text positions are baselines measured with the
/// fonts in DiagramFonts, so that painting with those fonts never clips.

enum class DiagramBoxKind { Node, Merge, Scope };

/// An operation folded into the box of the one before it ("BN", "ReLU"): its own clickable chip.
struct DiagramTag {
    int nodeId = -1;
    QString type;   ///< the tagged node's type ("BatchNorm2d")
    QString label;  ///< "BN"
    QRectF rect;
    QPointF textPos;
};

struct DiagramBox {
    DiagramBoxKind kind = DiagramBoxKind::Node;
    QRectF rect;           ///< what it covers (a merge: circle and label), for hit tests and overlap checks
    QRectF body;           ///< the drawn rectangle, or a merge's circle
    int nodeId = -1;       ///< the boxed node; a collapsed scope: the node whose output leaves it
    int scopeId = -1;      ///< Scope boxes: the collapsed scope
    QVector<int> nodeIds;  ///< every node it stands for, in execution order
    QString type;          ///< the boxed node's type ("Conv2d"); empty for a scope
    QString title;         ///< "Conv2d 3×3 /2", a scope's title; empty for a merge (its glyph is drawn)
    QString subtitle;      ///< "64×56×56"; a scope: "64×56×56 · 74.0 k params"; a merge: its shape
    QString mergeTags;     ///< a merge: the folded activations ("ReLU"), written by its circle
    QPointF titlePos;
    QPointF subtitlePos;
    QPointF mergeTagsPos;
    QVector<DiagramTag> tags;
    QRectF handle;  ///< Scope boxes: the "+" that expands it
};

struct DiagramFrame {
    int scopeId = -1;
    DiagramScopeKind kind = DiagramScopeKind::Block;
    int depth = 1;  ///< 1 for the model's children
    QRectF rect;
    QRectF header;  ///< the band at the top holding handle, title and name
    QString title;
    QStringList titleLines;  ///< the title wrapped to stay left of the line crossing the header
    QPointF titlePos;        ///< baseline of the first line; the others follow at lineHeight
    double lineHeight = 0;
    QString name;  ///< the dotted path, when it fits beside the title
    QPointF namePos;
    QRectF handle;  ///< the "−" that collapses it; empty when it cannot be collapsed
};

struct DiagramEdge {
    int fromBox = -1;
    int toBox = -1;
    int fromNode = -1;  ///< node id of the tensor's producer
    int toNode = -1;    ///< node id of its (first) consumer in the target box
    DiagramRouteKind kind = DiagramRouteKind::Flow;
    QPainterPath path;
    QPointF tip;        ///< where the arrowhead points
    QPointF direction;  ///< unit vector of the arrow at the tip
    QVector<qint64> shape;
};

struct DiagramLayout {
    QVector<DiagramBox> boxes;
    QVector<DiagramEdge> edges;
    QVector<DiagramFrame> frames;  ///< outer frames before the frames inside them
    QString title;
    QPointF titlePos;
    QRectF bounds;                 ///< everything, with a margin
    QHash<int, int> boxOfNode;     ///< node id → box index
    QHash<int, int> frameOfScope;  ///< scope id → frame index (expanded scopes)
    QHash<int, int> boxOfScope;    ///< scope id → box index (collapsed scopes)
};

/// Lays out `graph` with the scopes whose ids are in `collapsedScopeIds` (stages and blocks only) drawn as
/// one box. O(nodes × nesting depth); a 520-node ResNet-152 takes a few milliseconds.
DiagramLayout layoutDiagram(const DiagramGraph& graph, const QSet<int>& collapsedScopeIds,
                            const DiagramFonts& fonts);
}  // namespace convscope::widgets
