#include "widgets/diagram/diagram_style.h"

namespace convscope::widgets {

DiagramBoxColors diagramTypeColors(const QString& type) {
    if (type == QLatin1String("Conv2d")) return {{219, 231, 248}, {58, 110, 181}};
    if (type == QLatin1String("ConvTranspose2d")) return {{224, 226, 249}, {84, 92, 184}};
    if (type.endsWith(QLatin1String("Pool2d"))) return {{220, 240, 218}, {63, 138, 67}};
    if (type == QLatin1String("Linear")) return {{253, 231, 207}, {200, 105, 27}};
    if (type == QLatin1String("Input")) return {{228, 233, 238}, {74, 90, 106}};
    if (type == QLatin1String("BatchNorm2d") || type.startsWith(QLatin1String("ReLU")) ||
        type == QLatin1String("SiLU") || type == QLatin1String("Sigmoid") || type == QLatin1String("Tanh"))
        return {{239, 231, 247}, {123, 89, 166}};
    if (type == QLatin1String("Add") || type == QLatin1String("Concat") || type == QLatin1String("Multiply"))
        return {{255, 255, 255}, {61, 61, 61}};
    return {{238, 238, 238}, {122, 122, 122}};  // Flatten, Dropout, Split, ChannelShuffle, ...
}

DiagramBoxColors diagramScopeBoxColors() {
    return {{255, 244, 214}, {183, 134, 42}};
}

DiagramBoxColors diagramTagColors(const QString& type) {
    if (type == QLatin1String("BatchNorm2d")) return {{244, 238, 251}, {154, 124, 196}};
    if (type == QLatin1String("Dropout") || type == QLatin1String("Split"))
        return {{245, 245, 245}, {140, 140, 140}};
    return {{255, 255, 255}, {138, 148, 163}};
}

DiagramFrameColors diagramFrameColors(DiagramScopeKind kind) {
    switch (kind) {
        case DiagramScopeKind::Stage:
            return {{245, 247, 250}, {167, 177, 190}, Qt::SolidLine};
        case DiagramScopeKind::Block:
            return {{252, 252, 253}, {185, 194, 206}, Qt::SolidLine};
        case DiagramScopeKind::Branch:
            return {Qt::transparent, {170, 178, 190}, Qt::DashLine};
        case DiagramScopeKind::SidePath:
            return {{253, 242, 244}, {207, 143, 160}, Qt::DashLine};
        case DiagramScopeKind::Shortcut:
            return {{238, 247, 244}, {127, 174, 159}, Qt::DashLine};
        case DiagramScopeKind::SideExit:
            return {{255, 248, 235}, {201, 160, 92}, Qt::DashLine};
        case DiagramScopeKind::Model:
            break;
    }
    return {Qt::transparent, {185, 194, 206}, Qt::SolidLine};
}

DiagramFonts::DiagramFonts(const QFont& base) : text(base), small(base), header(base), title(base) {
    const double pt = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
    small.setPointSizeF(pt * 0.85);
    header.setPointSizeF(pt * 0.9);
    header.setBold(true);
    title.setPointSizeF(pt * 1.3);
    title.setBold(true);
}

}  // namespace convscope::widgets
