#include "widgets/diagram/diagram_structure.h"

#include <QHash>
#include <algorithm>

#include "widgets/diagram/diagram_text.h"

namespace convscope::widgets {

bool isDiagramCollapsible(DiagramScopeKind kind) {
    return kind == DiagramScopeKind::Stage || kind == DiagramScopeKind::Block;
}

QSet<int> defaultCollapsedScopes(const DiagramGraph& graph) {
    QSet<int> collapsed;
    if (graph.nodes.size() <= 60) return collapsed;
    for (int i = 1; i < graph.scopes.size(); ++i)
        if (graph.scopes[i].kind == DiagramScopeKind::Block) collapsed.insert(graph.scopes[i].id);
    return collapsed;
}

QVector<QPair<int, int>> DiagramStructure::pathOf(int unit) const {
    QVector<QPair<int, int>> path;
    for (int it = itemOfUnit.value(unit, -1); it >= 0; it = columns[items[it].column].owner) {
        path.push_back({items[it].column, items[it].index});
    }
    std::reverse(path.begin(), path.end());
    return path;
}

bool DiagramStructure::isPassThrough(int item) const {
    const DiagramItem& it = items[item];
    if (it.kind != DiagramItemKind::Parallel) return false;
    return std::any_of(it.columns.cbegin(), it.columns.cend(),
                       [this](int c) { return columns[c].items.isEmpty(); });
}

bool DiagramStructure::isMergeUnit(int unit, const DiagramGraph& graph) const {
    const int p = units[unit].primary;
    return p >= 0 && isDiagramMergeType(graph.nodes[p].type);
}

namespace {

struct Entry {
    bool scope;  // a child scope (else a unit)
    int index;
};

class Builder {
public:
    Builder(const DiagramGraph& graph, DiagramStructure& s) : g(graph), s(s) {}

    void indexGraph();
    void makeUnits(const QSet<int>& collapsedIds);
    void makeColumns() {
        buildColumn(0);
        for (int c = 0; c < s.columns.size(); ++c) {
            for (int k = 0; k < s.columns[c].items.size(); ++k) {
                DiagramItem& it = s.items[s.columns[c].items[k]];
                it.column = c;
                it.index = k;
                if (it.kind == DiagramItemKind::Frame) s.columns[it.inner].owner = s.columns[c].items[k];
                for (int pc : it.columns) s.columns[pc].owner = s.columns[c].items[k];
                if (it.kind == DiagramItemKind::Unit) s.itemOfUnit[it.unit] = s.columns[c].items[k];
            }
        }
        addIdentityColumns();
    }

private:
    bool inSubtree(int node, int scope) const {
        for (int t = s.nodeScope[node]; t >= 0; t = s.scopeParent[t])
            if (t == scope) return true;
        return false;
    }
    bool containedIn(int unit, int item) const {
        for (int it = s.itemOfUnit[unit]; it >= 0; it = s.columns[s.items[it].column].owner)
            if (it == item) return true;
        return false;
    }
    int newColumn(const QVector<int>& items = {}) {
        s.columns.push_back(DiagramColumn{items, -1});
        return int(s.columns.size()) - 1;
    }
    int newItem(const DiagramItem& item) {
        s.items.push_back(item);
        return int(s.items.size()) - 1;
    }
    int frameItem(int scope) {
        const int inner = buildColumn(scope);
        DiagramItem it;
        it.kind = DiagramItemKind::Frame;
        it.scope = scope;
        it.inner = inner;
        return newItem(it);
    }
    int parallelItem(const QVector<int>& columns, int spine, DiagramParallelRole role) {
        DiagramItem it;
        it.kind = DiagramItemKind::Parallel;
        it.columns = columns;
        it.spine = spine;
        it.role = role;
        return newItem(it);
    }
    int buildColumn(int scope);
    void makeResidual(int scope, QVector<int>& items);
    void addIdentityColumns();

    const DiagramGraph& g;
    DiagramStructure& s;
    QVector<QVector<Entry>> m_entries;  // per scope, in execution order
    QVector<int> m_firstNode;           // per scope
};

void Builder::indexGraph() {
    const int nScopes = std::max(1, int(g.scopes.size()));
    const int n = int(g.nodes.size());
    QHash<int, int> scopeIndex;
    for (int i = 0; i < g.scopes.size(); ++i)
        if (!scopeIndex.contains(g.scopes[i].id)) scopeIndex.insert(g.scopes[i].id, i);
    s.scopeParent.fill(-1, nScopes);
    s.scopeKind.fill(DiagramScopeKind::Model, nScopes);
    for (int i = 1; i < g.scopes.size(); ++i) {
        const int p = scopeIndex.value(g.scopes[i].parent, 0);
        s.scopeParent[i] = p == i ? 0 : p;
        s.scopeKind[i] = g.scopes[i].kind;
    }
    // A parent chain that never reaches the root (a cycle) is cut there: the scope hangs off the root.
    for (int i = 1; i < nScopes; ++i) {
        int steps = 0;
        for (int t = i; t > 0 && steps <= nScopes; t = s.scopeParent[t]) ++steps;
        if (steps > nScopes) s.scopeParent[i] = 0;
    }
    QHash<int, int> nodeIndex;
    nodeIndex.reserve(n);
    for (int i = 0; i < n; ++i)
        if (!nodeIndex.contains(g.nodes[i].id)) nodeIndex.insert(g.nodes[i].id, i);
    s.nodeScope.resize(n);
    s.nodeInputs.resize(n);
    for (int i = 0; i < n; ++i) {
        s.nodeScope[i] = scopeIndex.value(g.nodes[i].scope, 0);
        for (int id : g.nodes[i].inputs) {
            const int j = nodeIndex.value(id, -1);
            if (j >= 0 && j < i && !s.nodeInputs[i].contains(j)) s.nodeInputs[i].push_back(j);
        }
    }
    m_firstNode.fill(-1, nScopes);
    for (int i = 0; i < n; ++i)
        for (int t = s.nodeScope[i]; t >= 0 && m_firstNode[t] < 0; t = s.scopeParent[t]) m_firstNode[t] = i;
}

void Builder::makeUnits(const QSet<int>& collapsedIds) {
    const int nScopes = int(s.scopeParent.size());
    const int n = int(g.nodes.size());
    // The outermost collapsed scope of each scope (-1: none), parents first whatever their order.
    QVector<int> top(nScopes, -2);
    for (int i = 0; i < nScopes; ++i) {
        QVector<int> chain;
        int t = i;
        while (t >= 0 && top[t] == -2) {
            chain.push_back(t);
            t = s.scopeParent[t];
        }
        int above = t >= 0 ? top[t] : -1;
        for (int k = int(chain.size()) - 1; k >= 0; --k) {
            const int c = chain[k];
            const bool own =
                c > 0 && isDiagramCollapsible(s.scopeKind[c]) && collapsedIds.contains(g.scopes[c].id);
            top[c] = above >= 0 ? above : (own ? c : -1);
            above = top[c];
        }
    }
    s.collapsed.resize(nScopes);
    for (int i = 0; i < nScopes; ++i) s.collapsed[i] = top[i] >= 0;

    QVector<int> consumers(n, 0);
    for (int i = 0; i < n; ++i)
        for (int j : s.nodeInputs[i]) ++consumers[j];
    m_entries.resize(nScopes);
    QVector<bool> listed(nScopes, false);
    auto place = [&](int unit, int scope) {
        m_entries[scope].push_back({false, unit});
        for (int t = scope; t > 0 && !listed[t]; t = s.scopeParent[t]) {
            listed[t] = true;
            m_entries[s.scopeParent[t]].push_back({true, t});
        }
    };
    // Folding keeps boxes few (a 150-layer net stays readable) without hiding a fork: only an operation
    // whose one input is the box's last node, used by nothing else, and in the same scope joins the box.
    auto folds = [&](int i) {
        if (i == 0) return false;
        const DiagramUnit& u = s.units[s.unitOfNode[i - 1]];
        if (u.primary < 0 || s.nodeScope[i] != s.nodeScope[u.primary]) return false;
        const QString& type = g.nodes[i].type;
        const QString& primaryType = g.nodes[u.primary].type;
        if (primaryType == QLatin1String("Input")) return false;
        if (type == QLatin1String("Split"))
            return primaryType == type && s.nodeInputs[i] == s.nodeInputs[u.primary];
        return isDiagramTagType(type) && s.nodeInputs[i] == QVector<int>{i - 1} && consumers[i - 1] == 1 &&
               primaryType != QLatin1String("Split");
    };
    QVector<int> unitOfScope(nScopes, -1);
    s.unitOfNode.fill(-1, n);
    for (int i = 0; i < n; ++i) {
        const int c = top[s.nodeScope[i]];
        if (c >= 0) {
            if (unitOfScope[c] < 0) {
                s.units.push_back(DiagramUnit{-1, c, {}});
                unitOfScope[c] = int(s.units.size()) - 1;
                place(unitOfScope[c], s.scopeParent[c]);
            }
            s.units[unitOfScope[c]].nodes.push_back(i);
            s.unitOfNode[i] = unitOfScope[c];
        } else if (folds(i)) {
            s.unitOfNode[i] = s.unitOfNode[i - 1];
            s.units[s.unitOfNode[i]].nodes.push_back(i);
        } else {
            s.units.push_back(DiagramUnit{i, -1, {i}});
            s.unitOfNode[i] = int(s.units.size()) - 1;
            place(s.unitOfNode[i], s.nodeScope[i]);
        }
    }
    s.itemOfUnit.fill(-1, s.units.size());
    s.mergeSide.fill(0, s.units.size());
}

int Builder::buildColumn(int scope) {
    const int col = newColumn();
    QVector<int> items;
    const QVector<Entry> list = m_entries[scope];
    for (int k = 0; k < list.size(); ++k) {
        const Entry e = list[k];
        if (!e.scope) {
            DiagramItem it;
            it.unit = e.index;
            items << newItem(it);
        } else if (s.scopeKind[e.index] == DiagramScopeKind::Branch) {
            QVector<int> cols;
            for (; k < list.size() && list[k].scope && s.scopeKind[list[k].index] == DiagramScopeKind::Branch;
                 ++k) {
                cols << newColumn({frameItem(list[k].index)});
            }
            --k;
            items << parallelItem(cols, -1, DiagramParallelRole::Branches);
        } else if (s.scopeKind[e.index] == DiagramScopeKind::SidePath ||
                   s.scopeKind[e.index] == DiagramScopeKind::SideExit) {
            // Both hang right of an empty main column; a side exit simply has no link back.
            const int side = newColumn({frameItem(e.index)});
            items << parallelItem({newColumn(), side}, 0, DiagramParallelRole::SidePath);
        } else {
            items << frameItem(e.index);
        }
    }
    if (scope > 0) makeResidual(scope, items);
    s.columns[col].items = items;
    return col;
}

// A residual block: a merge whose other input is the block's input (the identity) or comes out of a
// Shortcut scope. Everything before the merge becomes the main column of a group whose left column is
// the arc: empty for the identity, holding the Shortcut otherwise.
void Builder::makeResidual(int scope, QVector<int>& items) {
    for (int m = 1; m < items.size(); ++m) {
        const DiagramItem& it = s.items[items[m]];
        if (it.kind != DiagramItemKind::Unit) continue;
        const int p = s.units[it.unit].primary;
        if (p < 0) continue;
        const QString& type = g.nodes[p].type;
        if (type != QLatin1String("Add") && type != QLatin1String("Concat")) continue;
        int shortcut = -1;
        bool identity = false;
        for (int j : s.nodeInputs[p]) {
            if (!inSubtree(j, scope)) {
                const int first = m_firstNode[scope];
                identity = identity || (first >= 0 && s.nodeInputs[first].contains(j));
                continue;
            }
            for (int q = 0; q < m; ++q) {
                const DiagramItem& other = s.items[items[q]];
                if (other.kind == DiagramItemKind::Frame &&
                    s.scopeKind[other.scope] == DiagramScopeKind::Shortcut && inSubtree(j, other.scope))
                    shortcut = q;
            }
        }
        if (shortcut < 0 && !identity) continue;
        QVector<int> main;
        for (int q = 0; q < m; ++q)
            if (q != shortcut) main << items[q];
        if (main.isEmpty()) continue;
        const int side = shortcut >= 0 ? newColumn({items[shortcut]}) : newColumn();
        const int group = parallelItem({side, newColumn(main)}, 1, DiagramParallelRole::Residual);
        items = QVector<int>{group} + items.mid(m);
        return;
    }
}

// ShuffleNet's unit: a channel split, one half through a Branch, the other half straight to the concat.
// An empty column on the left carries that half past the branch.
void Builder::addIdentityColumns() {
    for (int p = 0; p < s.items.size(); ++p) {
        DiagramItem& par = s.items[p];
        if (par.kind != DiagramItemKind::Parallel || par.role != DiagramParallelRole::Branches) continue;
        const QVector<int>& col = s.columns[par.column].items;
        const int k = par.index;
        if (k < 1 || k + 1 >= col.size() || s.items[col[k + 1]].kind != DiagramItemKind::Unit) continue;
        const int merge = s.items[col[k + 1]].unit;
        bool bypass = false;
        for (int node : s.units[merge].nodes)
            for (int j : s.nodeInputs[node]) bypass = bypass || containedIn(s.unitOfNode[j], col[k - 1]);
        if (!bypass) continue;
        const int empty = newColumn();
        s.columns[empty].owner = p;
        s.items[p].columns.prepend(empty);
    }
}

}  // namespace

DiagramStructure buildDiagramStructure(const DiagramGraph& graph, const QSet<int>& collapsedScopeIds) {
    DiagramStructure s;
    Builder b(graph, s);
    b.indexGraph();
    b.makeUnits(collapsedScopeIds);
    b.makeColumns();
    planDiagramRoutes(graph, s);
    return s;
}

}  // namespace convscope::widgets
