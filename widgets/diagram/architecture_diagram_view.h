#pragma once

#include <QGraphicsView>
#include <QImage>
#include <QSet>
#include <QVector>
#include <memory>

#include "widgets/diagram/diagram_graph.h"
#include "widgets/diagram/diagram_layout.h"
#include "widgets/diagram/diagram_tooltips.h"
#include "widgets/diagram/diagram_value_overlay.h"

namespace convscope::widgets {

class DiagramBoxItem;
class DiagramEdgeItem;
class DiagramFrameItem;
class DiagramLegendItem;
struct DiagramPaintData;

/// A CNN's architecture drawn top to bottom as in papers: one box per operation (normalisation and
/// activations folded in as tags), rounded frames for stages, blocks and branches, branches side by side,
/// residual arcs on the left, squeeze-and-excitation on the right. Stages and blocks collapse into one box.
///
/// Clicking a box (or one of its tags) emits nodeActivated, clicking a collapsed scope or a frame's title
/// emits scopeActivated; both mark the item as selected. Double-click or the +/− handle expands and
/// collapses. Ctrl+wheel and + / − / 0 zoom (keys too, because some platforms bind no standard zoom
/// shortcut), dragging pans. Hovering shows what a box or an edge carries.
class ArchitectureDiagramView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ArchitectureDiagramView(QWidget* parent = nullptr);
    ~ArchitectureDiagramView() override;

    /// Shows `graph` at zoom 1 from the top, blocks collapsed when it has more than 60 nodes (see
    /// defaultCollapsedScopes), nothing selected.
    void setGraph(const DiagramGraph& graph);
    const DiagramGraph& graph() const { return m_graph; }
    /// What is drawn now, in scene coordinates.
    const DiagramLayout& diagramLayout() const;

    /// By dotted name ("layer1.0"); every stage or block with that name. Unknown names are ignored.
    void setExpanded(const QString& scopeName, bool expanded);
    bool isExpanded(const QString& scopeName) const;
    void setScopeExpanded(int scopeId, bool expanded);
    bool isScopeExpanded(int scopeId) const;
    QSet<int> collapsedScopes() const { return m_collapsed; }

    int selectedNode() const { return m_selectedNode; }    ///< -1 when none
    int selectedScope() const { return m_selectedScope; }  ///< -1 when none
    double zoom() const { return m_zoom; }

    /// Scene rectangle of the box showing `nodeId` (its collapsed scope's box when hidden); null if none.
    QRectF nodeBoxRect(int nodeId) const;
    /// Scene rectangle of a scope: its frame when expanded, its box when collapsed; null if not drawn.
    QRectF scopeRect(int scopeId) const;
    /// What the tooltip at a viewport position says; empty where there is nothing to explain.
    QString toolTipAt(const QPoint& viewportPos) const;
    /// The whole diagram painted at `scale` on white.
    QImage renderDiagram(double scale = 1.0) const;

    /// Colours the boxes by a value per node (see DiagramValueOverlay: log colour scale, a collapsed scope
    /// shows its nodes' combined norm, nodes without a value stay grey), adds the colour scale at the
    /// diagram's top right (kept in a corner of the view while it is scrolled away; exports include it)
    /// and a line to the tooltips. Kept while scopes fold and unfold; a new graph clears it.
    void setNodeValues(const DiagramNodeValues& values);
    void clearNodeValues();
    bool hasNodeValues() const;
    const DiagramValueOverlay& nodeValues() const;
    /// Where the legend is in the scene; null without values.
    QRectF legendRect() const { return m_legendRect; }

    bool exportSvg(const QString& path, QString* error = nullptr) const;
    /// The whole diagram at twice its size (less for diagrams too large for one picture).
    bool exportPng(const QString& path, QString* error = nullptr) const;

    QSize sizeHint() const override { return {520, 720}; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();
    void resetZoom();
    void expandAll();
    void collapseAll();
    /// Selects the box showing `nodeId`, expanding the scopes that hide it, and scrolls to it. No signal.
    void selectNode(int nodeId);
    void clearSelection();

Q_SIGNALS:
    void nodeActivated(int nodeId);
    void scopeActivated(int scopeId);
    void expansionChanged();
    void zoomChanged(double zoom);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild(int anchorScope = -1);
    void applySelection();
    void setZoom(double zoom, const QPoint& anchor);
    void toggleScope(int scopeId, bool expanded);
    void click(const QPoint& viewportPos);
    int scopeIndex(int scopeId) const { return m_index.scopes.value(scopeId, -1); }

    QGraphicsScene* m_scene;
    DiagramGraph m_graph;
    DiagramIndex m_index;
    QSet<int> m_collapsed;
    std::shared_ptr<DiagramPaintData> m_data;
    QVector<DiagramBoxItem*> m_boxItems;
    QVector<DiagramEdgeItem*> m_edgeItems;
    QVector<DiagramFrameItem*> m_frameItems;
    QRectF m_legendRect;
    int m_selectedNode = -1;
    int m_selectedScope = -1;
    double m_zoom = 1.0;
    QPoint m_pressPos;
    bool m_pressed = false;
};

}  // namespace convscope::widgets
