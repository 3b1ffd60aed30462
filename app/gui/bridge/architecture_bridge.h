#pragma once

#include "app/gui/architecture/architecture_types.h"
#include "core/nn/graph/architecture.h"
#include "core/nn/graph/cost_comparison.h"
#include "widgets/diagram/diagram_graph.h"

namespace convscope::gui {

/// The engine's description as the diagram's Qt values (a straight copy, field by field).
widgets::DiagramGraph toDiagramGraph(const nn::Architecture& a);
QVector<ArchitectureTap> toTaps(const nn::Architecture& a);
CostComparisonView toView(const nn::CostComparison& c);
ScalingRowView toView(const nn::ScalingRow& r);

}  // namespace convscope::gui
