#pragma once

#include <QColor>
#include <QHash>
#include <QString>
#include <QVector>
#include <limits>

#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_layout.h"

namespace convscope::widgets {

/// A value per node to colour the diagram by (the gradient norm of each layer while a model trains).
struct DiagramNodeValues {
    QVector<double> perNode;  ///< by index in DiagramGraph::nodes; NaN where a node has none
    QString name;             ///< "gradient norm": the legend's title and the tooltips' words
    QString context;          ///< "step 120": after the value in tooltips, under the legend's title
    double low = 1e-4;        ///< the colour scale's ends (log10 between them), both > 0
    double high = 1.0;
};

/// The values the diagram is coloured by and how they become colours: Viridis over log10(value) from `low`
/// (dark violet) to `high` (yellow), clamped at both ends; a value of 0 takes the low end. The values are
/// taken to be L2 norms, so a box standing for several nodes (a collapsed block or stage) shows their
/// combined norm sqrt(Σ v²), which is the norm of all their parameters together; nodes without a value
/// (no parameters: ReLU, pooling, additions) stay neutral grey.
class DiagramValueOverlay {
public:
    DiagramValueOverlay() = default;
    /// Keeps the values of `graph`'s nodes by id; a `values.perNode` of another size is ignored.
    DiagramValueOverlay(const DiagramGraph& graph, const DiagramNodeValues& values);

    bool isActive() const { return m_active; }
    const DiagramNodeValues& values() const { return m_values; }

    /// NaN when the node has none.
    double nodeValue(int nodeId) const {
        return m_byId.value(nodeId, std::numeric_limits<double>::quiet_NaN());
    }
    /// sqrt(Σ v²) over those of `nodeIds` that have a value; NaN when none has.
    double combinedValue(const QVector<int>& nodeIds) const;
    /// A node box: its own node's value; a collapsed scope: the combination of every node it stands for.
    double boxValue(const DiagramBox& box) const;
    /// Every node inside scope `scopeId` (nested scopes included), combined.
    double scopeValue(int scopeId) const;
    /// How many of `nodeIds` have a value; of the nodes inside a scope.
    int countWithValues(const QVector<int>& nodeIds) const;
    int scopeCount(int scopeId) const { return int(m_nodesInScope.value(scopeId).size()); }

    /// Invalid for NaN (no value): the caller draws its neutral colours.
    QColor colorFor(double value) const;
    /// The position of `value` on the scale, 0 (low) to 1 (high), clamped.
    double scalePosition(double value) const;
    /// Black or white, whichever reads better on `fill` (by its relative luminance).
    static QColor inkOn(const QColor& fill);
    /// The neutral fill and border of a box without a value.
    static QColor neutralFill() { return {244, 245, 247}; }
    static QColor neutralBorder() { return {170, 176, 185}; }

    /// "\n\nGradient norm 3.2e−4 (step 120)", or "… of its 12 layers …" for `count` > 1; empty for NaN.
    QString toolTipLine(double value, int count = 1) const;

private:
    bool m_active = false;
    DiagramNodeValues m_values;
    QHash<int, double> m_byId;
    QHash<int, QVector<int>> m_nodesInScope;  ///< scope id → the nodes with values inside it, nested too
};

/// "3.2e−4", "0.055", "12": two significant digits, scientific below 0.01 and from 1000 (tooltips).
QString diagramValueText(double value);
/// "0.0001", "0.03", "1", "200": a value written out for people (the legend's ends and decades).
QString diagramPlainNumber(double value);

}  // namespace convscope::widgets
