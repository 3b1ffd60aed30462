#pragma once

#include <QVector>

#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_layout.h"
#include "widgets/diagram/diagram_structure.h"

namespace convscope::widgets {

/// Where the layout put the structure's items, for drawing the connections between boxes.
struct DiagramGeometry {
    QVector<double> itemTop;      ///< per item
    QVector<double> itemBottom;   ///< per item
    QVector<double> columnSpine;  ///< per column: x of its main line
    QVector<double> laneBase;     ///< per column: x of skip lane 0 (lanes go further left)
    double rowGap = 24;           ///< vertical space between items in a column
    double bend = 24;             ///< vertical space a connection has to change columns
    double laneStep = 14;         ///< between skip lanes
};

/// One edge per structure link: vertical lines along the spines that change column with an S-curve in the
/// space above or below a group of parallel columns, the identity arc through a group's empty column into
/// the side of its merge, and skips along the lanes left of their column.
QVector<DiagramEdge> routeDiagramEdges(const DiagramGraph& graph, const DiagramStructure& s,
                                       const DiagramGeometry& geometry, const QVector<DiagramBox>& boxes);

}  // namespace convscope::widgets
