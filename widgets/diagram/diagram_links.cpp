#include <QHash>
#include <algorithm>

#include "widgets/diagram/diagram_structure.h"

// The part of the structure that decides how each connection is drawn: by where its two ends sit in the
// tree of columns, items and groups, not by geometry, so that the layout can reserve room for it.

namespace convscope::widgets {

namespace {

// Flow when the target is the first box of the item right after the source's (the source being the last of
// its own); Pass when a group with an empty column stands between them; Skip otherwise.
DiagramRoute classify(const DiagramGraph& g, const DiagramStructure& s, const DiagramLink& link) {
    DiagramRoute r;
    const QVector<QPair<int, int>> pu = s.pathOf(link.from);
    const QVector<QPair<int, int>> pv = s.pathOf(link.to);
    int l = 0;
    for (;; ++l) {
        if (l >= pu.size() || l >= pv.size() || pu[l].first != pv[l].first) return r;  // Direct
        if (pu[l].second != pv[l].second) break;
    }
    r.column = pu[l].first;
    r.fromItem = pu[l].second;
    r.toItem = pv[l].second;
    if (r.fromItem > r.toItem) return r;
    for (int k = l + 1; k < pu.size(); ++k)
        r.fromExit = r.fromExit && pu[k].second == s.columns[pu[k].first].items.size() - 1;
    // The target must be the first box of its item, or the first after one pass-through group.
    bool entry = true;
    int deepPass = -1;
    for (int k = l + 1; k < pv.size() && entry; ++k) {
        const int idx = pv[k].second;
        const int first = s.columns[pv[k].first].items.value(0, -1);
        if (idx == 0) continue;
        if (idx == 1 && deepPass < 0 && s.isPassThrough(first)) {
            deepPass = first;
        } else {
            entry = false;
        }
    }
    const QVector<int>& col = s.columns[r.column].items;
    r.kind = DiagramRouteKind::Skip;
    if (r.fromExit && entry) {
        if (r.toItem == r.fromItem + 1 && deepPass < 0) {
            r.kind = DiagramRouteKind::Flow;
        } else if (r.toItem == r.fromItem + 1) {
            r.kind = DiagramRouteKind::Pass;
            r.passItem = deepPass;
        } else if (r.toItem == r.fromItem + 2 && deepPass < 0 && s.isPassThrough(col[r.fromItem + 1])) {
            r.kind = DiagramRouteKind::Pass;
            r.passItem = col[r.fromItem + 1];
        }
    }
    const bool mergeTarget = s.isMergeUnit(link.to, g);
    if (r.kind == DiagramRouteKind::Pass && mergeTarget) {
        // The identity arc ends in the side of the merge right below its group, unless it runs on the spine.
        const DiagramItem& par = s.items[r.passItem];
        const int target = s.itemOfUnit[link.to];
        const bool below = s.items[target].column == par.column && s.items[target].index == par.index + 1;
        r.sideEntry = below && par.role == DiagramParallelRole::Residual;
    }
    if (r.kind == DiagramRouteKind::Flow && mergeTarget && pv.size() == l + 1) {
        const DiagramItem& par = s.items[col[r.fromItem]];
        if (par.kind == DiagramItemKind::Parallel && par.role != DiagramParallelRole::Branches) {
            r.sideEntry = pu.size() > l + 1 && par.columns.indexOf(pu[l + 1].first) != par.spine;
        }
    }
    return r;
}

// Skips from one source share a lane (a trunk with branches off it). Shorter spans take the lanes nearer
// to the column, so that nested skips (a U-Net's) do not cross; a lane is reused where it is free.
void assignLanes(DiagramStructure& s) {
    struct Group {
        int column, start, end;
        QVector<int> routes;
    };
    QVector<Group> groups;
    QHash<qint64, int> groupOf;
    for (int r = 0; r < s.routes.size(); ++r) {
        const DiagramRoute& route = s.routes[r];
        if (route.kind != DiagramRouteKind::Skip) continue;
        const qint64 key = (qint64(route.column) << 32) | qint64(s.links[r].from);
        const int start = route.fromExit ? route.fromItem + 1 : route.fromItem;
        auto found = groupOf.constFind(key);
        if (found == groupOf.constEnd()) {
            groupOf.insert(key, int(groups.size()));
            groups.push_back(Group{route.column, start, route.toItem, {r}});
        } else {
            Group& grp = groups[*found];
            grp.start = std::min(grp.start, start);
            grp.end = std::max(grp.end, route.toItem);
            grp.routes << r;
        }
    }
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        if (a.column != b.column) return a.column < b.column;
        if (a.end - a.start != b.end - b.start) return a.end - a.start < b.end - b.start;
        return a.start < b.start;
    });
    s.laneCount.fill(0, s.columns.size());
    QVector<QVector<QPair<int, int>>> lanes;  // per lane of the current column: the spans it holds
    int column = -1;
    for (const Group& grp : groups) {
        if (grp.column != column) {
            column = grp.column;
            lanes.clear();
        }
        const auto overlaps = [&grp](const QPair<int, int>& span) {
            return span.first <= grp.end && grp.start <= span.second;
        };
        int lane = 0;
        while (lane < lanes.size() && std::any_of(lanes[lane].cbegin(), lanes[lane].cend(), overlaps)) ++lane;
        if (lane == lanes.size()) lanes.push_back({});
        lanes[lane].push_back({grp.start, grp.end});
        s.laneCount[column] = std::max(s.laneCount[column], int(lanes.size()));
        for (int r : grp.routes) s.routes[r].lane = lane;
    }
}

}  // namespace

void planDiagramRoutes(const DiagramGraph& g, DiagramStructure& s) {
    QSet<qint64> seen;
    for (int i = 0; i < g.nodes.size(); ++i) {
        for (int j : s.nodeInputs[i]) {
            const int u = s.unitOfNode[j];
            const int v = s.unitOfNode[i];
            if (u == v || u < 0 || v < 0) continue;
            const qint64 key = (qint64(u) << 32) | qint64(v);
            if (seen.contains(key)) continue;
            seen.insert(key);
            s.links.push_back(DiagramLink{u, v, j, i});
        }
    }
    s.routes.reserve(s.links.size());
    for (const DiagramLink& link : s.links) {
        s.routes.push_back(classify(g, s, link));
        const DiagramRoute& r = s.routes.back();
        if (r.sideEntry && r.kind == DiagramRouteKind::Flow &&
            s.items[s.columns[r.column].items[r.fromItem]].role == DiagramParallelRole::SidePath)
            s.mergeSide[link.to] = 1;
    }
    assignLanes(s);
}

}  // namespace convscope::widgets
