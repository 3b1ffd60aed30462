#pragma once

// Architecture graphs built by hand for the diagram's test and benchmark, shaped like what core/nn's
// tracer records for the zoo models (names, scopes and node order as torchvision's modules run).

#include <QString>
#include <QVector>

#include "widgets/diagram/diagram_graph.h"

namespace diagram_fixtures {

using convscope::widgets::DiagramGraph;
using convscope::widgets::DiagramNode;
using convscope::widgets::DiagramScope;
using convscope::widgets::DiagramScopeKind;

class GraphBuilder {
public:
    explicit GraphBuilder(const QString& title) {
        m_graph.title = title;
        m_graph.scopes.push_back(DiagramScope{0, -1, QString(), title, DiagramScopeKind::Model});
    }
    int scope(int parent, const QString& name, const QString& title, DiagramScopeKind kind) {
        const int id = int(m_graph.scopes.size());
        m_graph.scopes.push_back(DiagramScope{id, parent, name, title, kind});
        return id;
    }
    int node(const QString& name, const QString& type, const QString& detail, int scope, QVector<int> inputs,
             QVector<qint64> shape, qint64 parameters = 0) {
        DiagramNode n;
        n.id = int(m_graph.nodes.size());
        n.name = name;
        n.type = type;
        n.detail = detail;
        n.scope = scope;
        n.inputs = std::move(inputs);
        n.shape = std::move(shape);
        n.parameters = parameters;
        if (parameters > 0) n.parameterArithmetic = QStringLiteral("= %1").arg(parameters);
        qint64 size = 1;
        for (qint64 d : n.shape) size *= d;
        n.activationBytes = 4 * size;
        m_graph.totalParameters += parameters;
        m_graph.nodes.push_back(n);
        return n.id;
    }
    // conv → bn → act, as the tracer records a ConvNormActivation; returns the activation's id.
    int convBnAct(const QString& prefix, const QString& detail, int scope, int input, QVector<qint64> shape,
                  const QString& act = QStringLiteral("ReLU"), qint64 params = 1000) {
        int x = node(prefix + QStringLiteral(".0"), QStringLiteral("Conv2d"), detail, scope, {input}, shape,
                     params);
        x = node(prefix + QStringLiteral(".1"), QStringLiteral("BatchNorm2d"), QString(), scope, {x}, shape,
                 2 * shape[0]);
        if (act.isEmpty()) return x;
        return node(prefix + QStringLiteral(".2"), act, QString(), scope, {x}, shape);
    }
    DiagramGraph graph() const { return m_graph; }

private:
    DiagramGraph m_graph;
};

inline QVector<qint64> chw(qint64 c, qint64 h, qint64 w) {
    return {c, h, w};
}

// Stem conv/bn/relu/maxpool, a stage with an identity BasicBlock, a stage whose BasicBlock has a
// projection shortcut, then average pooling, flatten and the classifier.
inline DiagramGraph miniResNet() {
    GraphBuilder b(QStringLiteral("Mini ResNet"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 64, 64));
    x = b.node(QStringLiteral("conv1"), QStringLiteral("Conv2d"),
               QStringLiteral("7×7, stride 2, pad 3, 3→64"), 0, {x}, chw(64, 32, 32), 9408);
    x = b.node(QStringLiteral("bn1"), QStringLiteral("BatchNorm2d"), QStringLiteral("64 channels"), 0, {x},
               chw(64, 32, 32), 128);
    x = b.node(QStringLiteral("relu"), QStringLiteral("ReLU"), QString(), 0, {x}, chw(64, 32, 32));
    x = b.node(QStringLiteral("maxpool"), QStringLiteral("MaxPool2d"), QStringLiteral("3×3, stride 2, pad 1"),
               0, {x}, chw(64, 16, 16));
    const int layer1 =
        b.scope(0, QStringLiteral("layer1"), QStringLiteral("Stage 1"), DiagramScopeKind::Stage);
    const int block1 =
        b.scope(layer1, QStringLiteral("layer1.0"), QStringLiteral("BasicBlock"), DiagramScopeKind::Block);
    const int in1 = x;
    x = b.node(QStringLiteral("layer1.0.conv1"), QStringLiteral("Conv2d"),
               QStringLiteral("3×3, pad 1, 64→64"), block1, {x}, chw(64, 16, 16), 36864);
    x = b.node(QStringLiteral("layer1.0.bn1"), QStringLiteral("BatchNorm2d"), QString(), block1, {x},
               chw(64, 16, 16), 128);
    x = b.node(QStringLiteral("layer1.0.relu"), QStringLiteral("ReLU"), QString(), block1, {x},
               chw(64, 16, 16));
    x = b.node(QStringLiteral("layer1.0.conv2"), QStringLiteral("Conv2d"),
               QStringLiteral("3×3, pad 1, 64→64"), block1, {x}, chw(64, 16, 16), 36864);
    x = b.node(QStringLiteral("layer1.0.bn2"), QStringLiteral("BatchNorm2d"), QString(), block1, {x},
               chw(64, 16, 16), 128);
    x = b.node(QStringLiteral("layer1.0.add"), QStringLiteral("Add"), QString(), block1, {x, in1},
               chw(64, 16, 16));
    x = b.node(QStringLiteral("layer1.0.relu_out"), QStringLiteral("ReLU"), QString(), block1, {x},
               chw(64, 16, 16));
    const int layer2 =
        b.scope(0, QStringLiteral("layer2"), QStringLiteral("Stage 2"), DiagramScopeKind::Stage);
    const int block2 =
        b.scope(layer2, QStringLiteral("layer2.0"), QStringLiteral("BasicBlock"), DiagramScopeKind::Block);
    const int in2 = x;
    x = b.node(QStringLiteral("layer2.0.conv1"), QStringLiteral("Conv2d"),
               QStringLiteral("3×3, stride 2, pad 1, 64→128"), block2, {x}, chw(128, 8, 8), 73728);
    x = b.node(QStringLiteral("layer2.0.bn1"), QStringLiteral("BatchNorm2d"), QString(), block2, {x},
               chw(128, 8, 8), 256);
    x = b.node(QStringLiteral("layer2.0.relu"), QStringLiteral("ReLU"), QString(), block2, {x},
               chw(128, 8, 8));
    x = b.node(QStringLiteral("layer2.0.conv2"), QStringLiteral("Conv2d"),
               QStringLiteral("3×3, pad 1, 128→128"), block2, {x}, chw(128, 8, 8), 147456);
    x = b.node(QStringLiteral("layer2.0.bn2"), QStringLiteral("BatchNorm2d"), QString(), block2, {x},
               chw(128, 8, 8), 256);
    const int shortcut = b.scope(block2, QStringLiteral("layer2.0.downsample"),
                                 QStringLiteral("Projection 1×1, stride 2"), DiagramScopeKind::Shortcut);
    int s = b.node(QStringLiteral("layer2.0.downsample.0"), QStringLiteral("Conv2d"),
                   QStringLiteral("1×1, stride 2, 64→128"), shortcut, {in2}, chw(128, 8, 8), 8192);
    s = b.node(QStringLiteral("layer2.0.downsample.1"), QStringLiteral("BatchNorm2d"), QString(), shortcut,
               {s}, chw(128, 8, 8), 256);
    x = b.node(QStringLiteral("layer2.0.add"), QStringLiteral("Add"), QString(), block2, {x, s},
               chw(128, 8, 8));
    x = b.node(QStringLiteral("layer2.0.relu_out"), QStringLiteral("ReLU"), QString(), block2, {x},
               chw(128, 8, 8));
    x = b.node(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), QStringLiteral("to 1×1"), 0,
               {x}, chw(128, 1, 1));
    x = b.node(QStringLiteral("flatten"), QStringLiteral("Flatten"), QString(), 0, {x}, {128});
    b.node(QStringLiteral("fc"), QStringLiteral("Linear"), QStringLiteral("128→10"), 0, {x}, {10}, 1290);
    return b.graph();
}

// A stem, then an Inception block: four branches from one input, concatenated.
inline DiagramGraph inceptionLike() {
    GraphBuilder b(QStringLiteral("Inception-like"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 56, 56));
    x = b.convBnAct(QStringLiteral("conv1"), QStringLiteral("3×3, stride 2, pad 1, 3→192"), 0, x,
                    chw(192, 28, 28));
    const int block =
        b.scope(0, QStringLiteral("inception3a"), QStringLiteral("Inception (3a)"), DiagramScopeKind::Block);
    const int b1 = b.scope(block, QStringLiteral("inception3a.branch1"), QStringLiteral("1x1"),
                           DiagramScopeKind::Branch);
    const int y1 = b.convBnAct(QStringLiteral("inception3a.branch1"), QStringLiteral("1×1, 192→64"), b1, x,
                               chw(64, 28, 28));
    const int b2 = b.scope(block, QStringLiteral("inception3a.branch2"), QStringLiteral("1x1 → 3x3"),
                           DiagramScopeKind::Branch);
    int y2 = b.convBnAct(QStringLiteral("inception3a.branch2.0"), QStringLiteral("1×1, 192→96"), b2, x,
                         chw(96, 28, 28));
    y2 = b.convBnAct(QStringLiteral("inception3a.branch2.1"), QStringLiteral("3×3, pad 1, 96→128"), b2, y2,
                     chw(128, 28, 28));
    const int b3 = b.scope(block, QStringLiteral("inception3a.branch3"),
                           QStringLiteral("1x1 → 3x3 (5x5 in the paper)"), DiagramScopeKind::Branch);
    int y3 = b.convBnAct(QStringLiteral("inception3a.branch3.0"), QStringLiteral("1×1, 192→16"), b3, x,
                         chw(16, 28, 28));
    y3 = b.convBnAct(QStringLiteral("inception3a.branch3.1"), QStringLiteral("3×3, pad 1, 16→32"), b3, y3,
                     chw(32, 28, 28));
    const int b4 = b.scope(block, QStringLiteral("inception3a.branch4"), QStringLiteral("3x3 max pool → 1x1"),
                           DiagramScopeKind::Branch);
    int y4 = b.node(QStringLiteral("inception3a.branch4.0"), QStringLiteral("MaxPool2d"),
                    QStringLiteral("3×3, pad 1"), b4, {x}, chw(192, 28, 28));
    y4 = b.convBnAct(QStringLiteral("inception3a.branch4.1"), QStringLiteral("1×1, 192→32"), b4, y4,
                     chw(32, 28, 28));
    x = b.node(QStringLiteral("inception3a.cat"), QStringLiteral("Concat"),
               QStringLiteral("64 + 128 + 32 + 32 channels"), block, {y1, y2, y3, y4}, chw(256, 28, 28));
    x = b.node(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), QStringLiteral("to 1×1"), 0,
               {x}, chw(256, 1, 1));
    x = b.node(QStringLiteral("flatten"), QStringLiteral("Flatten"), QString(), 0, {x}, {256});
    x = b.node(QStringLiteral("dropout"), QStringLiteral("Dropout"), QStringLiteral("p = 0.2"), 0, {x},
               {256});
    b.node(QStringLiteral("fc"), QStringLiteral("Linear"), QStringLiteral("256→10"), 0, {x}, {10}, 2570);
    return b.graph();
}

// An MBConv block: expansion, depthwise convolution, squeeze-and-excitation on a side path rejoining by
// multiplication, projection, and the residual addition.
inline DiagramGraph mbconvLike() {
    GraphBuilder b(QStringLiteral("MBConv-like"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 32, 32));
    x = b.convBnAct(QStringLiteral("features.0"), QStringLiteral("3×3, pad 1, 3→24"), 0, x, chw(24, 32, 32),
                    QStringLiteral("SiLU"));
    const int stage =
        b.scope(0, QStringLiteral("features.1"), QStringLiteral("Stage 1"), DiagramScopeKind::Stage);
    const int block = b.scope(stage, QStringLiteral("features.1.0"), QStringLiteral("MBConv4 3x3, SE"),
                              DiagramScopeKind::Block);
    const int in = x;
    x = b.convBnAct(QStringLiteral("features.1.0.block.0"), QStringLiteral("1×1, 24→96"), block, x,
                    chw(96, 32, 32), QStringLiteral("SiLU"));
    const int dw =
        b.convBnAct(QStringLiteral("features.1.0.block.1"), QStringLiteral("3×3, pad 1, 96→96, depthwise"),
                    block, x, chw(96, 32, 32), QStringLiteral("SiLU"));
    const int se = b.scope(block, QStringLiteral("features.1.0.block.2"),
                           QStringLiteral("Squeeze-and-excitation"), DiagramScopeKind::SidePath);
    int g = b.node(QStringLiteral("features.1.0.block.2.avgpool"), QStringLiteral("AdaptiveAvgPool2d"),
                   QStringLiteral("to 1×1"), se, {dw}, chw(96, 1, 1));
    g = b.node(QStringLiteral("features.1.0.block.2.fc1"), QStringLiteral("Conv2d"),
               QStringLiteral("1×1, 96→6"), se, {g}, chw(6, 1, 1), 582);
    g = b.node(QStringLiteral("features.1.0.block.2.activation"), QStringLiteral("SiLU"), QString(), se, {g},
               chw(6, 1, 1));
    g = b.node(QStringLiteral("features.1.0.block.2.fc2"), QStringLiteral("Conv2d"),
               QStringLiteral("1×1, 6→96"), se, {g}, chw(96, 1, 1), 672);
    g = b.node(QStringLiteral("features.1.0.block.2.scale_activation"), QStringLiteral("Sigmoid"), QString(),
               se, {g}, chw(96, 1, 1));
    x = b.node(QStringLiteral("features.1.0.block.2.scale"), QStringLiteral("Multiply"),
               QStringLiteral("channel-wise gate"), block, {dw, g}, chw(96, 32, 32));
    x = b.convBnAct(QStringLiteral("features.1.0.block.3"), QStringLiteral("1×1, 96→24"), block, x,
                    chw(24, 32, 32), QString());
    x = b.node(QStringLiteral("features.1.0.add"), QStringLiteral("Add"), QString(), block, {x, in},
               chw(24, 32, 32));
    x = b.node(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), QStringLiteral("to 1×1"), 0,
               {x}, chw(24, 1, 1));
    x = b.node(QStringLiteral("flatten"), QStringLiteral("Flatten"), QString(), 0, {x}, {24});
    b.node(QStringLiteral("classifier"), QStringLiteral("Linear"), QStringLiteral("24→10"), 0, {x}, {10},
           250);
    return b.graph();
}

// A small U-Net: encoder outputs reach the decoder's concatenations over long skips.
inline DiagramGraph unetLike() {
    GraphBuilder b(QStringLiteral("U-Net-like"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(1, 64, 64));
    QVector<int> skips;
    qint64 c = 16, h = 64;
    for (int level = 1; level <= 2; ++level) {
        const int stage =
            b.scope(0, QString(), QStringLiteral("Encoder %1").arg(level), DiagramScopeKind::Stage);
        const int block = b.scope(stage, QStringLiteral("enc%1").arg(level),
                                  QStringLiteral("Double conv 3×3"), DiagramScopeKind::Block);
        x = b.convBnAct(QStringLiteral("enc%1.0").arg(level), QStringLiteral("3×3, pad 1"), block, x,
                        chw(c, h, h));
        x = b.convBnAct(QStringLiteral("enc%1.1").arg(level), QStringLiteral("3×3, pad 1"), block, x,
                        chw(c, h, h));
        skips << x;
        h /= 2;
        x = b.node(QStringLiteral("pool%1").arg(level), QStringLiteral("MaxPool2d"),
                   QStringLiteral("2×2, stride 2"), stage, {x}, chw(c, h, h));
        c *= 2;
    }
    const int mid =
        b.scope(0, QStringLiteral("bottleneck"), QStringLiteral("Bottleneck"), DiagramScopeKind::Block);
    x = b.convBnAct(QStringLiteral("bottleneck.0"), QStringLiteral("3×3, pad 1"), mid, x, chw(c, h, h));
    for (int level = 2; level >= 1; --level) {
        const int stage =
            b.scope(0, QString(), QStringLiteral("Decoder %1").arg(level), DiagramScopeKind::Stage);
        c /= 2;
        h *= 2;
        x = b.node(QStringLiteral("up%1").arg(level), QStringLiteral("ConvTranspose2d"),
                   QStringLiteral("2×2, stride 2"), stage, {x}, chw(c, h, h), 100);
        x = b.node(QStringLiteral("cat%1").arg(level), QStringLiteral("Concat"), QString(), stage,
                   {skips[level - 1], x}, chw(2 * c, h, h));
        const int block = b.scope(stage, QStringLiteral("dec%1").arg(level),
                                  QStringLiteral("Double conv 3×3"), DiagramScopeKind::Block);
        x = b.convBnAct(QStringLiteral("dec%1.0").arg(level), QStringLiteral("3×3, pad 1"), block, x,
                        chw(c, h, h));
    }
    b.node(QStringLiteral("head"), QStringLiteral("Conv2d"), QStringLiteral("1×1"), 0, {x}, chw(2, h, h), 34);
    return b.graph();
}

// ResNet-152's shape: stem, 3 + 8 + 36 + 3 bottleneck blocks (the first of each stage with a projection
// shortcut), head — 566 nodes, 50 blocks.
inline DiagramGraph resnet152Like() {
    GraphBuilder b(QStringLiteral("ResNet-152-like"));
    const int stem = b.scope(0, QString(), QStringLiteral("Stem"), DiagramScopeKind::Stage);
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 224, 224));
    x = b.node(QStringLiteral("conv1"), QStringLiteral("Conv2d"),
               QStringLiteral("7×7, stride 2, pad 3, 3→64"), stem, {x}, chw(64, 112, 112), 9408);
    x = b.node(QStringLiteral("bn1"), QStringLiteral("BatchNorm2d"), QString(), stem, {x}, chw(64, 112, 112),
               128);
    x = b.node(QStringLiteral("relu"), QStringLiteral("ReLU"), QString(), stem, {x}, chw(64, 112, 112));
    x = b.node(QStringLiteral("maxpool"), QStringLiteral("MaxPool2d"), QStringLiteral("3×3, stride 2, pad 1"),
               stem, {x}, chw(64, 56, 56));
    const int blocks[] = {3, 8, 36, 3};
    qint64 width = 64, size = 56, in = 64;
    for (int st = 0; st < 4; ++st) {
        const QString stageName = QStringLiteral("layer%1").arg(st + 1);
        const int stage =
            b.scope(0, stageName, QStringLiteral("Stage %1").arg(st + 1), DiagramScopeKind::Stage);
        for (int k = 0; k < blocks[st]; ++k) {
            const QString p = stageName + QLatin1Char('.') + QString::number(k);
            const int block = b.scope(stage, p, QStringLiteral("Bottleneck"), DiagramScopeKind::Block);
            const bool down = k == 0;
            const qint64 s = down && st > 0 ? 2 : 1;
            const qint64 out = 4 * width;
            const qint64 hw = size / s;
            const int input = x;
            int y = b.convBnAct(p + QStringLiteral(".c1"), QStringLiteral("1×1"), block, x,
                                chw(width, size, size));
            y = b.convBnAct(p + QStringLiteral(".c2"), QStringLiteral("3×3, stride %1, pad 1").arg(s), block,
                            y, chw(width, hw, hw));
            y = b.convBnAct(p + QStringLiteral(".c3"), QStringLiteral("1×1"), block, y, chw(out, hw, hw),
                            QString());
            int identity = input;
            if (down) {
                const int sc = b.scope(block, p + QStringLiteral(".downsample"),
                                       QStringLiteral("Projection 1×1"), DiagramScopeKind::Shortcut);
                identity =
                    b.convBnAct(p + QStringLiteral(".downsample"), QStringLiteral("1×1, stride %1").arg(s),
                                sc, input, chw(out, hw, hw), QString(), in * out);
            }
            x = b.node(p + QStringLiteral(".add"), QStringLiteral("Add"), QString(), block, {y, identity},
                       chw(out, hw, hw));
            x = b.node(p + QStringLiteral(".relu"), QStringLiteral("ReLU"), QString(), block, {x},
                       chw(out, hw, hw));
            size = hw;
            in = out;
        }
        width *= 2;
    }
    const int head = b.scope(0, QString(), QStringLiteral("Classifier"), DiagramScopeKind::Stage);
    x = b.node(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), QStringLiteral("to 1×1"), head,
               {x}, chw(2048, 1, 1));
    x = b.node(QStringLiteral("flatten"), QStringLiteral("Flatten"), QString(), head, {x}, {2048});
    b.node(QStringLiteral("fc"), QStringLiteral("Linear"), QStringLiteral("2048→1000"), head, {x}, {1000},
           2049000);
    return b.graph();
}

// ShuffleNet v2 units: one with two branches from the same input, one that splits the channels and sends
// one half through a branch and the other straight to the concatenation.
inline DiagramGraph shuffleLike() {
    GraphBuilder b(QStringLiteral("ShuffleNet-like"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 32, 32));
    x = b.convBnAct(QStringLiteral("conv1"), QStringLiteral("3×3, stride 2, pad 1, 3→24"), 0, x,
                    chw(24, 16, 16));
    const int stage =
        b.scope(0, QStringLiteral("stage2"), QStringLiteral("Stage 2"), DiagramScopeKind::Stage);
    const int u0 = b.scope(stage, QStringLiteral("stage2.0"), QStringLiteral("Shuffle unit, stride 2"),
                           DiagramScopeKind::Block);
    const int br1 = b.scope(u0, QStringLiteral("stage2.0.branch1"),
                            QStringLiteral("Depthwise 3x3, stride 2, 1x1"), DiagramScopeKind::Branch);
    int l = b.convBnAct(QStringLiteral("stage2.0.branch1.0"),
                        QStringLiteral("3×3, stride 2, pad 1, 24→24, depthwise"), br1, x, chw(24, 8, 8),
                        QString());
    l = b.convBnAct(QStringLiteral("stage2.0.branch1.2"), QStringLiteral("1×1, 24→58"), br1, l,
                    chw(58, 8, 8));
    const int br2 = b.scope(u0, QStringLiteral("stage2.0.branch2"),
                            QStringLiteral("1x1, depthwise 3x3, stride 2, 1x1"), DiagramScopeKind::Branch);
    int r = b.convBnAct(QStringLiteral("stage2.0.branch2.0"), QStringLiteral("1×1, 24→58"), br2, x,
                        chw(58, 16, 16));
    r = b.convBnAct(QStringLiteral("stage2.0.branch2.3"),
                    QStringLiteral("3×3, stride 2, pad 1, 58→58, depthwise"), br2, r, chw(58, 8, 8),
                    QString());
    r = b.convBnAct(QStringLiteral("stage2.0.branch2.5"), QStringLiteral("1×1, 58→58"), br2, r,
                    chw(58, 8, 8));
    x = b.node(QStringLiteral("stage2.0.cat"), QStringLiteral("Concat"), QString(), u0, {l, r},
               chw(116, 8, 8));
    x = b.node(QStringLiteral("stage2.0.shuffle"), QStringLiteral("ChannelShuffle"),
               QStringLiteral("2 groups"), u0, {x}, chw(116, 8, 8));
    const int u1 =
        b.scope(stage, QStringLiteral("stage2.1"), QStringLiteral("Shuffle unit"), DiagramScopeKind::Block);
    const int half1 = b.node(QStringLiteral("stage2.1.split"), QStringLiteral("Split"),
                             QStringLiteral("part 1 of 2"), u1, {x}, chw(58, 8, 8));
    const int half2 = b.node(QStringLiteral("stage2.1.split"), QStringLiteral("Split"),
                             QStringLiteral("part 2 of 2"), u1, {x}, chw(58, 8, 8));
    const int br = b.scope(u1, QStringLiteral("stage2.1.branch2"), QStringLiteral("1x1, depthwise 3x3, 1x1"),
                           DiagramScopeKind::Branch);
    r = b.convBnAct(QStringLiteral("stage2.1.branch2.0"), QStringLiteral("1×1, 58→58"), br, half2,
                    chw(58, 8, 8));
    r = b.convBnAct(QStringLiteral("stage2.1.branch2.3"), QStringLiteral("3×3, pad 1, 58→58, depthwise"), br,
                    r, chw(58, 8, 8), QString());
    r = b.convBnAct(QStringLiteral("stage2.1.branch2.5"), QStringLiteral("1×1, 58→58"), br, r, chw(58, 8, 8));
    x = b.node(QStringLiteral("stage2.1.cat"), QStringLiteral("Concat"), QString(), u1, {half1, r},
               chw(116, 8, 8));
    b.node(QStringLiteral("stage2.1.shuffle"), QStringLiteral("ChannelShuffle"), QStringLiteral("2 groups"),
           u1, {x}, chw(116, 8, 8));
    return b.graph();
}

// DenseNet's dense layers: pre-activation (BN, ReLU, conv) and the input concatenated to the output.
inline DiagramGraph denseLike() {
    GraphBuilder b(QStringLiteral("DenseNet-like"));
    int x = b.node(QStringLiteral("input"), QStringLiteral("Input"), QString(), 0, {}, chw(3, 32, 32));
    x = b.convBnAct(QStringLiteral("features.conv0"), QStringLiteral("3×3, pad 1, 3→32"), 0, x,
                    chw(32, 32, 32));
    const int stage = b.scope(0, QStringLiteral("features.denseblock1"), QStringLiteral("Dense block 1"),
                              DiagramScopeKind::Stage);
    qint64 c = 32;
    for (int k = 1; k <= 2; ++k) {
        const QString p = QStringLiteral("features.denseblock1.denselayer%1").arg(k);
        const int layer = b.scope(stage, p, QStringLiteral("Dense layer"), DiagramScopeKind::Block);
        int y = b.node(p + QStringLiteral(".norm1"), QStringLiteral("BatchNorm2d"), QString(), layer, {x},
                       chw(c, 32, 32), 2 * c);
        y = b.node(p + QStringLiteral(".relu1"), QStringLiteral("ReLU"), QString(), layer, {y},
                   chw(c, 32, 32));
        y = b.convBnAct(p + QStringLiteral(".conv1"), QStringLiteral("1×1"), layer, y, chw(64, 32, 32));
        y = b.node(p + QStringLiteral(".conv2"), QStringLiteral("Conv2d"),
                   QStringLiteral("3×3, pad 1, 64→16"), layer, {y}, chw(16, 32, 32), 9216);
        c += 16;
        x = b.node(p + QStringLiteral(".cat"), QStringLiteral("Concat"), QString(), layer, {x, y},
                   chw(c, 32, 32));
    }
    return b.graph();
}

}  // namespace diagram_fixtures
