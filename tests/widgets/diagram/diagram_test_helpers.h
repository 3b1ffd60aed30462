#pragma once

// Lookups shared by the diagram's layout and view tests.

#include <QDir>
#include <QImage>
#include <QSet>

#include "widgets/diagram/architecture_diagram_view.h"
#include "widgets/diagram/diagram_layout.h"

namespace diagram_test {

using namespace convscope::widgets;

inline void saveShot(const QImage& image, const QString& name) {
    const QString dir = qEnvironmentVariable("CONVSCOPE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    image.save(dir + QLatin1Char('/') + name);
}

inline int nodeId(const DiagramGraph& g, const QString& name) {
    for (const DiagramNode& n : g.nodes)
        if (n.name == name) return n.id;
    return -1;
}

inline int scopeId(const DiagramGraph& g, const QString& name) {
    for (const DiagramScope& s : g.scopes)
        if (s.name == name) return s.id;
    return -1;
}

inline QSet<int> allScopes(const DiagramGraph& g) {
    QSet<int> ids;
    for (const DiagramScope& s : g.scopes) ids.insert(s.id);
    return ids;
}

inline const DiagramBox& boxOf(const DiagramLayout& l, int node) {
    return l.boxes[l.boxOfNode.value(node)];
}

// The edge from the box showing `from` to the box showing `to`, or null.
inline const DiagramEdge* edgeBetween(const DiagramLayout& l, int from, int to) {
    for (const DiagramEdge& e : l.edges)
        if (e.fromBox == l.boxOfNode.value(from) && e.toBox == l.boxOfNode.value(to)) return &e;
    return nullptr;
}

inline const DiagramFrame* frameOf(const DiagramLayout& l, int scope) {
    const int f = l.frameOfScope.value(scope, -1);
    return f >= 0 ? &l.frames[f] : nullptr;
}

inline QPoint showAt(ArchitectureDiagramView& view, const QPointF& scenePos) {
    view.centerOn(scenePos);
    return view.mapFromScene(scenePos);
}

}  // namespace diagram_test
