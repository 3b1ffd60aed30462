#include "app/gui/bridge/architecture_bridge.h"

namespace convscope::gui {

namespace {

widgets::DiagramScopeKind toKind(nn::ScopeKind k) {
    switch (k) {
        case nn::ScopeKind::Model:
            return widgets::DiagramScopeKind::Model;
        case nn::ScopeKind::Stage:
            return widgets::DiagramScopeKind::Stage;
        case nn::ScopeKind::Block:
            return widgets::DiagramScopeKind::Block;
        case nn::ScopeKind::Branch:
            return widgets::DiagramScopeKind::Branch;
        case nn::ScopeKind::SidePath:
            return widgets::DiagramScopeKind::SidePath;
        case nn::ScopeKind::Shortcut:
            return widgets::DiagramScopeKind::Shortcut;
        case nn::ScopeKind::SideExit:
            return widgets::DiagramScopeKind::SideExit;
    }
    return widgets::DiagramScopeKind::Block;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

widgets::DiagramGraph toDiagramGraph(const nn::Architecture& a) {
    widgets::DiagramGraph g;
    g.title = q(a.title);
    g.totalParameters = a.totalParameters;
    g.unusedParameters = a.unusedParameters;
    g.totalMacs = a.totalMacs;
    g.scopes.reserve(static_cast<int>(a.scopes.size()));
    for (const nn::ArchScope& s : a.scopes) {
        widgets::DiagramScope d;
        d.id = s.id;
        d.parent = s.parent;
        d.name = q(s.name);
        d.title = q(s.title);
        d.kind = toKind(s.kind);
        g.scopes.push_back(d);
    }
    g.nodes.reserve(static_cast<int>(a.nodes.size()));
    for (const nn::ArchNode& n : a.nodes) {
        widgets::DiagramNode d;
        d.id = n.id;
        d.name = q(n.name);
        d.type = q(n.type);
        d.detail = q(n.detail);
        d.scope = n.scope;
        for (int i : n.inputs) d.inputs.push_back(i);
        for (std::int64_t s : n.shape) d.shape.push_back(s);
        d.parameters = n.parameters;
        d.parameterArithmetic = q(n.parameterArithmetic);
        d.macs = n.macs;
        d.macArithmetic = q(n.macArithmetic);
        d.activationBytes = n.activationBytes;
        d.receptiveField = n.receptiveField;
        d.jump = n.jump;
        d.global = n.global;
        g.nodes.push_back(d);
    }
    return g;
}

QVector<ArchitectureTap> toTaps(const nn::Architecture& a) {
    QVector<ArchitectureTap> taps;
    for (const nn::ArchTap& t : a.taps) taps.push_back({q(t.name), t.node});
    return taps;
}

CostComparisonView toView(const nn::CostComparison& c) {
    CostComparisonView v;
    v.title = q(c.title);
    v.setting = q(c.setting);
    v.conclusion = q(c.conclusion);
    for (const nn::CostRow& r : c.rows)
        v.rows.push_back({q(r.label), r.parameters, r.macs, q(r.parameterArithmetic), q(r.macArithmetic)});
    return v;
}

ScalingRowView toView(const nn::ScalingRow& r) {
    ScalingRowView v;
    v.phi = r.phi;
    v.depth = r.depth;
    v.width = r.width;
    v.resolution = r.resolution;
    v.flops = r.flops;
    v.resolutionPixels = r.resolutionPixels;
    return v;
}

}  // namespace convscope::gui
