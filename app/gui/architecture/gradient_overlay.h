#pragma once

#include <QString>
#include <QVector>

#include "app/gui/training/instrument_frame.h"
#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_value_overlay.h"

namespace convscope::gui {

/// Which diagram node each gradient norm of a training run belongs to. A parameter belongs to the module that
/// owns it: "layer1_0.conv1.weight" to "layer1_0.conv1", which the diagram names "layer1.0.conv1" (the models
/// register their blocks as "layer1_0" and trace them as "layer1.0", so names also match with '_' read as
/// '.'); a name found nowhere is shortened one component at a time ("features.0.block.1.weight" → …). A
/// node's value is the L2 norm of all its parameters' gradients together, sqrt(Σ‖g‖²) over its weight and
/// bias.
struct GradientOverlay {
    QVector<double> perNode;  ///< by index in the graph's nodes; NaN for nodes without a matched parameter
    int parameters = 0;       ///< in the frame
    int matched = 0;          ///< of them, placed on a node
    int unplaced = 0;         ///< all the run's parameters (frozen ones too) without a node
    int emptyNodes = 0;       ///< nodes with parameters that hold none of the run's
    double low = 0;           ///< the scale: the decades around the smallest and largest positive node norm
    double high = 0;
    qint64 step = 0;
    int epoch = 0;

    /// Matches `frame`'s gradient norms to `graph`'s nodes.
    static GradientOverlay map(const widgets::DiagramGraph& graph, const InstrumentFrame& frame);
    /// The module path of a parameter ("layer1_0.conv1" for "layer1_0.conv1.weight").
    static QString moduleOf(const QString& parameter);

    bool anyMatched() const { return matched > 0; }
    /// The diagram shows the run's model: the only case in which it is coloured.
    bool sameModel() const { return parameters > 0 && unplaced == 0 && emptyNodes == 0; }
    /// What the diagram takes: "gradient norm", "step 120 · epoch 2", the scale.
    widgets::DiagramNodeValues values() const;
    /// A sentence for the learner when not every parameter could be placed (empty when all were).
    QString message() const;
};

}  // namespace convscope::gui
