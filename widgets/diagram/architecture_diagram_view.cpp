#include "widgets/diagram/architecture_diagram_view.h"

#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "widgets/diagram/diagram_export.h"
#include "widgets/diagram/diagram_items.h"
#include "widgets/diagram/diagram_style.h"
#include "widgets/diagram/diagram_text.h"
#include "widgets/diagram/diagram_tooltips.h"
#include "widgets/diagram/diagram_value_legend.h"

namespace convscope::widgets {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kMaxZoom = 4.0;
constexpr double kMinZoom = 0.1;  // zoomOut's floor; fitToView may go further to show everything
constexpr int kClickSlop = 4;     // pixels a press may move and still be a click rather than a drag
}  // namespace

ArchitectureDiagramView::ArchitectureDiagramView(QWidget* parent)
    : QGraphicsView(parent), m_scene(new QGraphicsScene(this)) {
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::NoAnchor);  // zooming keeps the point under the mouse itself
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    setBackgroundBrush(diagramPalette::kBackground);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Architecture diagram"));
    m_data = std::make_shared<DiagramPaintData>(DiagramPaintData{DiagramLayout(), DiagramFonts(font())});
}

ArchitectureDiagramView::~ArchitectureDiagramView() = default;

const DiagramLayout& ArchitectureDiagramView::diagramLayout() const {
    return m_data->layout;
}

void ArchitectureDiagramView::setGraph(const DiagramGraph& graph) {
    m_graph = graph;
    m_index = indexDiagram(m_graph);
    m_collapsed = defaultCollapsedScopes(m_graph);
    m_selectedNode = m_selectedScope = -1;
    m_data->overlay = {};  // its values were per node of the old graph
    setAccessibleDescription(m_graph.title);
    rebuild();
    setZoom(1.0, viewport()->rect().center());
    verticalScrollBar()->setValue(verticalScrollBar()->minimum());
    Q_EMIT expansionChanged();
}

void ArchitectureDiagramView::rebuild(int anchorScope) {
    // The toggled scope stays where it was on screen, so that expanding does not lose the reader's place.
    const QRectF before = anchorScope >= 0 ? scopeRect(anchorScope) : QRectF();
    const QPointF beforeOnScreen = mapFromScene(before.topLeft());
    const DiagramFonts fonts(font());
    m_data = std::make_shared<DiagramPaintData>(
        DiagramPaintData{layoutDiagram(m_graph, m_collapsed, fonts), fonts, m_data->overlay});
    m_scene->clear();
    m_boxItems.clear();
    m_edgeItems.clear();
    m_frameItems.clear();
    const DiagramLayout& layout = m_data->layout;
    for (int i = 0; i < layout.frames.size(); ++i) {
        m_frameItems << new DiagramFrameItem(m_data, i);
        m_scene->addItem(m_frameItems.last());
    }
    for (int i = 0; i < layout.edges.size(); ++i) {
        m_edgeItems << new DiagramEdgeItem(m_data, i);
        m_scene->addItem(m_edgeItems.last());
    }
    for (int i = 0; i < layout.boxes.size(); ++i) {
        m_boxItems << new DiagramBoxItem(m_data, i);
        m_scene->addItem(m_boxItems.last());
    }
    if (!layout.title.isEmpty()) {
        auto* title = m_scene->addSimpleText(layout.title, fonts.title);
        title->setBrush(diagramPalette::kText);
        title->setPos(layout.titlePos - QPointF(0, QFontMetricsF(fonts.title).ascent()));
    }
    m_legendRect = {};
    QRectF sceneRect = layout.bounds;
    if (m_data->overlay.isActive()) {
        // At the top right, beside the title; the scene grows to hold it, so that exports carry it.
        m_legendRect =
            QRectF(QPointF(layout.bounds.right(), layout.bounds.top() + 12), diagramLegendSize(fonts));
        m_scene->addItem(new DiagramLegendItem(m_data, m_legendRect));
        sceneRect = sceneRect.united(m_legendRect.adjusted(0, -12, 16, 12));
    }
    m_scene->setSceneRect(sceneRect);
    applySelection();
    if (!before.isNull()) {
        const QRectF after = scopeRect(anchorScope);
        if (!after.isNull()) {
            const QPointF shift = mapFromScene(after.topLeft()) - beforeOnScreen;
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(shift.x())));
            verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(shift.y())));
        }
    }
}

void ArchitectureDiagramView::applySelection() {
    const DiagramLayout& layout = m_data->layout;
    int box = -1;
    int frame = -1;
    if (m_selectedNode >= 0) box = layout.boxOfNode.value(m_selectedNode, -1);
    if (m_selectedScope >= 0) {
        box = layout.boxOfScope.value(m_selectedScope, -1);
        frame = layout.frameOfScope.value(m_selectedScope, -1);
    }
    for (DiagramBoxItem* item : m_boxItems) item->setMarked(item->box() == box);
    for (DiagramFrameItem* item : m_frameItems) item->setMarked(item->frame() == frame);
    for (DiagramEdgeItem* item : m_edgeItems)
        item->setMarked(box >= 0 && (item->data().fromBox == box || item->data().toBox == box));
}

void ArchitectureDiagramView::setExpanded(const QString& scopeName, bool expanded) {
    QSet<int> next = m_collapsed;
    for (const DiagramScope& scope : m_graph.scopes) {
        if (scope.name != scopeName || !isDiagramCollapsible(scope.kind)) continue;
        if (expanded) {
            next.remove(scope.id);
        } else {
            next.insert(scope.id);
        }
    }
    if (next == m_collapsed) return;
    m_collapsed = next;
    rebuild();
    Q_EMIT expansionChanged();
}

bool ArchitectureDiagramView::isExpanded(const QString& scopeName) const {
    for (const DiagramScope& scope : m_graph.scopes)
        if (scope.name == scopeName) return isScopeExpanded(scope.id);
    return false;
}

void ArchitectureDiagramView::setScopeExpanded(int scopeId, bool expanded) {
    const int index = scopeIndex(scopeId);
    if (index < 0 || !isDiagramCollapsible(m_graph.scopes[index].kind)) return;
    if (expanded == !m_collapsed.contains(scopeId)) return;
    toggleScope(scopeId, expanded);
}

bool ArchitectureDiagramView::isScopeExpanded(int scopeId) const {
    return scopeIndex(scopeId) >= 0 && !m_collapsed.contains(scopeId);
}

void ArchitectureDiagramView::toggleScope(int scopeId, bool expanded) {
    if (expanded) {
        m_collapsed.remove(scopeId);
    } else {
        m_collapsed.insert(scopeId);
    }
    rebuild(scopeId);
    Q_EMIT expansionChanged();
}

void ArchitectureDiagramView::expandAll() {
    if (m_collapsed.isEmpty()) return;
    m_collapsed.clear();
    rebuild();
    Q_EMIT expansionChanged();
}

void ArchitectureDiagramView::collapseAll() {
    QSet<int> next;
    for (int i = 1; i < m_graph.scopes.size(); ++i)
        if (isDiagramCollapsible(m_graph.scopes[i].kind)) next.insert(m_graph.scopes[i].id);
    if (next == m_collapsed) return;
    m_collapsed = next;
    rebuild();
    Q_EMIT expansionChanged();
}

void ArchitectureDiagramView::selectNode(int nodeId) {
    const int index = m_index.nodes.value(nodeId, -1);
    if (index < 0) return;
    bool changed = false;
    for (int s = scopeIndex(m_graph.nodes[index].scope), steps = 0; s > 0 && steps < m_graph.scopes.size();
         s = scopeIndex(m_graph.scopes[s].parent), ++steps) {
        changed = m_collapsed.remove(m_graph.scopes[s].id) || changed;
    }
    m_selectedNode = nodeId;
    m_selectedScope = -1;
    if (changed) {
        rebuild();
        Q_EMIT expansionChanged();
    } else {
        applySelection();
    }
    const QRectF r = nodeBoxRect(nodeId);
    if (!r.isNull()) ensureVisible(r, 40, 40);
}

void ArchitectureDiagramView::clearSelection() {
    m_selectedNode = m_selectedScope = -1;
    applySelection();
}

QRectF ArchitectureDiagramView::nodeBoxRect(int nodeId) const {
    const int box = m_data->layout.boxOfNode.value(nodeId, -1);
    return box >= 0 ? m_data->layout.boxes[box].rect : QRectF();
}

QRectF ArchitectureDiagramView::scopeRect(int scopeId) const {
    const DiagramLayout& layout = m_data->layout;
    const int frame = layout.frameOfScope.value(scopeId, -1);
    if (frame >= 0) return layout.frames[frame].rect;
    const int box = layout.boxOfScope.value(scopeId, -1);
    return box >= 0 ? layout.boxes[box].rect : QRectF();
}

// --- Zoom

void ArchitectureDiagramView::setZoom(double zoom, const QPoint& anchor) {
    const QRectF bounds = m_scene->sceneRect();
    const QSizeF room = viewport()->size();
    double fit = kMinZoom;
    if (!bounds.isEmpty()) fit = std::min(room.width() / bounds.width(), room.height() / bounds.height());
    zoom = std::clamp(zoom, std::min(kMinZoom, fit), kMaxZoom);
    const QPointF fixed = mapToScene(anchor);
    setTransform(QTransform::fromScale(zoom, zoom));
    const QPoint shift = mapFromScene(fixed) - anchor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + shift.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + shift.y());
    if (zoom == m_zoom) return;
    m_zoom = zoom;
    Q_EMIT zoomChanged(m_zoom);
}

void ArchitectureDiagramView::zoomIn() {
    setZoom(m_zoom * kZoomStep, viewport()->rect().center());
}

void ArchitectureDiagramView::zoomOut() {
    setZoom(m_zoom / kZoomStep, viewport()->rect().center());
}

void ArchitectureDiagramView::resetZoom() {
    setZoom(1.0, viewport()->rect().center());
}

void ArchitectureDiagramView::fitToView() {
    const QRectF bounds = m_scene->sceneRect();
    if (bounds.isEmpty()) return;
    fitInView(bounds, Qt::KeepAspectRatio);
    const double zoom = transform().m11();
    if (zoom == m_zoom) return;
    m_zoom = zoom;
    Q_EMIT zoomChanged(m_zoom);
}

void ArchitectureDiagramView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        setZoom(m_zoom * std::pow(1.0015, event->angleDelta().y()), event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void ArchitectureDiagramView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus ||
        event->key() == Qt::Key_Equal) {
        zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
        zoomOut();
    } else if (event->key() == Qt::Key_0) {
        resetZoom();
    } else if (event->key() == Qt::Key_F) {
        fitToView();
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

// --- Mouse

void ArchitectureDiagramView::mousePressEvent(QMouseEvent* event) {
    m_pressed = event->button() == Qt::LeftButton;
    m_pressPos = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void ArchitectureDiagramView::mouseReleaseEvent(QMouseEvent* event) {
    QGraphicsView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    if (m_pressed && event->button() == Qt::LeftButton && (pos - m_pressPos).manhattanLength() <= kClickSlop)
        click(pos);
    m_pressed = false;
}

void ArchitectureDiagramView::click(const QPoint& viewportPos) {
    const QPointF p = mapToScene(viewportPos);
    if (DiagramBoxItem* box = diagramBoxAt(m_scene, p)) {
        const DiagramBox& b = box->data();
        if (b.kind == DiagramBoxKind::Scope) {
            if (box->handleAt(p)) {
                toggleScope(b.scopeId, true);
                return;
            }
            m_selectedScope = b.scopeId;
            m_selectedNode = -1;
            applySelection();
            Q_EMIT scopeActivated(b.scopeId);
            return;
        }
        m_selectedNode = box->nodeAt(p);
        m_selectedScope = -1;
        applySelection();
        Q_EMIT nodeActivated(m_selectedNode);
        return;
    }
    if (DiagramFrameItem* frame = diagramFrameAt(m_scene, p, true)) {
        if (frame->handleAt(p)) {
            toggleScope(frame->data().scopeId, false);
            return;
        }
        m_selectedScope = frame->data().scopeId;
        m_selectedNode = -1;
        applySelection();
        Q_EMIT scopeActivated(m_selectedScope);
        return;
    }
    clearSelection();
}

void ArchitectureDiagramView::mouseDoubleClickEvent(QMouseEvent* event) {
    const QPointF p = mapToScene(event->position().toPoint());
    m_pressed = false;
    if (DiagramBoxItem* box = diagramBoxAt(m_scene, p)) {
        if (box->data().kind == DiagramBoxKind::Scope) toggleScope(box->data().scopeId, true);
        event->accept();
        return;
    }
    // Anywhere inside an expanded stage or block (not on a box) collapses the innermost one.
    for (QGraphicsItem* item : m_scene->items(p)) {
        if (item->type() != DiagramFrameItem::Type) continue;
        const DiagramFrame& f = static_cast<DiagramFrameItem*>(item)->data();
        if (!f.rect.contains(p) || !isDiagramCollapsible(f.kind)) continue;
        toggleScope(f.scopeId, false);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

// --- Tooltips

bool ArchitectureDiagramView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void ArchitectureDiagramView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::FontChange) rebuild();
}

// --- Export

QImage ArchitectureDiagramView::renderDiagram(double scale) const {
    return renderDiagramImage(m_scene, m_scene->sceneRect(), scale);
}

bool ArchitectureDiagramView::exportSvg(const QString& path, QString* error) const {
    const QString title = m_graph.title.isEmpty() ? tr("Architecture diagram") : m_graph.title;
    return saveDiagramSvg(m_scene, m_scene->sceneRect(), title, path, error);
}

bool ArchitectureDiagramView::exportPng(const QString& path, QString* error) const {
    return saveDiagramPng(m_scene, m_scene->sceneRect(), path, error);
}

}  // namespace convscope::widgets
