#pragma once

// Hand-built values for the Architecture panel's tables: a ResNet-18 graph worked out layer by layer (the
// counts are torchvision's: 11,689,512 parameters, 1,814,073,344 MACs for the convolutions and the
// classifier), the model zoo as traced at 224×224, the seeds' cost comparisons, and helpers that read the
// tables and their CSV files back.

#include <QAbstractItemModel>
#include <QFile>
#include <QHeaderView>
#include <QLocale>
#include <QTableView>
#include <QTest>
#include <cmath>

#include "app/gui/architecture/architecture_types.h"

namespace convscope::testing {

using widgets::DiagramGraph;
using widgets::DiagramNode;
using widgets::DiagramScope;
using widgets::DiagramScopeKind;

inline QString groupedCount(qint64 v) {
    return QLocale(QLocale::English).toString(v);
}

/// Appends nodes the way the tracer does: shape, receptive field and jump follow the previous node.
class GraphBuilder {
public:
    explicit GraphBuilder(const QString& title, int channels, int size) {
        m_graph.title = title;
        m_graph.scopes << DiagramScope{0, -1, QString(), title, DiagramScopeKind::Model};
        DiagramNode in;
        in.name = QStringLiteral("input");
        in.type = QStringLiteral("Input");
        in.detail = QStringLiteral("%1×%2×%2").arg(channels).arg(size);
        in.shape = {channels, size, size};
        in.activationBytes = qint64(channels) * size * size * 4;
        m_graph.nodes << in;
    }
    int scope(int parent, const QString& name, const QString& title, DiagramScopeKind kind) {
        const int id = int(m_graph.scopes.size());
        m_graph.scopes << DiagramScope{id, parent, name, title, kind};
        return id;
    }
    int conv(const QString& name, int scope, int from, int out, int k, int stride, int pad) {
        const DiagramNode& src = m_graph.nodes[from];
        const qint64 in = src.shape[0], size = (src.shape[1] + 2 * pad - k) / stride + 1;
        DiagramNode n = next(name, QStringLiteral("Conv2d"), scope, from);
        n.detail = QStringLiteral("%1×%1").arg(k);
        if (stride != 1) n.detail += QStringLiteral(", stride %1").arg(stride);
        if (pad != 0) n.detail += QStringLiteral(", pad %1").arg(pad);
        n.detail += QStringLiteral(", %1→%2").arg(in).arg(out);
        n.shape = {out, size, size};
        n.parameters = qint64(k) * k * in * out;
        const QString fan = QStringLiteral("%1×%1×%2").arg(k).arg(in);
        n.parameterArithmetic =
            QStringLiteral("(%1)×%2 = %3").arg(fan).arg(out).arg(groupedCount(n.parameters));
        n.macs = n.parameters * size * size;
        n.macArithmetic =
            QStringLiteral("%1×%1×%2 outputs × (%3) = %4").arg(size).arg(out).arg(fan, groupedCount(n.macs));
        n.receptiveField = src.receptiveField + (k - 1) * src.jump;
        n.jump = src.jump * stride;
        return add(n);
    }
    int same(const QString& name, const QString& type, int scope, int from, const QString& detail = {}) {
        DiagramNode n = next(name, type, scope, from);
        n.detail = detail;
        if (type == QLatin1String("BatchNorm2d")) {
            n.parameters = 2 * n.shape[0];
            n.parameterArithmetic =
                QStringLiteral("%1 γ + %1 β = %2").arg(n.shape[0]).arg(groupedCount(n.parameters));
            n.detail = QStringLiteral("%1 channels").arg(n.shape[0]);
        }
        return add(n);
    }
    int pool(const QString& name, int scope, int from, int k, int stride, int pad) {
        DiagramNode n = next(name, QStringLiteral("MaxPool2d"), scope, from);
        n.shape[1] = n.shape[2] = (n.shape[1] + 2 * pad - k) / stride + 1;
        n.detail = QStringLiteral("%1×%1, stride %2, pad %3").arg(k).arg(stride).arg(pad);
        n.receptiveField += (k - 1) * n.jump;
        n.jump *= stride;
        return add(n);
    }
    int join(const QString& name, int scope, int a, int b) {
        DiagramNode n = next(name, QStringLiteral("Add"), scope, a);
        n.inputs << b;
        n.receptiveField = std::max(n.receptiveField, m_graph.nodes[b].receptiveField);
        return add(n);
    }
    int global(const QString& name, const QString& type, int scope, int from, QVector<qint64> shape) {
        DiagramNode n = next(name, type, scope, from);
        n.shape = std::move(shape);
        n.global = true;
        return add(n);
    }
    int linear(const QString& name, int scope, int from, int out) {
        DiagramNode n = next(name, QStringLiteral("Linear"), scope, from);
        const qint64 in = n.shape[0];
        n.detail = QStringLiteral("%1→%2").arg(in).arg(out);
        n.shape = {out};
        n.parameters = in * out + out;
        n.parameterArithmetic =
            QStringLiteral("%1×%2 + %2 = %3").arg(in).arg(out).arg(groupedCount(n.parameters));
        n.macs = in * out;
        n.macArithmetic =
            QStringLiteral("%1 inputs × %2 outputs = %3").arg(in).arg(out).arg(groupedCount(n.macs));
        n.global = true;
        return add(n);
    }
    DiagramGraph finish() {
        for (const DiagramNode& n : m_graph.nodes) {
            m_graph.totalParameters += n.parameters;
            m_graph.totalMacs += n.macs;
        }
        return m_graph;
    }

private:
    DiagramNode next(const QString& name, const QString& type, int scope, int from) const {
        DiagramNode n = m_graph.nodes[from];
        n.name = name;
        n.type = type;
        n.scope = scope;
        n.inputs = {from};
        n.detail.clear();
        n.parameters = n.macs = 0;
        n.parameterArithmetic.clear();
        n.macArithmetic.clear();
        return n;
    }
    int add(DiagramNode n) {
        n.id = int(m_graph.nodes.size());
        qint64 elements = 1;
        for (qint64 d : n.shape) elements *= d;
        n.activationBytes = elements * 4;
        m_graph.nodes << n;
        return n.id;
    }
    DiagramGraph m_graph;
};

inline DiagramGraph resnet18Graph() {
    GraphBuilder g(QStringLiteral("ResNet-18"), 3, 224);
    int x = g.conv(QStringLiteral("conv1"), 0, 0, 64, 7, 2, 3);
    x = g.same(QStringLiteral("bn1"), QStringLiteral("BatchNorm2d"), 0, x);
    x = g.same(QStringLiteral("relu"), QStringLiteral("ReLU"), 0, x);
    x = g.pool(QStringLiteral("maxpool"), 0, x, 3, 2, 1);
    int channels = 64;
    for (int stage = 1; stage <= 4; ++stage) {
        const QString layer = QStringLiteral("layer%1").arg(stage);
        const int s = g.scope(0, layer, QStringLiteral("Stage %1").arg(stage), DiagramScopeKind::Stage);
        const int out = 64 << (stage - 1);
        for (int b = 0; b < 2; ++b) {
            const QString p = QStringLiteral("%1.%2.").arg(layer).arg(b);
            const int block = g.scope(s, p.chopped(1), QStringLiteral("BasicBlock"), DiagramScopeKind::Block);
            const int stride = (b == 0 && stage > 1) ? 2 : 1;
            const int in = x;
            int y = g.conv(p + "conv1", block, in, out, 3, stride, 1);
            y = g.same(p + "bn1", QStringLiteral("BatchNorm2d"), block, y);
            y = g.same(p + "relu1", QStringLiteral("ReLU"), block, y);
            y = g.conv(p + "conv2", block, y, out, 3, 1, 1);
            y = g.same(p + "bn2", QStringLiteral("BatchNorm2d"), block, y);
            int shortcut = in;
            if (stride != 1 || channels != out) {
                const int sc =
                    g.scope(block, p + "downsample", QStringLiteral("Projection 1×1, stride %1").arg(stride),
                            DiagramScopeKind::Shortcut);
                shortcut = g.conv(p + "downsample.0", sc, in, out, 1, stride, 0);
                shortcut = g.same(p + "downsample.1", QStringLiteral("BatchNorm2d"), sc, shortcut);
            }
            y = g.join(p + "add", block, y, shortcut);
            x = g.same(p + "relu2", QStringLiteral("ReLU"), block, y);
            channels = out;
        }
    }
    x = g.global(QStringLiteral("avgpool"), QStringLiteral("AdaptiveAvgPool2d"), 0, x, {512, 1, 1});
    x = g.global(QStringLiteral("flatten"), QStringLiteral("Flatten"), 0, x, {512});
    g.linear(QStringLiteral("fc"), 0, x, 1000);
    return g.finish();
}

inline gui::ZooRow zooRow(const QString& model, const QString& title, const QString& family, qint64 params,
                          qint64 macs, const QString& top1 = {}, const QString& top5 = {},
                          const QString& source = {}) {
    gui::ZooRow r;
    r.model = model;
    r.title = title;
    r.family = family;
    r.parameters = params;
    r.macs = macs;
    r.top1 = top1;
    r.top5 = top5;
    r.accuracySource = source;
    return r;
}

/// The zoo at 224×224 (torchvision's counts where it has the model), one row failing as U-Net does when
/// its input is not a multiple of 16.
inline QVector<gui::ZooRow> zooRows() {
    const QString table = QStringLiteral("seed 000, EfficientNet comparison table");
    QVector<gui::ZooRow> rows{
        zooRow("simplecnn", "SimpleCNN", "Seed CNNs", 421642, 8852480),
        zooRow("hierarchicalcnn", "HierarchicalCNN", "Seed CNNs", 1015690, 24591360),
        zooRow("lenet5", "LeNet-5", "LeNet", 61706, 416520),
        zooRow("alexnet", "AlexNet", "AlexNet", 61100840, 714206912),
        zooRow("vgg11", "VGG-11", "VGG", 132863336, 7609090048),
        zooRow("vgg11_bn", "VGG-11 (batch norm)", "VGG", 132868840, 7609090048),
        zooRow("vgg13", "VGG-13", "VGG", 133047848, 11308466176),
        zooRow("vgg13_bn", "VGG-13 (batch norm)", "VGG", 133053736, 11308466176),
        zooRow("vgg16", "VGG-16", "VGG", 138357544, 15470264320),
        zooRow("vgg16_bn", "VGG-16 (batch norm)", "VGG", 138365992, 15470264320),
        zooRow("vgg19", "VGG-19", "VGG", 143667240, 19632062464),
        zooRow("vgg19_bn", "VGG-19 (batch norm)", "VGG", 143678248, 19632062464),
        zooRow("resnet18", "ResNet-18", "ResNet", 11689512, 1814073344),
        zooRow("resnet34", "ResNet-34", "ResNet", 21797672, 3663761408),
        zooRow("resnet50", "ResNet-50", "ResNet", 25557032, 4089184256, "76.0%", "93.0%", table),
        zooRow("resnet101", "ResNet-101", "ResNet", 44549160, 7801405440),
        zooRow("resnet152", "ResNet-152", "ResNet", 60192808, 11513600000, "77.8%", {},
               "seed 002, EfficientNet accuracy vs latency"),
        zooRow("preact_resnet18", "Pre-activation ResNet-18", "ResNet", 11689512, 1814073344),
        zooRow("googlenet", "GoogLeNet (Inception v1)", "Inception", 6624904, 1498000000),
        zooRow("densenet121", "DenseNet-121", "DenseNet", 7978856, 2834162688),
        zooRow("mobilenet_v1", "MobileNet v1", "MobileNet", 4231976, 568740352),
        zooRow("mobilenet_v2", "MobileNet v2", "MobileNet", 3504872, 300774272),
        zooRow("shufflenet_v2", "ShuffleNet v2 (1.0×)", "ShuffleNet", 2278604, 146019120),
    };
    const qint64 params[8] = {5288548, 7794184, 9109994, 12233232, 19341616, 30389784, 43040704, 66347960};
    const qint64 macs[8] = {385000000,  570000000,  660000000,  990000000,
                            1540000000, 2410000000, 3440000000, 5270000000};
    const char* top1[8] = {"77.1%", "79.1%", "", "", "82.9%", "", "", "84.3%"};
    const char* top5[8] = {"93.3%", "94.4%", "", "", "96.4%", "", "", "97.0%"};
    for (int i = 0; i < 8; ++i)
        rows << zooRow(QStringLiteral("efficientnet_b%1").arg(i), QStringLiteral("EfficientNet-B%1").arg(i),
                       "EfficientNet", params[i], macs[i], top1[i], top5[i], *top1[i] ? table : QString());
    gui::ZooRow unet = zooRow("unet", "U-Net (small)", "U-Net", -1, -1);
    unet.error = QStringLiteral(
        "at up4 (Concat) the skip connection is 28×28, the upsampled map 27×27: "
        "use an input size that is a multiple of 16");
    rows << unet;
    return rows;
}

inline gui::CostRowView costRow(const QString& label, qint64 params, qint64 macs, const QString& pa,
                                const QString& ma) {
    return {label, params, macs, pa, ma};
}

/// The seeds' comparisons with the counts the tracer gives for them.
inline gui::CostComparisons costComparisons() {
    gui::CostComparisons c;
    c.comparisons << gui::CostComparisonView{
        QStringLiteral("Standard vs depthwise separable convolution"),
        QStringLiteral("input 7×7×3, output 5×5×128, 3×3 kernels, no bias"),
        QStringLiteral(
            "depthwise separable costs 0.119 of the standard convolution = 1/N + 1/K² = 1/128 + 1/9"),
        {costRow("Standard 3×3 convolution", 3456, 86400, "(3×3×3)×128 = 3,456",
                 "5×5×128 outputs × (3×3×3) = 86,400"),
         costRow("Depthwise 3×3 + pointwise 1×1", 411, 10275, "(3×3×1)×3 + (1×1×3)×128 = 411",
                 "5×5×3 outputs × (3×3×1) + 5×5×128 outputs × (1×1×3) = 10,275")}};
    c.comparisons << gui::CostComparisonView{
        QStringLiteral("BasicBlock vs Bottleneck"),
        QStringLiteral("on 56×56 (ResNet's first stage); convolutions only, batch norm left out"),
        QStringLiteral(
            "the Bottleneck carries 4× the channels for 0.944× the BasicBlock's multiply-accumulates"),
        {costRow("BasicBlock, 64 channels: 3×3 → 3×3", 73728, 231211008, "(3×3×64)×64 + (3×3×64)×64 = 73,728",
                 "56×56×64 outputs × (3×3×64) + 56×56×64 outputs × (3×3×64) = 231,211,008"),
         costRow(
             "Bottleneck, 256 channels: 1×1 to 64 → 3×3 → 1×1 to 256", 69632, 218365952,
             "(1×1×256)×64 + (3×3×64)×64 + (1×1×64)×256 = 69,632",
             "56×56×64 outputs × (1×1×256) + 56×56×64 outputs × (3×3×64) + 56×56×256 outputs × (1×1×64) = "
             "218,365,952")}};
    c.comparisons << gui::CostComparisonView{
        QStringLiteral("Inception's 1×1 reductions"),
        QStringLiteral("input 28×28×192 → 32 channels by 5×5 (padded); Inception (3a)'s 5×5 branch"),
        QStringLiteral("the 1×1 reduction cuts the branch to 0.103 of its multiply-accumulates"),
        {costRow("5×5 straight from 192 channels", 153600, 120422400, "(5×5×192)×32 = 153,600",
                 "28×28×32 outputs × (5×5×192) = 120,422,400"),
         costRow("1×1 to 16, then 5×5", 15872, 12443648, "(1×1×192)×16 + (5×5×16)×32 = 15,872",
                 "28×28×16 outputs × (1×1×192) + 28×28×32 outputs × (5×5×16) = 12,443,648")}};
    for (int phi = 0; phi <= 7; ++phi) {
        gui::ScalingRowView r;
        r.phi = phi;
        r.depth = std::pow(1.2, phi);
        r.width = std::pow(1.1, phi);
        r.resolution = std::pow(1.15, phi);
        r.flops = std::pow(1.2 * 1.1 * 1.1 * 1.15 * 1.15, phi);
        r.resolutionPixels = int(std::lround(224 * r.resolution));
        c.scaling << r;
    }
    return c;
}

// Reading the tables back.

/// An RFC 4180 reader written for the test: quoted fields, doubled quotes, CRLF record ends.
inline QVector<QStringList> parseCsv(const QString& text) {
    QVector<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool next = i + 1 < text.size();
        if (quoted && c == '"' && next && text[i + 1] == '"') {
            field += c;  // a doubled quote inside a quoted field
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            record << field;
            field.clear();
        } else if (!quoted && c == '\r' && next && text[i + 1] == '\n') {
            record << field;
            field.clear();
            records << record;
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

inline QString readUtf8(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

inline QVector<qint64> columnKeys(const QAbstractItemModel* m, int column, int role) {
    QVector<qint64> keys;
    for (int r = 0; r < m->rowCount(); ++r) keys << m->index(r, column).data(role).toLongLong();
    return keys;
}

inline int rowOf(const QAbstractItemModel* m, int column, const QString& text) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, column).data().toString() == text) return r;
    return -1;
}

inline void clickHeader(QTableView* view, int column) {
    QHeaderView* h = view->horizontalHeader();
    const QPoint p(h->sectionViewportPosition(column) + h->sectionSize(column) / 2, h->height() / 2);
    QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, p);
}

}  // namespace convscope::testing
