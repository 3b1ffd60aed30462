#include "widgets/diagram/diagram_layout.h"

#include <QFontMetricsF>
#include <algorithm>

#include "widgets/diagram/diagram_routes.h"
#include "widgets/diagram/diagram_text.h"

namespace convscope::widgets {

namespace {
constexpr double kRowGap = 24;   // between items of a column
constexpr double kColGap = 22;   // between parallel columns
constexpr double kSidePad = 12;  // frame border to its contents
constexpr double kPadTop = 8;    // under a frame's header
constexpr double kPadBottom = 10;
constexpr double kBendRoom = 24;   // above or below a group of columns: where lines change column
constexpr double kEmptyHalf = 12;  // half the width of a pass-through column
constexpr double kLaneStep = 14;
constexpr double kBoxPadX = 10;
constexpr double kBoxPadY = 5;
constexpr double kLineGap = 2;
constexpr double kMinBoxW = 150;
constexpr double kChipGap = 4;
constexpr double kChipPad = 4;
constexpr double kMergeR = 11;
constexpr double kLabelGap = 6;
constexpr double kSpineGap = 12;   // a frame's title stays this far left of the line crossing its header
constexpr double kMinTitle = 120;  // a frame title wraps no narrower than this
constexpr double kMargin = 24;

struct Size {
    double left = 0;  // extent left of the spine
    double right = 0;
    double height = 0;
};

class Layouter {
public:
    Layouter(const DiagramGraph& graph, const DiagramStructure& s, const DiagramFonts& fonts)
        : g(graph), s(s), f(fonts), m_text(fonts.text), m_small(fonts.small), m_header(fonts.header) {}

    DiagramLayout run();

private:
    double width(const QFontMetricsF& fm, QHash<QString, double>& cache, const QString& text) {
        auto it = cache.constFind(text);
        if (it != cache.constEnd()) return *it;
        return *cache.insert(text, fm.horizontalAdvance(text));
    }
    double textW(const QString& t) { return width(m_text, m_textCache, t); }
    double smallW(const QString& t) { return width(m_small, m_smallCache, t); }
    double headerW(const QString& t) { return width(m_header, m_headerCache, t); }
    bool isMerge(int unit) const { return s.isMergeUnit(unit, g); }
    double headerHeight(int item) const { return m_titleLines[item].size() * m_header.height() + 6; }

    void describeUnit(int unit);
    void findMainWidth(int c, bool main);
    QStringList wrapTitle(const QString& title, double width);
    void measureColumn(int c, bool main);
    void measureItem(int item, double uniformWidth, bool main);
    void placeColumn(int c, double spine, double top);
    void placeItem(int item, double spine, double top);
    void placeBox(int unit, double spine, double top, double height);
    void placeFrame(int item, double spine, double top);

    const DiagramGraph& g;
    const DiagramStructure& s;
    const DiagramFonts& f;
    QFontMetricsF m_text, m_small, m_header;
    QHash<QString, double> m_textCache, m_smallCache, m_headerCache;
    DiagramLayout m_out;
    DiagramGeometry m_geo;
    QVector<double> m_unitW;  // natural width of each box (merges: the label's width)
    QVector<double> m_boxW;   // width given in its column
    QVector<Size> m_item, m_col;
    QVector<QVector<double>> m_parX, m_parY;  // per Parallel: column spines from its left, top offsets
    QVector<double> m_padTop, m_padBottom;    // per Frame item
    QVector<QStringList> m_titleLines;        // per Frame item
    double m_mainWidth = 0;                   // boxes on the main line all get this width
};

DiagramLayout Layouter::run() {
    const int nUnits = int(s.units.size());
    m_out.boxes.resize(nUnits);
    m_unitW.fill(0, nUnits);
    m_boxW.fill(0, nUnits);
    for (int u = 0; u < nUnits; ++u) describeUnit(u);
    m_item.resize(s.items.size());
    m_col.resize(s.columns.size());
    m_parX.resize(s.items.size());
    m_parY.resize(s.items.size());
    m_padTop.fill(0, s.items.size());
    m_padBottom.fill(0, s.items.size());
    m_titleLines.resize(s.items.size());
    m_geo.itemTop.fill(0, s.items.size());
    m_geo.itemBottom.fill(0, s.items.size());
    m_geo.columnSpine.fill(0, s.columns.size());
    m_geo.laneBase.fill(0, s.columns.size());
    m_geo.rowGap = kRowGap;
    m_geo.bend = kBendRoom;
    m_geo.laneStep = kLaneStep;
    findMainWidth(0, true);
    measureColumn(0, true);

    double top = kMargin;
    if (!g.title.isEmpty()) {
        m_out.title = g.title;
        if (g.totalParameters > 0)
            m_out.title += QStringLiteral(" — ") + diagramParamsText(g.totalParameters);
        const QFontMetricsF tfm(f.title);
        m_out.titlePos = QPointF(kMargin, top + tfm.ascent());
        top += tfm.height() + 12;
        m_out.bounds = QRectF(kMargin, kMargin, tfm.horizontalAdvance(m_out.title), tfm.height());
    }
    placeColumn(0, kMargin + m_col[0].left, top);
    QRectF content(kMargin, top, m_col[0].left + m_col[0].right, m_col[0].height);
    m_out.bounds = m_out.bounds.united(content);
    for (int u = 0; u < nUnits; ++u) {
        const DiagramBox& b = m_out.boxes[u];
        m_out.bounds = m_out.bounds.united(b.rect);
        for (int node : s.units[u].nodes) m_out.boxOfNode.insert(g.nodes[node].id, u);
        if (s.units[u].scope >= 0) m_out.boxOfScope.insert(b.scopeId, u);
    }
    m_out.edges = routeDiagramEdges(g, s, m_geo, m_out.boxes);
    for (const DiagramEdge& e : m_out.edges) m_out.bounds = m_out.bounds.united(e.path.boundingRect());
    m_out.bounds.adjust(-kMargin, -kMargin, kMargin, kMargin);
    return std::move(m_out);
}

void Layouter::describeUnit(int unit) {
    const DiagramUnit& u = s.units[unit];
    DiagramBox& b = m_out.boxes[unit];
    for (int node : u.nodes) b.nodeIds << g.nodes[node].id;
    if (u.primary < 0) {  // a collapsed scope: title, output shape and parameter total
        const DiagramScope& scope = g.scopes[u.scope];
        const DiagramNode& last = g.nodes[u.nodes.last()];
        qint64 params = 0;
        for (int node : u.nodes) params += g.nodes[node].parameters;
        b.kind = DiagramBoxKind::Scope;
        b.scopeId = scope.id;
        b.nodeId = last.id;
        b.title = scope.title.isEmpty() ? scope.name : scope.title;
        b.subtitle = diagramShapeText(last.shape) + QStringLiteral(" · ") + diagramParamsText(params);
        const double line1 = m_small.height() + 6 + headerW(b.title);
        m_unitW[unit] = std::max(line1, smallW(b.subtitle)) + 2 * kBoxPadX;
        return;
    }
    const DiagramNode& node = g.nodes[u.primary];
    b.nodeId = node.id;
    b.type = node.type;
    b.subtitle = diagramShapeText(g.nodes[u.nodes.last()].shape);
    QStringList tagLabels;
    for (int k = 1; k < u.nodes.size(); ++k) {
        const DiagramNode& t = g.nodes[u.nodes[k]];
        DiagramTag tag;
        tag.nodeId = t.id;
        tag.type = t.type;
        tag.label =
            t.type == QLatin1String("Split") ? QStringLiteral("part %1").arg(k + 1) : diagramTagLabel(t.type);
        b.tags << tag;
        tagLabels << tag.label;
    }
    if (isDiagramMergeType(node.type)) {
        b.kind = DiagramBoxKind::Merge;
        b.mergeTags = tagLabels.join(QStringLiteral(" · "));
        b.tags.clear();  // written by the circle; clicking the merge gives the merge itself
        m_unitW[unit] = std::max(smallW(b.mergeTags), smallW(b.subtitle));
        return;
    }
    if (node.type == QLatin1String("Split") && !b.tags.isEmpty())
        b.tags.prepend(DiagramTag{node.id, node.type, QStringLiteral("part 1"), {}, {}});
    const QString detail = diagramShortDetail(node.type, node.detail);
    b.title = detail.isEmpty() ? node.type : node.type + QLatin1Char(' ') + detail;
    double line1 = textW(b.title);
    for (const DiagramTag& tag : b.tags) line1 += kChipGap + smallW(tag.label) + 2 * kChipPad;
    m_unitW[unit] = std::max(kMinBoxW, std::max(line1, smallW(b.subtitle)) + 2 * kBoxPadX);
}

// The main line is the root column and what continues it: frame contents and the spine column of groups.
// Its boxes share one width, so that the net reads as one straight column of equal boxes.
void Layouter::findMainWidth(int c, bool main) {
    for (int item : s.columns[c].items) {
        const DiagramItem& it = s.items[item];
        if (it.kind == DiagramItemKind::Unit && main && !isMerge(it.unit)) {
            m_mainWidth = std::max(m_mainWidth, m_unitW[it.unit]);
        } else if (it.kind == DiagramItemKind::Frame) {
            findMainWidth(it.inner, main);
        } else if (it.kind == DiagramItemKind::Parallel) {
            for (int k = 0; k < it.columns.size(); ++k) findMainWidth(it.columns[k], main && k == it.spine);
        }
    }
}

// Greedy word wrap to `width`; a word longer than that stands on its own line.
QStringList Layouter::wrapTitle(const QString& title, double width) {
    QStringList lines;
    QString line;
    for (const QString& word : title.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (line.isEmpty() || headerW(candidate) <= width) {
            line = candidate;
        } else {
            lines << line;
            line = word;
        }
    }
    if (!line.isEmpty() || lines.isEmpty()) lines << line;
    return lines;
}

void Layouter::measureColumn(int c, bool main) {
    const QVector<int>& items = s.columns[c].items;
    if (items.isEmpty()) {
        m_col[c] = Size{kEmptyHalf, kEmptyHalf, 0};
        return;
    }
    // Boxes of one column share a width: the spine reads as one straight line of equal boxes.
    double uniform = main ? m_mainWidth : 0;
    for (int it : items) {
        const DiagramItem& item = s.items[it];
        if (item.kind == DiagramItemKind::Unit && !isMerge(item.unit))
            uniform = std::max(uniform, m_unitW[item.unit]);
    }
    Size size;
    for (int k = 0; k < items.size(); ++k) {
        measureItem(items[k], uniform, main);
        const Size& is = m_item[items[k]];
        size.left = std::max(size.left, is.left);
        size.right = std::max(size.right, is.right);
        size.height += is.height + (k > 0 ? kRowGap : 0);
    }
    m_geo.laneBase[c] = -size.left - kLaneStep;  // relative to the spine until placed
    if (s.laneCount.value(c) > 0) size.left += s.laneCount[c] * kLaneStep + 4;
    m_col[c] = size;
}

void Layouter::measureItem(int item, double uniformWidth, bool main) {
    const DiagramItem& it = s.items[item];
    Size& size = m_item[item];
    if (it.kind == DiagramItemKind::Unit) {
        if (isMerge(it.unit)) {
            const DiagramBox& b = m_out.boxes[it.unit];
            const double label = kLabelGap + m_unitW[it.unit];
            const bool left = s.mergeSide[it.unit] > 0;
            size.left = kMergeR + (left ? label : 0);
            size.right = kMergeR + (left ? 0 : label);
            const int lines = b.mergeTags.isEmpty() ? 1 : 2;
            size.height = std::max(2 * kMergeR, lines * m_small.height());
        } else {
            m_boxW[it.unit] = std::max(uniformWidth, m_unitW[it.unit]);
            size.left = size.right = m_boxW[it.unit] / 2;
            size.height = 2 * kBoxPadY + m_text.height() + kLineGap + m_small.height();
        }
        return;
    }
    if (it.kind == DiagramItemKind::Frame) {
        measureColumn(it.inner, main);
        const QVector<int>& inner = s.columns[it.inner].items;
        const auto isGroup = [this](int i) { return s.items[i].kind == DiagramItemKind::Parallel; };
        m_padTop[item] = !inner.isEmpty() && isGroup(inner.first()) ? kBendRoom : kPadTop;
        m_padBottom[item] = !inner.isEmpty() && isGroup(inner.last()) ? kBendRoom : kPadBottom;
        const DiagramScope& scope = g.scopes[it.scope];
        const QString title = scope.title.isEmpty() ? scope.name : scope.title;
        const double handle = isDiagramCollapsible(scope.kind) ? m_small.height() + 5 : 0;
        const Size& c = m_col[it.inner];
        // Only the spine's line crosses the header: the title keeps to the left of it, on more lines when
        // the contents are narrower than the title (no more than about three).
        const double room = std::max({c.left - handle - kSpineGap, kMinTitle, headerW(title) / 3});
        m_titleLines[item] = wrapTitle(title, room);
        double titleW = 0;
        for (const QString& line : m_titleLines[item]) titleW = std::max(titleW, headerW(line));
        size.left = std::max(c.left + kSidePad, kSidePad + handle + titleW + kSpineGap);
        size.right = c.right + kSidePad;
        size.height = headerHeight(item) + m_padTop[item] + c.height + m_padBottom[item];
        return;
    }
    QVector<double>& xs = m_parX[item];
    QVector<double>& ys = m_parY[item];
    xs.clear();
    ys.clear();
    double x = 0;
    double height = 0;
    for (int k = 0; k < it.columns.size(); ++k) {
        measureColumn(it.columns[k], main && k == it.spine);
        Size& c = m_col[it.columns[k]];
        // The main line's empty column beside a side path is as wide as the boxes above and below it, so
        // that the side path stands clear of the main column.
        if (k == it.spine && c.height == 0) c.left = c.right = std::max(c.left, uniformWidth / 2);
        if (k > 0) x += kColGap;
        xs << x + c.left;
        x += c.left + c.right;
        height = std::max(height, c.height);
    }
    for (int k = 0; k < it.columns.size(); ++k) {
        // The shortcut sits low on the residual arc, next to the merge it feeds.
        const bool low = it.role == DiagramParallelRole::Residual && k != it.spine;
        ys << (low ? height - m_col[it.columns[k]].height : 0.0);
    }
    const double spine = it.spine >= 0 ? xs[it.spine] : x / 2;
    size.left = spine;
    size.right = x - spine;
    size.height = height;
}

void Layouter::placeColumn(int c, double spine, double top) {
    m_geo.columnSpine[c] = spine;
    m_geo.laneBase[c] += spine;
    double y = top;
    for (int item : s.columns[c].items) {
        placeItem(item, spine, y);
        y += m_item[item].height + kRowGap;
    }
}

void Layouter::placeItem(int item, double spine, double top) {
    const DiagramItem& it = s.items[item];
    m_geo.itemTop[item] = top;
    m_geo.itemBottom[item] = top + m_item[item].height;
    if (it.kind == DiagramItemKind::Unit) {
        placeBox(it.unit, spine, top, m_item[item].height);
    } else if (it.kind == DiagramItemKind::Frame) {
        placeFrame(item, spine, top);
    } else {
        const double left = spine - m_item[item].left;
        for (int k = 0; k < it.columns.size(); ++k)
            placeColumn(it.columns[k], left + m_parX[item][k], top + m_parY[item][k]);
    }
}

void Layouter::placeBox(int unit, double spine, double top, double height) {
    DiagramBox& b = m_out.boxes[unit];
    if (b.kind == DiagramBoxKind::Merge) {
        const double cy = top + height / 2;
        b.body = QRectF(spine - kMergeR, cy - kMergeR, 2 * kMergeR, 2 * kMergeR);
        const double w = m_unitW[unit];
        const double x =
            s.mergeSide[unit] > 0 ? spine - kMergeR - kLabelGap - w : spine + kMergeR + kLabelGap;
        const double lineH = m_small.height();
        if (b.mergeTags.isEmpty()) {
            b.subtitlePos = QPointF(x, cy - lineH / 2 + m_small.ascent());
        } else {
            b.mergeTagsPos = QPointF(x, cy - lineH + m_small.ascent());
            b.subtitlePos = QPointF(x, cy + m_small.ascent());
        }
        b.rect = b.body.united(QRectF(x, top, w, height));
        return;
    }
    const double w = m_boxW[unit];
    b.body = b.rect = QRectF(spine - w / 2, top, w, height);
    const double line1Top = top + kBoxPadY;
    const double lineH = m_text.height();
    b.subtitlePos = QPointF(spine - smallW(b.subtitle) / 2, line1Top + lineH + kLineGap + m_small.ascent());
    if (b.kind == DiagramBoxKind::Scope) {
        const double hs = m_small.height();
        const double group = hs + 6 + headerW(b.title);
        const double x = spine - group / 2;
        b.handle = QRectF(x, line1Top + (lineH - hs) / 2, hs, hs);
        b.titlePos = QPointF(x + hs + 6, line1Top + (lineH - m_header.height()) / 2 + m_header.ascent());
        return;
    }
    double group = textW(b.title);
    for (const DiagramTag& tag : b.tags) group += kChipGap + smallW(tag.label) + 2 * kChipPad;
    double x = spine - group / 2;
    b.titlePos = QPointF(x, line1Top + m_text.ascent());
    x += textW(b.title);
    const double chipH = m_small.height() + 2;
    for (DiagramTag& tag : b.tags) {
        x += kChipGap;
        tag.rect = QRectF(x, line1Top + (lineH - chipH) / 2, smallW(tag.label) + 2 * kChipPad, chipH);
        tag.textPos = QPointF(x + kChipPad, tag.rect.top() + 1 + m_small.ascent());
        x = tag.rect.right();
    }
}

void Layouter::placeFrame(int item, double spine, double top) {
    const DiagramItem& it = s.items[item];
    const DiagramScope& scope = g.scopes[it.scope];
    DiagramFrame fr;
    fr.scopeId = scope.id;
    fr.kind = s.scopeKind[it.scope];
    for (int t = s.scopeParent[it.scope]; t > 0; t = s.scopeParent[t]) ++fr.depth;
    fr.rect =
        QRectF(spine - m_item[item].left, top, m_item[item].left + m_item[item].right, m_item[item].height);
    const QString title = scope.title.isEmpty() ? scope.name : scope.title;
    fr.title = title;
    fr.titleLines = m_titleLines[item];
    fr.lineHeight = m_header.height();
    const double headerH = headerHeight(item);
    fr.header = QRectF(fr.rect.left(), top, fr.rect.width(), headerH);
    double x = fr.rect.left() + kSidePad;
    if (isDiagramCollapsible(fr.kind)) {
        const double hs = m_small.height();
        fr.handle = QRectF(x, top + 3 + (m_header.height() - hs) / 2 + 1, hs, hs);
        x += hs + 5;
    }
    fr.titlePos = QPointF(x, top + 4 + m_header.ascent());
    const double end = x + headerW(fr.titleLines.first()) + 8;
    // An unnamed group (a branch without a module of its own) carries its parent's name: not repeated.
    const int parent = s.scopeParent[it.scope];
    const bool inherited = parent >= 0 && g.scopes[parent].name == scope.name;
    if (fr.titleLines.size() == 1 && !scope.name.isEmpty() && scope.name != title && !inherited &&
        end + smallW(scope.name) <= spine - kSpineGap) {
        fr.name = scope.name;
        fr.namePos = QPointF(end, fr.titlePos.y());
    }
    m_out.frameOfScope.insert(fr.scopeId, int(m_out.frames.size()));
    m_out.frames << fr;
    placeColumn(it.inner, spine, top + headerH + m_padTop[item]);
}
}  // namespace

DiagramLayout layoutDiagram(const DiagramGraph& graph, const QSet<int>& collapsedScopeIds,
                            const DiagramFonts& fonts) {
    const DiagramStructure s = buildDiagramStructure(graph, collapsedScopeIds);
    return Layouter(graph, s, fonts).run();
}

}  // namespace convscope::widgets
