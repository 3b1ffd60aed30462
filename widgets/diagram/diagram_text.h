#pragma once

#include <QString>
#include <QVector>
#include <QtGlobal>

#include "widgets/diagram/diagram_graph.h"

namespace convscope::widgets {

/// The words the architecture diagram writes: box labels, tags and tooltips.

/// "64×56×56"; "1000" for features; "?" when the shape is unknown.
QString diagramShapeText(const QVector<qint64>& shape);
/// What a box says about its node besides the type, shortened the way papers write it: "3×3 /2" for
/// "3×3, stride 2, pad 1, 64→128", "3×3 /2 dw" for a depthwise one, "512→1000" for a linear layer.
QString diagramShortDetail(const QString& type, const QString& detail);
/// Operations drawn as a tag on the box of the operation before them ("BatchNorm2d", "ReLU", ...).
bool isDiagramTagType(const QString& type);
/// Operations drawn as a small circle: "Add", "Concat", "Multiply".
bool isDiagramMergeType(const QString& type);
/// The tag's text: "BN" for BatchNorm2d, the type otherwise.
QString diagramTagLabel(const QString& type);
/// "0 params", "36,928 params", "11.7 M params".
QString diagramParamsText(qint64 parameters);
/// "Block", "Stage", ...
QString diagramScopeKindText(DiagramScopeKind kind);

/// Tooltip lines for one node: name, type and detail, output shape, parameters with their arithmetic,
/// multiply-accumulates and receptive field.
QString diagramNodeToolTip(const DiagramNode& node);
/// Tooltip for a scope: its title, name, kind, node count, output shape and parameter total, plus how to
/// expand or collapse it when it can be.
QString diagramScopeToolTip(const DiagramScope& scope, int nodeCount, const QVector<qint64>& outputShape,
                            qint64 parameters, bool collapsible, bool collapsed);
/// Tooltip for an edge: the tensor's shape, then "source → target".
QString diagramEdgeToolTip(const QVector<qint64>& shape, const QString& from, const QString& to);

}  // namespace convscope::widgets
