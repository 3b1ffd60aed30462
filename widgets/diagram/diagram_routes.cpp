#include "widgets/diagram/diagram_routes.h"

#include <QLineF>
#include <algorithm>
#include <cmath>

namespace convscope::widgets {

namespace {
constexpr double kCorner = 6;

class Router {
public:
    Router(const DiagramGraph& graph, const DiagramStructure& s, const DiagramGeometry& geo,
           const QVector<DiagramBox>& boxes)
        : g(graph), s(s), geo(geo), boxes(boxes) {}

    DiagramEdge route(int link);

private:
    int itemAt(const QPair<int, int>& level) const { return s.columns[level.first].items[level.second]; }
    bool isGroup(int item) const { return s.items[item].kind == DiagramItemKind::Parallel; }
    void moveTo(QPointF p) {
        m_path.moveTo(p);
        m_cur = p;
    }
    void lineTo(double x, double y) {
        if (QLineF(m_cur, QPointF(x, y)).length() < 0.01) return;
        m_path.lineTo(x, y);
        m_cur = QPointF(x, y);
    }
    // Down to y, then an S with vertical ends to (x, y + bend): how a line moves to a neighbouring column.
    void bendTo(double x, double y, double height) {
        lineTo(m_cur.x(), y);
        if (std::abs(x - m_cur.x()) < 0.5) {
            lineTo(m_cur.x(), y + height);
            return;
        }
        const double mid = y + height / 2;
        m_path.cubicTo(QPointF(m_cur.x(), mid), QPointF(x, mid), QPointF(x, y + height));
        m_cur = QPointF(x, y + height);
    }
    // Down to y, across to x and on down, with rounded corners: the residual arc and the skip lanes.
    void elbow(double y, double x) {
        const double dx = x - m_cur.x();
        if (std::abs(dx) < 0.5) return;
        const double r = std::min(kCorner, std::abs(dx) / 2);
        const double sx = dx > 0 ? 1 : -1;
        lineTo(m_cur.x(), y - r);
        m_path.quadTo(QPointF(m_cur.x(), y), QPointF(m_cur.x() + sx * r, y));
        m_path.lineTo(x - sx * r, y);
        m_path.quadTo(QPointF(x, y), QPointF(x, y + r));
        m_cur = QPointF(x, y + r);
    }
    // Down to y, then sideways into x: a line that ends in the side of a box or merge circle.
    void cornerInto(double y, double x) {
        const double dx = x - m_cur.x();
        const double r = std::min(kCorner, std::abs(dx) / 2);
        const double sx = dx > 0 ? 1 : -1;
        lineTo(m_cur.x(), y - r);
        m_path.quadTo(QPointF(m_cur.x(), y), QPointF(m_cur.x() + sx * r, y));
        m_cur = QPointF(m_cur.x() + sx * r, y);
        lineTo(x, y);
        m_dir = QPointF(sx, 0);
    }
    void intoSide(int unit) {
        const QRectF body = boxes[unit].body;
        const bool fromLeft = m_cur.x() < body.center().x();
        cornerInto(body.center().y(), fromLeft ? body.left() : body.right());
    }
    // Fans out into the columns on the way down to `unit`, from path level `from` to its end.
    void descend(const QVector<QPair<int, int>>& pv, int from, int unit) {
        for (int k = from; k + 1 < pv.size(); ++k) {
            const int item = itemAt(pv[k]);
            if (!isGroup(item)) continue;
            bendTo(geo.columnSpine[pv[k + 1].first], geo.itemTop[item] - geo.bend, geo.bend);
        }
        const QRectF body = boxes[unit].body;
        lineTo(m_cur.x(), body.top());
        m_dir = QPointF(0, 1);
    }
    void direct(int from, int to) {
        const QRectF a = boxes[from].body;
        const QRectF b = boxes[to].body;
        const QPointF p0 = b.top() >= a.bottom() ? QPointF(a.center().x(), a.bottom()) : a.center();
        const QPointF p1 = b.top() >= a.bottom() ? QPointF(b.center().x(), b.top()) : b.center();
        moveTo(p0);
        lineTo(p1.x(), p1.y());
        const QLineF line(p0, p1);
        m_dir =
            line.length() > 0 ? QPointF(line.dx() / line.length(), line.dy() / line.length()) : QPointF(0, 1);
    }

    const DiagramGraph& g;
    const DiagramStructure& s;
    const DiagramGeometry& geo;
    const QVector<DiagramBox>& boxes;
    QPainterPath m_path;
    QPointF m_cur;
    QPointF m_dir{0, 1};
};

DiagramEdge Router::route(int linkIndex) {
    const DiagramLink& link = s.links[linkIndex];
    const DiagramRoute& r = s.routes[linkIndex];
    DiagramEdge e;
    e.fromBox = link.from;
    e.toBox = link.to;
    e.fromNode = g.nodes[link.fromNode].id;
    e.toNode = g.nodes[link.toNode].id;
    e.kind = r.kind;
    e.shape = g.nodes[link.fromNode].shape;
    m_path = QPainterPath();
    m_dir = QPointF(0, 1);
    const QVector<QPair<int, int>> pu = s.pathOf(link.from);
    const QVector<QPair<int, int>> pv = s.pathOf(link.to);
    int l = 0;
    while (l < pu.size() && pu[l].first != r.column) ++l;
    if (r.kind == DiagramRouteKind::Direct || l >= pu.size() || l >= pv.size()) {
        direct(link.from, link.to);
    } else {
        const QRectF src = boxes[link.from].body;
        moveTo(QPointF(src.center().x(), src.bottom()));
        bool done = false;
        // Out of the columns the source sits in, back to the spine of the common column.
        for (int k = int(pu.size()) - 2; r.fromExit && k >= l && !done; --k) {
            const int item = itemAt(pu[k]);
            if (!isGroup(item)) continue;
            if (r.sideEntry && r.kind == DiagramRouteKind::Flow && k == l) {
                intoSide(link.to);
                done = true;
            } else {
                bendTo(geo.columnSpine[pu[k].first], geo.itemBottom[item], geo.bend);
            }
        }
        if (!done && r.kind == DiagramRouteKind::Flow) {
            descend(pv, l, link.to);
        } else if (!done && r.kind == DiagramRouteKind::Pass) {
            const DiagramItem& pass = s.items[r.passItem];
            int kp = l;
            while (kp < pv.size() && pv[kp].first != pass.column) ++kp;
            for (int k = l; k < kp; ++k) {
                const int item = itemAt(pv[k]);
                if (isGroup(item))
                    bendTo(geo.columnSpine[pv[k + 1].first], geo.itemTop[item] - geo.bend, geo.bend);
            }
            double xe = geo.columnSpine[pass.column];
            for (int c : pass.columns)
                if (s.columns[c].items.isEmpty()) {
                    xe = geo.columnSpine[c];
                    break;
                }
            elbow(geo.itemTop[r.passItem] - geo.bend / 2, xe);
            lineTo(m_cur.x(), geo.itemBottom[r.passItem]);
            if (r.sideEntry) {
                intoSide(link.to);
            } else {
                bendTo(geo.columnSpine[pass.column], geo.itemBottom[r.passItem], geo.bend);
                descend(pv, kp, link.to);
            }
        } else if (!done) {  // Skip: along a lane left of the common column, into the target's left side
            const double below = r.fromExit ? geo.itemBottom[itemAt(pu[l])] : src.bottom();
            const double y = std::max(below + geo.rowGap / 2, m_cur.y() + kCorner);
            elbow(y, geo.laneBase[r.column] - r.lane * geo.laneStep);
            const QRectF body = boxes[link.to].body;
            cornerInto(std::max(body.center().y(), m_cur.y() + kCorner), body.left());
        }
    }
    e.path = m_path;
    e.tip = m_cur;
    e.direction = m_dir;
    return e;
}
}  // namespace

QVector<DiagramEdge> routeDiagramEdges(const DiagramGraph& graph, const DiagramStructure& s,
                                       const DiagramGeometry& geometry, const QVector<DiagramBox>& boxes) {
    QVector<DiagramEdge> edges;
    edges.reserve(s.links.size());
    Router router(graph, s, geometry, boxes);
    for (int i = 0; i < s.links.size(); ++i) edges << router.route(i);
    return edges;
}

}  // namespace convscope::widgets
