#pragma once

// What the Architecture panel and its worker exchange: plain Qt values, no LibTorch.

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "widgets/diagram/diagram_graph.h"

namespace convscope::gui {

/// One model to describe: the catalog name and the input it runs on.
struct ArchitectureRequest {
    QString model = QStringLiteral("resnet18");
    int inChannels = 3;
    int classes = 1000;
    int inputSize = 224;
    bool imagenetStem = true;  ///< ResNets only: torchvision's 7x7 stem (else the 3x3 one for 28x28)
    QString block;             ///< ResNets only: "basic", "bottleneck" or empty for the depth's own
    bool skip = true;          ///< ResNets only: false removes the skip connections
    bool batchNorm = true;     ///< false removes the batch norms (model_switches.h says where it applies)
    double dropout = 0.0;      ///< dropout before the classifier (0: none)
    bool aux = false;          ///< googlenet, inception_v3: with the auxiliary classifiers (side exits)
    QString file;              ///< model "torchscript" only: the imported TorchScript file
};

/// True when both describe the same model on the same input.
inline bool sameInput(const ArchitectureRequest& a, const ArchitectureRequest& b) {
    return a.model == b.model && a.inChannels == b.inChannels && a.classes == b.classes &&
           a.inputSize == b.inputSize && a.imagenetStem == b.imagenetStem && a.block == b.block &&
           a.skip == b.skip && a.batchNorm == b.batchNorm && a.dropout == b.dropout && a.aux == b.aux &&
           a.file == b.file;
}

/// A tap point (feature-map view) and the diagram node it reads.
struct ArchitectureTap {
    QString name;
    int node = -1;
};

struct ArchitectureResult {
    ArchitectureRequest request;
    QString title;  ///< "ResNet-50"
    widgets::DiagramGraph graph;
    QVector<ArchitectureTap> taps;
    qint64 activationBytes = 0;
    double seconds = 0;  ///< how long the traced forward pass took
};

/// One line of the zoo comparison.
struct ZooRow {
    QString model, title, family;
    int inputSize = 224;
    qint64 parameters = -1;  ///< -1 when the description failed (see error)
    qint64 macs = -1;
    QString top1, top5, accuracySource;  ///< as a seed quotes them; empty where none does
    QString error;
};

struct CostRowView {
    QString label;
    qint64 parameters = 0;
    qint64 macs = 0;
    QString parameterArithmetic, macArithmetic;
};

struct CostComparisonView {
    QString title, setting, conclusion;
    QVector<CostRowView> rows;
};

struct ScalingRowView {
    int phi = 0;
    double depth = 1, width = 1, resolution = 1, flops = 1;
    int resolutionPixels = 224;
};

/// The four comparisons of the seeds, as the panel's "Costs" page shows them.
struct CostComparisons {
    QVector<CostComparisonView> comparisons;  ///< depthwise separable, residual blocks, Inception
    QVector<ScalingRowView> scaling;
};

}  // namespace convscope::gui

Q_DECLARE_METATYPE(convscope::gui::ArchitectureRequest)
Q_DECLARE_METATYPE(convscope::gui::ArchitectureResult)
Q_DECLARE_METATYPE(convscope::gui::ZooRow)
Q_DECLARE_METATYPE(convscope::gui::CostComparisons)
