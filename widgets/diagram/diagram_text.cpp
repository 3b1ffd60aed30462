#include "widgets/diagram/diagram_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include "widgets/common/number_text.h"

namespace convscope::widgets {

namespace {
// Gives the texts a translation context that lupdate recognises.
struct ArchitectureDiagram {
    Q_DECLARE_TR_FUNCTIONS(ArchitectureDiagram)
};

QString withUnit(double value, const char* unit) {
    return QString::number(value, 'f', value < 10 ? 2 : value < 100 ? 1 : 0) + QLatin1String(unit);
}

QString compactCount(qint64 value) {
    const double v = double(value);
    if (value < 10000) return groupedNumber(value);
    if (value < 1000000) return withUnit(v / 1e3, " k");
    if (value < 1000000000) return withUnit(v / 1e6, " M");
    return withUnit(v / 1e9, " G");
}
}  // namespace

QString diagramShapeText(const QVector<qint64>& shape) {
    if (shape.isEmpty()) return QStringLiteral("?");
    QStringList parts;
    for (qint64 d : shape) parts << QString::number(d);
    return parts.join(QChar(0x00D7));
}

QString diagramShortDetail(const QString& type, const QString& detail) {
    if (detail.isEmpty()) return {};
    if (type == QLatin1String("Linear")) return detail;
    static const QRegularExpression kernel(QStringLiteral("^(\\d+)[x×](\\d+)$"));
    static const QRegularExpression number(QStringLiteral("^(stride|dilation|groups)\\s+(\\S+)$"));
    const bool windowed = type.startsWith(QLatin1String("Conv")) || type.endsWith(QLatin1String("Pool2d"));
    if (type == QLatin1String("Split")) return {};  // its parts are chips on the box
    if (!windowed || type.startsWith(QLatin1String("Adaptive"))) {
        // Short details ("to 1×1", "p = 0.5") read fine as they are; long ones stay in the tooltip.
        return detail.size() <= 12 ? detail : QString();
    }
    QStringList out;
    for (const QString& raw : detail.split(QLatin1Char(','))) {
        const QString token = raw.trimmed();
        const QRegularExpressionMatch k = kernel.match(token);
        if (k.hasMatch()) {
            out << k.captured(1) + QChar(0x00D7) + k.captured(2);
            continue;
        }
        const QRegularExpressionMatch n = number.match(token);
        if (n.hasMatch()) {
            const QString what = n.captured(1);
            if (what == QLatin1String("stride")) out << QLatin1Char('/') + n.captured(2);
            if (what == QLatin1String("dilation")) out << QStringLiteral("dil ") + n.captured(2);
            if (what == QLatin1String("groups")) out << QStringLiteral("g") + n.captured(2);
        } else if (token == QLatin1String("depthwise")) {
            out << QStringLiteral("dw");
        }
        // Padding and the channel counts are left out: the output shape under it shows the channels.
    }
    return out.join(QLatin1Char(' '));
}

bool isDiagramTagType(const QString& type) {
    static const QStringList kinds = {QStringLiteral("BatchNorm2d"), QStringLiteral("ReLU"),
                                      QStringLiteral("ReLU6"),       QStringLiteral("SiLU"),
                                      QStringLiteral("Sigmoid"),     QStringLiteral("Tanh"),
                                      QStringLiteral("Dropout")};
    return kinds.contains(type);
}

bool isDiagramMergeType(const QString& type) {
    return type == QLatin1String("Add") || type == QLatin1String("Concat") ||
           type == QLatin1String("Multiply");
}

QString diagramTagLabel(const QString& type) {
    if (type == QLatin1String("BatchNorm2d")) return QStringLiteral("BN");
    return type;
}

QString diagramParamsText(qint64 parameters) {
    if (parameters == 1) return ArchitectureDiagram::tr("1 param");
    return ArchitectureDiagram::tr("%1 params").arg(compactCount(parameters));
}

QString diagramScopeKindText(DiagramScopeKind kind) {
    switch (kind) {
        case DiagramScopeKind::Model:
            return ArchitectureDiagram::tr("Model");
        case DiagramScopeKind::Stage:
            return ArchitectureDiagram::tr("Stage");
        case DiagramScopeKind::Block:
            return ArchitectureDiagram::tr("Block");
        case DiagramScopeKind::Branch:
            return ArchitectureDiagram::tr("Branch");
        case DiagramScopeKind::SidePath:
            return ArchitectureDiagram::tr("Side path (squeeze-and-excitation)");
        case DiagramScopeKind::Shortcut:
            return ArchitectureDiagram::tr("Shortcut (residual projection)");
        case DiagramScopeKind::SideExit:
            return ArchitectureDiagram::tr("Side exit (auxiliary classifier, ends in its own output)");
    }
    return {};
}

QString diagramNodeToolTip(const DiagramNode& node) {
    QStringList lines;
    lines << (node.name.isEmpty() ? node.type : node.name);
    lines << (node.detail.isEmpty() ? node.type : node.type + QStringLiteral(" — ") + node.detail);
    lines << ArchitectureDiagram::tr("output %1").arg(diagramShapeText(node.shape));
    if (node.parameters > 0) {
        lines << ArchitectureDiagram::tr("parameters %1").arg(groupedNumber(node.parameters));
        if (!node.parameterArithmetic.isEmpty()) lines << QStringLiteral("  ") + node.parameterArithmetic;
    }
    if (node.macs > 0) {
        lines << ArchitectureDiagram::tr("multiply-accumulates %1").arg(groupedNumber(node.macs));
        if (!node.macArithmetic.isEmpty()) lines << QStringLiteral("  ") + node.macArithmetic;
    }
    if (node.global) {
        lines << ArchitectureDiagram::tr("receptive field: the whole image");
    } else if (node.type != QLatin1String("Input")) {
        lines << ArchitectureDiagram::tr("receptive field %1 px, jump %2 px")
                     .arg(node.receptiveField)
                     .arg(node.jump);
    }
    return lines.join(QLatin1Char('\n'));
}

QString diagramScopeToolTip(const DiagramScope& scope, int nodeCount, const QVector<qint64>& outputShape,
                            qint64 parameters, bool collapsible, bool collapsed) {
    QStringList lines;
    const QString title = scope.title.isEmpty() ? scope.name : scope.title;
    lines << (scope.name.isEmpty() || scope.name == title
                  ? title
                  : title + QStringLiteral(" (") + scope.name + QLatin1Char(')'));
    lines << (nodeCount == 1
                  ? ArchitectureDiagram::tr("%1, 1 operation").arg(diagramScopeKindText(scope.kind))
                  : ArchitectureDiagram::tr("%1, %2 operations")
                        .arg(diagramScopeKindText(scope.kind))
                        .arg(nodeCount));
    lines << ArchitectureDiagram::tr("output %1").arg(diagramShapeText(outputShape));
    lines << ArchitectureDiagram::tr("parameters %1").arg(groupedNumber(parameters));
    if (collapsible) {
        lines << (collapsed ? ArchitectureDiagram::tr("Double-click or click + to expand")
                            : ArchitectureDiagram::tr("Double-click or click − to collapse"));
    }
    return lines.join(QLatin1Char('\n'));
}

QString diagramEdgeToolTip(const QVector<qint64>& shape, const QString& from, const QString& to) {
    return diagramShapeText(shape) + QLatin1Char('\n') + from + QStringLiteral(" → ") + to;
}

}  // namespace convscope::widgets
