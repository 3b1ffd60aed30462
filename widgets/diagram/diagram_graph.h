#pragma once

#include <QString>
#include <QVector>
#include <QtGlobal>

namespace convscope::widgets {

/// A model's architecture as the diagram takes it: a Qt copy of core/nn's Architecture, filled in by the
/// app's bridge, so that the widget never sees engine headers.

/// How a scope groups its nodes (see core/nn/architecture.h). Consecutive Branch siblings run in parallel
/// from one input and are drawn side by side; a SidePath (squeeze-and-excitation) rejoins by multiplication
/// and is drawn to the right; a Shortcut (residual projection) is drawn on the residual arc at the left; a
/// SideExit (an auxiliary classifier) leaves to the right and ends in its own output box.
enum class DiagramScopeKind { Model, Stage, Block, Branch, SidePath, Shortcut, SideExit };

struct DiagramScope {
    int id = 0;
    int parent = -1;  ///< -1 for the model's root scope (id 0)
    QString name;     ///< dotted path: "layer1.0", "inception3a.branch2"
    QString title;    ///< for people: "BasicBlock", "Inception (3a)"
    DiagramScopeKind kind = DiagramScopeKind::Model;
};

/// One operation, in execution order; its inputs are earlier nodes (node 0 is the model's input).
struct DiagramNode {
    int id = 0;
    QString name;    ///< "layer1.0.conv1"
    QString type;    ///< "Input", "Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Add", "Concat", ...
    QString detail;  ///< "3x3, stride 2, pad 1, 64→128"
    int scope = 0;   ///< innermost scope id
    QVector<int> inputs;
    QVector<qint64> shape;  ///< output without the batch dimension: C, H, W or features
    qint64 parameters = 0;
    QString parameterArithmetic;  ///< "(3×3×64)×64 + 64 = 36,928"; empty when there are none
    qint64 macs = 0;              ///< multiply-accumulates for one image
    QString macArithmetic;
    qint64 activationBytes = 0;  ///< the output's size in float32 for one image
    qint64 receptiveField = 1;   ///< in input pixels
    qint64 jump = 1;             ///< input distance between neighbouring outputs
    bool global = false;         ///< sees the whole image (after global pooling or flattening)
};

struct DiagramGraph {
    QString title;                 ///< "ResNet-18"
    QVector<DiagramScope> scopes;  ///< scopes[0] is the model
    QVector<DiagramNode> nodes;    ///< in execution order; nodes[0] is the input
    qint64 totalParameters = 0;
    qint64 unusedParameters = 0;  ///< counted in totalParameters, read by no node (an unused auxiliary head)
    qint64 totalMacs = 0;
};

}  // namespace convscope::widgets
